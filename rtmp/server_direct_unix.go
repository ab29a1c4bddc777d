//go:build unix

package rtmp

import (
	"net"
	"syscall"
)

// rawDirectWriter writes on the socket's file descriptor through the
// runtime's poller, once, without waiting for room.
type rawDirectWriter struct {
	rc  syscall.RawConn
	buf []byte
	n   int
	err error
	fn  func(fd uintptr) bool // made once: a closure per call would allocate
	// The receive queue length, for unread; used by the reading
	// goroutine only, so apart from the fields above.
	queued   int
	queuedFn func(fd uintptr)
}

// newDirectWriter returns a direct writer for TCP and Unix sockets, and
// nil for anything else (TLS must go through its record layer).
func newDirectWriter(nc net.Conn) directWriter {
	var sc syscall.Conn
	switch c := nc.(type) {
	case *net.TCPConn:
		sc = c
	case *net.UnixConn:
		sc = c
	default:
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	w := &rawDirectWriter{rc: rc}
	w.fn = func(fd uintptr) bool {
		w.n, w.err = sendNow(fd, w.buf)
		return true // one attempt: never wait for the socket
	}
	w.queuedFn = func(fd uintptr) { w.queued = receiveQueue(fd) }
	return w
}

// writeNow is called with the connection's write lock held.
func (w *rawDirectWriter) writeNow(b []byte) (int, error) {
	w.buf = b
	err := w.rc.Write(w.fn)
	n, werr := w.n, w.err
	w.buf, w.err = nil, nil
	if err != nil {
		return 0, err // closed, or the deadline passed
	}
	switch werr {
	case nil:
		return n, nil
	case syscall.EAGAIN, syscall.EINTR:
		return 0, nil // full: the caller queues
	}
	return 0, werr
}

// unread is called by the reading goroutine.
func (w *rawDirectWriter) unread() int {
	w.queued = 0
	if w.rc.Control(w.queuedFn) != nil {
		return 0
	}
	return w.queued
}
