package chunk

import (
	"bytes"
	"testing"
)

// TestForgetKeepsCompressionRight mixes shared type 0 bytes with the
// Writer's compressed output on chunk streams in the array and in the map:
// after Forget, the Writer's next message there has a type 0 header and
// the reader reconstructs every header exactly.
func TestForgetKeepsCompressionRight(t *testing.T) {
	for _, csid := range []uint32{5, 300} {
		testForget(t, csid)
	}
}

func testForget(t *testing.T, csid uint32) {
	msgs := []Message{
		{ChunkStreamID: 5, TypeID: 20, StreamID: 1, Timestamp: 0, Payload: []byte("status")},
		{ChunkStreamID: 5, TypeID: 18, StreamID: 1, Timestamp: 5000, Payload: []byte("metadata")}, // shared
		{ChunkStreamID: 5, TypeID: 20, StreamID: 1, Timestamp: 5000, Payload: []byte("status")},
		{ChunkStreamID: 5, TypeID: 18, StreamID: 1, Timestamp: 0x1000000, Payload: []byte("metadata2")}, // shared, extended
		{ChunkStreamID: 5, TypeID: 20, StreamID: 1, Timestamp: 0x1000010, Payload: []byte("status")},
	}
	w := NewWriter()
	var wire []byte
	for i := range msgs {
		msgs[i].ChunkStreamID = csid
		if msgs[i].TypeID == 18 {
			wire = AppendMessageFmt0(wire, &msgs[i], w.ChunkSize())
			w.Forget(csid)
			continue
		}
		start := len(wire)
		var err error
		if wire, err = w.AppendMessage(wire, &msgs[i]); err != nil {
			t.Fatal(err)
		}
		if format := wire[start] >> 6; i > 0 && format != 0 {
			t.Fatalf("csid %d, message %d: header type %d after Forget, want 0", csid, i, format)
		}
	}
	r := NewReader(bytes.NewReader(wire), ReaderConfig{})
	for i, want := range msgs {
		got, err := r.ReadMessage()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if got.ChunkStreamID != csid || got.Timestamp != want.Timestamp || got.TypeID != want.TypeID || got.StreamID != want.StreamID || !bytes.Equal(got.Payload, want.Payload) {
			t.Fatalf("message %d: got %+v, want %+v", i, got, want)
		}
	}
}
