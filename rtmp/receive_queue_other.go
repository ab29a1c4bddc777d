//go:build unix && !linux

package rtmp

// receiveQueue: the receive queue length is read on Linux only; elsewhere
// Backlog counts the connection's own buffer.
func receiveQueue(uintptr) int { return 0 }
