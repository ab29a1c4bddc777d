package stream

import (
	"sync"

	"github.com/sluicemedia/sluice/flv"
)

// SubscriberOptions describe a subscriber. The zero value receives audio
// and video.
type SubscriberOptions struct {
	ID         string // connection or session id, for logs and stats
	RemoteAddr string // peer address, for logs and stats
	NoAudio    bool   // start without audio (see SetReceiveAudio)
	NoVideo    bool   // start without video (see SetReceiveVideo)
	// Wake, when set, is called whenever items were queued, in place of
	// the Notify signal: an output that starts its writer on demand, and
	// keeps no goroutine while it has nothing to write, uses it. It runs
	// with the stream locked, often on the publisher's goroutine, so it
	// must return at once and call no method of the stream or subscriber.
	Wake func()
}

// Subscriber receives one stream's packets through a bounded queue. The
// publisher's goroutine fills the queue and never waits for it; the
// subscriber's writer waits on Notify and takes everything queued with
// Drain:
//
//	var items []stream.Item
//	for range sub.Notify() {
//		items = sub.Drain(items[:0])
//		// write items in order; stop after EventClosed
//	}
//
// When the queue is full the subscriber loses packets by the drop policy
// described in the package documentation, never the publisher's time.
// Methods are safe for concurrent use.
type Subscriber struct {
	s      *stream
	opts   SubscriberOptions
	notify chan struct{}

	index int // position in s.subs; -1 once removed. Guarded by s.mu.

	mu         sync.Mutex // guards the fields below; taken after s.mu
	items      []Item
	packets    int // packets in items
	bytes      int // data bytes of the packets in items
	maxPackets int
	maxBytes   int
	closed     bool
	paused     bool
	noAudio    bool
	noVideo    bool
	waitKey    keyWait // why video frames are skipped until a keyframe, if they are
	lastSeq    uint64  // seq of the last stream packet queued or written directly
	drops      uint64
	direct     DirectWriter // see SetDirect
	held       bool         // direct holds a packet back (see DirectWriter.TryWrite's more)
	listed     bool         // sub is in s.held, which is guarded by s.mu (taken with sub.mu here)
	// draining is set while the writer holds items it drained and has not
	// yet written: it drains again, finding nothing, once they are out.
	draining bool
}

// keyWait says whether and why a subscriber skips video frames until the
// next keyframe: they cannot be decoded without the frames before them.
type keyWait uint8

const (
	keyWaitNone    keyWait = iota
	keyWaitStart           // video starts here (join, resume, publish, filter): nothing is lost
	keyWaitDropped         // the drop policy dropped video: skipped frames count as drops
)

// SubscriberStats is a snapshot of one subscriber.
type SubscriberStats struct {
	ID         string
	RemoteAddr string
	Queued     int    // packets waiting to be drained
	Drops      uint64 // packets this subscriber lost to the drop policy
	Paused     bool
}

// Key returns the key of the subscriber's stream.
func (sub *Subscriber) Key() Key { return sub.s.key }

// Notify returns a channel that receives a value when items were queued
// since the last signal. It has capacity 1: one signal may stand for many
// items, and a signal may find the queue already drained. With
// SubscriberOptions.Wake set, it never receives.
func (sub *Subscriber) Notify() <-chan struct{} { return sub.notify }

// Drain appends every queued item to dst, oldest first, empties the queue
// and returns the extended slice. Reusing dst keeps Drain free of
// allocations. After EventClosed it returns dst unchanged.
//
// With a direct writer set, the writer must drain until Drain returns
// nothing: until then, items it drained may still be unwritten, and
// packets wait in the queue behind them.
//
// A queue that grew past retainedQueueItems is released once drained, so a
// player does not keep the memory of its join burst for as long as it plays.
func (sub *Subscriber) Drain(dst []Item) []Item {
	sub.mu.Lock()
	sub.draining = len(sub.items) > 0
	dst = append(dst, sub.items...)
	clear(sub.items)
	sub.items = sub.items[:0]
	if cap(sub.items) > retainedQueueItems {
		sub.items = nil // a join burst or a lag grew it; steady state needs little
	}
	sub.packets, sub.bytes = 0, 0
	sub.mu.Unlock()
	return dst
}

// Close unregisters the subscriber and queues EventClosed; packets already
// queued stay for Drain. The stream is removed from the hub when this was
// its last user. Close is idempotent.
func (sub *Subscriber) Close() {
	s, h := sub.s, sub.s.hub
	h.mu.Lock()
	s.mu.Lock()
	removed := s.removeSubscriberLocked(sub)
	if removed {
		h.removeIfUnusedLocked(s)
	}
	s.mu.Unlock()
	h.mu.Unlock()
	if removed {
		h.log.Debug("stream: subscriber left", "key", s.key, "id", sub.opts.ID)
	}
}

// Pause stops queuing packets for the subscriber (RTMP pause on a live
// stream). Packets already queued stay; events are still queued.
func (sub *Subscriber) Pause() {
	sub.mu.Lock()
	sub.paused = true
	sub.mu.Unlock()
}

// Resume ends a pause. If the cached GOP still holds everything the
// subscriber missed, it continues from where it stopped; otherwise it
// restarts at the cached GOP's keyframe, so that the picture comes back at
// once (or, with no GOP cached, at the next keyframe). Metadata and
// sequence headers that changed during the pause are queued first.
func (sub *Subscriber) Resume() {
	s := sub.s
	s.mu.Lock()
	s.resumeLocked(sub)
	s.mu.Unlock()
}

// SetReceiveAudio turns audio on or off for this subscriber (RTMP
// receiveAudio). Turning it on queues the audio sequence headers first.
func (sub *Subscriber) SetReceiveAudio(on bool) { sub.s.setReceive(sub, flv.TagAudio, on) }

// SetReceiveVideo turns video on or off for this subscriber (RTMP
// receiveVideo). Turning it on queues the video sequence headers, then
// video resumes at the next keyframe.
func (sub *Subscriber) SetReceiveVideo(on bool) { sub.s.setReceive(sub, flv.TagVideo, on) }

// Stats returns a snapshot of the subscriber.
func (sub *Subscriber) Stats() SubscriberStats {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	return SubscriberStats{
		ID:         sub.opts.ID,
		RemoteAddr: sub.opts.RemoteAddr,
		Queued:     sub.packets,
		Drops:      sub.drops,
		Paused:     sub.paused,
	}
}
