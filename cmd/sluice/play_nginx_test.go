package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/testprog"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// TestCLIRoundTrip: `sluice publish` sends a clip to a server, `sluice
// play` records it, and ffprobe reads every frame from the file; against
// nginx-rtmp and against Sluice's own server.
func TestCLIRoundTrip(t *testing.T) {
	t.Run("nginx", func(t *testing.T) {
		ngx := rtmptest.StartNginx(t)
		checkCLIRoundTrip(t, ngx.URL("live/cli"), ngx.ErrorLog)
	})
	t.Run("sluice", func(t *testing.T) {
		url := startSluice(t) + "/live/cli"
		checkCLIRoundTrip(t, url, func() string { return "" })
	})
}

func checkCLIRoundTrip(t *testing.T, url string, serverLog func() string) {
	clip := testprog.MakeClip(t, testprog.Clip{Seconds: 2})
	out := filepath.Join(t.TempDir(), "played.flv")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	type result struct {
		code   int
		stderr string
	}
	played := make(chan result, 1)
	go func() {
		code, _, stderr := runCmd(ctx, runPlay, "--live", url, "-o", out)
		played <- result{code, stderr}
	}()
	// The player must have subscribed before the publication starts; both
	// servers answer play at once, so a short wait is plenty.
	time.Sleep(500 * time.Millisecond)
	if code, _, stderr := runCmd(ctx, runPublish, "-q", clip, url); code != exitOK {
		t.Fatalf("publish: exit %d: %s\n%s", code, stderr, serverLog())
	}
	p := <-played
	if p.code != exitOK {
		t.Fatalf("play: exit %d: %s", p.code, p.stderr)
	}
	want := countKinds(testprog.ReadTags(t, clip))
	got := probePackets(t, out)
	if got["video"] != want[flv.TagVideo] || got["audio"] != want[flv.TagAudio] {
		t.Errorf("ffprobe read %v packets, the clip has %d video and %d audio frames", got, want[flv.TagVideo], want[flv.TagAudio])
	}
}

// probePackets counts the packets of each kind ffprobe reads in a file.
func probePackets(t *testing.T, path string) map[string]int {
	t.Helper()
	b, err := exec.Command(testprog.Path(t, "ffprobe"), "-v", "error", "-show_entries", "packet=codec_type", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe: %v", err)
	}
	got := map[string]int{}
	for _, kind := range strings.Fields(string(b)) {
		got[kind]++
	}
	return got
}

// countKinds counts the coded frames of each tag type.
func countKinds(tags []flv.Tag) map[flv.TagType]int {
	n := map[flv.TagType]int{}
	for _, t := range tags {
		if t.Type != flv.TagScript && !flv.IsSequenceHeader(t) && !flv.IsSequenceEnd(t) {
			n[t.Type]++
		}
	}
	return n
}

// TestPlayToFFmpegPipe: `sluice play -o -` writes a stream ffmpeg reads
// from a pipe, as `| ffplay -` does.
func TestPlayToFFmpegPipe(t *testing.T) {
	tags := testprog.ReadTags(t, testprog.MakeClip(t, testprog.Clip{Seconds: 1}))
	srv := rtmptest.NewServer(t, playScript(tags, true))
	ffmpeg := testprog.Path(t, "ffmpeg")
	cmd := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-i", "-", "-c", "copy", "-f", "framemd5", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	code := runPlay(context.Background(), []string{"-q", srv.URL("live/x"), "-o", "-"}, stdin, &errOut)
	stdin.Close()
	if err := cmd.Wait(); err != nil || code != exitOK {
		t.Fatalf("play exit %d, ffmpeg %v: %s", code, err, errOut.String())
	}
	frames := testprog.FrameMD5Packets(out.String())
	want := countKinds(tags)
	if frames != want[flv.TagVideo]+want[flv.TagAudio] {
		t.Errorf("ffmpeg read %d frames from the pipe, want %d", frames, want[flv.TagVideo]+want[flv.TagAudio])
	}
}
