package rtmp

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// siocOutqNSD is SIOCOUTQNSD (linux/sockios.h): the bytes in a TCP
// socket's send queue that were not sent yet.
const siocOutqNSD = 0x894B

// unsent returns the bytes tc holds back in its send queue.
func unsent(t *testing.T, tc *net.TCPConn) int {
	t.Helper()
	rc, err := tc.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	rc.Control(func(fd uintptr) { n, err = socketQueue(fd, siocOutqNSD) })
	if err != nil {
		t.Fatalf("SIOCOUTQNSD: %v", err)
	}
	return n
}

// TestTryWriteEncodedMore: a direct write told that more follows stays in
// the socket until the next write without more, or Push; then the peer
// reads every message whole and in order.
func TestTryWriteEncodedMore(t *testing.T) {
	for _, tc := range []struct {
		name string
		end  func(sc *ServerConn, enc []byte) // sends what was held
	}{
		{"next write", func(sc *ServerConn, enc []byte) {
			if ok, _ := sc.TryWriteEncoded(1, videoTag(3, 500), enc, false); !ok {
				t.Fatal("write without more refused")
			}
		}},
		{"push", func(sc *ServerConn, _ []byte) { sc.Push() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := rtmptest.TCPPair(t)
			sc := NewServerConn(s, ServerConfig{})
			var tags [3][]byte
			for i := range tags {
				tags[i] = EncodeTag(nil, 1, 4096, videoTag(i+1, 500))
			}
			for i := range 2 {
				if ok, _ := sc.TryWriteEncoded(1, videoTag(i+1, 500), tags[i], true); !ok {
					t.Fatalf("write %d with more refused", i)
				}
			}
			if n, want := unsent(t, s), len(tags[0])+len(tags[1]); n != want {
				t.Fatalf("%d bytes held after two writes with more, want %d", n, want)
			}
			tc.end(sc, tags[2])
			if n := unsent(t, s); n != 0 {
				t.Fatalf("%d bytes still held", n)
			}
			want := bytes.Join(tags[:2], nil)
			if tc.name == "next write" {
				want = bytes.Join(tags[:], nil)
			}
			got := make([]byte, len(want))
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			if _, err := io.ReadFull(c, got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatal("the peer read other bytes than were written")
			}
		})
	}
}
