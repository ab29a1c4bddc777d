package chunk

// Message is one RTMP message as carried by the chunk stream (RTMP 1.0,
// section 5.3.1 message header and 6.1 message format).
type Message struct {
	ChunkStreamID uint32 // 2..65599
	TypeID        uint8  // message type id (1-6 protocol control, 8 audio, 9 video, ...)
	StreamID      uint32 // message stream id (little-endian on the wire)
	Timestamp     uint32 // absolute timestamp in milliseconds, modulo 2^32
	Payload       []byte
}
