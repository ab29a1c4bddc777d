//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestPublishStdinStopsAtTheFirstSignal: `sluice publish -` whose standard
// input is a blocking pipe (as a shell or a service manager hands it over)
// ends at the first SIGTERM with exit code 130, whether nothing has come
// through the pipe yet (an encoder that has not started) or the input went
// quiet mid-stream.
func TestPublishStdinStopsAtTheFirstSignal(t *testing.T) {
	tags := testTags()
	flvBytes, err := os.ReadFile(writeFLV(t, tags))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		input []byte
	}{
		{"nothing read yet", nil},
		{"quiet mid-stream", flvBytes},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, rec := publishServer(t, nil)
			cmd := exec.Command(os.Args[0], "publish", "-q", "-", srv.URL("live/key"))
			cmd.Env = append(os.Environ(), asCommand+"=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdin, err := cmd.StdinPipe() // the child's end blocks, as a shell's pipe does
			if err != nil {
				t.Fatal(err)
			}
			defer stdin.Close()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if _, err := stdin.Write(tc.input); err != nil {
				t.Fatal(err)
			}
			if tc.input != nil {
				waitSessions(t, rec, 1, len(tags)) // everything sent: the child waits for more
			} else {
				time.Sleep(500 * time.Millisecond) // the child starts and waits for its input
			}
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case err := <-exited:
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
					t.Fatalf("exit %v, want code %d; stderr: %s", err, exitInterrupted, stderr.String())
				}
			case <-time.After(5 * time.Second):
				cmd.Process.Kill()
				<-exited
				t.Fatal("still running 5 s after SIGTERM")
			}
		})
	}
}
