package rtmp_test

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/testprog"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// publishTags publishes tags to url, paced by their timestamps when pace
// is set, and closes the stream.
func publishTags(ctx context.Context, url string, tags []flv.Tag, pace bool) error {
	cc, err := rtmp.Dial(ctx, url, rtmp.ClientOptions{Publish: true})
	if err != nil {
		return err
	}
	ps, err := cc.Publish(ctx, "", rtmp.PublishOptions{})
	if err != nil {
		cc.Close()
		return err
	}
	start := time.Now()
	for _, tag := range tags {
		if pace {
			time.Sleep(time.Until(start.Add(time.Duration(tag.Timestamp) * time.Millisecond)))
		}
		if err := ps.WriteTag(tag); err != nil {
			ps.Close()
			return err
		}
	}
	return ps.Close()
}

// playToFile plays url into an FLV file until the stream ends, and
// returns the tags read. ready is closed once playback has started.
func playToFile(ctx context.Context, url, path string, opts rtmp.PlayOptions, ready chan<- struct{}) ([]flv.Tag, error) {
	cc, err := rtmp.Dial(ctx, url, rtmp.ClientOptions{})
	if err != nil {
		return nil, err
	}
	ps, err := cc.Play(ctx, opts)
	if err != nil {
		cc.Close()
		return nil, err
	}
	defer ps.Close()
	if ready != nil {
		close(ready)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w := flv.NewWriter(f)
	if err := w.WriteHeader(flv.Header{HasAudio: true, HasVideo: true}); err != nil {
		return nil, err
	}
	var tags []flv.Tag
	for {
		tag, err := ps.ReadTag(ctx)
		if errors.Is(err, io.EOF) {
			return tags, nil
		}
		if err != nil {
			return tags, err
		}
		tags = append(tags, tag)
		if err := w.WriteTag(tag); err != nil {
			return tags, err
		}
	}
}

// ffprobeFrames returns the number of video and audio packets ffprobe
// reads from a file.
func ffprobeFrames(t *testing.T, path string) (video, audio int) {
	t.Helper()
	ffprobe := testprog.Path(t, "ffprobe")
	out, err := exec.Command(ffprobe, "-v", "error", "-show_entries", "packet=codec_type", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	for _, line := range strings.Fields(string(out)) {
		switch line {
		case "video":
			video++
		case "audio":
			audio++
		}
	}
	return video, audio
}

// countTypes counts the coded frames of each kind.
func countTypes(tags []flv.Tag) (video, audio int) {
	for _, tag := range tags {
		if flv.IsSequenceHeader(tag) || flv.IsSequenceEnd(tag) {
			continue
		}
		switch tag.Type {
		case flv.TagVideo:
			video++
		case flv.TagAudio:
			audio++
		}
	}
	return video, audio
}

// TestNginxPublishAndPlay: the client publishes a clip to nginx while
// another client plays it; ffprobe reads every frame from the file the
// player wrote.
func TestNginxPublishAndPlay(t *testing.T) {
	ngx := rtmptest.StartNginx(t)
	tags := testprog.ReadTags(t, testprog.MakeClip(t, testprog.Clip{Seconds: 2}))
	ctx := testContext(t)
	out := filepath.Join(t.TempDir(), "played.flv")
	ready := make(chan struct{})
	type played struct {
		tags []flv.Tag
		err  error
	}
	done := make(chan played, 1)
	go func() {
		got, err := playToFile(ctx, ngx.URL("live/clip"), out, rtmp.PlayOptions{Mode: rtmp.PlayLive}, ready)
		done <- played{got, err}
	}()
	select {
	case <-ready:
	case p := <-done:
		t.Fatalf("play: %v\n%s", p.err, ngx.ErrorLog())
	}
	if err := publishTags(ctx, ngx.URL("live/clip"), tags, false); err != nil {
		t.Fatalf("publish: %v\n%s", err, ngx.ErrorLog())
	}
	p := <-done
	if p.err != nil {
		t.Fatalf("play: %v", p.err)
	}
	wantV, wantA := countTypes(tags)
	if v, a := countTypes(p.tags); v != wantV || a != wantA {
		t.Errorf("player received %d video and %d audio frames, published %d and %d", v, a, wantV, wantA)
	}
	if v, a := ffprobeFrames(t, out); v != wantV || a != wantA {
		t.Errorf("ffprobe read %d video and %d audio packets, published %d and %d", v, a, wantV, wantA)
	}
}

// TestNginxFFmpegPlaysClientPublish: ffmpeg plays from nginx what the
// client publishes.
func TestNginxFFmpegPlaysClientPublish(t *testing.T) {
	ngx := rtmptest.StartNginx(t)
	tags := testprog.ReadTags(t, testprog.MakeClip(t, testprog.Clip{Seconds: 4}))
	ffmpeg := testprog.Path(t, "ffmpeg")
	out := filepath.Join(t.TempDir(), "ffmpeg.flv")
	// ffmpeg does not stop at Stream EOF: it ends when nothing arrives for
	// rw_timeout.
	cmd := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-rw_timeout", "3000000",
		"-i", ngx.URL("live/fromclient"), "-c", "copy", "-f", "flv", out)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// ffmpeg has no way to tell that it has subscribed: give it a moment,
	// and accept that it may join late, at a later keyframe.
	time.Sleep(time.Second)
	if err := publishTags(testContext(t), ngx.URL("live/fromclient"), tags, true); err != nil {
		t.Fatalf("publish: %v", err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, stderr.String())
	}
	wantV, wantA := countTypes(tags)
	if v, a := ffprobeFrames(t, out); v < wantV/2 || a < wantA/2 {
		t.Errorf("ffmpeg wrote %d video and %d audio packets, published %d and %d", v, a, wantV, wantA)
	}
}

// TestNginxClientPlaysFFmpegPublish: the client plays from nginx what
// ffmpeg publishes.
func TestNginxClientPlaysFFmpegPublish(t *testing.T) {
	ngx := rtmptest.StartNginx(t)
	clip := testprog.MakeClip(t, testprog.Clip{Seconds: 2})
	tags := testprog.ReadTags(t, clip)
	ctx := testContext(t)
	out := filepath.Join(t.TempDir(), "played.flv")
	ready := make(chan struct{})
	type played struct {
		tags []flv.Tag
		err  error
	}
	done := make(chan played, 1)
	go func() {
		got, err := playToFile(ctx, ngx.URL("live/fromffmpeg"), out, rtmp.PlayOptions{}, ready)
		done <- played{got, err}
	}()
	<-ready
	ffmpeg := testprog.Path(t, "ffmpeg")
	cmd := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-re", "-i", clip, "-c", "copy", "-f", "flv", ngx.URL("live/fromffmpeg"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, b)
	}
	p := <-done
	if p.err != nil {
		t.Fatalf("play: %v", p.err)
	}
	wantV, wantA := countTypes(tags)
	if v, a := ffprobeFrames(t, out); v != wantV || a != wantA {
		t.Errorf("ffprobe read %d video and %d audio packets, ffmpeg published %d and %d", v, a, wantV, wantA)
	}
}

