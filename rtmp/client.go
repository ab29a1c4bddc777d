package rtmp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// Connect defaults of the client, the values ffmpeg sends (libavformat's
// rtmpproto.c), so that servers see a client they know.
const (
	// FlashVerPlay is the flashVer of a playing client: Flash Player 9 on
	// Linux, what ffmpeg and rtmpdump claim.
	FlashVerPlay = "LNX 9,0,124,2"
	// FlashVerPublish is the flashVer of a publishing client: Flash Media
	// Live Encoder, which some servers check to recognise an encoder.
	FlashVerPublish = "FMLE/3.0 (compatible; FMSc/1.0)"
)

// DefaultFourCCList is the Enhanced RTMP fourCcList sent in connect: every
// codec package flv knows. The client relays media without decoding it, so
// it can receive and send them all.
var DefaultFourCCList = []string{"av01", "vp09", "vp08", "hvc1", "avc1", "Opus", "fLaC", "ac-3", "ec-3", "mp4a", ".mp3"}

// Errors of the client side.
var (
	// ErrServerClosed means the server closed the connection while the
	// client waited for it.
	ErrServerClosed = errors.New("rtmp: the server closed the connection")
	// ErrProtocol means the server broke the protocol in a way the client
	// cannot work around (a createStream answer without a stream id, ...).
	ErrProtocol = errors.New("rtmp: protocol violation by the server")
)

// ClientOptions configures Dial. The zero value connects as a player, the
// way ffmpeg does, with the defaults of Config.
type ClientOptions struct {
	// Config holds the limits and timeouts shared with the server side.
	// HandshakeTimeout (default 10 s) bounds each step that waits for the
	// server: TCP connect, handshake, connect, createStream, play, publish.
	Config

	// Publish connects as an encoder does: flashVer FlashVerPublish,
	// type "nonprivate" and no player capabilities. Set it when the
	// connection will publish.
	Publish bool

	// Overrides of what the URL gives, as rtmpdump's --app, --playpath,
	// --tcUrl, --pageUrl, --swfUrl and --flashVer. Empty means the URL's
	// value (App, PlayPath, TCURL), none (PageURL, SWFURL), or the
	// default for the direction (FlashVer).
	App, PlayPath, TCURL, PageURL, SWFURL, FlashVer string

	// FourCCList is the Enhanced RTMP codec list sent in connect. Nil
	// means DefaultFourCCList; an empty non-nil list sends none.
	FourCCList []string

	// Handshake configures the handshake; the zero value sends a digest
	// C1 like ffmpeg.
	Handshake handshake.ClientConfig

	// TLSConfig is used for rtmps:// URLs. Nil means a default
	// configuration; an empty ServerName is set from the URL's host.
	TLSConfig *tls.Config

	// DialContext opens the network connection. Nil means net.Dialer.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)

	// Trace, when set, is called with each step of the connection as it
	// happens, from the goroutine doing it (while publishing, that is both
	// the writer and the stream's reading goroutine); see TraceEvent. It
	// must not call the connection's methods.
	Trace func(TraceEvent)
}

// ConnectResult is what the server answered to connect.
type ConnectResult struct {
	Handshake  handshake.Result
	Properties amf.Value // the _result's properties object: fmsVer, capabilities, mode
	Info       Status    // its information object: NetConnection.Connect.Success, ...
	InfoObject amf.Value // the information object as sent (objectEncoding, data, fourCcList...)
}

// ClientConn is the client side of one RTMP connection, connected to an
// application. It carries one stream: call Play or Publish once.
//
// Dial, Play and the PlayStream's methods read from the connection and
// must be called from one goroutine; a PublishStream reads in a goroutine
// of its own.
type ClientConn struct {
	c      *conn
	opts   ClientOptions
	url    *URL
	start  time.Time
	result ConnectResult
	nextTx float64
	// pending holds the sub-messages of an aggregate after the first.
	pending []inbound
	// badCommand is why the last command that could not be decoded was
	// skipped, for the error of a step that then times out.
	badCommand error
	reader     chan struct{} // closed when a PublishStream's reading goroutine ends; nil without one
}

// Dial connects to rawURL: TCP (TLS for rtmps://), the handshake, then
// connect with the URL's application. ctx bounds the whole of it;
// cancelling ctx after Dial returns has no effect on the connection.
//
// A rejected connect is a *StatusError; a server that does not answer a
// step within HandshakeTimeout is an error wrapping os.ErrDeadlineExceeded.
func Dial(ctx context.Context, rawURL string, opts ClientOptions) (*ClientConn, error) {
	start := time.Now()
	u, err := resolveURL(rawURL, opts)
	if err != nil {
		return nil, err
	}
	opts.Config = opts.Config.withDefaults()
	nc, err := dialNet(ctx, u, opts, start)
	if err != nil {
		return nil, err
	}
	cc := &ClientConn{c: newConn(nc, opts.Config), opts: opts, url: u, start: start}
	cc.installTrace()
	if err := cc.handshake(ctx); err != nil {
		cc.c.close()
		return nil, err
	}
	if err := cc.connect(ctx); err != nil {
		cc.c.close()
		return nil, err
	}
	cc.c.unwatch()
	return cc, nil
}

