package chunk

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// Writer splits messages into chunks (RTMP 1.0 §5.3), compressing each
// message's header against the previous message on the same chunk stream.
// Create one with [NewWriter]; it keeps state per chunk stream id used.
//
// Header choice (§5.3.1.2), for a message on a chunk stream:
//
//   - type 0 when the chunk stream has no previous header, the message
//     stream id changes, or the timestamp goes backwards (deltas are
//     unsigned);
//   - type 1 when the length or type id changes;
//   - type 2 when only the timestamp delta changes;
//   - type 3 when the delta too is the same as the previous one. After a
//     type 0 header the "previous delta" is that header's timestamp, as
//     §5.3.1.2.4 says and as ffmpeg, librtmp and SRS read it.
//
// Every chunk after a message's first is a type 3 chunk.
//
// Extended timestamps (§5.3.1.3): a timestamp or delta of 0xFFFFFF or more
// is written as the 24-bit marker 0xFFFFFF and a 32-bit field, and the
// Writer repeats that field on every type 3 chunk of the message, as the
// specification requires and as ffmpeg both writes and expects: ffmpeg,
// and librtmp's reader, fail on streams that omit it once the clock passes
// 0xFFFFFF ms (4 h 39 min). librtmp's writer omitted it until 2024; the
// [Reader] accepts both.
type Writer struct {
	chunkSize uint32
	// The header state of chunk streams below lowStreams lives in an
	// array, as every message a server or client sends uses one of them:
	// no map work per message. Others are rare and go in the map, made
	// when first needed.
	low   [lowStreams]writerStream
	known uint8 // bit i: low[i] holds state
	high  map[uint32]writerStream
}

// lowStreams bounds the chunk stream ids whose state is kept in an array:
// 2 to 7 carry control, commands, data, video and audio in every common
// client and server.
const lowStreams = 8

// writerStream is the header state of one outgoing chunk stream: what the
// peer's reader will assume for a compressed header.
type writerStream struct {
	timestamp uint32 // absolute timestamp of the last message
	tsField   uint32 // last type 0/1/2 timestamp value after the extended escape (absolute for type 0, delta for 1 and 2)
	length    uint32
	typeID    uint8
	streamID  uint32
}

// NewWriter returns a Writer with the default chunk size of 128 bytes.
func NewWriter() *Writer {
	return &Writer{chunkSize: DefaultChunkSize}
}

// SetChunkSize sets the chunk size of the following messages. Call it after
// appending the Set Chunk Size message that announces n (§5.4.1): that
// message itself still goes out in the old size.
func (w *Writer) SetChunkSize(n uint32) error {
	if !validChunkSize(n) {
		return fmt.Errorf("%w: %d", ErrChunkSize, n)
	}
	w.chunkSize = n
	return nil
}

// ChunkSize returns the current outgoing chunk size.
func (w *Writer) ChunkSize() uint32 { return w.chunkSize }

// Reset forgets every chunk stream's header state and restores the default
// chunk size, as for a new connection, so that the Writer can be reused.
func (w *Writer) Reset() {
	w.known = 0
	clear(w.high)
	w.chunkSize = DefaultChunkSize
}

// AppendMessage appends the chunks of m to dst and returns the extended
// slice. It does not allocate when dst has room for the chunks. It fails,
// appending nothing, on a chunk stream id outside 2..65599 or a payload
// longer than MaxMessageLength.
func (w *Writer) AppendMessage(dst []byte, m *Message) ([]byte, error) {
	if err := checkMessage(m); err != nil {
		return dst, err
	}
	length := uint32(len(m.Payload))
	prev, known := w.state(m.ChunkStreamID)
	format, tsValue := prev.nextHeader(m, length, known)

	w.setState(m.ChunkStreamID, writerStream{timestamp: m.Timestamp, tsField: tsValue, length: length,
		typeID: m.TypeID, streamID: m.StreamID})
	return appendChunks(dst, format, m, tsValue, w.chunkSize), nil
}

// Forget drops chunk stream csid's header state, so that the next message
// AppendMessage writes on it has a type 0 header, which depends on nothing
// before it: for a connection that also sent messages on csid without the
// Writer, such as [AppendMessageFmt0]'s bytes shared by many connections.
func (w *Writer) Forget(csid uint32) {
	if csid < lowStreams {
		w.known &^= 1 << csid
		return
	}
	delete(w.high, csid)
}

