package chunk

import (
	"bytes"
	"testing"
)

// TestSentKeepsCompressionRight mixes shared type 0 bytes with the
// Writer's compressed output on one chunk stream: after Sent, the reader
// reconstructs every header exactly.
func TestSentKeepsCompressionRight(t *testing.T) {
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
		if msgs[i].TypeID == 18 {
			wire = AppendMessageFmt0(wire, &msgs[i], w.ChunkSize())
			w.Sent(&msgs[i])
			continue
		}
		var err error
		if wire, err = w.AppendMessage(wire, &msgs[i]); err != nil {
			t.Fatal(err)
		}
	}
	r := NewReader(bytes.NewReader(wire), ReaderConfig{})
	for i, want := range msgs {
		got, err := r.ReadMessage()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if got.Timestamp != want.Timestamp || got.TypeID != want.TypeID || got.StreamID != want.StreamID || !bytes.Equal(got.Payload, want.Payload) {
			t.Fatalf("message %d: got %+v, want %+v", i, got, want)
		}
	}
}
