//go:build unix

package main

import (
	"os"
	"syscall"
	"time"
)

// pollableFile returns f, or a duplicate of its descriptor, as a file the
// runtime's poller serves, whose reads a deadline can end; nil when f is
// not a pipe, FIFO or socket. A blocking pipe (standard input as a shell
// or a service manager hands it over) is switched to non-blocking mode on
// a duplicate, so that closing the duplicate leaves f's descriptor open;
// the mode belongs to the pipe, shared with the process at its other end's
// side, so restore switches it back.
func pollableFile(f *os.File) (pf *os.File, restore func()) {
	if f.SetReadDeadline(time.Time{}) == nil {
		return f, func() {} // already served by the poller (os.Pipe)
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&(os.ModeNamedPipe|os.ModeSocket) == 0 {
		return nil, nil
	}
	rc, err := f.SyscallConn() // unlike Fd, leaves the mode as it is
	if err != nil {
		return nil, nil
	}
	dup := -1
	rc.Control(func(fd uintptr) {
		syscall.ForkLock.RLock()
		defer syscall.ForkLock.RUnlock()
		if d, err := syscall.Dup(int(fd)); err == nil {
			syscall.CloseOnExec(d)
			dup = d
		}
	})
	if dup < 0 {
		return nil, nil
	}
	if err := syscall.SetNonblock(dup, true); err != nil {
		syscall.Close(dup)
		return nil, nil
	}
	pf = os.NewFile(uintptr(dup), f.Name()) // non-blocking: the poller serves it
	return pf, func() {
		pf.Close()
		rc.Control(func(fd uintptr) { syscall.SetNonblock(int(fd), false) })
	}
}
