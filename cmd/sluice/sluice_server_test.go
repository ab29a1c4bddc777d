package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/servertest"
	"github.com/sluicemedia/sluice/internal/testprog"
)

// startSluice runs Sluice's live server in the test and returns its base
// URL, rtmp://127.0.0.1:PORT.
func startSluice(t *testing.T) string { return "rtmp://" + servertest.Start(t) }

// TestFFmpegAndSluiceClient: against Sluice's server, ffmpeg plays what
// `sluice publish` sends, and `sluice play` records what ffmpeg publishes.
func TestFFmpegAndSluiceClient(t *testing.T) {
	base := startSluice(t)
	clip := testprog.MakeClip(t, testprog.Clip{Seconds: 3})
	ffmpeg := testprog.Path(t, "ffmpeg")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	t.Run("ffmpeg plays sluice publish", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "ffmpeg.flv")
		player := exec.CommandContext(ctx, ffmpeg, "-hide_banner", "-loglevel", "error", "-rw_timeout", "15000000",
			"-i", base+"/live/a", "-c", "copy", "-f", "flv", out)
		if err := player.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond) // ffmpeg waits for the stream on Sluice
		if code, _, stderr := runCmd(ctx, runPublish, "-q", clip, base+"/live/a"); code != exitOK {
			t.Fatalf("publish: exit %d: %s", code, stderr)
		}
		if err := player.Wait(); err != nil {
			t.Fatalf("ffmpeg: %v", err)
		}
		checkAllFrames(t, clip, out)
	})
	t.Run("sluice play reads ffmpeg", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "sluice.flv")
		played := make(chan int, 1)
		go func() {
			code, _, _ := runCmd(ctx, runPlay, "-q", "--live", base+"/live/b", "-o", out)
			played <- code
		}()
		time.Sleep(500 * time.Millisecond)
		publisher := exec.CommandContext(ctx, ffmpeg, "-hide_banner", "-loglevel", "error", "-re", "-i", clip,
			"-c", "copy", "-f", "flv", base+"/live/b")
		if b, err := publisher.CombinedOutput(); err != nil {
			t.Fatalf("ffmpeg publish: %v\n%s", err, b)
		}
		if code := <-played; code != exitOK {
			t.Fatalf("play: exit %d", code)
		}
		checkAllFrames(t, clip, out)
	})
}

// checkAllFrames: ffprobe reads in out every audio and video frame of clip.
func checkAllFrames(t *testing.T, clip, out string) {
	t.Helper()
	want := countKinds(testprog.ReadTags(t, clip))
	got := probePackets(t, out)
	if got["video"] != want[flv.TagVideo] || got["audio"] != want[flv.TagAudio] {
		t.Errorf("ffprobe read %v packets, the clip has %d video and %d audio frames", got, want[flv.TagVideo], want[flv.TagAudio])
	}
}
