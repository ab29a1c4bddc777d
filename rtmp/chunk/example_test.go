package chunk_test

import (
	"bytes"
	"fmt"

	"github.com/sluicemedia/sluice/rtmp/chunk"
)

func Example() {
	// Write two video frames on chunk stream 6; the second goes out with a
	// type 2 header (only its timestamp delta is new), and the 300-byte
	// frames are split into chunks of 128 bytes.
	w := chunk.NewWriter()
	var wire []byte
	for i, ts := range []uint32{1000, 1033} {
		frame := &chunk.Message{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: ts, Payload: bytes.Repeat([]byte{byte(i)}, 300)}
		var err error
		if wire, err = w.AppendMessage(wire, frame); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("wire bytes:", len(wire))

	// Read them back.
	r := chunk.NewReader(bytes.NewReader(wire), chunk.ReaderConfig{})
	for range 2 {
		m, err := r.ReadMessage()
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("csid %d type %d stream %d ts %d payload %d bytes\n",
			m.ChunkStreamID, m.TypeID, m.StreamID, m.Timestamp, len(m.Payload))
	}
	fmt.Println("bytes read:", r.BytesRead())
	// Output:
	// wire bytes: 620
	// csid 6 type 9 stream 1 ts 1000 payload 300 bytes
	// csid 6 type 9 stream 1 ts 1033 payload 300 bytes
	// bytes read: 620
}
