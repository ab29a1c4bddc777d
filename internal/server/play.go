package server

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp"
)

// playback is a NetStream that plays from the hub. Once playback has
// started, the publisher's goroutine writes media straight to the
// connection while its socket has room (TryWrite). Everything else goes
// through the subscriber's queue, which a writer goroutine drains onto the
// connection: events, join bursts, whatever the socket could not take at
// once; the writer also sends pings and ends a wait for an unpublished
// stream. The writer runs only while there is work (see play_writer.go):
// a player that keeps up holds no goroutine but its connection's reader.
type playback struct {
	sess   *session
	req    *rtmp.PlayRequest
	sub    *stream.Subscriber
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{} // closed when the playback has ended and its writer exited

	mu      sync.Mutex // guards the wake state below
	running bool       // a writer goroutine runs, or is about to
	again   bool       // woken while running: the writer looks again before it exits
	ended   bool       // the playback is over: wakes start nothing
	pingDue bool       // PingInterval passed since the last ping
	waitDue bool       // PlayWait passed

	wait *time.Timer // PlayWait for the first publication
	ping *time.Timer // one ping per PingInterval; the writer re-arms it

	// The writer's: one writer runs at a time, and each hands its state
	// over to the next through mu.
	started bool   // NetStream.Play.Start sent
	first   uint32 // timestamp of the first media packet
	sent    bool   // a media packet was sent
	batch   batch
	items   []stream.Item // drained, being written
	next    int           // items before it are written (the write clock hands the rest over)

	// Throughput mode (see writeClock); guarded by mu.
	onClock  bool   // listed on the clock for its next tick
	lastTick uint64 // the clock's tick when the player was last written to, plus one; 0: never
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
	ctx, cancel := context.WithCancel(s.ctx)
	// running: wakes during Subscribe (its join burst) leave the start of
	// the writer to the end of this function, once p.sub is set.
	p := &playback{sess: s, req: r, ctx: ctx, cancel: cancel, done: make(chan struct{}),
		batch: newBatch(s.sc, r.StreamID, &s.srv.keys), running: true}
	sub, err := s.srv.hub.Subscribe(stream.Key{App: s.app, Name: r.Name},
		stream.SubscriberOptions{ID: s.id, RemoteAddr: s.sc.RemoteAddr().String(), Wake: p.wake})
	if err != nil {
		cancel()
		return s.sc.RejectPlay(r, rtmp.CodePlayFailed, err.Error())
	}
	p.sub = sub
	p.wait = time.AfterFunc(s.srv.cfg.PlayWait, func() { p.wakeFor(&p.waitDue) })
	p.ping = time.AfterFunc(s.srv.cfg.PingInterval, func() { p.wakeFor(&p.pingDue) })
	s.subs[r.StreamID] = p
	s.log.Info("play", "stream", r.Name, "start", r.Start)
	s.wg.Go(p.work)
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

// stop ends the playback: closing the subscription queues EventClosed,
// which wakes a writer if none runs; the writer ends the playback once a
// write in progress finishes (bounded by the write deadline), then closes
// done.
func (p *playback) stop() {
	p.cancel()
	p.sub.Close()
}

// TryWrite is the playback's stream.DirectWriter: the publisher's
// goroutine sends a packet to this player at once when its socket has
// room.
func (p *playback) TryWrite(pk *stream.Packet, more bool) (taken, unfinished bool) {
	b := &p.batch // what a direct write needs sits in the playback itself: fewer cache lines per player
	return b.sc.TryWriteEncoded(b.streamID, pk.Tag(), b.encoded(pk), more)
}

// Push is the stream.DirectWriter's: it sends what a TryWrite with more
// held back.
func (p *playback) Push() { p.batch.sc.Push() }

// writesDirect reports whether the publisher may write to this player
// itself: not with a write-coalescing window, whose clock writes instead.
func (p *playback) writesDirect() bool {
	return p.sess.srv.clock == nil && p.writesWithoutWaiting()
}

// writesWithoutWaiting reports whether another goroutine than the
// player's writer may write to it, without waiting: not with a play
// duration (which the writer counts), nor on a connection that cannot
// write without blocking (TLS).
func (p *playback) writesWithoutWaiting() bool {
	return p.req.Duration <= 0 && p.sess.sc.CanWriteDirect()
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
