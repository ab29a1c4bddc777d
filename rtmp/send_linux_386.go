package rtmp

import "syscall"

// sendNow writes b to a non-blocking socket once, with sendmsg(2): 386
// Linux has no sendto system call of its own (see send_linux.go).
func sendNow(fd uintptr, b []byte, more bool) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	return syscall.SendmsgN(int(fd), b, nil, nil, int(sendFlags(more)))
}
