package rtmp_test

import (
	"bytes"
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/testprog"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/handshake"
)

// makeClip has ffmpeg render a short H.264 + AAC FLV and returns its tags.
func makeClip(t *testing.T, seconds int) []flv.Tag {
	t.Helper()
	return testprog.ReadTags(t, testprog.MakeClip(t, testprog.Clip{Seconds: seconds}))
}

// session records what one test-server connection saw.
type session struct {
	handshake handshake.Result
	connect   *rtmp.ConnectRequest
	play      *rtmp.PlayRequest
	err       error
}

// serveOnce accepts one connection and runs the play flow on it, sending
// tags to the first play request, then closes the connection.
func serveOnce(t *testing.T, tags []flv.Tag) (addr string, result <-chan session) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	done := make(chan session, 1)
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			done <- session{err: err}
			return
		}
		sc := rtmp.NewServerConn(nc, rtmp.ServerConfig{})
		defer sc.Close()
		done <- playFlow(sc, tags)
	}()
	return ln.Addr().String(), done
}

func playFlow(sc *rtmp.ServerConn, tags []flv.Tag) (s session) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if s.handshake, s.err = sc.Handshake(ctx); s.err != nil {
		return s
	}
	if s.connect, s.err = sc.ReadConnect(ctx); s.err != nil {
		return s
	}
	if s.err = sc.AcceptConnect(s.connect); s.err != nil {
		return s
	}
	for s.play == nil {
		req, err := sc.ReadRequest(ctx)
		if err != nil {
			s.err = err
			return s
		}
		s.play, _ = req.(*rtmp.PlayRequest)
	}
	if s.err = sc.StartPlay(s.play); s.err != nil {
		return s
	}
	for _, tag := range tags {
		if s.err = sc.WriteTag(s.play.StreamID, tag); s.err != nil {
			return s
		}
	}
	if s.err = sc.StreamEOF(s.play.StreamID); s.err != nil {
		return s
	}
	stop := rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodePlayStop, Description: "Stopped playing x."}
	if s.err = sc.SendStatus(s.play.StreamID, stop); s.err != nil {
		return s
	}
	// Wait for the client to hang up: closing with its acknowledgements
	// unread would reset the connection and discard what it has not read.
	drain, cancelDrain := context.WithTimeout(ctx, 5*time.Second)
	defer cancelDrain()
	for {
		if _, err := sc.ReadRequest(drain); err != nil {
			return s
		}
	}
}

// TestFFmpegPlays: ffmpeg completes the digest handshake, connect,
// createStream and play against a server made of the protocol packages,
// and decodes every frame sent.
func TestFFmpegPlays(t *testing.T) {
	tags := makeClip(t, 2)
	addr, result := serveOnce(t, tags)
	ffmpeg := testprog.Path(t, "ffmpeg")
	cmd := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-rw_timeout", "10000000",
		"-i", "rtmp://"+addr+"/app/x", "-map", "0", "-c", "copy", "-f", "framemd5", "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	s := <-result
	if s.err != nil {
		t.Fatalf("server: %v", s.err)
	}
	if err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, stderr.String())
	}
	if !s.handshake.PeerDigestOK || s.handshake.Scheme == handshake.SchemeSimple {
		t.Errorf("ffmpeg's digest C1 did not validate: %+v", s.handshake)
	}
	if s.connect.App != "app" || !strings.HasSuffix(s.connect.TCURL, "/app") {
		t.Errorf("connect app %q tcUrl %q", s.connect.App, s.connect.TCURL)
	}
	if s.play.Name != "x" {
		t.Errorf("play name %q", s.play.Name)
	}
	if got, media := testprog.FrameMD5Packets(string(out)), testprog.MediaFrames(tags); got != media {
		t.Errorf("ffmpeg received %d frames, sent %d", got, media)
	}
}

// TestRtmpdumpPlays: rtmpdump (librtmp) completes the handshake, connect
// and play and writes an FLV file with every tag sent.
func TestRtmpdumpPlays(t *testing.T) {
	tags := makeClip(t, 1)
	addr, result := serveOnce(t, tags)
	rtmpdump := testprog.Path(t, "rtmpdump")
	out := filepath.Join(t.TempDir(), "out.flv")
	cmd := exec.Command(rtmpdump, "-q", "--live", "--timeout", "10", "-r", "rtmp://"+addr+"/app/x", "-o", out)
	b, _ := cmd.CombinedOutput() // rtmpdump exits 1 or 2 when a live stream ends: judge by the file
	s := <-result
	if s.err != nil {
		t.Fatalf("server: %v\n%s", s.err, b)
	}
	// librtmp sends the simple handshake unless asked for SWF verification.
	if s.handshake.Scheme != handshake.SchemeSimple || !s.handshake.EchoOK {
		t.Errorf("rtmpdump handshake: %+v", s.handshake)
	}
	if s.connect.App != "app" || s.play.Name != "x" {
		t.Errorf("connect app %q play %q", s.connect.App, s.play.Name)
	}
	// librtmp leaves out the AVC end-of-sequence tag: compare frames.
	got := testprog.ReadTags(t, out)
	if g, w := testprog.MediaFrames(got), testprog.MediaFrames(tags); g != w {
		t.Fatalf("rtmpdump wrote %d frames, sent %d\n%s", g, w, b)
	}
}
