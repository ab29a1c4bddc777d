package chunk

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// readAll reads every message of v.wire, applying v.resizes.
func readAll(t *testing.T, r *Reader, v vector) []Message {
	t.Helper()
	var got []Message
	applyResizes(t, r.SetChunkSize, v.resizes, 0)
	for {
		m, err := r.ReadMessage()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatalf("ReadMessage after %d messages: %v", len(got), err)
		}
		got = append(got, *m)
		applyResizes(t, r.SetChunkSize, v.resizes, len(got))
	}
}

func applyResizes(t *testing.T, set func(uint32) error, resizes []resize, after int) {
	t.Helper()
	for _, rs := range resizes {
		if rs.after == after {
			if err := set(rs.size); err != nil {
				t.Fatalf("SetChunkSize(%d): %v", rs.size, err)
			}
		}
	}
}

func equalMessages(a, b []Message) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equalMessage(&a[i], &b[i]) {
			return false
		}
	}
	return true
}

func equalMessage(a, b *Message) bool {
	return a.ChunkStreamID == b.ChunkStreamID && a.TypeID == b.TypeID && a.StreamID == b.StreamID &&
		a.Timestamp == b.Timestamp && bytes.Equal(a.Payload, b.Payload)
}

func TestReaderVectors(t *testing.T) {
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(v.wire), ReaderConfig{})
			got := readAll(t, r, v)
			if !equalMessages(got, v.msgs) {
				t.Errorf("messages:\n got %+v\nwant %+v", got, v.msgs)
			}
			if r.BytesRead() != uint64(len(v.wire)) {
				t.Errorf("BytesRead = %d, want %d", r.BytesRead(), len(v.wire))
			}
			if r.active != 0 || r.buffered != 0 {
				t.Errorf("after the stream: active %d, buffered %d", r.active, r.buffered)
			}
		})
	}
}

// TestReaderOneByteAtATime feeds every vector through a reader that returns
// one byte per Read, so that every peek and fill crosses a read boundary.
func TestReaderOneByteAtATime(t *testing.T) {
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			r := NewReader(&oneByteReader{data: v.wire}, ReaderConfig{})
			if got := readAll(t, r, v); !equalMessages(got, v.msgs) {
				t.Errorf("messages:\n got %+v\nwant %+v", got, v.msgs)
			}
		})
	}
}

type oneByteReader struct{ data []byte }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if len(o.data) == 0 {
		return 0, io.EOF
	}
	if len(p) == 0 {
		return 0, nil
	}
	p[0] = o.data[0]
	o.data = o.data[1:]
	return 1, nil
}

func TestReaderPayloadIsCallers(t *testing.T) {
	v := vectors[0]
	wire := join(v.wire, v.wire[:1], []byte{0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 9, 9, 9, 9})
	r := NewReader(bytes.NewReader(wire), ReaderConfig{})
	first, err := r.ReadMessage()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadMessage(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Payload, v.msgs[0].Payload) {
		t.Errorf("first payload changed by the next read: %x", first.Payload)
	}
}

func TestReaderAbort(t *testing.T) {
	wire := join([]byte{
		0x06,             // fmt 0, cs id 6
		0x00, 0x00, 0x00, // timestamp 0
		0x00, 0x00, 0x0A, // message length 10
		0x09,                   // type id 9
		0x01, 0x00, 0x00, 0x00, // message stream id 1
	}, seq(4, 0), []byte{ // chunk size 4: 4 of 10 bytes
		0x02,             // fmt 0, cs id 2
		0x00, 0x00, 0x00, // timestamp 0
		0x00, 0x00, 0x04, // message length 4
		0x02,                   // type id 2 (Abort)
		0x00, 0x00, 0x00, 0x00, // message stream id 0
		0x00, 0x00, 0x00, 0x06, // abort cs id 6
		0x06,             // fmt 0, cs id 6: a new message, allowed after the abort
		0x00, 0x00, 0x28, // timestamp 40
		0x00, 0x00, 0x02, // message length 2
		0x09,                   // type id 9
		0x01, 0x00, 0x00, 0x00, // message stream id 1
		0xEE, 0xFF, // payload
	})
	r := NewReader(bytes.NewReader(wire), ReaderConfig{})
	if err := r.SetChunkSize(4); err != nil {
		t.Fatal(err)
	}
	abort, err := r.ReadMessage()
	if err != nil || abort.TypeID != 2 {
		t.Fatalf("ReadMessage = %+v, %v; want the abort message", abort, err)
	}
	if r.active != 1 || r.buffered != 4 {
		t.Fatalf("before Abort: active %d buffered %d, want 1 and 4", r.active, r.buffered)
	}
	r.Abort(6)
	r.Abort(6)   // twice: no effect
	r.Abort(999) // unknown id: no effect
	if r.active != 0 || r.buffered != 0 {
		t.Fatalf("after Abort: active %d buffered %d, want 0 and 0", r.active, r.buffered)
	}
	m, err := r.ReadMessage()
	if err != nil {
		t.Fatal(err)
	}
	want := Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 40, Payload: []byte{0xEE, 0xFF}}
	if !equalMessage(m, &want) {
		t.Errorf("after abort got %+v, want %+v", m, want)
	}
}

