package rtmp

import "github.com/sluicemedia/sluice/flv"

// Direct writes: a live server's publisher goroutine offers each media
// message straight to the connections of its players, and a connection
// whose socket has room takes it in one non-blocking system call. Only a
// player whose socket is full, or whose connection is busy writing, has
// the message queued for its own writer goroutine. A player that keeps up
// thus costs no goroutine wake-up per message, and the publisher never
// waits for any player: the attempt gives up rather than block.

// directWriter writes without blocking: it returns how much of b the
// kernel took at once (0 when the socket buffer is full) or a failure of
// the connection. A send that cannot block needs no deadline: a player
// that stops reading fills its socket, and the blocking writes that then
// take over have the connection's write deadline.
type directWriter interface {
	// more says another send follows at once: the kernel may hold b
	// back until then, or until push (see sendFlags).
	writeNow(b []byte, more bool) (int, error)
	// writevNow is writeNow for several buffers, in one system call
	// where the system has one, never told that more follows.
	writevNow(bufs [][]byte) (int, error)
	// push sends what a send with more left held.
	push()
	// retire ends direct writes for good; the connection calls it before
	// it closes the socket.
	retire()
	// unread returns the bytes in the socket's receive queue, or 0 where
	// the system does not tell.
	unread() int
}

// Backlog returns how many bytes the peer has sent that are not read yet:
// in the connection's buffer and, on Linux TCP and Unix sockets, in the
// kernel's receive queue. A publisher whose backlog grows is sending
// faster than the server gets through its messages. Call it from the
// reading goroutine.
func (s *ServerConn) Backlog() int {
	n := s.c.br.Buffered()
	if s.c.direct != nil {
		n += s.c.direct.unread()
	}
	return n
}

// OnReadWait makes the connection call f, on the reading goroutine, before
// each read from its socket that may wait for the peer: when nothing the
// peer sent is left unread. A publisher's fan-out, which holds messages
// back while the next one is already in (see TryWriteEncoded's more),
// pushes them there, so that nothing stays held while the server waits.
// Call it from the reading goroutine; nil removes f.
func (s *ServerConn) OnReadWait(f func()) { s.c.readWait = f }

// CanWriteDirect reports whether TryWriteEncoded can ever succeed on this
// connection: plain TCP (or Unix) sockets, not TLS.
func (s *ServerConn) CanWriteDirect() bool { return s.c.direct != nil }

// TryWriteEncoded sends encoded, tag's bytes that EncodeTag chunked for
// this connection's ChunkSize on NetStream streamID, if that can be done
// now without blocking: when no other write is in progress or unfinished
// and the socket takes at least one byte. It reports whether it took the
// message. A message the socket took only in part is finished by the next
// write or Flush, before anything else; unfinished reports that case, in
// which the caller must make sure one follows soon (the player's writer
// calls Flush).
//
// more says that another message follows at once (the publisher has
// already received it): on TCP the kernel may then hold this one back, so
// that the two reach the peer together. The next write without more, or
// Push, sends what was held; the caller must make sure one follows.
//
// A failed connection makes it return false; the error surfaces at the
// next blocking write.
func (s *ServerConn) TryWriteEncoded(streamID uint32, tag flv.Tag, encoded []byte, more bool) (taken, unfinished bool) {
	c := s.c
	if !c.tryLockIdle() {
		return false, false
	}
	defer c.wmu.Unlock()
	n, err := c.direct.writeNow(encoded, more)
	if !c.tookAny(n, err) {
		return false, false
	}
	c.bypassed(streamID, tag)
	if n < len(encoded) {
		c.pending = append(c.pending[:0], encoded[n:]) // the packet's shared bytes: immutable, safe to keep
		return true, true
	}
	return true, false
}

// TryWriteEncodedBatch is TryWriteEncoded for messages that EncodeTag
// chunked, sent in one system call (WriteEncoded's arguments, never held
// back): a writer on a shared clock sends each player's batch with it, and
// leaves to the player's own writer only a player whose socket is full or
// whose connection is busy. A batch the socket took only in part is
// finished by the next write or Flush, before anything else (unfinished).
func (s *ServerConn) TryWriteEncodedBatch(streamID uint32, tags []flv.Tag, encoded [][]byte) (taken, unfinished bool) {
	c := s.c
	if !c.tryLockIdle() {
		return false, false
	}
	defer c.wmu.Unlock()
	n, err := c.direct.writevNow(encoded)
	if !c.tookAny(n, err) {
		return false, false
	}
	for _, t := range tags {
		c.bypassed(streamID, t)
	}
	c.pending = appendUnsent(c.pending[:0], encoded, n)
	return true, len(c.pending) > 0
}

// tryLockIdle takes the write lock if the connection can write directly,
// no write is in progress, and nothing unfinished or failed stands in the
// way; the caller unlocks wmu when it returns true.
func (c *conn) tryLockIdle() bool {
	if c.direct == nil || !c.wmu.TryLock() {
		return false
	}
	if c.werr != nil || len(c.pending) > 0 {
		c.wmu.Unlock()
		return false
	}
	return true
}

// tookAny reports whether a direct send of n bytes with err took anything;
// a failure is kept for the next blocking write to report.
func (c *conn) tookAny(n int, err error) bool {
	if err != nil {
		c.werr = wrapWriteErr(err)
		return false
	}
	return n > 0
}

// appendUnsent appends to dst what bufs hold after their first n bytes:
// shared, immutable bytes, safe to keep until they are written.
func appendUnsent(dst [][]byte, bufs [][]byte, n int) [][]byte {
	for _, b := range bufs {
		if n >= len(b) {
			n -= len(b)
			continue
		}
		dst = append(dst, b[n:])
		n = 0
	}
	return dst
}

// Push sends what a TryWriteEncoded with more left held. It does not
// wait, and does nothing when nothing was held.
func (s *ServerConn) Push() {
	if s.c.direct != nil {
		s.c.direct.push()
	}
}

// Flush finishes a message that TryWriteEncoded sent only in part, with
// the write deadline. It does nothing when there is none.
func (s *ServerConn) Flush() error {
	c := s.c
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.flushPendingLocked()
}

// flushPendingLocked writes the rest of a partly sent message; the caller
// holds wmu. Every write sends it first, so the chunk stream stays whole.
func (c *conn) flushPendingLocked() error {
	if c.werr != nil {
		return c.werr
	}
	if len(c.pending) == 0 {
		return nil
	}
	c.armWriteDeadline()
	c.vec = c.pending // WriteTo consumes c.vec, and c.pending keeps its array for the next time
	_, err := c.vec.WriteTo(c.nc)
	clear(c.pending)
	c.vec, c.pending = nil, c.pending[:0]
	if err != nil {
		c.werr = wrapWriteErr(err)
		return c.werr
	}
	return nil
}
