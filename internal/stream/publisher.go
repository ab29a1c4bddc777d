package stream

import (
	"time"

	"github.com/sluicemedia/sluice/flv"
)

// PublisherInfo describes a publisher for logs and stats.
type PublisherInfo struct {
	ID         string // connection or session id
	RemoteAddr string // peer address
}

// Publisher is the one writer of a live stream. Write is called from one
// goroutine (the publishing connection's); Close, Done and Err from any.
type Publisher struct {
	s       *stream
	info    PublisherInfo
	started time.Time
	done    chan struct{}
	err     error       // why the publication ended; guarded by s.mu
	pending func() bool // see SetInputPending; used by the writing goroutine
}

func newPublisher(s *stream, info PublisherInfo, now time.Time) *Publisher {
	return &Publisher{s: s, info: info, started: now, done: make(chan struct{})}
}

// Key returns the key of the publisher's stream.
func (p *Publisher) Key() Key { return p.s.key }

// Write classifies tag once, updates the stream's cache and hands the
// packet to every subscriber: to its direct writer when it has one that
// can take the packet at once (see Subscriber.SetDirect), else to its
// queue. It never waits for a subscriber: a slow one
// loses packets by the drop policy. The hub keeps tag.Data: the caller
// must not modify those bytes afterwards.
//
// After the publication ended Write returns Err: ErrClosed, ErrTakenOver
// or ErrHubClosed.
func (p *Publisher) Write(tag flv.Tag) error { return p.write(tag, deliverDirect) }

// WriteQueued is Write for a publisher whose input is backing up: the
// packet goes to every subscriber's queue, none to a direct writer. A
// server that cannot keep up with direct writes, one system call per
// packet and player, thus lets the players' writers send what piled up in
// one call each, and catches up instead of falling further behind.
func (p *Publisher) WriteQueued(tag flv.Tag) error { return p.write(tag, deliverQueued) }

// SetInputPending gives Write a way to tell whether the publisher's next
// packet has arrived already (a live server: whether its connection has
// unread input). Write then lets the direct writers hold a packet back
// for the next one (see DirectWriter.TryWrite), and the caller must call
// Push before it waits for more input. Call it from the writing goroutine,
// before Write. f is called from Write, with the stream locked: it must
// return at once and call nothing of the hub.
func (p *Publisher) SetInputPending(f func() bool) { p.pending = f }

// Push sends what the direct writers hold back for the next packet. A
// publisher with SetInputPending calls it when it is about to wait for
// input: without a next packet soon, nothing may stay held.
func (p *Publisher) Push() {
	s := p.s
	s.mu.Lock()
	s.pushHeldLocked()
	s.mu.Unlock()
}

func (p *Publisher) write(tag flv.Tag, how delivery) error {
	pkt := NewPacket(tag)
	now := time.Now()
	s := p.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pub != p {
		return p.err
	}
	s.writeLocked(pkt, now, how, p.pending)
	return nil
}

// Close ends the publication: subscribers get EventUnpublish, the cache is
// cleared, and the stream is removed from the hub if nobody is subscribed.
// Close is idempotent and does nothing after a takeover or hub shutdown.
func (p *Publisher) Close() {
	s, h := p.s, p.s.hub
	h.mu.Lock()
	s.mu.Lock()
	current := s.pub == p
	if current {
		s.endLocked(ErrClosed)
		h.removeIfUnusedLocked(s)
	}
	s.mu.Unlock()
	h.mu.Unlock()
	if current {
		h.log.Info("stream: unpublished", "key", s.key, "id", p.info.ID)
	}
}

// Done returns a channel closed when the publication ends for any reason:
// Close, a takeover by a new publisher, or hub shutdown. The server closes
// the publishing connection when it sees Done close without having called
// Close.
func (p *Publisher) Done() <-chan struct{} { return p.done }

// Err returns nil while the publisher is live, then why it ended:
// ErrClosed, ErrTakenOver or ErrHubClosed.
func (p *Publisher) Err() error {
	p.s.mu.Lock()
	defer p.s.mu.Unlock()
	return p.err
}

// end records why the publication ended and closes Done; the caller holds
// s.mu and detaches p from the stream.
func (p *Publisher) end(err error) {
	p.err = err
	close(p.done)
}
