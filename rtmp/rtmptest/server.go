package rtmptest

import (
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// IOTimeout bounds each read and write of a Conn, so that a script waiting
// for a client that went away ends on its own.
const IOTimeout = 10 * time.Second

// Server is a scripted RTMP server on a loopback port: each accepted
// connection runs the script given to NewServer in a goroutine of its
// own. It closes itself, its connections and waits for its scripts when
// the test ends.
type Server struct {
	Addr string // host:port listened on

	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns map[net.Conn]bool
}

// NewServer starts a Server running script on every connection.
func NewServer(t testing.TB, script func(c *Conn)) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln, conns: map[net.Conn]bool{}}
	s.wg.Go(func() { s.serve(script) })
	t.Cleanup(s.Close)
	return s
}

// URL returns rtmp://Addr/path.
func (s *Server) URL(path string) string { return "rtmp://" + s.Addr + "/" + path }

func (s *Server) serve(script func(c *Conn)) {
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		s.conns[nc] = true
		s.mu.Unlock()
		s.wg.Go(func() {
			defer func() {
				nc.Close()
				s.mu.Lock()
				delete(s.conns, nc)
				s.mu.Unlock()
			}()
			script(NewConn(nc))
		})
	}
}

// Close stops listening, closes every connection and waits for the
// scripts to return.
func (s *Server) Close() {
	s.ln.Close()
	s.mu.Lock()
	for nc := range s.conns {
		nc.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Conn is the server side of one connection, with helpers to speak the
// protocol correctly or not. Its methods return errors rather than fail
// the test, since a script runs outside the test's goroutine.
type Conn struct {
	NC net.Conn
	R  *chunk.Reader
	W  *chunk.Writer
	// AMF bounds the decoding of the client's commands.
	AMF amf.Limits
}

// NewConn wraps a network connection.
func NewConn(nc net.Conn) *Conn {
	return &Conn{NC: nc, R: chunk.NewReader(nc, chunk.ReaderConfig{}), W: chunk.NewWriter()}
}

// Handshake runs the server handshake.
func (c *Conn) Handshake(cfg handshake.ServerConfig) (handshake.Result, error) {
	c.NC.SetDeadline(time.Now().Add(IOTimeout))
	return handshake.Server(c.NC, cfg)
}

// Write writes raw bytes.
func (c *Conn) Write(b []byte) error {
	c.NC.SetWriteDeadline(time.Now().Add(IOTimeout))
	_, err := c.NC.Write(b)
	return err
}

// Send chunks m with the Conn's Writer and writes it.
func (c *Conn) Send(m message.Message, streamID, timestamp uint32) error {
	cm, err := message.Marshal(m, streamID, timestamp)
	if err != nil {
		return err
	}
	return c.SendChunk(cm)
}

// SendChunk chunks a raw message with the Conn's Writer and writes it.
func (c *Conn) SendChunk(cm *chunk.Message) error {
	b, err := c.W.AppendMessage(nil, cm)
	if err != nil {
		return err
	}
	return c.Write(b)
}

// SendTag sends an audio, video or script data tag as a media or data
// message on a stream.
func (c *Conn) SendTag(streamID uint32, t flv.Tag) error {
	typ := message.Type(t.Type)
	return c.SendChunk(&chunk.Message{ChunkStreamID: message.ChunkStreamFor(typ, streamID), TypeID: uint8(typ),
		StreamID: streamID, Timestamp: t.Timestamp, Payload: t.Data})
}

// SetChunkSize announces n and switches the Writer to it.
func (c *Conn) SetChunkSize(n uint32) error {
	if err := c.Send(message.SetChunkSize{Size: n}, 0, 0); err != nil {
		return err
	}
	return c.W.SetChunkSize(n)
}

// ReadMessage reads the client's next message, applying its Set Chunk
// Size.
func (c *Conn) ReadMessage() (*chunk.Message, error) {
	for {
		c.NC.SetReadDeadline(time.Now().Add(IOTimeout))
		m, err := c.R.ReadMessage()
		if err != nil {
			return nil, err
		}
		if message.Type(m.TypeID) != message.TypeSetChunkSize {
			return m, nil
		}
		sc, err := message.ParseSetChunkSize(m.Payload)
		if err != nil {
			return nil, err
		}
		if err := c.R.SetChunkSize(sc.Size); err != nil {
			return nil, err
		}
	}
}

// ReadCommand reads until the client's next command and returns it with
// the message stream it came on.
func (c *Conn) ReadCommand() (message.Command, uint32, error) {
	for {
		m, err := c.ReadMessage()
		if err != nil {
			return message.Command{}, 0, err
		}
		t := message.Type(m.TypeID)
		if t != message.TypeCommandAMF0 && t != message.TypeCommandAMF3 {
			continue
		}
		cmd, err := message.ParseCommand(m.Payload, t == message.TypeCommandAMF3, c.AMF)
		return cmd, m.StreamID, err
	}
}

// Expect reads until the command named name and returns it.
func (c *Conn) Expect(name string) (message.Command, uint32, error) {
	for {
		cmd, streamID, err := c.ReadCommand()
		if err != nil || cmd.Name == name {
			return cmd, streamID, err
		}
	}
}

// Result answers a call with _result.
func (c *Conn) Result(tx float64, object amf.Value, args ...amf.Value) error {
	return c.Send(message.Command{Name: "_result", TransactionID: tx, Object: object, Args: args}, 0, 0)
}

// Status sends onStatus on a stream.
func (c *Conn) Status(streamID uint32, level, code, description string) error {
	info := amf.Object{{Key: "level", Value: level}, {Key: "code", Value: code}, {Key: "description", Value: description}}
	return c.Send(message.Command{Name: "onStatus", Args: []amf.Value{info}}, streamID, 0)
}

// AcceptConnect runs the handshake, reads connect and answers it the way
// Flash Media Server does: Window Acknowledgement Size, Set Peer
// Bandwidth, StreamBegin 0, then _result with NetConnection.Connect.Success.
func (c *Conn) AcceptConnect() (message.Command, error) {
	if _, err := c.Handshake(handshake.ServerConfig{}); err != nil {
		return message.Command{}, fmt.Errorf("handshake: %w", err)
	}
	cmd, _, err := c.Expect("connect")
	if err != nil {
		return cmd, err
	}
	msgs := []message.Message{
		message.WindowAckSize{Size: 2_500_000},
		message.SetPeerBandwidth{Size: 2_500_000, Limit: message.LimitDynamic},
		message.StreamBegin(0),
	}
	for _, m := range msgs {
		if err := c.Send(m, 0, 0); err != nil {
			return cmd, err
		}
	}
	info := amf.Object{{Key: "level", Value: "status"}, {Key: "code", Value: "NetConnection.Connect.Success"},
		{Key: "description", Value: "Connection succeeded."}, {Key: "objectEncoding", Value: float64(0)}}
	return cmd, c.Result(cmd.TransactionID, amf.Object{{Key: "fmsVer", Value: "FMS/3,5,7,7009"}}, info)
}

// AcceptStream answers createStream with stream id 1 and returns the next
// command (play or publish) with its arguments.
func (c *Conn) AcceptStream() (message.Command, error) {
	cs, _, err := c.Expect("createStream")
	if err != nil {
		return cs, err
	}
	if err := c.Result(cs.TransactionID, nil, float64(1)); err != nil {
		return cs, err
	}
	for {
		cmd, _, err := c.ReadCommand()
		if err != nil || cmd.Name == "play" || cmd.Name == "publish" {
			return cmd, err
		}
	}
}

// Drain reads and discards until the client closes the connection or
// IOTimeout passes without a message, so that closing does not reset a
// connection whose last bytes the client has not read yet.
func (c *Conn) Drain() {
	for {
		if _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}
