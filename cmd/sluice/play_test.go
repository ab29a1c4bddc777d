package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/testprog"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// testTags is a small stream: metadata, sequence headers, then 25 video
// and 25 audio frames 40 ms apart, starting at a large timestamp as live
// servers send them.
func testTags() []flv.Tag {
	meta := []byte{0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a',
		0x08, 0, 0, 0, 2, // ECMA array, 2 entries
		0x00, 0x0C, 'v', 'i', 'd', 'e', 'o', 'c', 'o', 'd', 'e', 'c', 'i', 'd', 0x00, 0x40, 0x1C, 0, 0, 0, 0, 0, 0, // videocodecid: 7
		0x00, 0x0C, 'a', 'u', 'd', 'i', 'o', 'c', 'o', 'd', 'e', 'c', 'i', 'd', 0x00, 0x40, 0x24, 0, 0, 0, 0, 0, 0, // audiocodecid: 10
		0x00, 0x00, 0x09} // object end
	const base = 100_000
	tags := []flv.Tag{
		{Type: flv.TagScript, Data: meta},
		{Type: flv.TagVideo, Timestamp: base, Data: []byte{0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F}},
		{Type: flv.TagAudio, Timestamp: base, Data: []byte{0xAF, 0, 0x12, 0x10}},
	}
	for i := range 25 {
		ts := uint32(base + i*40)
		frame := byte(0x27)
		if i == 0 {
			frame = 0x17
		}
		tags = append(tags,
			flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: []byte{frame, 1, 0, 0, 0, byte(i)}},
			flv.Tag{Type: flv.TagAudio, Timestamp: ts, Data: []byte{0xAF, 1, byte(i)}})
	}
	return tags
}

// playScript serves tags to a player, then ends the stream with Stream
// EOF; recorded marks the stream recorded, so that its end is final.
func playScript(tags []flv.Tag, recorded bool) func(*rtmptest.Conn) {
	return func(c *rtmptest.Conn) {
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		cmd, err := c.AcceptStream()
		if err != nil || cmd.Name != "play" {
			return
		}
		if recorded {
			c.Send(message.StreamIsRecorded(1), 0, 0)
		}
		c.Send(message.StreamBegin(1), 0, 0)
		c.Status(1, rtmp.LevelStatus, rtmp.CodePlayStart, "go")
		for _, t := range tags {
			c.SendTag(1, t)
		}
		c.Send(message.StreamEOF(1), 0, 0)
		c.Drain()
	}
}

// rejectPlayScript answers play with an error status.
func rejectPlayScript(code string) func(*rtmptest.Conn) {
	return func(c *rtmptest.Conn) {
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		if _, err := c.AcceptStream(); err != nil {
			return
		}
		c.Status(1, rtmp.LevelError, code, "no")
		c.Drain()
	}
}

// rejectConnectScript answers connect with _error.
func rejectConnectScript(c *rtmptest.Conn) {
	if _, err := c.Handshake(handshake.ServerConfig{}); err != nil {
		return
	}
	cmd, _, err := c.Expect("connect")
	if err != nil {
		return
	}
	info := amf.Object{{Key: "level", Value: rtmp.LevelError}, {Key: "code", Value: rtmp.CodeConnectRejected}, {Key: "description", Value: "bad key"}}
	c.Send(message.Command{Name: "_error", TransactionID: cmd.TransactionID, Args: []amf.Value{info}}, 0, 0)
	c.Drain()
}

