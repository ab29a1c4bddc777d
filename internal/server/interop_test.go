package server

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/internal/testprog"
)

// publishFFmpeg starts ffmpeg publishing clip in real time (-re) to url and
// returns a wait function.
func publishFFmpeg(t *testing.T, clip, url string, extra ...string) (wait func() error) {
	t.Helper()
	args := append([]string{"-hide_banner", "-loglevel", "error", "-re", "-i", clip, "-c", "copy"}, extra...)
	cmd := exec.Command(testprog.Path(t, "ffmpeg"), append(args, "-f", "flv", url)...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd.Wait
}

// record runs a player that writes url into an FLV file; an interrupt
// ends players that would wait for more of a live stream.
type recorder struct {
	name string
	args func(url, out string) []string
}

var players = []recorder{
	{"ffmpeg", func(url, out string) []string {
		return []string{"-hide_banner", "-loglevel", "error", "-rw_timeout", "15000000", "-i", url, "-c", "copy", "-f", "flv", out}
	}},
	{"rtmpdump", func(url, out string) []string {
		return []string{"-q", "--live", "--timeout", "15", "-r", url, "-o", out}
	}},
	{"gst-launch-1.0", func(url, out string) []string {
		return []string{"-q", "-e", "rtmp2src", "location=" + url, "!", "filesink", "location=" + out}
	}},
}

// TestRealPlayers: ffmpeg publishes an H.264 + AAC clip in real time;
// ffmpeg, rtmpdump and GStreamer (rtmp2src) join while it is live, and
// ffprobe plays it too. What each receives has both tracks with the right
// codec parameters, a keyframe first and monotonic timestamps.
func TestRealPlayers(t *testing.T) {
	clip := testprog.MakeClip(t, testprog.Clip{Seconds: 4})
	ts := startServer(t, Config{}, testHubConfig())
	url := fmt.Sprintf("rtmp://%s/live/real", ts.addr)
	wait := publishFFmpeg(t, clip, url)
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "real")); return ok && s.PacketsIn > 20 })

	outs := map[string]string{}
	cmds := map[string]*exec.Cmd{}
	for _, p := range players {
		out := filepath.Join(t.TempDir(), p.name+".flv")
		cmd := exec.Command(testprog.Path(t, p.name), p.args(url, out)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		outs[p.name], cmds[p.name] = out, cmd
	}
	live := ffprobe(t, url, false)
	live.wantTracks(t, true, true)
	if err := wait(); err != nil {
		t.Fatalf("publisher: %v", err)
	}
	stopPlayers(t, cmds)
	for name, out := range outs {
		t.Run(name, func(t *testing.T) {
			p := ffprobe(t, out, true)
			p.wantTracks(t, true, true)
			p.wantPlayable(t)
		})
	}
}

// stopPlayers interrupts the players that still run once the stream is
// over (rtmpdump and GStreamer keep waiting on a live stream) and waits.
func stopPlayers(t *testing.T, cmds map[string]*exec.Cmd) {
	t.Helper()
	time.Sleep(500 * time.Millisecond) // let the last packets arrive
	for _, cmd := range cmds {
		cmd.Process.Signal(syscall.SIGINT)
	}
	for name, cmd := range cmds {
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Errorf("%s did not stop on SIGINT", name)
			cmd.Process.Kill()
			<-done
		}
	}
}

// TestStreamVariants: chunk sizes 128 and 4096 out of the server,
// audio-only and video-only streams, and timestamps that cross 0xFFFFFF ms
// (extended timestamps) without a jump.
func TestStreamVariants(t *testing.T) {
	cases := []struct {
		name       string
		chunkSize  uint32
		clip       testprog.Clip
		publishArg []string
	}{
		{"chunk128", 128, testprog.Clip{Seconds: 2}, nil},
		{"chunk4096", 4096, testprog.Clip{Seconds: 2}, nil},
		{"audio-only", 4096, testprog.Clip{Seconds: 2, NoVideo: true}, nil},
		{"video-only", 4096, testprog.Clip{Seconds: 2, NoAudio: true}, nil},
		// 16775 s puts the stream 2.2 s before 0xFFFFFF ms (4 h 39 min 37 s).
		{"extended-timestamps", 4096, testprog.Clip{Seconds: 4}, []string{"-output_ts_offset", "16775"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			clip := testprog.MakeClip(t, c.clip)
			cfg := Config{}
			cfg.RTMP.ChunkSize = c.chunkSize
			ts := startServer(t, cfg, testHubConfig())
			url := fmt.Sprintf("rtmp://%s/live/v", ts.addr)
			out := filepath.Join(t.TempDir(), "out.flv")
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			// The player waits for the stream, so it receives all of it.
			player := exec.CommandContext(ctx, testprog.Path(t, "ffmpeg"), players[0].args(url, out)...)
			if err := player.Start(); err != nil {
				t.Fatal(err)
			}
			waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "v")); return ok && s.Subscribers == 1 })
			if err := publishFFmpeg(t, clip, url, c.publishArg...)(); err != nil {
				t.Fatalf("publisher: %v", err)
			}
			stopPlayers(t, map[string]*exec.Cmd{"ffmpeg": player})
			p := ffprobe(t, out, true)
			p.wantTracks(t, !c.clip.NoVideo, !c.clip.NoAudio)
			p.wantPlayable(t)
		})
	}
}
