package rtmp

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// videoTag is a video tag of size bytes whose body encodes i, so that the
// reader can tell the messages apart.
func videoTag(i, size int) flv.Tag {
	data := bytes.Repeat([]byte{byte(i)}, size)
	data[0] = 0x27 // AVC inter frame
	return flv.Tag{Type: flv.TagVideo, Timestamp: uint32(i * 40), Data: data}
}

// TestTryWriteEncodedPartialWrites sends large messages with direct
// writes to a peer that does not read at first, so that sockets fill:
// messages are refused (queued by the caller, here sent with
// WriteEncoded), or taken in part and finished by Flush. The peer must
// read every message whole and in order, and one the chunk writer writes
// after them on the same chunk stream must decode right.
//
// Messages go one by one (TryWriteEncoded) or three at a time
// (TryWriteEncodedBatch).
func TestTryWriteEncodedPartialWrites(t *testing.T) {
	for _, batch := range []int{1, 3} {
		t.Run(fmt.Sprint("batch ", batch), func(t *testing.T) { tryWritePartially(t, batch) })
	}
}

// tryWrite sends tags with a direct write: TryWriteEncoded for one,
// TryWriteEncodedBatch for more.
func tryWrite(sc *ServerConn, tags []flv.Tag, enc [][]byte) (taken, unfinished bool) {
	if len(tags) == 1 {
		return sc.TryWriteEncoded(1, tags[0], enc[0], false)
	}
	return sc.TryWriteEncodedBatch(1, tags, enc)
}

func tryWritePartially(t *testing.T, batch int) {
	s, c := rtmptest.TCPPair(t)
	s.SetWriteBuffer(64 << 10)
	c.SetReadBuffer(64 << 10)
	sc := NewServerConn(s, ServerConfig{})
	if !sc.CanWriteDirect() {
		t.Fatal("CanWriteDirect false on TCP")
	}

	const messages = 60
	// Small messages first, which the empty socket takes whole; then
	// large ones, which it cannot.
	size := func(i int) int {
		if i < 5 {
			return 1000
		}
		return 200 << 10
	}
	type result struct {
		got []flv.Tag
		err error
	}
	read := make(chan result, 1)
	start := make(chan struct{})
	go func() {
		<-start
		r := chunk.NewReader(c, chunk.ReaderConfig{})
		var res result
		for len(res.got) < messages+1 {
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			m, err := r.ReadMessage()
			if err != nil {
				res.err = err
				break
			}
			res.got = append(res.got, flv.Tag{Type: flv.TagType(m.TypeID), Timestamp: m.Timestamp, Data: bytes.Clone(m.Payload)})
		}
		read <- res
	}()

	var taken, refused, unfinished int
	started := false
	startReading := func() { // the socket is full: let the peer read from now on
		if !started {
			close(start)
			started = true
		}
	}
	for i := 0; i < messages; i += batch {
		var tags []flv.Tag
		var enc [][]byte
		for j := i; j < min(i+batch, messages); j++ {
			tags = append(tags, videoTag(j, size(j)))
			enc = append(enc, EncodeTag(nil, 1, chunk.DefaultChunkSize, tags[len(tags)-1]))
		}
		ok, partial := tryWrite(sc, tags, enc)
		switch {
		case !ok:
			refused++
			startReading()
			if err := sc.WriteEncoded(1, tags, enc); err != nil {
				t.Fatalf("WriteEncoded %d: %v", i, err)
			}
		case partial:
			unfinished++
			startReading()
			if again, _ := tryWrite(sc, tags, enc); again {
				t.Fatalf("message %d: a direct write was taken while one was unfinished", i)
			}
			if err := sc.Flush(); err != nil {
				t.Fatalf("Flush %d: %v", i, err)
			}
		default:
			taken++
		}
	}
	last := videoTag(messages, 100)
	if err := sc.WriteTag(1, last); err != nil { // after messages the chunk writer did not see
		t.Fatal(err)
	}
	startReading()
	res := <-read
	if res.err != nil {
		t.Fatalf("read after %d messages: %v", len(res.got), res.err)
	}
	for i, got := range res.got {
		want := videoTag(i, size(i))
		if i == messages {
			want = last
		}
		if got.Timestamp != want.Timestamp || !bytes.Equal(got.Data, want.Data) {
			t.Fatalf("message %d: ts %d, %d bytes; want ts %d, %d bytes", i, got.Timestamp, len(got.Data), want.Timestamp, len(want.Data))
		}
	}
	t.Logf("taken %d, unfinished %d, refused %d", taken, unfinished, refused)
	if taken == 0 || unfinished+refused == 0 {
		t.Errorf("paths not exercised: taken %d, unfinished %d, refused %d", taken, unfinished, refused)
	}
}

