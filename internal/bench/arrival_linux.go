package bench

import (
	"io"
	"net"
	"syscall"
	"time"
	"unsafe"
)

// arrivalReader reads a TCP connection with recvmsg(2) and keeps the
// kernel's receive timestamp of what each read returned (SO_TIMESTAMPNS,
// socket(7)): when the newest of those bytes reached this machine's
// network stack. Latency measured from it is the server's, without the
// wait of a player's goroutine for the load generator's core, which a
// thousand players in one process make long: a real player has a machine
// of its own. (On loopback, the stamp is taken as the server's send hands
// the bytes to the network stack.)
type arrivalReader struct {
	rc      syscall.RawConn
	buf     []byte    // the caller's, during a read
	oob     [8]uint64 // control messages, 8-byte aligned
	oobn    int
	n       int
	err     error
	recv    func(fd uintptr) bool // made once: a closure per read would allocate
	arrival time.Time
}

// withArrival returns a reader of nc that knows when what it read
// arrived, or nc itself when the system cannot tell.
func withArrival(nc net.Conn) io.Reader {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return nc
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nc
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
	}); err != nil || serr != nil {
		return nc
	}
	r := &arrivalReader{rc: rc}
	r.recv = func(fd uintptr) bool {
		oob := unsafe.Slice((*byte)(unsafe.Pointer(&r.oob[0])), len(r.oob)*8)
		r.n, r.oobn, _, _, r.err = syscall.Recvmsg(int(fd), r.buf, oob, 0)
		return r.err != syscall.EAGAIN // on EAGAIN the poller waits for data, then calls again
	}
	return r
}

// Read reads into p, waiting as the connection's deadline allows.
func (r *arrivalReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.buf = p
	err := r.rc.Read(r.recv)
	r.buf = nil // do not keep the caller's buffer
	switch {
	case err != nil:
		return 0, err
	case r.err != nil:
		return 0, r.err
	case r.n == 0:
		return 0, io.EOF
	}
	r.arrival = r.stamp()
	return r.n, nil
}

// Arrival is when the bytes of the last read arrived; zero when the
// kernel gave no timestamp.
func (r *arrivalReader) Arrival() time.Time { return r.arrival }

// stamp finds the SCM_TIMESTAMPNS control message of the last read.
func (r *arrivalReader) stamp() time.Time {
	oob := unsafe.Slice((*byte)(unsafe.Pointer(&r.oob[0])), len(r.oob)*8)[:r.oobn]
	for len(oob) >= syscall.CmsgLen(0) {
		h := (*syscall.Cmsghdr)(unsafe.Pointer(&oob[0]))
		size := int(h.Len)
		if size < syscall.CmsgLen(0) || size > len(oob) {
			break
		}
		if h.Level == syscall.SOL_SOCKET && h.Type == syscall.SCM_TIMESTAMPNS &&
			size >= syscall.CmsgLen(int(unsafe.Sizeof(syscall.Timespec{}))) {
			ts := (*syscall.Timespec)(unsafe.Pointer(&oob[syscall.CmsgLen(0)]))
			return onMonotonicClock(time.Unix(ts.Unix()), time.Now())
		}
		next := syscall.CmsgSpace(size - syscall.CmsgLen(0))
		if next >= len(oob) {
			break
		}
		oob = oob[next:]
	}
	return time.Time{}
}

// onMonotonicClock converts a kernel timestamp, on the wall clock, to a
// time on the monotonic clock, given now (which has both readings): the
// latency figures subtract monotonic times, and the wall clock of a
// virtual machine is stepped and slewed (a run saw it move 140 ms against
// the monotonic clock within 30 s). Its age is a difference of two wall
// readings taken moments apart, which such corrections barely touch.
func onMonotonicClock(stamp, now time.Time) time.Time {
	age := now.Round(0).Sub(stamp)
	if age < 0 {
		age = 0 // stepped back between the stamp and now
	}
	return now.Add(-age)
}
