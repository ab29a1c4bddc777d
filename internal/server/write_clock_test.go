package server

import (
	"errors"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestThroughputModeWritesOnTheTick: in throughput mode a player written
// to since the write clock's last tick waits for the next one. Media
// queued meanwhile is not written, and no writer goroutine per player
// waits with it; at the tick the clock writes all of it, in order. A
// player the clock had nothing for at the last tick is written at once.
func TestThroughputModeWritesOnTheTick(t *testing.T) {
	ts := startServer(t, Config{WriteCoalesce: time.Hour}, testHubConfig()) // the test ticks the clock itself
	pub := dialRaw(t, ts.addr)
	id := pub.publish("live", "tick")
	pub.sendTag(id, avcFrame(0, true, 0))
	const n = 10
	players := make([]*rawClient, n)
	for i := range players {
		players[i] = dialRaw(t, ts.addr)
		players[i].play("live", "tick")
		wantFrame(t, players[i], 0) // a playback's first write is at once
	}
	idle := settledGoroutines()
	for i := 1; i <= 5; i++ {
		pub.sendTag(id, avcFrame(uint32(i*40), false, byte(i)))
	}
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "tick")); return ok && s.PacketsIn >= 6 })
	for i, c := range players {
		if arrived(t, c, 50*time.Millisecond) {
			t.Fatalf("player %d: media arrived before the tick", i)
		}
	}
	if g := runtime.NumGoroutine(); g >= idle+n/2 {
		t.Fatalf("%d goroutines while media waits for the tick, %d before: writers wait with it", g, idle)
	}
	ts.srv.clock.tick()
	for _, c := range players {
		for i := 1; i <= 5; i++ {
			wantFrame(t, c, byte(i))
		}
	}
	if g := settledGoroutines(); g >= idle+n/2 {
		t.Fatalf("%d goroutines after the tick, %d before", g, idle)
	}
	ts.srv.clock.tick() // with nothing to write: the next frame goes out at once
	pub.sendTag(id, avcFrame(240, false, 6))
	for _, c := range players {
		wantFrame(t, c, 6) // the next tick is an hour away
	}
}

// wantFrame reads the next media message and checks it is frame n (see
// avcFrame).
func wantFrame(t *testing.T, c *rawClient, n byte) {
	t.Helper()
	m, _ := c.nextMedia()
	if got := m.Payload[len(m.Payload)-1]; got != n {
		t.Fatalf("got frame %d, want %d", got, n)
	}
}

// arrived reports whether anything reaches c's socket within d. It reads
// past c's buffer, so c must not be used after it returns true.
func arrived(t *testing.T, c *rawClient, d time.Duration) bool {
	t.Helper()
	c.nc.SetReadDeadline(time.Now().Add(d))
	defer c.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
	_, err := c.nc.Read(make([]byte, 1))
	if err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal(err)
	}
	return err == nil
}

// settledGoroutines returns the number of goroutines once it has stayed
// the same for a while: writers that finished a write have exited.
func settledGoroutines() int {
	n := runtime.NumGoroutine()
	for range 100 {
		time.Sleep(20 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m == n {
			return n
		}
		n = m
	}
	return n
}

// TestWriteClockTicksWhileUsed: the clock ticks from the first start to
// the last release, which returns after its goroutine has exited; it can
// start again.
func TestWriteClockTicksWhileUsed(t *testing.T) {
	c := newWriteClock(time.Millisecond)
	for range 2 {
		c.start()
		c.start()
		c.release()
		from := c.now()
		waitFor(t, func() bool { return c.now() >= from+3 })
		done := c.done
		c.release()
		select {
		case <-done:
		default:
			t.Fatal("the last release returned before the clock's goroutine exited")
		}
		stopped := c.now()
		time.Sleep(10 * time.Millisecond)
		if c.now() != stopped {
			t.Fatal("the clock ticks after its last release")
		}
	}
}

// TestSpread: every item is served once, whether on one goroutine or
// several.
func TestSpread(t *testing.T) {
	for _, n := range []int{0, 1, 255, 256, 257, 1000, 5000} {
		var mu sync.Mutex
		seen := make([]int, n)
		items := make([]int, n)
		for i := range items {
			items[i] = i
		}
		spread(items, 256, func(i int) {
			mu.Lock()
			seen[i]++
			mu.Unlock()
		})
		for i, k := range seen {
			if k != 1 {
				t.Fatalf("%d items: item %d served %d times", n, i, k)
			}
		}
	}
}