// TestTryWriteEncodedYields checks that a direct write never waits: not
// for a write in progress, and not on a connection that failed.
func TestTryWriteEncodedYields(t *testing.T) {
	s, _ := rtmptest.TCPPair(t)
	sc := NewServerConn(s, ServerConfig{})
	tag := videoTag(1, 10)
	enc := EncodeTag(nil, 1, chunk.DefaultChunkSize, tag)

	sc.c.wmu.Lock() // another goroutine writing
	if ok, _ := sc.TryWriteEncoded(1, tag, enc, false); ok {
		t.Error("took a message while a write was in progress")
	}
	sc.c.wmu.Unlock()
	if ok, _ := sc.TryWriteEncoded(1, tag, enc, false); !ok {
		t.Error("refused a message on an idle connection")
	}
	sc.Close()
	// The system may give the closed socket's descriptor number to the
	// next socket: nothing may reach it.
	_, other := rtmptest.TCPPair(t)
	if ok, _ := sc.TryWriteEncoded(1, tag, enc, false); ok {
		t.Error("took a message on a closed connection")
	}
	other.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if n, _ := other.Read(make([]byte, 64)); n > 0 {
		t.Errorf("%d bytes of a closed connection reached another socket", n)
	}
	if err := sc.WriteTag(1, tag); err == nil {
		t.Error("a closed connection's next write did not fail")
	}
}

func TestCanWriteDirectIsFalseForTLS(t *testing.T) {
	s, _ := rtmptest.TCPPair(t)
	sc := NewServerConn(tls.Server(s, &tls.Config{}), ServerConfig{})
	if sc.CanWriteDirect() {
		t.Error("CanWriteDirect true on TLS")
	}
	if ok, _ := sc.TryWriteEncoded(1, videoTag(1, 10), []byte{1}, false); ok {
		t.Error("TryWriteEncoded took a message on TLS")
	}
}

func TestBacklogCountsUnreadInput(t *testing.T) {
	s, c := rtmptest.TCPPair(t)
	sc := NewServerConn(s, ServerConfig{})
	if n := sc.Backlog(); n != 0 {
		t.Fatalf("Backlog %d before anything was sent", n)
	}
	if _, err := c.Write(make([]byte, 5000)); err != nil {
		t.Fatal(err)
	}
	want := 5000
	if runtime.GOOS != "linux" {
		want = 0 // only the connection's own buffer is counted there
	}
	deadline := time.Now().Add(5 * time.Second)
	for sc.Backlog() < want && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // loopback delivery is asynchronous
	}
	if n := sc.Backlog(); n != want {
		t.Fatalf("Backlog %d, want %d", n, want)
	}
}

// TestTryWriteEncodedBatchAllocatesNothing: a batch the socket takes whole
// costs no allocation (the write clock sends one per player and window).
func TestTryWriteEncodedBatchAllocatesNothing(t *testing.T) {
	s, c := rtmptest.TCPPair(t)
	drained := make(chan struct{})
	go func() { io.Copy(io.Discard, c); close(drained) }()
	t.Cleanup(func() { c.Close(); <-drained })
	sc := NewServerConn(s, ServerConfig{})
	tags := []flv.Tag{videoTag(1, 300), videoTag(2, 300), videoTag(3, 300)}
	enc := make([][]byte, len(tags))
	for i, tag := range tags {
		enc[i] = EncodeTag(nil, 1, chunk.DefaultChunkSize, tag)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if ok, partial := sc.TryWriteEncodedBatch(1, tags, enc); !ok || partial {
			t.Fatalf("batch taken %v, unfinished %v", ok, partial)
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per batch", allocs)
	}
}
