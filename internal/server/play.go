package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp"
)

// playback is a NetStream that plays from the hub. Once playback has
// started, the publisher's goroutine writes media straight to the
// connection while its socket has room (TryWrite); the writer goroutine
// drains the subscriber's queue onto the connection: events, join bursts,
// and whatever the socket could not take at once.
type playback struct {
	sess   *session
	req    *rtmp.PlayRequest
	sub    *stream.Subscriber
	cancel context.CancelFunc
	done   chan struct{} // closed when the writer goroutine has exited
	// Writer goroutine only:
	started bool   // NetStream.Play.Start sent
	first   uint32 // timestamp of the first media packet
	sent    bool   // a media packet was sent
	batch   batch
	items   []stream.Item // drained, being written
	wait    *time.Timer   // PlayWait for the first publication; nil once started
	ping    *time.Ticker
	// handOver asks the writer to go on on a fresh goroutine (see run).
	handOver bool
	// coalesceTimer waits out the write-coalescing window; made once.
	coalesceTimer *time.Timer
}

// play subscribes to the stream and starts its writer.
func (s *session) play(r *rtmp.PlayRequest) error {
	if r.Name == "" {
		return s.sc.RejectPlay(r, rtmp.CodePlayFailed, "a stream name is required")
	}
	if _, publishing := s.pubs[r.StreamID]; publishing {
		return s.sc.RejectPlay(r, rtmp.CodePlayFailed, "this NetStream is publishing")
	}
	s.stopPlay(r.StreamID) // a second play on the same NetStream replaces the first
	sub, err := s.srv.hub.Subscribe(stream.Key{App: s.app, Name: r.Name},
		stream.SubscriberOptions{ID: s.id, RemoteAddr: s.sc.RemoteAddr().String()})
	if err != nil {
		return s.sc.RejectPlay(r, rtmp.CodePlayFailed, err.Error())
	}
	ctx, cancel := context.WithCancel(s.ctx)
	p := &playback{sess: s, req: r, sub: sub, cancel: cancel, done: make(chan struct{}), batch: newBatch(s.sc, r.StreamID),
		wait: time.NewTimer(s.srv.cfg.PlayWait), ping: time.NewTicker(s.srv.cfg.PingInterval)}
	s.subs[r.StreamID] = p
	s.log.Info("play", "stream", r.Name, "start", r.Start)
	s.wg.Go(func() { p.run(ctx) })
	return nil
}

// stopPlay ends the playback on a NetStream, if any.
func (s *session) stopPlay(id uint32) {
	p := s.subs[id]
	delete(s.subs, id)
	if p != nil {
		p.stop()
		<-p.done // nothing of the old playback follows what comes next
		s.log.Info("stop", "stream", p.req.Name)
	}
}

// stop ends the playback; its writer exits once a write in progress
// finishes (bounded by the write deadline), then closes done.
func (p *playback) stop() {
	p.cancel()
	p.sub.Close()
}

// run writes the stream to the player until the playback or the
// connection ends. After the deep work of starting playback (status
// messages, a join burst) the writer goes on on a fresh goroutine, owned
// by the session like this one, and this one exits with its grown stack:
// a writer that then waits for its socket to back up holds a small one
// (see session.step). A write error closes the connection; a panic here is
// logged and closes this connection only.
func (p *playback) run(ctx context.Context) {
	next := false
	defer func() {
		if v := recover(); v != nil {
			p.sess.log.Error("panic in player", "panic", v, "stack", string(debug.Stack()))
			p.sess.sc.Close()
			next = false
		}
		if next {
			p.sess.wg.Go(func() { p.run(ctx) })
			return
		}
		p.ping.Stop()
		if p.wait != nil {
			p.wait.Stop()
		}
		p.sub.Close()
		close(p.done)
	}()
	var err error
	next, err = p.loop(ctx)
	if err != nil && ctx.Err() == nil {
		p.sess.log.Info("player write failed", "stream", p.req.Name, "err", err)
		p.sess.sc.Close()
	}
}

