package stream

// DirectWriter lets the publisher's goroutine write a packet straight to a
// subscriber's output, skipping the queue, when that output can take it at
// once (see Subscriber.SetDirect). A live server's player uses it to send
// a message to a socket with room without waking the player's writer.
type DirectWriter interface {
	// TryWrite sends p now if that cannot block, and reports whether it
	// took p. It must not wait for anything: it runs on the publisher's
	// goroutine, with the stream locked. unfinished reports a packet taken
	// only in part; Notify then fires, so that the subscriber's writer
	// finishes it.
	//
	// more says that the publisher has its next packet already (see
	// Publisher.SetInputPending): the output may hold p back until its
	// next write, so that the two go out together, or until Push.
	TryWrite(p *Packet, more bool) (taken, unfinished bool)
	// Push sends what a TryWrite with more held back. It must not wait.
	Push()
}

// delivery is how the stream hands a live packet to a subscriber.
type delivery uint8

const (
	deliverQueued     delivery = iota // to the queue, for the subscriber's writer
	deliverDirect                     // to the direct writer, if it takes it at once
	deliverDirectMore                 // direct, and the next packet is already in (see TryWrite)
)

// inputProbeInterval is how many subscribers a direct fan-out serves
// between two looks at the publisher's input (Publisher.SetInputPending).
// A look is a system call, a few percent of a send: one every 16 sends
// costs well under 1 % of the fan-out, and a packet that arrives during
// it is noticed within 16 sends.
const inputProbeInterval = 16

// SetDirect makes the stream offer packets to w before queuing them, or
// stops it with nil. A packet is offered only when nothing is queued and
// the writer holds nothing drained but unwritten (see Drain), so packets
// reach the output in order whichever way they go. Packets of a join
// burst, resume or filter change, and events, always go through the queue.
// What the old writer held back is pushed first.
func (sub *Subscriber) SetDirect(w DirectWriter) {
	sub.mu.Lock()
	sub.pushHeldLocked()
	sub.direct = w
	sub.mu.Unlock()
}

// writeDirectLocked offers p to the direct writer, when one is set and
// the queue is idle, and reports whether it took p.
func (sub *Subscriber) writeDirectLocked(p *Packet, how delivery) bool {
	if sub.direct == nil || len(sub.items) > 0 || sub.draining {
		return false
	}
	more := how == deliverDirectMore
	taken, unfinished := sub.direct.TryWrite(p, more)
	if !taken {
		return false
	}
	if p.IsKeyframe() {
		sub.waitKey = keyWaitNone
	}
	sub.lastSeq = max(sub.lastSeq, p.seq)
	// A write without more sends what was held with it; the writer's
	// finishing of an unfinished write does too.
	sub.held = more && !unfinished
	if unfinished {
		sub.signal()
	}
	return true
}

// pushHeldLocked pushes what the direct writer holds back, if anything.
func (sub *Subscriber) pushHeldLocked() {
	if sub.held && sub.direct != nil {
		sub.direct.Push()
	}
	sub.held = false
}

// fanOutLocked hands p to every subscriber. With direct delivery it looks
// at the publisher's input every inputProbeInterval subscribers: once the
// next packet is in, the rest of the fan-out is told more, so that their
// outputs send this packet together with the next one, and the next
// fan-out starts with them. A packet that arrives while a fan-out is under
// way thus costs those subscribers no send of its own, and waits for no
// more than the sends that hold the first back (cheaper than full sends:
// the kernel neither transmits nor wakes the reader for them).
func (s *stream) fanOutLocked(p *Packet, how delivery, pending func() bool) (dropped int) {
	n := len(s.subs)
	start := s.nextSub
	if start >= n {
		start = 0
	}
	for k := range n {
		i := start + k
		if i >= n {
			i -= n
		}
		if how == deliverDirect && pending != nil && k%inputProbeInterval == 0 && pending() {
			how = deliverDirectMore
			s.nextSub = i
		}
		sub := s.subs[i]
		sub.mu.Lock()
		dropped += sub.pushLocked(p, how)
		if sub.held && !sub.listed {
			sub.listed = true
			s.held = append(s.held, sub)
		}
		sub.mu.Unlock()
	}
	if how != deliverDirectMore {
		s.pushHeldLocked() // those this packet skipped (filtered, paused, queued)
	}
	return dropped
}

// pushHeldLocked pushes what any subscriber's direct writer holds back.
func (s *stream) pushHeldLocked() {
	for i, sub := range s.held {
		sub.mu.Lock()
		sub.pushHeldLocked()
		sub.listed = false
		sub.mu.Unlock()
		s.held[i] = nil
	}
	s.held = s.held[:0]
}
