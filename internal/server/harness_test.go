package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// testServer runs a Server on a loopback port for one test.
type testServer struct {
	addr string
	hub  *stream.Hub
	srv  *Server
}

func startServer(t testing.TB, cfg Config, hubCfg stream.Config) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() && cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	hub := stream.NewHub(hubCfg)
	srv := New(cfg, hub)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		hub.Close()
	})
	return &testServer{addr: ln.Addr().String(), hub: hub, srv: srv}
}

// rawClient speaks RTMP with the protocol packages only, so tests see every
// message the server sends, in order.
type rawClient struct {
	t  *testing.T
	nc net.Conn
	r  *chunk.Reader
	w  *chunk.Writer
}

func dialRaw(t *testing.T, addr string) *rawClient {
	t.Helper()
	nc, br := dialHandshaken(t, addr)
	return &rawClient{t: t, nc: nc, r: chunk.NewReader(br, chunk.ReaderConfig{}), w: chunk.NewWriter()}
}

// dialHandshaken connects to addr and completes the handshake; the
// connection is closed when the test ends, and whatever the server sent
// after its handshake is in the returned reader.
func dialHandshaken(t testing.TB, addr string) (*net.TCPConn, *bufio.Reader) {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(30 * time.Second))
	br := bufio.NewReader(nc)
	if _, err := handshake.Client(struct {
		io.Reader
		io.Writer
	}{br, nc}, handshake.ClientConfig{}); err != nil {
		t.Fatal(err)
	}
	return nc.(*net.TCPConn), br
}

func (c *rawClient) send(m message.Message, streamID, ts uint32) {
	c.t.Helper()
	if _, err := c.nc.Write(c.encode(m, streamID, ts)); err != nil {
		c.t.Fatal(err)
	}
}

// encode chunks m as send would send it, without sending it.
func (c *rawClient) encode(m message.Message, streamID, ts uint32) []byte {
	c.t.Helper()
	cm, err := message.Marshal(m, streamID, ts)
	if err != nil {
		c.t.Fatal(err)
	}
	b, err := c.w.AppendMessage(nil, cm)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}

func (c *rawClient) call(name string, txID float64, streamID uint32, obj amf.Value, args ...amf.Value) {
	c.t.Helper()
	c.send(message.Command{Name: name, TransactionID: txID, Object: obj, Args: args}, streamID, 0)
}

// next returns the next message, applying Set Chunk Size.
func (c *rawClient) next() (message.Message, *chunk.Message) {
	c.t.Helper()
	m, cm, err := c.read()
	if err != nil {
		c.t.Fatal(err)
	}
	return m, cm
}

func (c *rawClient) read() (message.Message, *chunk.Message, error) {
	cm, err := c.r.ReadMessage()
	if err != nil {
		return nil, nil, err
	}
	m, err := message.Parse(cm, amf.Limits{})
	if err != nil {
		return nil, nil, fmt.Errorf("parse %d: %w", cm.TypeID, err)
	}
	if sc, ok := m.(message.SetChunkSize); ok {
		if err := c.r.SetChunkSize(sc.Size); err != nil {
			return nil, nil, err
		}
	}
	return m, cm, nil
}

// connect sends connect and reads through onBWDone.
func (c *rawClient) connect(app string) {
	c.t.Helper()
	c.call("connect", 1, 0, amf.Object{{Key: "app", Value: app}, {Key: "tcUrl", Value: "rtmp://127.0.0.1/" + app}})
	for {
		m, _ := c.next()
		if cmd, ok := m.(message.Command); ok && cmd.Name == "onBWDone" {
			return
		}
	}
}

// createStream returns the new stream id.
func (c *rawClient) createStream() uint32 {
	c.t.Helper()
	c.call("createStream", 2, 0, nil)
	for {
		m, _ := c.next()
		if cmd, ok := m.(message.Command); ok && cmd.Name == "_result" && cmd.TransactionID == 2 {
			id, _ := cmd.Args[0].(float64)
			return uint32(id)
		}
	}
}

// status reads until an onStatus and returns its code.
func (c *rawClient) status() string {
	c.t.Helper()
	for {
		m, _ := c.next()
		if cmd, ok := m.(message.Command); ok && cmd.Name == "onStatus" {
			code, _ := amf.GetString(arg0(cmd), "code")
			return code
		}
	}
}

func arg0(cmd message.Command) amf.Value {
	if len(cmd.Args) == 0 {
		return nil
	}
	return cmd.Args[0]
}

// publish connects, creates a stream and publishes name; it returns the
// stream id.
func (c *rawClient) publish(app, name string) uint32 {
	c.t.Helper()
	c.connect(app)
	id := c.createStream()
	c.call("publish", 3, id, nil, name, "live")
	if code := c.status(); code != "NetStream.Publish.Start" {
		c.t.Fatalf("publish %s: %s", name, code)
	}
	return id
}

func (c *rawClient) sendTag(id uint32, tag flv.Tag) {
	c.t.Helper()
	c.send(tagMedia(tag), id, tag.Timestamp)
}

func tagMedia(tag flv.Tag) message.Media {
	return message.Media{TypeID: message.Type(tag.Type), Payload: tag.Data}
}

func testHubConfig() stream.Config { return stream.Config{} }

func keyOf(app, name string) stream.Key { return stream.Key{App: app, Name: name} }

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func amfString(v amf.Value, key string) (string, bool) { return amf.GetString(v, key) }