// loop serves the playback until it ends, or until it asks to go on on a
// fresh goroutine (next).
func (p *playback) loop(ctx context.Context) (next bool, err error) {
	// The channels are read once: this loop runs for every queued write
	// of every player, so it keeps its select small (waitC is nil once
	// playback has started).
	done, notify := ctx.Done(), p.sub.Notify()
	var waitC <-chan time.Time
	if p.wait != nil {
		waitC = p.wait.C
	}
	for {
		select {
		case <-done:
			return false, nil
		case <-waitC:
			if !p.started && ctx.Err() == nil {
				return false, p.notFound()
			}
		case <-p.ping.C:
			// Every interval, busy or not: a player sends nothing else for
			// a long time at a low bitrate (acknowledgements come per
			// window), and its answer keeps the idle timeout from firing.
			if err := p.sess.sc.Ping(uint32(time.Now().UnixMilli())); err != nil {
				return false, err
			}
		case <-notify:
			if err := p.coalesce(ctx); err != nil {
				return false, nil
			}
			finished, err := p.drain()
			if finished || err != nil {
				return false, err
			}
			if p.started && p.wait != nil {
				p.wait.Stop()
				p.wait, waitC = nil, nil
			}
			if p.handOver {
				p.handOver = false
				return true, nil
			}
		}
	}
}

