package server

import (
	"runtime/debug"
	"time"

	"github.com/sluicemedia/sluice/internal/stream"
)

// A playback's writer runs on demand. A wake (the subscriber queued
// something, a timer passed) starts a writer goroutine when none runs, or
// tells the running one to look again; the writer writes until there is
// nothing left and exits. Between bursts a player holds no writer: with
// direct writes, a player that keeps up needs one only for its status
// messages, pings and the rare full socket, and 1000 players keep 1000
// fewer goroutine stacks. Each run starts on a fresh, small stack, so the
// deep work of status messages (AMF, logging) is not kept either. In
// throughput mode a player written to since the write clock's last tick
// waits for the next: the clock writes it then, and starts a writer only
// for what it cannot write without waiting (see writeClock).

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
	case due == nil && p.waitsForTickLocked():
		if !p.onClock {
			p.onClock = true
			p.sess.srv.clock.add(p)
		}
	default:
		p.running = true
		p.sess.wg.Go(p.work)
	}
}

// waitsForTickLocked reports whether what was queued waits for the next
// tick of the write clock (throughput mode): when the player was written
// to since the last tick, and the playback is not stopping.
func (p *playback) waitsForTickLocked() bool {
	c := p.sess.srv.clock
	return c != nil && p.lastTick == c.now()+1 && p.ctx.Err() == nil
}

// noteWritten records that the player was written to at this tick.
func (p *playback) noteWritten() {
	if c := p.sess.srv.clock; c != nil {
		p.mu.Lock()
		p.lastTick = c.now() + 1
		p.mu.Unlock()
	}
}

// onTick serves the player at a tick of the write clock, on the clock's
// goroutine: it writes what is queued if it can without waiting, and
// starts a writer for whatever is left.
func (p *playback) onTick() {
	p.mu.Lock()
	p.onClock = false
	switch {
	case p.ended:
		p.mu.Unlock()
		return
	case p.running:
		p.again = true // the writer looks again before it exits
		p.mu.Unlock()
		return
	}
	p.running = true // the clock is the writer for now
	p.mu.Unlock()
	defer func() {
		if v := recover(); v != nil {
			p.panicked(v)
			p.sess.wg.Go(p.work) // whose writes fail: it ends the playback
		}
	}()
	done := p.writeOnTick()
	p.noteWritten()
	if done && p.idle() {
		return
	}
	p.sess.wg.Go(p.work)
}

// writeOnTick writes the queued packets in batches that the socket takes
// at once, and reports whether that was everything. Anything else is left
// for the writer, which picks up where this stopped: the rest of a batch
// in the connection (Flush), an unsent batch, and p.items from p.next.
func (p *playback) writeOnTick() bool {
	if !p.started || !p.writesWithoutWaiting() {
		return false
	}
	p.items = p.sub.Drain(p.items[:0])
	for p.next = 0; p.next < len(p.items); p.next++ {
		it := p.items[p.next]
		if it.Event != stream.EventPacket {
			return false // events and what follows them: the writer's
		}
		enc := p.batch.encoded(it.Packet)
		if !p.batch.fits(len(enc)) && !p.batch.tryFlush() {
			return false
		}
		p.batch.append(it.Packet.Tag(), enc)
	}
	flushed := p.batch.tryFlush()
	p.releaseItems() // every packet is written, or in the batch for the writer
	return flushed
}

// work is one run of the writer: it serves the playback until nothing is
// left to do, or until the playback ends. A write error closes the
// connection; a panic is logged and closes this connection only.
func (p *playback) work() {
	defer func() {
		if v := recover(); v != nil {
			p.panicked(v)
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
		if p.idle() {
			return
		}
	}
}

// panicked logs a panic in writing to the player, and closes its
// connection only.
func (p *playback) panicked(v any) {
	p.sess.log.Error("panic in player", "panic", v, "stack", string(debug.Stack()))
	p.sess.sc.Close()
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
	finished, err = p.drain()
	if p.started {
		p.wait.Stop()
	}
	return finished, err
}

// drain finishes what a direct write or the write clock left unfinished,
// then writes what is queued until the queue stays empty (see
// stream.Subscriber.Drain).
func (p *playback) drain() (finished bool, err error) {
	if err := p.sess.sc.Flush(); err != nil {
		return true, err
	}
	if err := p.batch.flush(); err != nil {
		return true, err
	}
	wrote := false
	for {
		if p.next >= len(p.items) {
			p.items, p.next = p.sub.Drain(p.items[:0]), 0
		}
		if len(p.items) == 0 {
			if wrote {
				p.noteWritten()
			}
			return false, nil
		}
		wrote = true
		finished, err := p.write(p.items[p.next:])
		p.releaseItems()
		if finished || err != nil {
			return finished, err
		}
	}
}

// releaseItems drops the written items' packet references until the
// next drain.
func (p *playback) releaseItems() {
	clear(p.items)
	p.items, p.next = p.items[:0], 0
	if cap(p.items) > p.batch.retain {
		p.items = nil // a join burst grew it: do not keep that for the whole playback
	}
}
