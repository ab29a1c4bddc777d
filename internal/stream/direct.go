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
	TryWrite(p *Packet) (taken, unfinished bool)
}

// SetDirect makes the stream offer packets to w before queuing them, or
// stops it with nil. A packet is offered only when nothing is queued and
// the writer holds nothing drained but unwritten (see Drain), so packets
// reach the output in order whichever way they go. Packets of a join
// burst, resume or filter change, and events, always go through the queue.
func (sub *Subscriber) SetDirect(w DirectWriter) {
	sub.mu.Lock()
	sub.direct = w
	sub.mu.Unlock()
}

// writeDirectLocked offers p to the direct writer, when one is set and
// the queue is idle, and reports whether it took p.
func (sub *Subscriber) writeDirectLocked(p *Packet) bool {
	if sub.direct == nil || len(sub.items) > 0 || sub.draining {
		return false
	}
	taken, unfinished := sub.direct.TryWrite(p)
	if !taken {
		return false
	}
	if p.IsKeyframe() {
		sub.waitKey = keyWaitNone
	}
	sub.lastSeq = max(sub.lastSeq, p.seq)
	if unfinished {
		sub.signal()
	}
	return true
}