func TestReaderBytesRead(t *testing.T) {
	v := vectors[len(vectors)-1] // a partial message spans the Set Chunk Size message
	r := NewReader(bytes.NewReader(v.wire), ReaderConfig{})
	if r.BytesRead() != 0 {
		t.Fatalf("BytesRead before reading = %d", r.BytesRead())
	}
	applyResizes(t, r.SetChunkSize, v.resizes, 0)
	if _, err := r.ReadMessage(); err != nil {
		t.Fatal(err)
	}
	// 12-byte header + 4 payload bytes of cs 6, then the 16-byte cs 2 chunk.
	if got := r.BytesRead(); got != 32 {
		t.Errorf("BytesRead after the first message = %d, want 32", got)
	}
	applyResizes(t, r.SetChunkSize, v.resizes, 1)
	if _, err := r.ReadMessage(); err != nil {
		t.Fatal(err)
	}
	if got := r.BytesRead(); got != uint64(len(v.wire)) {
		t.Errorf("BytesRead at the end = %d, want %d", got, len(v.wire))
	}
}

func TestReaderSetChunkSize(t *testing.T) {
	r := NewReader(bytes.NewReader(nil), ReaderConfig{})
	for _, n := range []uint32{0, 0x80000000, 0xFFFFFFFF} {
		if err := r.SetChunkSize(n); !errors.Is(err, ErrChunkSize) {
			t.Errorf("SetChunkSize(%#x) = %v, want ErrChunkSize", n, err)
		}
	}
	for _, n := range []uint32{1, 128, MaxMessageLength, MaxChunkSize} {
		if err := r.SetChunkSize(n); err != nil {
			t.Errorf("SetChunkSize(%#x) = %v", n, err)
		}
	}
}

func TestReaderConfigDefaults(t *testing.T) {
	got := ReaderConfig{}.normalized()
	want := ReaderConfig{DefaultMaxMessageSize, DefaultMaxActiveChunkStreams, DefaultMaxBufferedBytes}
	if got != want {
		t.Errorf("zero config normalized to %+v, want %+v", got, want)
	}
	got = ReaderConfig{MaxMessageSize: 1000, MaxActiveChunkStreams: 100000, MaxBufferedBytes: 10}.normalized()
	want = ReaderConfig{1000, MaxChunkStreamStates - 1, 1000}
	if got != want {
		t.Errorf("config normalized to %+v, want %+v", got, want)
	}
	if DefaultMaxMessageSize < 8<<20 {
		t.Errorf("DefaultMaxMessageSize %d is below 8 MiB", DefaultMaxMessageSize)
	}
}

// TestReaderEvictsIdleStates walks a chunk stream through more ids than
// MaxChunkStreamStates; the header state stays bounded and a message
// assembled across the walk survives it.
func TestReaderEvictsIdleStates(t *testing.T) {
	var wire []byte
	partial := &Message{ChunkStreamID: 5, TypeID: 9, Payload: seq(200, 0)}
	full := AppendMessageFmt0(nil, partial, 128)
	wire = append(wire, full[:12+128]...) // first chunk only
	for id := uint32(1000); id < 1000+2*MaxChunkStreamStates; id++ {
		wire = AppendMessageFmt0(wire, &Message{ChunkStreamID: id, TypeID: 20, Payload: []byte{1}}, 128)
	}
	wire = append(wire, full[12+128:]...)
	r := NewReader(bytes.NewReader(wire), ReaderConfig{})
	for {
		m, err := r.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		if len(r.streams) > MaxChunkStreamStates {
			t.Fatalf("%d header states, limit %d", len(r.streams), MaxChunkStreamStates)
		}
		if m.ChunkStreamID == 5 {
			if !equalMessage(m, partial) {
				t.Fatalf("partial message corrupted: %+v", m)
			}
			return
		}
	}
}
