package bench

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/internal/servertest"
	"github.com/sluicemedia/sluice/internal/testprog"
)

// TestRunPlayAgainstSluice publishes a tiny clip to an in-process server
// and plays it with 5 players for 2 s.
func TestRunPlayAgainstSluice(t *testing.T) {
	clip := testprog.MakeClip(t, testprog.Clip{Seconds: 2})
	addr := servertest.Start(t)
	rep, err := Run(t.Context(), Config{
		URL:      "rtmp://" + addr + "/live/bench",
		Players:  5,
		Ramp:     250 * time.Millisecond,
		Duration: 2 * time.Second,
		Warmup:   500 * time.Millisecond,
		Publish:  clip,
		PID:      os.Getpid(), // the server runs in this process
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Connected != 5 || rep.Failed != 0 || rep.Dropped != 0 || len(rep.Errors) != 0 || rep.PublishError != "" {
		t.Fatalf("connections: %+v", rep)
	}
	if rep.FirstKeyframe.Count != 5 || rep.NoKeyframe != 0 || rep.FirstKeyframe.P50 <= 0 || rep.FirstKeyframe.P99 > 5000 {
		t.Errorf("first keyframe: %+v, %d without", rep.FirstKeyframe, rep.NoKeyframe)
	}
	if l := rep.Latency; l == nil || l.Count == 0 || l.P50 <= 0 || l.P50 > l.P99 || l.P99 > l.Max || l.Max > 1000 {
		t.Errorf("latency: %+v", rep.Latency)
	}
	if rep.Behind != 0 {
		t.Errorf("%d players behind", rep.Behind)
	}
	// The clip is about 0.25 Mbit/s (320x240 at 25 fps, 64 kbit/s AAC).
	if rep.DeliveredBytes == 0 || rep.DeliveredMbps < 0.1 || rep.DeliveredMbps > 100 {
		t.Errorf("delivered %d bytes, %.2f Mbit/s", rep.DeliveredBytes, rep.DeliveredMbps)
	}
	if s := rep.Server; s == nil || s.Error != "" || s.RSSEndKiB == 0 || s.CPUSeconds < 0 || s.CPUNsPerByte <= 0 {
		t.Errorf("server usage: %+v", rep.Server)
	}
	if rep.WindowSeconds < 1.9 || rep.WindowSeconds > 3 {
		t.Errorf("window %.2f s", rep.WindowSeconds)
	}
}

func TestRunIdleAgainstSluice(t *testing.T) {
	addr := servertest.Start(t)
	rep, err := Run(t.Context(), Config{
		URL:      "rtmp://" + addr + "/live/any",
		Mode:     ModeIdle,
		Players:  5,
		Ramp:     100 * time.Millisecond,
		Duration: 300 * time.Millisecond,
		PID:      os.Getpid(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Connected != 5 || rep.Failed != 0 || rep.Dropped != 0 || rep.Behind != 0 {
		t.Errorf("idle: %+v", rep)
	}
	if rep.Server == nil || rep.Server.RSSEndKiB == 0 {
		t.Errorf("server usage: %+v", rep.Server)
	}
}

// TestRunNoServer: players that cannot connect are counted as failed,
// with their first errors, and the run still ends by itself.
func TestRunNoServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	rep, err := Run(t.Context(), Config{URL: "rtmp://" + addr + "/live/x", Players: 7,
		Ramp: time.Millisecond, Duration: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 7 || rep.Connected != 0 || len(rep.Errors) != maxReportedErrors {
		t.Errorf("report: %+v", rep)
	}
}

func TestRunRejectsRemoteTarget(t *testing.T) {
	_, err := Run(t.Context(), Config{URL: "rtmp://192.0.2.1/live/x"})
	if !errors.Is(err, ErrNotLoopback) {
		t.Errorf("error %v, want ErrNotLoopback", err)
	}
}