// state returns the header state of chunk stream csid, and whether a
// message was sent on it.
func (w *Writer) state(csid uint32) (writerStream, bool) {
	if csid < lowStreams {
		return w.low[csid], w.known&(1<<csid) != 0
	}
	s, ok := w.high[csid]
	return s, ok
}

func (w *Writer) setState(csid uint32, s writerStream) {
	if csid < lowStreams {
		w.low[csid] = s
		w.known |= 1 << csid
		return
	}
	if w.high == nil {
		w.high = make(map[uint32]writerStream)
	}
	w.high[csid] = s
}

// nextHeader chooses the header format for m after s, and the timestamp
// value (absolute for type 0, else the delta) it carries.
func (s *writerStream) nextHeader(m *Message, length uint32, known bool) (byte, uint32) {
	if !known || m.StreamID != s.streamID || m.Timestamp < s.timestamp {
		return fmtFull, m.Timestamp
	}
	delta := m.Timestamp - s.timestamp
	switch {
	case length != s.length || m.TypeID != s.typeID:
		return fmtSameMsgID, delta
	case delta != s.tsField:
		return fmtDelta, delta
	default:
		return fmtNone, delta
	}
}

// AppendMessageFmt0 appends the chunks of m with a type 0 header and type 3
// continuation chunks, using no state: the bytes are valid on any
// connection whose outgoing chunk size is chunkSize, so a server can encode
// a media message once and share the bytes with every player. The sending
// Writer's state for m.ChunkStreamID is not updated, so a connection must
// not mix these bytes with [Writer.AppendMessage] output on the same chunk
// stream id (or it must call [Writer.Reset] first).
//
// m and chunkSize are the caller's own values, not peer input: like an
// out-of-range index, a chunk stream id outside 2..65599, a payload longer
// than MaxMessageLength or an invalid chunk size is a programming error,
// and AppendMessageFmt0 panics.
func AppendMessageFmt0(dst []byte, m *Message, chunkSize uint32) []byte {
	if err := checkMessage(m); err != nil {
		panic(err)
	}
	if !validChunkSize(chunkSize) {
		panic(fmt.Errorf("%w: %d", ErrChunkSize, chunkSize))
	}
	return appendChunks(dst, fmtFull, m, m.Timestamp, chunkSize)
}

// checkMessage validates what the Writer cannot encode.
func checkMessage(m *Message) error {
	if !validChunkStreamID(m.ChunkStreamID) {
		return fmt.Errorf("%w: %d", ErrChunkStreamID, m.ChunkStreamID)
	}
	if len(m.Payload) > MaxMessageLength {
		return fmt.Errorf("%w: %d bytes, the wire allows %d", ErrMessageTooLarge, len(m.Payload), MaxMessageLength)
	}
	return nil
}

// appendChunks appends m as chunks of at most chunkSize payload bytes: the
// first with a header of the given format carrying tsValue, the others type
// 3 (§5.3.1.2.4), each repeating the extended timestamp when the first
// header used it (§5.3.1.3).
func appendChunks(dst []byte, format byte, m *Message, tsValue uint32, chunkSize uint32) []byte {
	field, extended := timestampField(tsValue)
	payload := m.Payload
	dst = slices.Grow(dst, chunkedSize(format, m.ChunkStreamID, len(payload), extended, chunkSize))

	dst = appendBasicHeader(dst, format, m.ChunkStreamID)
	dst = appendMessageHeader(dst, format, messageHeader{
		timestamp: field,
		length:    uint32(len(payload)),
		typeID:    m.TypeID,
		streamID:  m.StreamID,
	})
	for first := true; first || len(payload) > 0; first = false {
		if !first {
			dst = appendBasicHeader(dst, fmtNone, m.ChunkStreamID)
		}
		if extended {
			dst = binary.BigEndian.AppendUint32(dst, tsValue)
		}
		n := min(uint32(len(payload)), chunkSize)
		dst = append(dst, payload[:n]...)
		payload = payload[n:]
	}
	return dst
}

// chunkedSize is the number of bytes appendChunks writes.
func chunkedSize(format byte, csid uint32, length int, extended bool, chunkSize uint32) int {
	chunks := 1
	if length > 0 {
		chunks = int((uint64(length) + uint64(chunkSize) - 1) / uint64(chunkSize))
	}
	perChunk := basicHeaderSize(csid)
	if extended {
		perChunk += 4
	}
	return messageHeaderSize[format] + chunks*perChunk + length
}
