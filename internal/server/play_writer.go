package server

import (
	"runtime/debug"
	"time"
)

// A playback's writer runs on demand. A wake (the subscriber queued
// something, a timer passed) starts a writer goroutine when none runs, or
// tells the running one to look again; the writer writes until there is
// nothing left and exits. Between bursts a player holds no writer: with
// direct writes, a player that keeps up needs one only for its status
// messages, pings and the rare full socket, and 1000 players keep 1000
// fewer goroutine stacks. Each run starts on a fresh, small stack, so the
// deep work of status messages (AMF, logging) is not kept either.

// wake makes sure a writer runs. It is the subscriber's Wake, so it runs
// with the stream locked and must not wait.
func (p *playback) wake() { p.wakeFor(nil) }

// wakeFor sets *due, if given, and wakes the writer.
func (p *playback) wakeFor(due *bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if due != nil {
		*due = true
	}
	switch {
	case p.ended:
	case p.running:
		p.again = true
	default:
		p.running = true
		p.sess.wg.Go(p.work)
	}
}

// work is one run of the writer: it serves the playback until nothing is
// left to do, or until the playback ends. A write error closes the
// connection; a panic is logged and closes this connection only.
func (p *playback) work() {
	defer func() {
		if v := recover(); v != nil {
			p.sess.log.Error("panic in player", "panic", v, "stack", string(debug.Stack()))
			p.sess.sc.Close()
			p.end()
		}
	}()
	for {
		pingDue, waitDue := p.takeDue()
		finished, err := p.serve(pingDue, waitDue)
		if err != nil && p.ctx.Err() == nil {
			p.sess.log.Info("player write failed", "stream", p.req.Name, "err", err)
			p.sess.sc.Close()
		}
		if finished || err != nil {
			p.end()
			return
		}
		if p.sess.srv.cfg.WriteCoalesce > 0 && p.wrote {
			// Throughput mode: what flowed in this window flows in the
			// next, so the writer sleeps until the next tick rather than
			// exit and start again; it exits after a tick with nothing
			// to write. (A fresh goroutine per window cost 1000 players
			// 0.1 CPU-ns per byte more.)
			continue
		}
		if p.idle() {
			return
		}
	}
}

// takeDue clears the wake state for a new look, and returns what the
// timers asked for.
func (p *playback) takeDue() (pingDue, waitDue bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pingDue, waitDue = p.pingDue, p.waitDue
	p.again, p.pingDue, p.waitDue = false, false, false
	return pingDue, waitDue
}

// idle ends the writer's run unless it was woken since its last look.
func (p *playback) idle() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.again {
		return false
	}
	p.running = false
	return true
}

// end finishes the playback: no writer starts again, the timers stop, the
// subscription closes, and done is closed.
func (p *playback) end() {
	p.mu.Lock()
	p.ended = true
	p.mu.Unlock()
	p.ping.Stop()
	p.wait.Stop()
	p.sub.Close()
	close(p.done)
}

// serve does what a wake asked for: end a wait for a stream that was
// never published, ping, and write what is queued. finished reports the
// end of the playback.
func (p *playback) serve(pingDue, waitDue bool) (finished bool, err error) {
	if p.ctx.Err() != nil {
		return true, nil
	}
	if waitDue && !p.started {
		return true, p.notFound()
	}
	if pingDue {
		// Every interval, busy or not: a player sends nothing else for a
		// long time at a low bitrate (acknowledgements come per window),
		// and its answer keeps the idle timeout from firing.
		if err := p.sess.sc.Ping(uint32(time.Now().UnixMilli())); err != nil {
			return true, err
		}
		p.ping.Reset(p.sess.srv.cfg.PingInterval)
	}
	if err := p.coalesce(); err != nil {
		return true, nil
	}
	finished, err = p.drain()
	if p.started {
		p.wait.Stop()
	}
	return finished, err
}

// drain finishes a message a direct write left unfinished, then writes
// what is queued until the queue stays empty (see stream.Subscriber.Drain);
// wrote tells whether anything was queued.
func (p *playback) drain() (finished bool, err error) {
	p.wrote = false
	if err := p.sess.sc.Flush(); err != nil {
		return true, err
	}
	for {
		p.items = p.sub.Drain(p.items[:0])
		if len(p.items) == 0 {
			return false, nil
		}
		p.wrote = true
		finished, err := p.write(p.items)
		clear(p.items) // drop packet references until the next drain
		if cap(p.items) > p.batch.retain {
			p.items = nil // a join burst grew it: do not keep that for the whole playback
		}
		if finished || err != nil {
			return finished, err
		}
	}
}

// coalesce holds a write back until the next tick of the write-coalescing
// clock when the player was written to less than a window ago, so that a
// player gets fewer, larger writes (throughput mode; none by default, for
// the lowest latency). A player not written to for a window is written at
// once: the first frames of a playback are not held.
//
// The ticks are every window from the server's start, the same for every
// player: the writes of one tick go out in one burst, and the server wakes
// once per window rather than once per player. Waking from idle costs more
// than the write it serves (a virtual machine's core most of all): with
// each player on its own window, 1000 players cost 0.53 CPU-ns per byte,
// on the shared clock 0.37 (docs/PERFORMANCE.md).
func (p *playback) coalesce() error {
	wait := coalesceWait(p.sess.srv.cfg.WriteCoalesce, p.sess.srv.clock, p.batch.lastWrite, time.Now())
	if wait <= 0 {
		return nil
	}
	if p.coalesceTimer == nil {
		p.coalesceTimer = time.NewTimer(wait)
	} else {
		p.coalesceTimer.Reset(wait) // Go 1.23+ timers: Reset needs no drain
	}
	select {
	case <-p.coalesceTimer.C:
		return nil
	case <-p.ctx.Done():
		p.coalesceTimer.Stop()
		return p.ctx.Err()
	}
}

// coalesceWait is how long a write waits at now: until the next tick of
// the clock that started at clock and ticks every window, when the last
// write was less than a window ago; else not at all.
func coalesceWait(window time.Duration, clock, lastWrite, now time.Time) time.Duration {
	if window <= 0 || now.Sub(lastWrite) >= window {
		return 0
	}
	return window - now.Sub(clock)%window
}
