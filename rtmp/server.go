package rtmp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// ServerConfig configures the server side of a connection. The zero value
// works.
type ServerConfig struct {
	Config
	// Version is the server version sent in S1 and fmsVer; default
	// handshake's server default and "FMS/3,5,7,7009" (what ffmpeg and
	// Flash-era clients expect to see).
	FMSVersion string
	Handshake  handshake.ServerConfig
}

// Errors of the server side.
var (
	// ErrNotConnect means the first command was not connect.
	ErrNotConnect = errors.New("rtmp: first command is not connect")
	// ErrTooManyStreams means the peer asked for more NetStreams than MaxStreams.
	ErrTooManyStreams = errors.New("rtmp: too many streams on one connection")
)

// ServerConn is the server side of one RTMP connection. Its methods that
// read must be called from one goroutine; those that write may be called
// from any.
type ServerConn struct {
	c       *conn
	cfg     ServerConfig
	connect *ConnectRequest
	streams map[uint32]bool // NetStream ids created with createStream
	nextID  uint32
	pending []Request // requests decoded ahead, such as an aggregate's media
	// amf3 is set when connect came as an AMF3 command (type 17): commands
	// to this client go out as type 17 too (Blackmagic encoders and some
	// Flash-era tools send type 17; each side reads what it sends).
	amf3 bool
}

// NewServerConn wraps an accepted network connection.
func NewServerConn(nc net.Conn, cfg ServerConfig) *ServerConn {
	if cfg.FMSVersion == "" {
		cfg.FMSVersion = "FMS/3,5,7,7009"
	}
	c := newConn(nc, cfg.Config)
	cfg.Config = c.cfg
	return &ServerConn{c: c, cfg: cfg, streams: map[uint32]bool{}, nextID: 1}
}

// RemoteAddr is the peer's address.
func (s *ServerConn) RemoteAddr() net.Addr { return s.c.nc.RemoteAddr() }

// Close closes the connection; a blocked ReadRequest returns.
func (s *ServerConn) Close() error { return s.c.close() }

// Handshake performs the server handshake (RTMP 1.0 §5.2). The caller's
// context and HandshakeTimeout bound it together with ReadConnect.
func (s *ServerConn) Handshake(ctx context.Context) (handshake.Result, error) {
	deadline := time.Now().Add(s.cfg.HandshakeTimeout)
	s.c.setDeadline(deadline)
	// The same deadline bounds every read until connect is accepted, so
	// pings or other control messages cannot stretch it.
	s.c.readDeadline = deadline
	s.c.watch(ctx)
	res, err := handshake.Server(handshakeRW{s.c}, s.cfg.Handshake)
	if err != nil {
		return res, ctxErr(ctx, fmt.Errorf("rtmp: handshake: %w", err))
	}
	return res, nil
}

// ConnectRequest is the client's connect command (RTMP 1.0 §7.2.1.1).
type ConnectRequest struct {
	TransactionID  float64
	App            string // the application, without a query string
	Query          string // the query string of the app or tcUrl, without '?'
	TCURL          string
	FlashVer       string
	SWFURL         string
	PageURL        string
	ObjectEncoding float64  // 0 (AMF0) or 3 (AMF3), echoed in the answer
	FourCCList     []string // Enhanced RTMP: codecs the client supports
	Object         amf.Value
	Args           []amf.Value
}

// ReadConnect reads until the connect command. Protocol control messages
// before it are applied; anything else first is ErrNotConnect.
func (s *ServerConn) ReadConnect(ctx context.Context) (*ConnectRequest, error) {
	cm, err := s.c.readRaw(ctx)
	if err != nil {
		return nil, err
	}
	if t := message.Type(cm.TypeID); t != message.TypeCommandAMF0 && t != message.TypeCommandAMF3 {
		return nil, fmt.Errorf("%w: got a %v message", ErrNotConnect, t)
	}
	cmd, err := message.ParseCommand(cm.Payload, cm.TypeID == uint8(message.TypeCommandAMF3), s.cfg.AMF)
	if err != nil {
		err = fmt.Errorf("rtmp: connect: %w", err)
		s.refuse(0, CodeConnectRejected, err)
		return nil, err
	}
	if cmd.Name != "connect" {
		err := fmt.Errorf("%w: got %q", ErrNotConnect, cmd.Name)
		s.refuse(cmd.TransactionID, CodeConnectRejected, err)
		return nil, err
	}
	s.amf3 = cmd.AMF3
	return parseConnect(cmd), nil
}

func parseConnect(cmd message.Command) *ConnectRequest {
	req := &ConnectRequest{TransactionID: cmd.TransactionID, Object: cmd.Object, Args: cmd.Args}
	app, _ := amf.GetString(cmd.Object, "app")
	req.App, req.Query, _ = strings.Cut(app, "?")
	req.TCURL, _ = amf.GetString(cmd.Object, "tcUrl")
	if req.Query == "" {
		_, req.Query, _ = strings.Cut(req.TCURL, "?")
	}
	req.FlashVer, _ = amf.GetString(cmd.Object, "flashVer")
	req.SWFURL, _ = amf.GetString(cmd.Object, "swfUrl")
	req.PageURL, _ = amf.GetString(cmd.Object, "pageUrl")
	req.ObjectEncoding, _ = amf.GetNumber(cmd.Object, "objectEncoding")
	if list, ok := amf.Lookup(cmd.Object, "fourCcList"); ok {
		req.FourCCList = stringList(list)
	}
	return req
}

