//go:build unix && !linux

package rtmp

import "syscall"

// sendNow writes b to a non-blocking socket once. Only Linux is told that
// more follows (see send_more_linux.go): here each send goes out at once.
func sendNow(fd uintptr, b []byte, _ bool) (int, error) { return syscall.Write(int(fd), b) }

// pushHeld has nothing to do where sends are never held.
func pushHeld(uintptr) {}
