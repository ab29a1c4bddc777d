package rtmp

import (
	"syscall"
	"unsafe"
)

// receiveQueue returns the bytes waiting in a socket's receive queue
// (ioctl SIOCINQ, which is TIOCINQ's number; tcp(7), unix(7)), or 0 when
// the call fails.
func receiveQueue(fd uintptr) int {
	var n int32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, syscall.TIOCINQ, uintptr(unsafe.Pointer(&n))); errno != 0 {
		return 0
	}
	return int(n)
}
