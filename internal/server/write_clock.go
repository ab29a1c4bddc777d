package server

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// writeClock is throughput mode's shared clock (Config.WriteCoalesce). A
// player written to since the last tick is not written again at once:
// its wake lists it on the clock, and at the next tick the clock's
// goroutine writes what was queued for it in one non-blocking writev.
// Only a player the clock cannot finish without waiting (a full socket, a
// busy connection, an event to act on) gets a writer goroutine, so a
// player that keeps up holds none between windows, and the writes of a
// window go out in one burst: the server wakes once per window, not once
// per player (on a virtual machine, waking an idle core costs more than
// the write it serves; docs/PERFORMANCE.md).
type writeClock struct {
	window time.Duration
	ticks  atomic.Uint64 // ticks so far

	mu    sync.Mutex
	due   []*playback // woken since the last tick: written at the next
	spare []*playback // the list of the tick before, reused
	users int         // Serve calls under way: the clock ticks while there is one
	stop  chan struct{}
	done  chan struct{} // closed when the ticking goroutine has exited
}

// playersPerWorker is how many due players one goroutine writes at a tick
// before the tick takes another core (when GOMAXPROCS allows): a
// player's write is a few tens of microseconds, and a window of a few
// thousand players should not wait on one core while others idle.
const playersPerWorker = 256

func newWriteClock(window time.Duration) *writeClock {
	return &writeClock{window: window}
}

// start makes the clock tick until the matching release; the first start
// starts its goroutine.
func (c *writeClock) start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users++
	if c.users > 1 {
		return
	}
	c.stop, c.done = make(chan struct{}), make(chan struct{})
	go c.run(c.stop, c.done)
}

// release undoes a start; the last one stops the clock and returns after
// its goroutine has exited.
func (c *writeClock) release() {
	c.mu.Lock()
	c.users--
	if c.users > 0 {
		c.mu.Unlock()
		return
	}
	stop, done := c.stop, c.done
	c.mu.Unlock()
	close(stop)
	<-done
}

func (c *writeClock) run(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(c.window)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.tick()
		case <-stop:
			return
		}
	}
}

// now is the number of the current tick.
func (c *writeClock) now() uint64 { return c.ticks.Load() }

// add lists p for the next tick; p's wake calls it with p.mu held, once
// per window.
func (c *writeClock) add(p *playback) {
	c.mu.Lock()
	c.due = append(c.due, p)
	c.mu.Unlock()
}

// tick writes every player listed since the last tick.
func (c *writeClock) tick() {
	c.ticks.Add(1)
	c.mu.Lock()
	due := c.due
	c.due, c.spare = c.spare[:0], nil
	c.mu.Unlock()
	spread(due, playersPerWorker, (*playback).onTick)
	clear(due) // the players' memory is theirs again
	c.mu.Lock()
	c.spare = due[:0]
	c.mu.Unlock()
}

// spread calls f for each item, on up to GOMAXPROCS goroutines of
// perWorker items or more, and returns when every call has returned.
func spread[T any](items []T, perWorker int, f func(T)) {
	workers := min(runtime.GOMAXPROCS(0), (len(items)+perWorker-1)/perWorker)
	if workers <= 1 {
		for _, it := range items {
			f(it)
		}
		return
	}
	var wg sync.WaitGroup
	per := (len(items) + workers - 1) / workers
	for from := 0; from < len(items); from += per {
		part := items[from:min(from+per, len(items))]
		wg.Go(func() {
			for _, it := range part {
				f(it)
			}
		})
	}
	wg.Wait()
}
