package rtmp

import (
	"errors"
	"syscall"
	"testing"
)

// TestSendNow: one non-blocking send, which says when the socket is full
// and fails, without SIGPIPE, once the peer is gone.
func TestSendNow(t *testing.T) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	local, peer := fds[0], fds[1]
	defer syscall.Close(local)
	if err := syscall.SetsockoptInt(local, syscall.SOL_SOCKET, syscall.SO_SNDBUF, 4096); err != nil {
		t.Fatal(err)
	}
	if n, err := sendNow(uintptr(local), nil, false); n != 0 || err != nil {
		t.Fatalf("empty: %d, %v", n, err)
	}
	if n, err := sendNow(uintptr(local), []byte("rtmp"), false); n != 4 || err != nil {
		t.Fatalf("first send: %d, %v", n, err)
	}
	chunk := make([]byte, 64<<10)
	for i := 0; ; i++ {
		_, err := sendNow(uintptr(local), chunk, false)
		if errors.Is(err, syscall.EAGAIN) {
			break // full: it did not wait for room
		}
		if err != nil || i > 1000 {
			t.Fatalf("filling: send %d: %v", i, err)
		}
	}
	if allocs := testing.AllocsPerRun(100, func() { sendNow(uintptr(local), chunk[:1], false) }); allocs != 0 {
		t.Errorf("%v allocations per send", allocs)
	}
	syscall.Close(peer)
	if _, err := sendNow(uintptr(local), []byte("x"), false); !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("after the peer closed: %v, want EPIPE", err)
	}
}
