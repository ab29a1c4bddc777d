package rtmp_test

import (
	"net"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/fuzztest"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// FuzzClientSession has a server complete the handshake and then send
// arbitrary bytes, to a client that plays or publishes (the seeds are the
// server's side of whole conversations). Invariants: the client never
// panics, and returns an error within its deadlines once the server has
// closed its side.
func FuzzClientSession(f *testing.F) {
	inputs := make(chan []byte, 1) // each connection's: the client dials once per input
	srv := rtmptest.NewServer(f, func(c *rtmptest.Conn) {
		var input []byte
		select {
		case input = <-inputs:
		case <-time.After(rtmptest.IOTimeout): // not a connection of the fuzz body's
			return
		}
		if _, err := c.Handshake(handshake.ServerConfig{}); err != nil {
			return
		}
		c.Write(input)
		c.NC.(*net.TCPConn).CloseWrite()
		c.Drain() // until the client closes
	})
	f.Fuzz(func(t *testing.T, publish bool, in []byte) {
		inputs <- in
		opts := rtmp.ClientOptions{Publish: publish,
			Config: rtmp.Config{HandshakeTimeout: hostileTimeout, ReadTimeout: hostileTimeout}}
		start := time.Now()
		err := dialAndRun(srv.URL("app/stream"), opts)
		if err == nil {
			t.Fatal("no error after the server closed")
		}
		// Each step (TCP, handshake, connect, createStream, play or
		// publish) may use its timeout once.
		if limit := 5*hostileTimeout + 5*time.Second; time.Since(start) > limit {
			t.Fatalf("returned after %v, more than %v: %v", time.Since(start), limit, err)
		}
	})
}

// TestFuzzSeedsCommitted keeps FuzzClientSession's seed corpus, the
// server's side of a playback and of a publication after the handshake,
// in step with what rtmptest sends (run with -write-seeds to rewrite it).
func TestFuzzSeedsCommitted(t *testing.T) {
	var seeds []fuzztest.Seed
	for name, publish := range map[string]bool{"play": false, "publish": true} {
		seeds = append(seeds, fuzztest.Seed{Name: name, Args: []any{publish, recordServer(t, publish)}})
	}
	fuzztest.Sync(t, "FuzzClientSession", seeds)
}

// recordServer runs a conversation with a client that plays or publishes,
// and returns what the server sent after its handshake.
func recordServer(t *testing.T, publish bool) []byte {
	var rec recordingConn
	srv := rtmptest.NewServer(t, func(c *rtmptest.Conn) {
		rec.Conn = c.NC
		c = rtmptest.NewConn(&rec)
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		if _, err := c.AcceptStream(); err != nil {
			return
		}
		if publish {
			c.Status(1, "status", "NetStream.Publish.Start", "publishing")
			c.Send(message.Acknowledgement{SequenceNumber: 4096}, 0, 0)
			c.Send(message.PingRequest(9), 0, 0)
			c.Status(1, "status", "NetStream.Publish.BadName", "taken over")
		} else {
			c.Send(message.StreamBegin(1), 0, 0)
			c.Status(1, "status", "NetStream.Play.Reset", "reset")
			c.Status(1, "status", "NetStream.Play.Start", "playing")
			c.Send(message.Data{Values: []amf.Value{"onMetaData", amf.ECMAArray{{Key: "width", Value: 320.0}}}}, 1, 0)
			c.SendTag(1, flv.Tag{Type: flv.TagAudio, Data: []byte{0xaf, 0x00, 0x12, 0x10}})
			c.SendTag(1, flv.Tag{Type: flv.TagVideo, Data: avcKeyframe})
			c.Send(message.UserControl{Event: message.EventStreamEOF, StreamID: 1}, 0, 0)
		}
		rec.Conn.(*net.TCPConn).CloseWrite()
		c.Drain()
	})
	opts := rtmp.ClientOptions{Publish: publish, Config: rtmp.Config{ReadTimeout: time.Second}}
	dialAndRun(srv.URL("app/stream"), opts)
	srv.Close()                         // returns after the script: rec is ours again
	return rec.out[1+2*handshake.Size:] // S0, S1, S2
}

// recordingConn keeps a copy of what is written to it.
type recordingConn struct {
	net.Conn
	out []byte
}

func (c *recordingConn) Write(b []byte) (int, error) {
	c.out = append(c.out, b...)
	return c.Conn.Write(b)
}
