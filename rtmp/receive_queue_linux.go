package rtmp

import (
	"syscall"
	"unsafe"
)

// receiveQueue returns the bytes waiting in a socket's receive queue
// (ioctl SIOCINQ, which is TIOCINQ's number; tcp(7), unix(7)), or 0 when
// the call fails.
func receiveQueue(fd uintptr) int {
	n, err := socketQueue(fd, syscall.TIOCINQ)
	if err != nil {
		return 0
	}
	return n
}

// socketQueue asks a socket for one of its queue lengths with ioctl
// request req (SIOCINQ, SIOCOUTQ, SIOCOUTQNSD; tcp(7)).
func socketQueue(fd uintptr, req uintptr) (int, error) {
	var n int32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(unsafe.Pointer(&n))); errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
