package rtmp_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// hostileTimeout is the client's step timeout in these tests: short, so a
// server that never answers costs little.
const hostileTimeout = 300 * time.Millisecond

// handshakeThenConnect runs the handshake and reads connect, leaving the
// answer to the script.
func handshakeThenConnect(c *rtmptest.Conn) (message.Command, error) {
	if _, err := c.Handshake(handshake.ServerConfig{}); err != nil {
		return message.Command{}, err
	}
	cmd, _, err := c.Expect("connect")
	return cmd, err
}

// silentAfterConnect reads connect, runs send, then reads without
// answering until the client goes.
func silentAfterConnect(send func(c *rtmptest.Conn) error) func(*rtmptest.Conn) {
	return func(c *rtmptest.Conn) {
		if _, err := handshakeThenConnect(c); err != nil {
			return
		}
		if send(c) == nil {
			c.Drain()
		}
	}
}

// nested returns an AMF0 object nested depth deep: {"a": {"a": ...}}.
func nested(depth int) []byte {
	var b []byte
	for range depth {
		b = append(b, 0x03, 0x00, 0x01, 'a') // object marker, key "a"
	}
	b = append(b, 0x05) // null
	for range depth {
		b = append(b, 0x00, 0x00, 0x09) // object end
	}
	return b
}

// rawCommand is a command payload whose first argument is raw AMF0 bytes.
func rawCommand(name string, tx float64, arg []byte) []byte {
	b, _ := amf.AppendAMF0(nil, name)
	b, _ = amf.AppendAMF0(b, tx)
	b = append(b, 0x05) // null command object
	return append(b, arg...)
}

// hugeHeader is a type 0 chunk header on chunk stream 6 declaring a video
// message of the largest length the wire allows (RTMP 1.0 §5.3.1.2.1).
var hugeHeader = []byte{
	0x06,             // fmt 0, chunk stream 6
	0x00, 0x00, 0x00, // timestamp
	0xFF, 0xFF, 0xFF, // message length 16 MiB - 1
	0x09,                   // video
	0x01, 0x00, 0x00, 0x00, // message stream id 1, little-endian
}

