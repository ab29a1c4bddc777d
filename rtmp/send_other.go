//go:build unix && !linux

package rtmp

import "syscall"

// sendNow writes b to a non-blocking socket once. Only Linux is told that
// more follows (see send_more_linux.go): here each send goes out at once.
func sendNow(fd uintptr, b []byte, _ bool) (int, error) {
	n, err := syscall.Write(int(fd), b)
	if err != nil {
		return 0, err // syscall.Write returns -1 with it
	}
	return n, nil
}

// pushHeld has nothing to do where sends are never held.
func pushHeld(uintptr) {}