// drain finishes a message a direct write left unfinished, then writes
// what is queued until the queue stays empty (see stream.Subscriber.Drain).
func (p *playback) drain() (finished bool, err error) {
	if err := p.sess.sc.Flush(); err != nil {
		return true, err
	}
	for {
		p.items = p.sub.Drain(p.items[:0])
		if len(p.items) == 0 {
			return false, nil
		}
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

// TryWrite is the playback's stream.DirectWriter: the publisher's
// goroutine sends a packet to this player at once when its socket has
// room.
func (p *playback) TryWrite(pk *stream.Packet) (taken, unfinished bool) {
	return p.sess.sc.TryWriteEncoded(p.req.StreamID, pk.Tag(), p.batch.encoded(pk))
}

// writesDirect reports whether the publisher may write to this player
// itself: not with a write-coalescing window (which holds writes back), a
// play duration (which the writer counts), or a connection that cannot
// write without blocking (TLS).
func (p *playback) writesDirect() bool {
	return p.sess.srv.cfg.WriteCoalesce <= 0 && p.req.Duration <= 0 && p.sess.sc.CanWriteDirect()
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
func (p *playback) coalesce(ctx context.Context) error {
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
	case <-ctx.Done():
		p.coalesceTimer.Stop()
		return ctx.Err()
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

// notFound ends a wait for a stream that was never published.
func (p *playback) notFound() error {
	p.sess.log.Info("play: stream not found", "stream", p.req.Name, "waited", p.sess.srv.cfg.PlayWait)
	p.sub.Close()
	return p.sess.sc.RejectPlay(p.req, rtmp.CodePlayStreamNotFound,
		fmt.Sprintf("stream %s is not published", p.req.Name))
}

// write sends drained items: packets in one batch (one writev), events
// in order among them; done reports the end of the subscription.
func (p *playback) write(items []stream.Item) (done bool, err error) {
	for _, it := range items {
		if it.Event == stream.EventPacket {
			if p.durationReached(it.Packet) {
				if err := p.batch.flush(); err != nil {
					return true, err
				}
				return true, p.stopAtDuration()
			}
			if err := p.batch.add(it.Packet); err != nil {
				return true, err
			}
			continue
		}
		if err := p.batch.flush(); err != nil {
			return true, err
		}
		p.handOver = true // status messages: deep stack work
		switch it.Event {
		case stream.EventPublish:
			err = p.published()
		case stream.EventUnpublish:
			err = p.unpublished()
		case stream.EventClosed:
			return true, nil
		}
		if err != nil {
			return true, err
		}
	}
	return false, p.batch.flush()
}

// durationReached applies play's duration argument: playback ends once
// that much media time has been sent. On the wire it is in milliseconds,
// as librtmp (rtmpdump --stop) and ffmpeg send it and FMS reads it (RTMP
// 1.0 §7.2.2.1 says seconds; Flash converted). Zero and negative durations
// play until the end: for a live stream the single-frame meaning of 0 has
// nothing to refer to. A new publication restarts the count (see
// published), and frames stamped before the first one count as none.
func (p *playback) durationReached(pk *stream.Packet) bool {
	if p.req.Duration <= 0 || pk.Type() == flv.TagScript {
		return false
	}
	if !p.sent {
		p.first, p.sent = pk.Timestamp(), true
	}
	elapsed := int32(pk.Timestamp() - p.first) // serial arithmetic: wraps at 2^32 like the timestamps
	return elapsed > 0 && float64(elapsed) >= p.req.Duration
}

// stopAtDuration ends a playback whose duration has been played.
func (p *playback) stopAtDuration() error {
	sc, r := p.sess.sc, p.req
	if err := sc.StreamEOF(r.StreamID); err != nil {
		return err
	}
	return sc.SendStatus(r.StreamID, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodePlayStop,
		Description: "Stopped playing " + r.Name + ".", Details: r.Name})
}

// published starts playback, or tells a player that the stream it plays
// is back (NetStream.Play.PublishNotify; fresh sequence headers follow).
func (p *playback) published() error {
	sc, r := p.sess.sc, p.req
	p.sent = false // a play duration counts the new publication's media
	if !p.started {
		p.started = true
		if err := sc.StartPlay(r); err != nil {
			return err
		}
		if p.writesDirect() {
			p.batch.retain = retainDirect
			p.sub.SetDirect(p)
		}
		return nil
	}
	if err := sc.StreamBegin(r.StreamID); err != nil {
		return err
	}
	return sc.SendStatus(r.StreamID, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodePlayPublishNotify,
		Description: r.Name + " is now published.", Details: r.Name})
}

// unpublished tells the player its publisher left; it keeps waiting for
// the next one.
func (p *playback) unpublished() error {
	sc, r := p.sess.sc, p.req
	if err := sc.StreamEOF(r.StreamID); err != nil {
		return err
	}
	return sc.SendStatus(r.StreamID, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodePlayUnpublishNotify,
		Description: r.Name + " is now unpublished.", Details: r.Name})
}

// receive applies receiveAudio/receiveVideo.
func (p *playback) receive(r *rtmp.ReceiveMedia) {
	if r.Video {
		p.sub.SetReceiveVideo(r.Enabled)
	} else {
		p.sub.SetReceiveAudio(r.Enabled)
	}
}

// pause handles pause and unpause; a live stream resumes at its newest
// keyframe.
func (s *session) pause(r *rtmp.Pause) error {
	p := s.subs[r.StreamID]
	if p == nil {
		return nil
	}
	if r.Pause {
		p.sub.Pause()
		return s.sc.SendStatus(r.StreamID, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodePauseNotify,
			Description: "Paused live stream " + p.req.Name + ".", Details: p.req.Name})
	}
	p.sub.Resume()
	return s.sc.SendStatus(r.StreamID, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodeUnpauseNotify,
		Description: "Unpaused live stream " + p.req.Name + ".", Details: p.req.Name})
}

// seek answers seek on a live stream: there is nothing to seek to, so the
// player is told the seek is done and keeps playing live (nginx-rtmp does
// the same; NetStream.Seek.Failed makes some players stop).
func (s *session) seek(r *rtmp.Seek) error {
	p := s.subs[r.StreamID]
	if p == nil {
		return nil
	}
	return s.sc.SendStatus(r.StreamID, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodeSeekNotify,
		Description: "Seeking is not possible in a live stream; playing on.", Details: p.req.Name})
}