var hostileCases = []struct {
	name   string
	script func(c *rtmptest.Conn)
	opts   func(o *rtmp.ClientOptions)
	want   error  // errors.Is target, or nil to match text only
	text   string // substring of the error
}{
	{name: "silent before the handshake",
		script: func(c *rtmptest.Conn) { io.Copy(io.Discard, c.NC) },
		want:   os.ErrDeadlineExceeded, text: "handshake"},
	{name: "silent after S0 S1",
		script: func(c *rtmptest.Conn) {
			s0s1 := make([]byte, 1+handshake.Size)
			s0s1[0] = handshake.VersionPlain
			c.Write(s0s1)
			io.Copy(io.Discard, c.NC)
		},
		want: os.ErrDeadlineExceeded, text: "handshake"},
	{name: "encrypted RTMP version in S0",
		script: func(c *rtmptest.Conn) { c.Write(append([]byte{6}, make([]byte, handshake.Size*2)...)) },
		want:   handshake.ErrEncrypted},
	{name: "an HTTP server",
		script: func(c *rtmptest.Conn) { c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n")) },
		want:   handshake.ErrVersion},
	{name: "never answers connect",
		script: silentAfterConnect(func(*rtmptest.Conn) error { return nil }),
		want:   os.ErrDeadlineExceeded, text: "connect: no answer"},
	{name: "pings forever instead of answering",
		script: func(c *rtmptest.Conn) {
			if _, err := handshakeThenConnect(c); err != nil {
				return
			}
			for i := uint32(0); c.Send(message.PingRequest(i), 0, 0) == nil; i++ {
				time.Sleep(time.Millisecond)
			}
		},
		want: os.ErrDeadlineExceeded, text: "connect: no answer"},
	{name: "closes instead of answering",
		script: func(c *rtmptest.Conn) { handshakeThenConnect(c) },
		want:   rtmp.ErrServerClosed},
	{name: "chunk size zero",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			return c.SendChunk(&chunk.Message{ChunkStreamID: 2, TypeID: 1, Payload: []byte{0, 0, 0, 0}})
		}),
		want: message.ErrInvalid, text: "chunk size"},
	{name: "set chunk size shorter than 4 bytes",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			return c.SendChunk(&chunk.Message{ChunkStreamID: 2, TypeID: 1, Payload: []byte{0, 0}})
		}),
		want: message.ErrShort},
	{name: "window ack size shorter than 4 bytes",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			return c.SendChunk(&chunk.Message{ChunkStreamID: 2, TypeID: 5, Payload: []byte{1}})
		}),
		want: message.ErrShort},
	{name: "huge chunk size, then a huge message that never completes",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			if err := c.SetChunkSize(message.MaxChunkSize); err != nil {
				return err
			}
			return c.Write(append(hugeHeader, make([]byte, 100)...))
		}),
		want: os.ErrDeadlineExceeded},
	{name: "declared length over the client's limit",
		script: silentAfterConnect(func(c *rtmptest.Conn) error { return c.Write(hugeHeader) }),
		opts:   func(o *rtmp.ClientOptions) { o.Chunk.MaxMessageSize = 1 << 20 },
		want:   chunk.ErrMessageTooLarge},
	{name: "partial messages on many chunk streams",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			for csid := byte(3); csid < 63; csid++ {
				h := append([]byte{csid}, hugeHeader[1:]...)
				if err := c.Write(append(h, make([]byte, 128)...)); err != nil {
					return err
				}
			}
			return nil
		}),
		want: chunk.ErrTooManyChunkStreams},
	{name: "deeply nested AMF in the answer",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			return c.SendChunk(&chunk.Message{ChunkStreamID: 3, TypeID: 20, Payload: rawCommand("_result", 1, nested(100_000))})
		}),
		want: os.ErrDeadlineExceeded, text: "unreadable"},
	{name: "string longer than the payload",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			return c.SendChunk(&chunk.Message{ChunkStreamID: 3, TypeID: 20, Payload: rawCommand("_result", 1, []byte{0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 'x'})})
		}),
		want: os.ErrDeadlineExceeded, text: "unreadable"},
	{name: "bad aggregate",
		script: silentAfterConnect(func(c *rtmptest.Conn) error {
			return c.SendChunk(&chunk.Message{ChunkStreamID: 6, TypeID: 22, StreamID: 1, Payload: []byte{9, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0}})
		}),
		want: message.ErrShort, text: "aggregate"},
	{name: "createStream answered with a string",
		script: func(c *rtmptest.Conn) {
			if _, err := c.AcceptConnect(); err != nil {
				return
			}
			cs, _, err := c.Expect("createStream")
			if err == nil && c.Result(cs.TransactionID, nil, "one") == nil {
				c.Drain()
			}
		},
		want: rtmp.ErrProtocol},
	{name: "silent after play",
		script: func(c *rtmptest.Conn) {
			if _, err := c.AcceptConnect(); err != nil {
				return
			}
			if _, err := c.AcceptStream(); err == nil {
				c.Drain()
			}
		},
		want: os.ErrDeadlineExceeded, text: "play: no answer"},
}

// TestHostileServers: whatever a server sends, the client returns a clear
// error within its deadlines, and never panics or hangs.
func TestHostileServers(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			srv := rtmptest.NewServer(t, tc.script)
			opts := rtmp.ClientOptions{Config: rtmp.Config{HandshakeTimeout: hostileTimeout, ReadTimeout: hostileTimeout}}
			if tc.opts != nil {
				tc.opts(&opts)
			}
			start := time.Now()
			err := dialAndRun(srv.URL("app/stream"), opts)
			elapsed := time.Since(start)
			if err == nil {
				t.Fatal("no error")
			}
			t.Logf("%v: %v", elapsed.Round(time.Millisecond), err)
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %q is not %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.text) {
				t.Errorf("error %q does not say %q", err, tc.text)
			}
			// Each of the steps (TCP, handshake, connect, createStream,
			// play) may use its timeout once.
			if limit := 5*hostileTimeout + time.Second; elapsed > limit {
				t.Errorf("took %v, more than %v", elapsed, limit)
			}
		})
	}
}

