//go:build unix

package rtmp

import (
	"net"
	"sync"
	"syscall"
)

// rawDirectWriter sends on the socket's file descriptor itself, once,
// without waiting for room. It bypasses the runtime's poller (its fd lock
// and deadline checks, about a twentieth of a 1000-player fan-out's time):
// a send that cannot block needs neither. The descriptor is retired under
// mu before the connection closes, so a send never reaches a number the
// system has given to another file since.
type rawDirectWriter struct {
	mu      sync.Mutex // held around each send, and to retire fd
	fd      uintptr
	retired bool
	// The receive queue length, for unread, through the runtime's poller;
	// used by the reading goroutine only.
	rc       syscall.RawConn
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
	if rc.Control(func(fd uintptr) { w.fd = fd }) != nil {
		return nil
	}
	w.queuedFn = func(fd uintptr) { w.queued = receiveQueue(fd) }
	return w
}

// writeNow is called with the connection's write lock held.
func (w *rawDirectWriter) writeNow(b []byte, more bool) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.retired {
		return 0, net.ErrClosed
	}
	return fullIsNoError(sendNow(w.fd, b, more))
}

// writevNow is called with the connection's write lock held.
func (w *rawDirectWriter) writevNow(bufs [][]byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.retired {
		return 0, net.ErrClosed
	}
	return fullIsNoError(sendVecNow(w.fd, bufs))
}

// fullIsNoError turns a send's EAGAIN (the socket is full: the caller
// queues) or EINTR into what was sent, without an error.
func fullIsNoError(n int, err error) (int, error) {
	if err == syscall.EAGAIN || err == syscall.EINTR {
		err = nil
	}
	return n, err
}

// push may run while another goroutine writes: the kernel orders the two.
func (w *rawDirectWriter) push() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.retired {
		pushHeld(w.fd)
	}
}

// retire ends direct sends; the connection closes its socket after.
func (w *rawDirectWriter) retire() {
	w.mu.Lock()
	w.retired = true
	w.mu.Unlock()
}

// unread is called by the reading goroutine.
func (w *rawDirectWriter) unread() int {
	w.queued = 0
	if w.rc.Control(w.queuedFn) != nil {
		return 0
	}
	return w.queued
}
