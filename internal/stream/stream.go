package stream

import (
	"sync"
	"time"

	"github.com/sluicemedia/sluice/flv"
)

// stream is one live stream: at most one publisher, any number of
// subscribers, and the cache of the current publication. Its lock orders
// everything that happens to the stream: a packet is cached and queued to
// every subscriber under it, and a subscriber joins under it, so the join
// burst and the live packets meet with no gap and no duplicate.
type stream struct {
	key Key
	hub *Hub

	mu    sync.Mutex // guards the fields below; taken after hub.mu
	pub   *Publisher
	subs  []*Subscriber
	cache mediaCache
	seq   uint64 // seq of the newest packet; never reset, so it orders publications too
	last  uint32 // timestamp of the newest packet
	stats counters
	// nextSub is where the next fan-out starts in subs: with the
	// subscribers that hold a packet back for it (see fanOutLocked).
	nextSub int
	held    []*Subscriber // subscribers that may hold a packet back
}

func newStream(h *Hub, key Key) *stream {
	return &stream{
		key: key,
		hub: h,
		cache: mediaCache{
			maxFrames: h.cfg.GOPMaxFrames,
			maxBytes:  h.cfg.GOPMaxBytes,
		},
	}
}

// unused reports a stream that the hub can forget.
func (s *stream) unused() bool { return s.pub == nil && len(s.subs) == 0 }

// startLocked makes p the publisher.
func (s *stream) startLocked(p *Publisher) {
	s.pub = p
	s.cache.reset()
	s.stats = counters{started: p.started, lastMedia: p.started, window: p.started}
	for _, sub := range s.subs {
		sub.mu.Lock()
		sub.pushEventLocked(EventPublish)
		sub.mu.Unlock()
	}
}

// endLocked ends the current publication: the publisher's Err becomes err
// and its Done closes; subscribers get EventUnpublish.
func (s *stream) endLocked(err error) {
	s.pushHeldLocked()
	s.pub.end(err)
	s.pub = nil
	s.cache.reset()
	for _, sub := range s.subs {
		sub.mu.Lock()
		sub.pushEventLocked(EventUnpublish)
		sub.mu.Unlock()
	}
}

// writeLocked sequences p, caches it and hands it to every subscriber
// (see fanOutLocked).
func (s *stream) writeLocked(p *Packet, now time.Time, how delivery, pending func() bool) {
	s.seq++
	p.seq = s.seq
	s.last = p.Timestamp()
	s.stats.count(p, now)
	s.cache.add(p)
	s.stats.drops += uint64(s.fanOutLocked(p, how, pending))
}

// addSubscriberLocked registers sub; if a publication is live, sub first
// gets EventPublish and the join burst.
func (s *stream) addSubscriberLocked(sub *Subscriber) {
	sub.index = len(s.subs)
	s.subs = append(s.subs, sub)
	if s.pub == nil {
		return
	}
	sub.mu.Lock()
	sub.pushEventLocked(EventPublish)
	s.catchUpLocked(sub)
	sub.mu.Unlock()
}

// removeSubscriberLocked unregisters sub and queues EventClosed. It
// reports false if sub was already gone.
func (s *stream) removeSubscriberLocked(sub *Subscriber) bool {
	if sub.index < 0 {
		return false
	}
	last := len(s.subs) - 1
	s.subs[sub.index] = s.subs[last]
	s.subs[sub.index].index = sub.index
	s.subs[last] = nil
	s.subs = s.subs[:last]
	sub.index = -1
	sub.mu.Lock()
	sub.pushEventLocked(EventClosed)
	sub.mu.Unlock()
	return true
}

// shutdownLocked ends the publisher with err and closes every subscriber.
func (s *stream) shutdownLocked(err error) {
	s.pushHeldLocked()
	if s.pub != nil {
		s.pub.end(err)
		s.pub = nil
	}
	for _, sub := range s.subs {
		sub.index = -1
		sub.mu.Lock()
		sub.pushEventLocked(EventClosed)
		sub.mu.Unlock()
	}
	s.subs = nil
	s.cache.reset()
}

// catchUpLocked queues what sub missed of the current publication, as far
// as the cache holds it: a joining subscriber (lastSeq 0) gets the join
// burst, a resuming one what came since its pause.
//
// The burst is metadata and sequence headers (when they changed since
// lastSeq), then the cached GOP packets after lastSeq. Metadata and headers
// are restamped to the first GOP packet sent (or, with none, the newest
// packet): timestamps stay the publisher's absolute ones, so that one
// encoding of a packet serves every subscriber, and headers stamped with
// the time they were sent (often 0) would show a player a jump from there
// to the live time. When video was missed that the GOP does not hold,
// video waits for a keyframe: the GOP's, or the next live one.
func (s *stream) catchUpLocked(sub *Subscriber) {
	gop := s.cache.gop
	first := len(gop)
	for i, p := range gop {
		if p.seq > sub.lastSeq {
			first = i
			break
		}
	}
	ts := s.last
	if first < len(gop) {
		ts = gop[first].Timestamp()
	}
	if s.cache.changed > sub.lastSeq {
		for _, p := range s.cache.headersAt(ts) {
			sub.offerLocked(p)
		}
	}
	if first == 0 && s.seq > sub.lastSeq {
		sub.waitForKeyframeLocked() // packets were missed before the GOP (or there is none)
	}
	for _, p := range gop[first:] {
		sub.offerLocked(p)
	}
	sub.signal()
}

func (s *stream) resumeLocked(sub *Subscriber) {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if !sub.paused {
		return
	}
	sub.paused = false
	if s.pub != nil {
		s.catchUpLocked(sub)
	}
}

// setReceive applies a subscriber's audio or video filter. Turning a media
// type on queues its sequence headers at once, stamped with the newest
// timestamp, even during a pause (headers are configuration, not frames).
func (s *stream) setReceive(sub *Subscriber, t flv.TagType, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub.mu.Lock()
	defer sub.mu.Unlock()
	off := &sub.noAudio
	headers := &s.cache.audio
	if t == flv.TagVideo {
		off, headers = &sub.noVideo, &s.cache.video
	}
	if *off != on {
		return // no change
	}
	*off = !on
	if !on || s.pub == nil || sub.closed {
		return
	}
	if t == flv.TagVideo {
		sub.waitForKeyframeLocked()
	}
	for _, e := range headers.entries {
		// Bounded like any packet: a subscriber that toggles a filter in a
		// loop without reading must not grow its queue.
		if size := len(e.packet.Data()); !sub.fullLocked(size) {
			sub.appendPacketLocked(e.packet.at(s.last))
		}
	}
	sub.signal()
}
