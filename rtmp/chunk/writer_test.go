package chunk

import (
	"bytes"
	"errors"
	"testing"
)

func TestWriterVectors(t *testing.T) {
	for _, v := range vectors {
		if v.readOnly {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			w := NewWriter()
			applyResizes(t, w.SetChunkSize, v.resizes, 0)
			var got []byte
			for i := range v.msgs {
				var err error
				if got, err = w.AppendMessage(got, &v.msgs[i]); err != nil {
					t.Fatal(err)
				}
				applyResizes(t, w.SetChunkSize, v.resizes, i+1)
			}
			if !bytes.Equal(got, v.wire) {
				t.Errorf("wire:\n got % x\nwant % x", got, v.wire)
			}
		})
	}
}

func TestAppendMessageFmt0(t *testing.T) {
	m := &Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 40, Payload: seq(5, 0)}
	want := []byte{
		0x06,             // fmt 0, cs id 6
		0x00, 0x00, 0x28, // timestamp 40, absolute
		0x00, 0x00, 0x05, // message length 5
		0x09,                   // type id 9
		0x01, 0x00, 0x00, 0x00, // message stream id 1
		0x00, 0x01, 0x02, 0x03, // payload [0:4]
		0xC6, // fmt 3: continuation
		0x04, // payload [4:5]
	}
	prefix := []byte("kept")
	got := AppendMessageFmt0(prefix, m, 4)
	if !bytes.Equal(got, join([]byte("kept"), want)) {
		t.Errorf("got % x\nwant kept + % x", got, want)
	}
	// Stateless: the same message again gives the same bytes.
	if again := AppendMessageFmt0(nil, m, 4); !bytes.Equal(again, want) {
		t.Errorf("second call: % x", again)
	}
}

func TestAppendMessageFmt0PanicsOnProgrammingErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		m         Message
		chunkSize uint32
		want      error
	}{
		{"csid 1", Message{ChunkStreamID: 1}, 128, ErrChunkStreamID},
		{"chunk size 0", Message{ChunkStreamID: 3}, 0, ErrChunkSize},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				err, _ := recover().(error)
				if !errors.Is(err, tc.want) {
					t.Errorf("panic value %v, want %v", err, tc.want)
				}
			}()
			AppendMessageFmt0(nil, &tc.m, tc.chunkSize)
		})
	}
}

func TestWriterErrors(t *testing.T) {
	w := NewWriter()
	for _, id := range []uint32{0, 1, MaxChunkStreamID + 1, 0xFFFFFFFF} {
		dst := []byte{0xAB}
		got, err := w.AppendMessage(dst, &Message{ChunkStreamID: id})
		if !errors.Is(err, ErrChunkStreamID) {
			t.Errorf("csid %d: err = %v, want ErrChunkStreamID", id, err)
		}
		if !bytes.Equal(got, dst) {
			t.Errorf("csid %d: appended % x on error", id, got[1:])
		}
	}
	big := &Message{ChunkStreamID: 6, Payload: make([]byte, MaxMessageLength+1)}
	if _, err := w.AppendMessage(nil, big); !errors.Is(err, ErrMessageTooLarge) {
		t.Errorf("oversized payload: err = %v, want ErrMessageTooLarge", err)
	}
	for _, n := range []uint32{0, 0x80000000} {
		if err := w.SetChunkSize(n); !errors.Is(err, ErrChunkSize) {
			t.Errorf("SetChunkSize(%#x) = %v, want ErrChunkSize", n, err)
		}
	}
	if w.ChunkSize() != DefaultChunkSize {
		t.Errorf("ChunkSize after failed sets = %d", w.ChunkSize())
	}
}

func TestWriterLargestMessageAndChunkSize(t *testing.T) {
	w := NewWriter()
	if err := w.SetChunkSize(MaxChunkSize); err != nil {
		t.Fatal(err)
	}
	m := &Message{ChunkStreamID: 6, TypeID: 9, Payload: make([]byte, MaxMessageLength)}
	out, err := w.AppendMessage(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 12+MaxMessageLength {
		t.Errorf("one chunk expected: %d bytes", len(out))
	}
	r := NewReader(bytes.NewReader(out), ReaderConfig{})
	if err := r.SetChunkSize(MaxChunkSize); err != nil {
		t.Fatal(err)
	}
	got, err := r.ReadMessage()
	if err != nil || len(got.Payload) != MaxMessageLength {
		t.Fatalf("ReadMessage: %v", err)
	}
}

func TestWriterReset(t *testing.T) {
	w := NewWriter()
	m := &Message{ChunkStreamID: 3, TypeID: 20, Payload: []byte{1}}
	first, _ := w.AppendMessage(nil, m)
	if err := w.SetChunkSize(4096); err != nil {
		t.Fatal(err)
	}
	w.Reset()
	if w.ChunkSize() != DefaultChunkSize {
		t.Errorf("ChunkSize after Reset = %d", w.ChunkSize())
	}
	again, _ := w.AppendMessage(nil, m)
	if !bytes.Equal(first, again) {
		t.Errorf("after Reset got % x, want a type 0 header again: % x", again, first)
	}
}

// TestWriterZeroAllocs checks that the steady state write path does not
// allocate when dst has room.
func TestWriterZeroAllocs(t *testing.T) {
	w := NewWriter()
	if err := w.SetChunkSize(4096); err != nil {
		t.Fatal(err)
	}
	video := &Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Payload: make([]byte, 100_000)}
	audio := &Message{ChunkStreamID: 4, TypeID: 8, StreamID: 1, Payload: make([]byte, 300)}
	buf := make([]byte, 0, 256<<10)
	ts := uint32(0x00FFFF00) // crosses into extended territory on the way
	allocs := testing.AllocsPerRun(1000, func() {
		ts += 33
		video.Timestamp, audio.Timestamp = ts, ts
		out, err := w.AppendMessage(buf[:0], video)
		if err == nil {
			out, err = w.AppendMessage(out, audio)
		}
		if err != nil {
			t.Fatal(err)
		}
		_ = AppendMessageFmt0(out[:0], video, 128)
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per write, want 0", allocs)
	}
}
