package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp"
)

// playback is a NetStream that plays from the hub. Its writer goroutine
// drains the subscriber's queue onto the connection.
type playback struct {
	sess    *session
	req     *rtmp.PlayRequest
	sub     *stream.Subscriber
	cancel  context.CancelFunc
	started bool // NetStream.Play.Start sent (writer goroutine only)
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
	p := &playback{sess: s, req: r, sub: sub, cancel: cancel}
	s.mu.Lock()
	s.subs[r.StreamID] = p
	s.mu.Unlock()
	s.log.Info("play", "stream", r.Name, "start", r.Start)
	s.wg.Go(func() { p.run(ctx) })
	return nil
}

// stopPlay ends the playback on a NetStream, if any.
func (s *session) stopPlay(id uint32) {
	s.mu.Lock()
	p := s.subs[id]
	delete(s.subs, id)
	s.mu.Unlock()
	if p != nil {
		p.stop()
		s.log.Info("stop", "stream", p.req.Name)
	}
}

func (p *playback) stop() {
	p.cancel()
	p.sub.Close()
}

// run writes the stream to the player until the playback or the
// connection ends. A write error closes the connection; a panic here is
// logged and closes this connection only.
func (p *playback) run(ctx context.Context) {
	defer func() {
		if v := recover(); v != nil {
			p.sess.log.Error("panic in player", "panic", v, "stack", string(debug.Stack()))
			p.sess.sc.Close()
		}
	}()
	if err := p.loop(ctx); err != nil && ctx.Err() == nil {
		p.sess.log.Info("player write failed", "stream", p.req.Name, "err", err)
		p.sess.sc.Close()
	}
}

func (p *playback) loop(ctx context.Context) error {
	cfg := p.sess.srv.cfg
	wait := time.NewTimer(cfg.PlayWait)
	defer wait.Stop()
	ping := time.NewTicker(cfg.PingInterval)
	defer ping.Stop()
	var items []stream.Item
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-wait.C:
			if !p.started {
				return p.notFound()
			}
		case <-ping.C:
			if err := p.sess.sc.Ping(uint32(time.Now().UnixMilli())); err != nil {
				return err
			}
		case <-p.sub.Notify():
			items = p.sub.Drain(items[:0])
			done, err := p.write(items)
			clear(items) // drop packet references until the next drain
			if done || err != nil {
				return err
			}
		}
	}
}

// notFound ends a wait for a stream that was never published.
func (p *playback) notFound() error {
	p.sess.log.Info("play: stream not found", "stream", p.req.Name, "waited", p.sess.srv.cfg.PlayWait)
	p.sub.Close()
	return p.sess.sc.RejectPlay(p.req, rtmp.CodePlayStreamNotFound,
		fmt.Sprintf("stream %s is not published", p.req.Name))
}

// write sends drained items; done reports the end of the subscription.
func (p *playback) write(items []stream.Item) (done bool, err error) {
	sc, id := p.sess.sc, p.req.StreamID
	for _, it := range items {
		switch it.Event {
		case stream.EventPacket:
			err = sc.WriteTag(id, it.Packet.Tag())
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
	return false, nil
}

// published starts playback, or tells a player that the stream it plays
// is back (NetStream.Play.PublishNotify; fresh sequence headers follow).
func (p *playback) published() error {
	sc, r := p.sess.sc, p.req
	if !p.started {
		p.started = true
		return sc.StartPlay(r)
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