// TestNginxVOD plays a recorded file from nginx's vod application, from
// the start and from a position, and asks for a file that is not there.
func TestNginxVOD(t *testing.T) {
	ngx := rtmptest.StartNginx(t)
	// nginx seeks with the keyframe index of onMetaData.
	clip := testprog.MakeClip(t, testprog.Clip{Seconds: 3, Extra: []string{"-flvflags", "add_keyframe_index"}})
	b, err := os.ReadFile(clip)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ngx.VODDir, "clip.flv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	tags := testprog.ReadTags(t, clip)
	dir := t.TempDir()
	got, err := playToFile(ctx, ngx.URL("vod/clip.flv"), filepath.Join(dir, "all.flv"), rtmp.PlayOptions{Mode: rtmp.PlayRecorded}, nil)
	if err != nil {
		t.Fatalf("play: %v\n%s", err, ngx.ErrorLog())
	}
	wantV, wantA := countTypes(tags)
	if v, a := countTypes(got); v != wantV || a != wantA {
		t.Errorf("played %d video and %d audio frames of %d and %d", v, a, wantV, wantA)
	}
	got, err = playToFile(ctx, ngx.URL("vod/clip"), filepath.Join(dir, "part.flv"), rtmp.PlayOptions{Start: 2 * time.Second}, nil)
	if err != nil {
		t.Fatalf("play from 2 s: %v", err)
	}
	if v, _ := countTypes(got); v == 0 || v > wantV/2 {
		t.Errorf("played %d video frames from 2 s of a 3 s clip with %d", v, wantV)
	}
	_, err = playToFile(ctx, ngx.URL("vod/missing"), filepath.Join(dir, "missing.flv"), rtmp.PlayOptions{}, nil)
	var se *rtmp.StatusError
	if !errors.As(err, &se) || se.Status.Code != rtmp.CodePlayStreamNotFound {
		t.Errorf("missing file: %v, want StreamNotFound", err)
	}
}

// TestFFmpegListenReceivesPublish: publishing to ffmpeg acting as an RTMP
// server produces a file ffprobe reads.
func TestFFmpegListenReceivesPublish(t *testing.T) {
	tags := testprog.ReadTags(t, testprog.MakeClip(t, testprog.Clip{Seconds: 2}))
	ffmpeg := testprog.Path(t, "ffmpeg")
	addr := rtmptest.FreeAddr(t)
	out := filepath.Join(t.TempDir(), "listen.flv")
	cmd := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-listen", "1", "-timeout", "20",
		"-i", "rtmp://"+addr+"/app/stream", "-c", "copy", "-f", "flv", out)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	ctx := testContext(t)
	// ffmpeg accepts one connection: probing its port would use it up, so
	// dial until it listens.
	var err error
	for range 100 {
		if err = publishTags(ctx, "rtmp://"+addr+"/app/stream", tags, false); err == nil || !strings.Contains(err.Error(), "connection refused") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("publish: %v\n%s", err, stderr.String())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, stderr.String())
	}
	wantV, wantA := countTypes(tags)
	if v, a := ffprobeFrames(t, out); v != wantV || a != wantA {
		t.Errorf("ffprobe read %d video and %d audio packets, published %d and %d (%s)", v, a, wantV, wantA, strconv.Quote(stderr.String()))
	}
}
