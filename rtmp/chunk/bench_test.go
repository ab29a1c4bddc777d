package chunk

import (
	"fmt"
	"testing"
)

const benchPayloadSize = 100_000 // a 100 KB video frame

func BenchmarkWriteVideo(b *testing.B) {
	for _, chunkSize := range []uint32{128, 4096} {
		b.Run(fmt.Sprintf("chunk=%d", chunkSize), func(b *testing.B) {
			w := NewWriter()
			if err := w.SetChunkSize(chunkSize); err != nil {
				b.Fatal(err)
			}
			m := &Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Payload: make([]byte, benchPayloadSize)}
			buf := make([]byte, 0, 2*benchPayloadSize)
			b.SetBytes(benchPayloadSize)
			b.ReportAllocs()
			for b.Loop() {
				m.Timestamp += 33
				var err error
				if buf, err = w.AppendMessage(buf[:0], m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriteVideoFmt0(b *testing.B) {
	for _, chunkSize := range []uint32{128, 4096} {
		b.Run(fmt.Sprintf("chunk=%d", chunkSize), func(b *testing.B) {
			m := &Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Payload: make([]byte, benchPayloadSize)}
			buf := make([]byte, 0, 2*benchPayloadSize)
			b.SetBytes(benchPayloadSize)
			b.ReportAllocs()
			for b.Loop() {
				m.Timestamp += 33
				buf = AppendMessageFmt0(buf[:0], m, chunkSize)
			}
		})
	}
}

func BenchmarkReadVideo(b *testing.B) {
	for _, chunkSize := range []uint32{128, 4096} {
		b.Run(fmt.Sprintf("chunk=%d", chunkSize), func(b *testing.B) {
			// The first frame has a type 0 header; every later frame, 33 ms
			// after the one before, a type 3 header: replay it forever.
			w := NewWriter()
			if err := w.SetChunkSize(chunkSize); err != nil {
				b.Fatal(err)
			}
			m := &Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 33, Payload: make([]byte, benchPayloadSize)}
			first, _ := w.AppendMessage(nil, m)
			m.Timestamp += 33
			next, _ := w.AppendMessage(nil, m)
			r := NewReader(&replayReader{data: first, loop: next}, ReaderConfig{})
			if err := r.SetChunkSize(chunkSize); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(benchPayloadSize)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.ReadMessage(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// replayReader returns data, then loop over and over.
type replayReader struct{ data, loop []byte }

func (r *replayReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		r.data = r.loop
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}