// runCmd runs a command function with captured output.
func runCmd(ctx context.Context, run func(context.Context, []string, io.Writer, io.Writer) int, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestPlayWritesFLV(t *testing.T) {
	tags := testTags()
	srv := rtmptest.NewServer(t, playScript(tags, true))
	out := filepath.Join(t.TempDir(), "out.flv")
	code, _, stderr := runCmd(context.Background(), runPlay, srv.URL("live/x"), "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := testprog.ReadTags(t, out)
	if len(got) != len(tags) {
		t.Fatalf("wrote %d tags, sent %d", len(got), len(tags))
	}
	for i := range got {
		want := tags[i].Timestamp
		if want >= 100_000 {
			want -= 100_000 // the file starts at 0
		}
		if got[i].Type != tags[i].Type || got[i].Timestamp != want || !bytes.Equal(got[i].Data, tags[i].Data) {
			t.Fatalf("tag %d: got %+v, want %+v at %d", i, got[i], tags[i], want)
		}
	}
	if !strings.Contains(stderr, rtmp.CodePlayStart) || !strings.Contains(stderr, "fps") {
		t.Errorf("stderr lacks the status: %q", stderr)
	}
}

func TestPlayToStdoutQuiet(t *testing.T) {
	srv := rtmptest.NewServer(t, playScript(testTags(), true))
	code, stdout, stderr := runCmd(context.Background(), runPlay, "-q", srv.URL("live/x"), "-o", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("-q printed %q", stderr)
	}
	tags, err := testprog.DecodeTags(strings.NewReader(stdout))
	if err != nil || len(tags) != len(testTags()) {
		t.Fatalf("stdout: %d tags, %v", len(tags), err)
	}
	h, _ := flv.ParseHeader([]byte(stdout))
	if !h.HasAudio || !h.HasVideo {
		t.Errorf("header %+v: want audio and video from the metadata", h)
	}
}

func TestPlayDuration(t *testing.T) {
	srv := rtmptest.NewServer(t, playScript(testTags(), true))
	out := filepath.Join(t.TempDir(), "out.flv")
	code, _, stderr := runCmd(context.Background(), runPlay, "-q", "--duration", "400ms", srv.URL("live/x"), "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, tag := range testprog.ReadTags(t, out) {
		if tag.Timestamp >= 400 {
			t.Fatalf("tag at %d ms past --duration 400ms", tag.Timestamp)
		}
	}
}

// TestPlayExitCodes: each way of failing has its exit code.
func TestPlayExitCodes(t *testing.T) {
	notFound := rtmptest.NewServer(t, rejectPlayScript(rtmp.CodePlayStreamNotFound))
	failed := rtmptest.NewServer(t, rejectPlayScript(rtmp.CodePlayFailed))
	rejected := rtmptest.NewServer(t, rejectConnectScript)
	silent := rtmptest.NewServer(t, func(c *rtmptest.Conn) { c.Drain() })
	closedAddr := rtmptest.FreeAddr(t) // nothing listens there
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"no URL", []string{"-o", "x.flv"}, exitUsage},
		{"two URLs", []string{"rtmp://a/b/c", "rtmp://d/e/f"}, exitUsage},
		{"live and vod", []string{"--live", "--vod", "rtmp://a/b/c"}, exitUsage},
		{"bad flag", []string{"--nope", "rtmp://a/b/c"}, exitUsage},
		{"bad URL", []string{"-q", "http://a/b/c", "-o", "-"}, exitUsage},
		{"no stream name", []string{"-q", "rtmp://a/app", "-o", "-"}, exitUsage},
		{"nothing listening", []string{"-q", "rtmp://" + closedAddr + "/app/x", "-o", "-"}, exitNoConnect},
		{"silent server", []string{"-q", "--timeout", "200ms", silent.URL("app/x"), "-o", "-"}, exitNoConnect},
		{"stream not found", []string{"-q", notFound.URL("app/x"), "-o", "-"}, exitNotFound},
		{"play failed", []string{"-q", failed.URL("app/x"), "-o", "-"}, exitRejected},
		{"connect rejected", []string{"-q", rejected.URL("app/x"), "-o", "-"}, exitRejected},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(context.Background(), runPlay, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.want, stderr)
			}
		})
	}
}

// TestPlayInterrupted: a signal (the context ending) exits with 130 and
// leaves a valid file.
func TestPlayInterrupted(t *testing.T) {
	tags := testTags()
	srv := rtmptest.NewServer(t, func(c *rtmptest.Conn) {
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		if _, err := c.AcceptStream(); err != nil {
			return
		}
		c.Status(1, rtmp.LevelStatus, rtmp.CodePlayStart, "go")
		for _, tag := range tags {
			c.SendTag(1, tag)
		}
		c.Drain() // and then nothing: a live stream that stalls
	})
	out := filepath.Join(t.TempDir(), "out.flv")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(500*time.Millisecond, cancel)
	code, _, stderr := runCmd(ctx, runPlay, "-q", srv.URL("live/x"), "-o", out)
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, exitInterrupted, stderr)
	}
	if got := testprog.ReadTags(t, out); len(got) != len(tags) {
		t.Errorf("file has %d tags, want %d", len(got), len(tags))
	}
}

// TestPlayReconnects: with --reconnect a lost connection is replaced and
// the file's timestamps continue.
func TestPlayReconnects(t *testing.T) {
	tags := testTags()
	var mu sync.Mutex
	conns := 0
	srv := rtmptest.NewServer(t, func(c *rtmptest.Conn) {
		mu.Lock()
		conns++
		n := conns
		mu.Unlock()
		if n == 1 {
			// The first connection dies in the middle of the stream.
			if _, err := c.AcceptConnect(); err != nil {
				return
			}
			if _, err := c.AcceptStream(); err != nil {
				return
			}
			c.Status(1, rtmp.LevelStatus, rtmp.CodePlayStart, "go")
			for _, tag := range tags[:20] {
				c.SendTag(1, tag)
			}
			return
		}
		playScript(tags, true)(c)
	})
	out := filepath.Join(t.TempDir(), "out.flv")
	code, _, stderr := runCmd(context.Background(), runPlay, "--reconnect", srv.URL("live/x"), "-o", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "reconnecting") {
		t.Errorf("stderr does not mention the reconnection: %q", stderr)
	}
	got := testprog.ReadTags(t, out)
	// The first session's last tags may be lost with its connection.
	if len(got) <= len(tags) {
		t.Fatalf("file has %d tags, want more than the second session's %d", len(got), len(tags))
	}
	var last uint32
	for i, tag := range got {
		if tag.Type != flv.TagScript && tag.Timestamp < last {
			t.Fatalf("tag %d goes back in time: %d after %d", i, tag.Timestamp, last)
		}
		if tag.Type != flv.TagScript {
			last = tag.Timestamp
		}
	}
}
