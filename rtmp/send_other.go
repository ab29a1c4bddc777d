//go:build unix && !linux

package rtmp

import "syscall"

// sendNow writes b to a non-blocking socket once.
func sendNow(fd uintptr, b []byte) (int, error) { return syscall.Write(int(fd), b) }