// dialAndRun connects, then plays until the first error, or, with
// opts.Publish, publishes and sends video until the first error.
func dialAndRun(url string, opts rtmp.ClientOptions) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cc, err := rtmp.Dial(ctx, url, opts)
	if err != nil {
		return err
	}
	defer cc.Close()
	if opts.Publish {
		return publishUntilError(ctx, cc)
	}
	ps, err := cc.Play(ctx, rtmp.PlayOptions{})
	if err != nil {
		return err
	}
	for {
		if _, err := ps.ReadTag(ctx); err != nil {
			return err
		}
	}
}

// avcKeyframe is an AVC keyframe tag body: frame type 1 | codec 7, NALU
// packet type 1, composition time 0, one 1-byte IDR NAL unit.
var avcKeyframe = []byte{0x17, 0x01, 0, 0, 0, 0, 0, 0, 1, 0x65}

// publishUntilError publishes and sends a keyframe every 5 ms until the
// first error; the server's messages are read meanwhile.
func publishUntilError(ctx context.Context, cc *rtmp.ClientConn) error {
	ps, err := cc.Publish(ctx, "stream", rtmp.PublishOptions{})
	if err != nil {
		return err
	}
	defer ps.Close()
	video := flv.Tag{Type: flv.TagVideo, Data: avcKeyframe}
	for i := uint32(0); ; i++ {
		video.Timestamp = i * 40
		if err := ps.WriteTag(video); err != nil {
			return err
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestUnknownStreamsIgnored: messages on streams the client never created
// are ignored, on the way to a normal playback.
func TestUnknownStreamsIgnored(t *testing.T) {
	video := []byte{0x17, 1, 0, 0, 0, 0xAA}
	srv := rtmptest.NewServer(t, func(c *rtmptest.Conn) {
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		c.Send(message.WindowAckSize{Size: 1}, 0, 0) // an acknowledgement per message
		c.Send(message.Media{TypeID: message.TypeVideo, Payload: []byte{1, 2, 3}}, 77, 0)
		c.Status(99, rtmp.LevelError, rtmp.CodePlayFailed, "not yours")
		c.Send(message.StreamEOF(55), 0, 0)
		c.Send(message.Abort{ChunkStreamID: 40}, 0, 0)
		if _, err := c.AcceptStream(); err != nil {
			return
		}
		c.Status(1, rtmp.LevelStatus, rtmp.CodePlayStart, "go")
		c.Send(message.Media{TypeID: message.TypeVideo, Payload: []byte{9, 9}}, 5, 10)
		c.Status(3, rtmp.LevelError, rtmp.CodePlayFailed, "not yours either")
		c.Send(message.Media{TypeID: message.TypeVideo, Payload: video}, 1, 20)
		c.Send(message.StreamEOF(1), 0, 0)
		c.Drain()
	})
	ctx := testContext(t)
	cc, err := rtmp.Dial(ctx, srv.URL("app/s"), rtmp.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	ps, err := cc.Play(ctx, rtmp.PlayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tag, err := ps.ReadTag(ctx)
	if err != nil || tag.Type != flv.TagVideo || tag.Timestamp != 20 || !bytes.Equal(tag.Data, video) {
		t.Fatalf("got %+v, %v; want the one video tag on stream 1", tag, err)
	}
	if _, err := ps.ReadTag(ctx); !errors.Is(err, io.EOF) {
		t.Fatalf("after the tag: %v, want io.EOF", err)
	}
}

// TestPublishServerError: an error status during publication ends it, and
// WriteTag says why.
func TestPublishServerError(t *testing.T) {
	srv := rtmptest.NewServer(t, func(c *rtmptest.Conn) {
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		if _, err := c.AcceptStream(); err != nil {
			return
		}
		c.Status(1, rtmp.LevelStatus, rtmp.CodePublishStart, "go")
		c.ReadMessage() // the first tag
		c.Status(1, rtmp.LevelError, rtmp.CodePublishDenied, "quota exceeded")
		c.Drain()
	})
	ctx := testContext(t)
	cc, err := rtmp.Dial(ctx, srv.URL("app/s"), rtmp.ClientOptions{Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := cc.Publish(ctx, "", rtmp.PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		err = ps.WriteTag(flv.Tag{Type: flv.TagAudio, Data: []byte{0xAF, 1, 0}})
		if err != nil {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	var se *rtmp.StatusError
	if !errors.As(err, &se) || se.Status.Code != rtmp.CodePublishDenied {
		t.Fatalf("WriteTag: %v, want the Denied status", err)
	}
}
