package bench

import (
	"errors"
	"io"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// TestArrivalReader: reads return the bytes sent, stamped with when they
// reached the kernel (after the send began, before the read returned), and
// the end of the stream is io.EOF.
func TestArrivalReader(t *testing.T) {
	server, client := rtmptest.TCPPair(t)
	r := withArrival(client)
	ar, ok := r.(*arrivalReader)
	if !ok {
		t.Fatalf("withArrival gave %T", r)
	}
	buf := make([]byte, 64)
	// The kernel turns timestamping on for the whole system in deferred
	// work when the first socket asks (net_enable_timestamp): the first
	// bytes may come unstamped, which the walker covers with the time of
	// the read. Exchanges first, until one is stamped.
	for i := 0; ar.Arrival().IsZero(); i++ {
		if i == 100 {
			t.Fatal("no read was stamped")
		}
		time.Sleep(10 * time.Millisecond)
		server.Write([]byte("warm"))
		if _, err := r.Read(buf); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		before := time.Now()
		if _, err := server.Write([]byte("chunk")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond) // the stamp is the arrival, not the read
		n, err := r.Read(buf)
		after := time.Now()
		if err != nil || string(buf[:n]) != "chunk" {
			t.Fatalf("read %d: %q, %v", i, buf[:n], err)
		}
		at := ar.Arrival()
		if at.Before(before.Add(-time.Millisecond)) || !at.Before(after.Add(-10*time.Millisecond)) {
			t.Fatalf("read %d: arrival %v not between the send at %v and 10 ms before the read at %v", i, at, before, after)
		}
	}
	one := []byte("x")
	if allocs := testing.AllocsPerRun(10, func() { server.Write(one); r.Read(buf) }); allocs != 0 {
		t.Errorf("%v allocations per write and read", allocs)
	}
	server.Close()
	if n, err := r.Read(buf); n != 0 || !errors.Is(err, io.EOF) {
		t.Fatalf("after close: %d, %v", n, err)
	}
}

// TestOnMonotonicClock: a wall-clock stamp becomes now minus its age, on
// now's monotonic clock, whatever the wall clock did since the run began.
func TestOnMonotonicClock(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name  string
		stamp time.Time
		want  time.Duration // before now
	}{
		{"3 ms old", now.Round(0).Add(-3 * time.Millisecond), 3 * time.Millisecond},
		{"now", now.Round(0), 0},
		{"in the future: the clock stepped back", now.Round(0).Add(time.Second), 0},
	}
	for _, c := range cases {
		got := onMonotonicClock(c.stamp, now)
		if age := now.Sub(got); age != c.want {
			t.Errorf("%s: %v before now, want %v", c.name, age, c.want)
		}
		if got.Round(0) == got {
			t.Errorf("%s: no monotonic reading", c.name)
		}
	}
}
