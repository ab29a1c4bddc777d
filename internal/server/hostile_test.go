package server

import (
	"errors"
	"io"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// sendRaw sends one chunk message with an arbitrary payload.
func (c *rawClient) sendRaw(csid uint32, typ message.Type, streamID uint32, payload []byte) {
	c.t.Helper()
	b, err := c.w.AppendMessage(nil, &chunk.Message{ChunkStreamID: csid, TypeID: uint8(typ), StreamID: streamID, Payload: payload})
	if err != nil {
		c.t.Fatal(err)
	}
	c.nc.Write(b)
}

// deepAMF is a command whose object nests 10000 levels: AMF0 objects
// each holding the next under key "a".
func deepAMF() []byte {
	b, _ := amf.AppendAMF0(nil, "connect")
	b, _ = amf.AppendAMF0(b, 1.0)
	for range 10000 {
		b = append(b, 0x03, 0x00, 0x01, 'a') // object marker, key "a"
	}
	return b
}

// TestHostileClients: malformed input gets a clear answer where the
// protocol allows and closes only its own connection; a live stream on
// the same server plays on undisturbed.
func TestHostileClients(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	pid := pub.publish("live", "calm")
	pub.sendTag(pid, avcFrame(0, true, 0))
	player := dialRaw(t, ts.addr)
	player.play("live", "calm")
	player.nextMedia()

	cases := []struct {
		name      string
		connect   bool // connect first
		send      func(c *rawClient)
		wantError bool // an _error comes before the close
	}{
		{"deep AMF connect", false, func(c *rawClient) { c.sendRaw(3, message.TypeCommandAMF0, 0, deepAMF()) }, true},
		{"not connect first", false, func(c *rawClient) { c.call("play", 1, 0, nil, "x") }, true},
		{"deep AMF command", true, func(c *rawClient) { c.sendRaw(3, message.TypeCommandAMF0, 0, deepAMF()) }, true},
		{"short set chunk size", true, func(c *rawClient) { c.sendRaw(2, message.TypeSetChunkSize, 0, []byte{0, 0, 1}) }, false},
		{"short window ack size", true, func(c *rawClient) { c.sendRaw(2, message.TypeWindowAckSize, 0, []byte{1}) }, false},
		{"zero chunk size", true, func(c *rawClient) { c.sendRaw(2, message.TypeSetChunkSize, 0, []byte{0, 0, 0, 0}) }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := dialRaw(t, ts.addr)
			if tc.connect {
				c.connect("live")
			}
			tc.send(c)
			gotError := false
			c.nc.SetReadDeadline(time.Now().Add(10 * time.Second))
			for {
				m, _, err := c.read()
				if err != nil {
					if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
						t.Fatalf("want the server to close, got %v", err)
					}
					break
				}
				if cmd, ok := m.(message.Command); ok && cmd.Name == "_error" {
					gotError = true
				}
			}
			if gotError != tc.wantError {
				t.Errorf("_error before close: %v, want %v", gotError, tc.wantError)
			}
		})
	}
	// The live stream is untouched.
	pub.sendTag(pid, avcFrame(40, false, 1))
	if m, _ := player.nextMedia(); m.Payload[len(m.Payload)-1] != 1 {
		t.Fatalf("player got % x", m.Payload)
	}
}
