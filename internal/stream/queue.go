package stream

import "github.com/sluicemedia/sluice/flv"

// The queue of a Subscriber. Every function here runs with sub.mu held,
// called by the stream with its own lock held too.

// pushLocked offers a live packet to the direct writer (if the delivery is
// direct and the subscriber has one) or else to the queue, and returns how many packets
// the subscriber lost: the offered one if refused by the drop policy, plus
// queued ones shed to make room. Packets the subscriber does not want
// (closed, paused, filtered) are not losses.
func (sub *Subscriber) pushLocked(p *Packet, how delivery) (dropped int) {
	if !sub.wantsLocked(p) {
		return 0
	}
	if sub.waitsForKeyframeLocked(p) {
		if sub.waitKey == keyWaitDropped {
			return sub.countDrops(1)
		}
		return 0
	}
	if how != deliverQueued && sub.writeDirectLocked(p, how) {
		return 0
	}
	size := len(p.Data())
	if size > sub.maxBytes {
		return sub.refuseLocked(p, 0) // would not fit even alone
	}
	if sub.fullLocked(size) {
		dropped = sub.shedLocked(size)
		if sub.waitsForKeyframeLocked(p) || sub.fullLocked(size) {
			return sub.refuseLocked(p, dropped)
		}
	}
	sub.appendPacketLocked(p)
	if len(sub.items) == 1 {
		// Only for the first item since the last Drain: the signal for it
		// stands for those queued after it too. (Throughput mode queues a
		// window's media per player; a wake per packet was a few percent
		// of the server's time.)
		sub.signal()
	}
	return sub.countDrops(dropped)
}

// refuseLocked drops the offered packet p, after shed others were dropped
// to make room for it, and returns the total.
func (sub *Subscriber) refuseLocked(p *Packet, shed int) int {
	if p.isFrame(flv.TagVideo) {
		sub.waitKey = keyWaitDropped // the frames after p need it
	}
	return sub.countDrops(shed + 1)
}

// wantsLocked reports whether the subscriber takes p at all.
func (sub *Subscriber) wantsLocked(p *Packet) bool {
	switch {
	case sub.closed || sub.paused:
		return false
	case p.Type() == flv.TagAudio:
		return !sub.noAudio
	case p.Type() == flv.TagVideo:
		return !sub.noVideo
	}
	return true
}

// waitsForKeyframeLocked reports a video frame that cannot be decoded
// because frames before it were dropped.
func (sub *Subscriber) waitsForKeyframeLocked(p *Packet) bool {
	return sub.waitKey != keyWaitNone && p.isFrame(flv.TagVideo) && !p.IsKeyframe()
}

func (sub *Subscriber) fullLocked(size int) bool {
	return sub.packets >= sub.maxPackets || sub.bytes+size > sub.maxBytes
}

// appendPacketLocked queues p without checking bounds or filters.
func (sub *Subscriber) appendPacketLocked(p *Packet) {
	if p.IsKeyframe() {
		sub.waitKey = keyWaitNone
	}
	sub.items = append(sub.items, Item{Event: EventPacket, Packet: p})
	sub.packets++
	sub.bytes += len(p.Data())
	sub.lastSeq = max(sub.lastSeq, p.seq)
}

// offerLocked queues p, from the cache, if the subscriber takes it; unlike
// pushLocked it does not check the bounds, which are sized to hold a join
// burst.
func (sub *Subscriber) offerLocked(p *Packet) {
	if sub.wantsLocked(p) && !sub.waitsForKeyframeLocked(p) {
		sub.appendPacketLocked(p)
	}
}

// pushEventLocked queues e; events are never dropped (appendItem keeps
// them bounded). A new publication's video starts at its first keyframe.
func (sub *Subscriber) pushEventLocked(e Event) {
	if sub.closed {
		return
	}
	if e == EventPublish {
		sub.waitKey = keyWaitStart
	}
	sub.items = appendItem(sub.items, Item{Event: e})
	sub.closed = e == EventClosed
	sub.signal()
}

// waitForKeyframeLocked makes video start at the next keyframe, keeping a
// wait the drop policy started (its skipped frames still count as drops).
func (sub *Subscriber) waitForKeyframeLocked() {
	if sub.waitKey == keyWaitNone {
		sub.waitKey = keyWaitStart
	}
}

// signal wakes the writer without ever blocking.
func (sub *Subscriber) signal() {
	if sub.opts.Wake != nil {
		sub.opts.Wake()
		return
	}
	select {
	case sub.notify <- struct{}{}:
	default:
	}
}

func (sub *Subscriber) countDrops(n int) int {
	sub.drops += uint64(n)
	return n
}

// shedLocked makes room for a packet of size bytes and returns how many
// queued packets it dropped. It goes in steps, each losing as little as
// possible, and stops once the packet fits with a quarter of the queue's
// bounds to spare: a subscriber that stays slow then pays for these scans
// once per quarter queue, not on every packet.
//
//  1. video frames before the newest queued keyframe (decoding restarts
//     there, so nothing after it is harmed);
//  2. all queued video frames, and video until the next keyframe;
//  3. the oldest audio frames;
//  4. the oldest packets of any kind (only metadata and sequence headers
//     are left by then: a publisher flooding them).
//
// Events always stay.
func (sub *Subscriber) shedLocked(size int) int {
	dropped := 0
	if k := sub.newestKeyframeLocked(); k > 0 {
		dropped += sub.removeLocked(k, isVideoFrame, -1)
		if sub.roomyLocked(size) {
			return dropped
		}
	}
	dropped += sub.removeLocked(len(sub.items), isVideoFrame, -1)
	sub.waitKey = keyWaitDropped
	if sub.roomyLocked(size) {
		return dropped
	}
	dropped += sub.removeLocked(len(sub.items), isAudioFrame, size)
	if sub.roomyLocked(size) {
		return dropped
	}
	return dropped + sub.removeLocked(len(sub.items), isAnyPacket, size)
}

// roomyLocked reports whether a packet of size bytes fits in three
// quarters of the queue's bounds.
func (sub *Subscriber) roomyLocked(size int) bool {
	return (sub.packets+1)*4 <= sub.maxPackets*3 && (sub.bytes+size)*4 <= sub.maxBytes*3
}

func isVideoFrame(p *Packet) bool { return p.isFrame(flv.TagVideo) }
func isAudioFrame(p *Packet) bool { return p.isFrame(flv.TagAudio) }
func isAnyPacket(*Packet) bool    { return true }

// newestKeyframeLocked returns the index of the newest queued keyframe, or
// -1.
func (sub *Subscriber) newestKeyframeLocked() int {
	for i := len(sub.items) - 1; i >= 0; i-- {
		if p := sub.items[i].Packet; p != nil && p.IsKeyframe() {
			return i
		}
	}
	return -1
}

// removeLocked drops the packets among the first n items that match,
// oldest first, compacting the queue in place. With room >= 0 it stops
// dropping once a packet of room bytes is roomy; with room < 0 it drops
// every match. It returns how many packets it dropped.
func (sub *Subscriber) removeLocked(n int, match func(*Packet) bool, room int) int {
	kept := sub.items[:0]
	dropped := 0
	for i, it := range sub.items {
		p := it.Packet
		if i < n && p != nil && match(p) && (room < 0 || !sub.roomyLocked(room)) {
			sub.packets--
			sub.bytes -= len(p.Data())
			dropped++
			continue
		}
		kept = appendItem(kept, it)
	}
	clear(sub.items[len(kept):])
	sub.items = kept
	return dropped
}
