package rtmp

import "syscall"

// sendFlags are the flags of a direct send. MSG_MORE (tcp(7)) tells the
// kernel that more data follows at once: it keeps a segment that is not
// full until the next send without the flag, or a push, and the two
// messages then cross the network (and wake the reader) once. Unix stream
// sockets ignore it.
func sendFlags(more bool) uintptr {
	flags := uintptr(syscall.MSG_DONTWAIT | syscall.MSG_NOSIGNAL)
	if more {
		flags |= syscall.MSG_MORE
	}
	return flags
}

// pushHeld sends what MSG_MORE held in a TCP socket: setting TCP_NODELAY,
// which the connection already has, pushes pending segments (tcp(7)). On a
// socket of another kind it fails, harmlessly: nothing was held.
func pushHeld(fd uintptr) {
	syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1)
}
