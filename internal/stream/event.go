package stream

// Event says what an Item of a subscriber's queue is.
type Event uint8

// Events, in the order a subscriber meets them: every publication is
// bracketed by EventPublish and EventUnpublish, with its packets between
// them; EventClosed is the last item a subscriber ever gets.
const (
	// EventPacket: the item carries a Packet.
	EventPacket Event = iota
	// EventPublish: a publisher started (or was already live when the
	// subscriber joined); its metadata and sequence headers follow before
	// any frame.
	EventPublish
	// EventUnpublish: the publisher left or was replaced. A new publisher
	// may follow with EventPublish.
	EventUnpublish
	// EventClosed: the subscriber was closed or the hub shut down. It ends
	// any publication; nothing follows it.
	EventClosed
)

// String returns the event's name.
func (e Event) String() string {
	switch e {
	case EventPacket:
		return "packet"
	case EventPublish:
		return "publish"
	case EventUnpublish:
		return "unpublish"
	case EventClosed:
		return "closed"
	}
	return "unknown"
}

// Item is one entry of a subscriber's queue: a packet, or a lifecycle event
// in its place among the packets.
type Item struct {
	Event  Event
	Packet *Packet // set only when Event is EventPacket
}

// appendItem appends it to q, folding an EventUnpublish that directly
// follows an EventPublish: a publication whose packets a subscriber never
// got is invisible to it. The fold keeps events bounded by the packets
// between them, so a publisher that reconnects in a loop cannot grow the
// queue of a subscriber that does not drain.
func appendItem(q []Item, it Item) []Item {
	if it.Event == EventUnpublish && len(q) > 0 && q[len(q)-1].Event == EventPublish {
		return q[:len(q)-1]
	}
	return append(q, it)
}
