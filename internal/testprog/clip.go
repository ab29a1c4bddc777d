package testprog

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// Clip describes a test clip rendered by ffmpeg from its lavfi sources:
// a counting test pattern (H.264) and a sine tone (AAC).
type Clip struct {
	Seconds int      // length; default 2
	NoAudio bool     // video only
	NoVideo bool     // audio only
	GOP     int      // frames per keyframe at 25 fps; default 25
	Size    string   // picture size; default 320x240
	Extra   []string // further ffmpeg output options, such as "-flvflags", "add_keyframe_index"
}

// MakeClip renders c into an FLV file in a test temporary directory and
// returns its path.
func MakeClip(t testing.TB, c Clip) string {
	t.Helper()
	ffmpeg := Path(t, "ffmpeg")
	if c.Seconds == 0 {
		c.Seconds = 2
	}
	if c.GOP == 0 {
		c.GOP = 25
	}
	if c.Size == "" {
		c.Size = "320x240"
	}
	out := filepath.Join(t.TempDir(), "clip.flv")
	args := []string{"-hide_banner", "-loglevel", "error"}
	if !c.NoVideo {
		args = append(args, "-f", "lavfi", "-i", "testsrc=size="+c.Size+":rate=25")
	}
	if !c.NoAudio {
		args = append(args, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100")
	}
	args = append(args, "-t", strconv.Itoa(c.Seconds))
	if !c.NoVideo {
		args = append(args, "-c:v", "libx264", "-preset", "ultrafast", "-g", strconv.Itoa(c.GOP), "-pix_fmt", "yuv420p")
	}
	if !c.NoAudio {
		args = append(args, "-c:a", "aac", "-b:a", "64k")
	}
	args = append(append(args, c.Extra...), "-f", "flv", out)
	if b, err := exec.Command(ffmpeg, args...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg clip: %v\n%s", err, b)
	}
	return out
}
