package rtmp

import (
	"syscall"
	"unsafe"
)

// maxSendVec bounds the buffers of one sendVecNow (IOV_MAX is 1024): a
// batch holds a few dozen messages, and what does not fit is left unsent,
// as by a short write.
const maxSendVec = 64

// sendVecNow writes bufs to a non-blocking socket in one writev(2). Unlike
// sendNow's send it cannot say MSG_NOSIGNAL; the runtime ignores SIGPIPE
// for every descriptor but standard output and error, as it does for the
// net package's own writes.
func sendVecNow(fd uintptr, bufs [][]byte) (int, error) {
	var iov [maxSendVec]syscall.Iovec
	n := 0
	for _, b := range bufs {
		if n == len(iov) {
			break
		}
		if len(b) > 0 {
			iov[n].Base = &b[0]
			iov[n].SetLen(len(b))
			n++
		}
	}
	if n == 0 {
		return 0, nil
	}
	sent, _, errno := syscall.Syscall(syscall.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&iov[0])), uintptr(n))
	if errno != 0 {
		return 0, errno
	}
	return int(sent), nil
}
