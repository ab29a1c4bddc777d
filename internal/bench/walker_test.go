package bench

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
	"time"

	"github.com/sluicemedia/sluice/rtmp/chunk"
)

// walkAll reads messages until an error, copying each (Head and Body are
// only valid until the next call).
func walkAll(w *walker) ([]Msg, error) {
	var got []Msg
	for {
		m, err := w.Next()
		if err != nil {
			return got, err
		}
		m.Head = bytes.Clone(m.Head)
		m.Body = bytes.Clone(m.Body)
		got = append(got, m)
	}
}

func TestWalkerVectors(t *testing.T) {
	readers := map[string]func([]byte) io.Reader{
		"whole":    func(b []byte) io.Reader { return bytes.NewReader(b) },
		"one byte": func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) },
	}
	for _, tc := range walkerCases {
		for rname, reader := range readers {
			t.Run(tc.name+"/"+rname, func(t *testing.T) {
				w := newWalker(reader(tc.wire), minReadBuffer)
				got, err := walkAll(w)
				want := tc.err
				if want == nil {
					want = io.EOF
				}
				if !errors.Is(err, want) {
					t.Fatalf("error %v, want %v", err, want)
				}
				if tc.name == "more chunk streams than maxChunkStreams" {
					got, tc.want = got[:0], tc.want[:0] // only the error matters
				}
				checkMsgs(t, got, tc.want)
				if tc.err == nil && w.BytesRead() != uint64(len(tc.wire)) {
					t.Errorf("BytesRead %d, want %d", w.BytesRead(), len(tc.wire))
				}
			})
		}
	}
}

func checkMsgs(t *testing.T, got, want []Msg) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d messages, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.TypeID != w.TypeID || g.StreamID != w.StreamID || g.Timestamp != w.Timestamp || g.Length != w.Length ||
			!bytes.Equal(g.Head, w.Head) || !bytes.Equal(g.Body, w.Body) {
			t.Errorf("message %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// TestWalkerReadsWriterOutput checks the walker against the project's
// chunk Writer: random messages, compressed headers, extended timestamps
// and chunk size changes read back as written.
func TestWalkerReadsWriterOutput(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cw := chunk.NewWriter()
	var wire []byte
	var want []Msg
	ts := map[uint32]uint32{}
	for i := range 400 {
		if i%97 == 50 {
			size := uint32(64 + rng.IntN(8192))
			m := &chunk.Message{ChunkStreamID: 2, TypeID: 1, Payload: []byte{byte(size >> 24), byte(size >> 16), byte(size >> 8), byte(size)}}
			wire, _ = cw.AppendMessage(wire, m)
			cw.SetChunkSize(size)
			want = append(want, Msg{TypeID: 1, Length: 4, Head: m.Payload, Body: m.Payload})
			continue
		}
		csid := uint32(4 + rng.IntN(3))
		typ := uint8(8 + rng.IntN(2))
		ts[csid] += uint32(rng.IntN(50))
		if rng.IntN(40) == 0 {
			ts[csid] += 0x01000000 // into extended timestamps
		}
		payload := filler(byte(i), 1+rng.IntN(20000))
		m := &chunk.Message{ChunkStreamID: csid, TypeID: typ, StreamID: 1, Timestamp: ts[csid], Payload: payload}
		var err error
		if wire, err = cw.AppendMessage(wire, m); err != nil {
			t.Fatal(err)
		}
		want = append(want, Msg{TypeID: typ, StreamID: 1, Timestamp: ts[csid], Length: uint32(len(payload)),
			Head: payload[:min(len(payload), headSize)]})
	}
	got, err := walkAll(newWalker(bytes.NewReader(wire), DefaultReadBuffer))
	if err != io.EOF {
		t.Fatal(err)
	}
	checkMsgs(t, got, want)
}

// scriptedReader returns its steps one per Read; a nil step is a timeout.
type scriptedReader struct{ steps [][]byte }

var errTestTimeout = errors.New("test timeout")

func (r *scriptedReader) Read(p []byte) (int, error) {
	if len(r.steps) == 0 {
		return 0, io.EOF
	}
	step := r.steps[0]
	if step == nil {
		r.steps = r.steps[1:]
		return 0, errTestTimeout
	}
	n := copy(p, step)
	if r.steps[0] = step[n:]; len(r.steps[0]) == 0 {
		r.steps = r.steps[1:]
	}
	return n, nil
}

// TestWalkerKeepsStateOverReadErrors: a read error (an idle connection's
// deadline) in the middle of a header or a payload loses nothing.
func TestWalkerKeepsStateOverReadErrors(t *testing.T) {
	wire := walkerCases[1].wire // a video message over two chunks
	src := &scriptedReader{steps: [][]byte{wire[:5], nil, wire[5:100], nil, wire[100:]}}
	w := newWalker(src, minReadBuffer)
	for range 2 {
		if _, err := w.Next(); err != errTestTimeout {
			t.Fatalf("error %v, want the timeout", err)
		}
	}
	got, err := walkAll(w)
	if err != io.EOF {
		t.Fatal(err)
	}
	checkMsgs(t, got, walkerCases[1].want)
}

// BenchmarkWalker reads a chunk stream of video messages at a chunk size
// of 4096 bytes (what servers send players) from memory. Its one
// allocation per pass is the Set Chunk Size body of the chunk stream state
// the pass starts afresh; reading a live stream allocates nothing.
func BenchmarkWalker(b *testing.B) {
	cw := chunk.NewWriter()
	setSize := &chunk.Message{ChunkStreamID: 2, TypeID: 1, Payload: []byte{0, 0, 0x10, 0}}
	wire, _ := cw.AppendMessage(nil, setSize)
	cw.SetChunkSize(4096)
	for i := range 64 {
		payload := video200
		if i%2 == 0 {
			payload = filler(0, 8000)
		}
		m := &chunk.Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: uint32(i * 33), Payload: payload}
		wire, _ = cw.AppendMessage(wire, m)
	}
	src := bytes.NewReader(wire)
	w := newWalker(src, DefaultReadBuffer)
	b.SetBytes(int64(len(wire)))
	b.ReportAllocs()
	for b.Loop() {
		src.Reset(wire)
		w.streams = w.streams[:0] // the stream starts over with type 0 headers
		n := 0
		for ; ; n++ {
			if _, err := w.Next(); err != nil {
				break
			}
		}
		if n != 65 {
			b.Fatalf("read %d messages, want 65", n)
		}
	}
}

// stampSource is an arrivalSource with a set stamp.
type stampSource struct{ at time.Time }

func (s *stampSource) Read([]byte) (int, error) { return 0, io.EOF }
func (s *stampSource) Arrival() time.Time       { return s.at }

// TestArrivalOfRead: a read's bytes arrived at the source's stamp, or when
// the read returned if there is none, but never before the previous read
// returned nor after this one did.
func TestArrivalOfRead(t *testing.T) {
	base := time.Now()
	at := func(ms int) time.Time { return base.Add(time.Duration(ms) * time.Millisecond) }
	src := &stampSource{}
	w := newWalker(src, 0)
	cases := []struct {
		name     string
		stamp    time.Time
		returned time.Time
		want     time.Time
	}{
		{"no stamp: the return", time.Time{}, at(10), at(10)},
		{"stamped", at(15), at(20), at(15)},
		{"stamped before the previous return", at(5), at(30), at(20)},
		{"stamped after its own return (clocks apart)", at(45), at(40), at(40)},
	}
	for _, c := range cases {
		src.at = c.stamp
		if got := w.arrivalOfRead(c.returned); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got.Sub(base), c.want.Sub(base))
		}
	}
}