// stringList returns the strings of an AMF0 strict array or AMF3 array.
func stringList(v amf.Value) []string {
	var items []amf.Value
	switch a := v.(type) {
	case amf.StrictArray:
		items = a
	case amf.Array:
		items = a.Dense
	}
	var out []string
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// AcceptConnect answers connect: Window Acknowledgement Size, Set Peer
// Bandwidth, User Control StreamBegin(0), the _result with
// NetConnection.Connect.Success, then onBWDone (what FMS sends; some
// Flash-era clients wait for it). The deadline set by Handshake is lifted.
func (s *ServerConn) AcceptConnect(req *ConnectRequest) error {
	s.connect = req
	msgs := []message.Message{
		message.WindowAckSize{Size: s.cfg.WindowAckSize},
		message.SetPeerBandwidth{Size: s.cfg.PeerBandwidth, Limit: message.LimitDynamic},
		message.StreamBegin(0),
		message.Command{
			Name:          "_result",
			TransactionID: req.TransactionID,
			Object:        s.connectProperties(req),
			Args:          []amf.Value{s.connectInfo(req)},
		},
		message.Command{Name: "onBWDone", TransactionID: 0, Args: []amf.Value{float64(8192)}},
	}
	for _, m := range msgs {
		if cmd, ok := m.(message.Command); ok {
			cmd.AMF3 = s.amf3
			m = cmd
		}
		if err := s.c.writeMessage(m, 0, 0); err != nil {
			return err
		}
	}
	s.c.setDeadline(time.Time{})
	s.c.readDeadline = time.Time{}
	s.c.releaseBuffers()
	return nil
}

// Enhanced RTMP v2 capability values ("Enhancing NetConnection connect
// Command"): FourCcInfoMask bits of videoFourCcInfoMap/audioFourCcInfoMap,
// and CapsExMask bits of capsEx.
const (
	fourCCCanForward = 0x04
	capsExMultitrack = 0x02
	capsExModEx      = 0x04
	capsExNanoOffset = 0x08
)

// connectProperties is the properties object of a successful connect.
// An Enhanced RTMP client's capabilities are answered there, as the
// Enhanced RTMP specification asks: a relaying server forwards any codec,
// so fourCcList is echoed, each FourCC info map becomes {"*": CanForward},
// and capsEx announces multitrack, ModEx and nanosecond offsets (all
// passed through untouched). Reconnect requests are not sent, so that bit
// stays clear. Legacy clients see the classic FMS properties only.
func (s *ServerConn) connectProperties(req *ConnectRequest) amf.Object {
	props := amf.Object{
		{Key: "fmsVer", Value: s.cfg.FMSVersion},
		{Key: "capabilities", Value: float64(31)},
		{Key: "mode", Value: float64(1)},
	}
	if list, ok := amf.Lookup(req.Object, "fourCcList"); ok {
		props = append(props, amf.Property{Key: "fourCcList", Value: list})
	}
	for _, key := range []string{"videoFourCcInfoMap", "audioFourCcInfoMap"} {
		if _, ok := amf.Lookup(req.Object, key); ok {
			props = append(props, amf.Property{Key: key, Value: amf.Object{{Key: "*", Value: float64(fourCCCanForward)}}})
		}
	}
	if _, ok := amf.Lookup(req.Object, "capsEx"); ok {
		props = append(props, amf.Property{Key: "capsEx", Value: float64(capsExMultitrack | capsExModEx | capsExNanoOffset)})
	}
	return props
}

// connectInfo is the info object of a successful connect, with the
// client's objectEncoding echoed.
func (s *ServerConn) connectInfo(req *ConnectRequest) amf.Object {
	info := statusOK(CodeConnectSuccess, "Connection succeeded.", "").object()
	return append(info, amf.Property{Key: "objectEncoding", Value: req.ObjectEncoding})
}

// RejectConnect answers connect with _error NetConnection.Connect.Rejected
// and the description given; the caller then closes the connection.
func (s *ServerConn) RejectConnect(req *ConnectRequest, description string) error {
	return s.sendError(req.TransactionID, CodeConnectRejected, description)
}

// sendError answers a call with _error and an info object.
func (s *ServerConn) sendError(transactionID float64, code, description string) error {
	return s.sendCommand(0, message.Command{
		Name:          "_error",
		TransactionID: transactionID,
		Args:          []amf.Value{statusErr(code, description, "").object()},
	})
}

// refuse tells the peer why the connection is about to close, when the
// protocol still allows an answer. The write's own failure is moot: the
// connection closes either way.
func (s *ServerConn) refuse(transactionID float64, code string, why error) {
	s.sendError(transactionID, code, why.Error())
}

// Connect is the accepted connect request, or nil.
func (s *ServerConn) Connect() *ConnectRequest { return s.connect }