// resolveURL parses rawURL and applies the overrides of opts.
func resolveURL(rawURL string, opts ClientOptions) (*URL, error) {
	u, err := parseURL(rawURL, opts.App != "")
	if err != nil {
		return nil, err
	}
	if opts.App != "" {
		u.App = opts.App
		u.TCURL = u.tcURL(u.App)
	}
	if opts.PlayPath != "" {
		u.Stream = opts.PlayPath
	}
	if opts.TCURL != "" {
		u.TCURL = opts.TCURL
	}
	return u, nil
}

// dialNet opens the TCP connection, and TLS over it for rtmps://.
func dialNet(ctx context.Context, u *URL, opts ClientOptions, start time.Time) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.HandshakeTimeout)
	defer cancel()
	dial := opts.DialContext
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	nc, err := dial(ctx, "tcp", u.Addr())
	if err != nil {
		return nil, fmt.Errorf("rtmp: dial %s: %w", u.Addr(), err)
	}
	trace(opts.Trace, TraceEvent{Kind: TraceConnected, Elapsed: time.Since(start), Addr: nc.RemoteAddr().String()})
	if u.Scheme != "rtmps" {
		return nc, nil
	}
	cfg := opts.TLSConfig.Clone()
	if cfg == nil {
		cfg = &tls.Config{}
	}
	if cfg.ServerName == "" {
		cfg.ServerName = u.Host
	}
	tc := tls.Client(nc, cfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		nc.Close()
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = ErrServerClosed // crypto/tls reports a peer hanging up as a bare io.EOF
		}
		return nil, fmt.Errorf("rtmp: tls handshake with %s: %w", u.Addr(), err)
	}
	trace(opts.Trace, TraceEvent{Kind: TraceTLSDone, Elapsed: time.Since(start), Addr: nc.RemoteAddr().String()})
	return tc, nil
}

// URL is the URL connected to, with the overrides of ClientOptions
// applied.
func (cc *ClientConn) URL() *URL { return cc.url }

// Result is what the server answered to the handshake and to connect.
func (cc *ClientConn) Result() ConnectResult { return cc.result }

// RemoteAddr is the server's address.
func (cc *ClientConn) RemoteAddr() net.Addr { return cc.c.nc.RemoteAddr() }

// Close closes the connection without a goodbye; PlayStream.Close and
// PublishStream.Close end their stream properly first.
func (cc *ClientConn) Close() error {
	err := cc.c.close()
	if cc.reader != nil {
		<-cc.reader
	}
	return err
}

// call sends a command on streamID with the next transaction id, which it
// returns.
func (cc *ClientConn) call(streamID uint32, name string, object amf.Value, args ...amf.Value) (float64, error) {
	cc.nextTx++
	tx := cc.nextTx
	err := cc.c.writeMessage(message.Command{Name: name, TransactionID: tx, Object: object, Args: args}, streamID, 0)
	if err != nil {
		return 0, fmt.Errorf("rtmp: %s: %w", name, err)
	}
	return tx, nil
}

// await reads from the server until handle reports done or fails, for at
// most HandshakeTimeout: a server that never answers cannot hold a step
// longer, even while it sends other messages.
func (cc *ClientConn) await(ctx context.Context, step string, handle func(in *inbound) (bool, error)) error {
	cc.c.readDeadline = time.Now().Add(cc.opts.HandshakeTimeout)
	defer func() { cc.c.readDeadline = time.Time{} }()
	for {
		in, err := cc.readInbound(ctx)
		if err != nil {
			return cc.stepError(ctx, step, err)
		}
		done, err := handle(&in)
		if err != nil || done {
			return err
		}
	}
}

// stepError explains why a step's read failed.
func (cc *ClientConn) stepError(ctx context.Context, step string, err error) error {
	switch {
	case ctx.Err() != nil:
		return &stepErr{step, err}
	case errors.Is(err, os.ErrDeadlineExceeded) && cc.badCommand != nil:
		return fmt.Errorf("rtmp: %s: no answer from the server within %v (a command it sent was unreadable: %v): %w",
			step, cc.opts.HandshakeTimeout, cc.badCommand, os.ErrDeadlineExceeded)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("rtmp: %s: no answer from the server within %v: %w", step, cc.opts.HandshakeTimeout, os.ErrDeadlineExceeded)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &stepErr{step, ErrServerClosed}
	}
	return &stepErr{step, err}
}

// stepErr names the step an error of the layers below happened in, without
// repeating their "rtmp: " prefix.
type stepErr struct {
	step string
	err  error
}

func (e *stepErr) Error() string {
	msg := strings.TrimPrefix(e.err.Error(), "rtmp: ")
	return "rtmp: " + e.step + ": " + strings.TrimPrefix(msg, e.step+": ")
}

func (e *stepErr) Unwrap() error { return e.err }
