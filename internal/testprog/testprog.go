// Package testprog finds the third-party programs that integration tests run
// against (ffmpeg, ffprobe, rtmpdump, GStreamer, nginx). Outside CI a
// missing program skips the test; under CI=true it fails it, so a missing
// install step cannot hide behind a green run.
package testprog

import (
	"os"
	"os/exec"
	"testing"
)

// Path returns the path of program, or skips (fails under CI) when it is
// not installed.
func Path(t testing.TB, program string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err != nil {
		Missing(t, program+" is not installed (scripts/test installs it)")
	}
	return p
}

// Missing reports a missing requirement: a failure under CI=true, a skip
// elsewhere.
func Missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
}
