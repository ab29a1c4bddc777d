package chunk

import (
	"bufio"
	"fmt"
	"io"
)

// ReaderConfig bounds what a Reader holds on behalf of its peer. The zero
// value uses the defaults; NewReader copies and normalizes it.
type ReaderConfig struct {
	// MaxMessageSize is the largest message accepted, checked against the
	// length in its header before any payload is read.
	// Default DefaultMaxMessageSize (16 MiB, above the 24-bit wire limit).
	MaxMessageSize uint32

	// MaxActiveChunkStreams is how many chunk streams may hold a partly
	// assembled message at once (a count, not a limit on the id values:
	// ids up to 65599 are fine). Default DefaultMaxActiveChunkStreams (32);
	// at most MaxChunkStreamStates-1.
	MaxActiveChunkStreams int

	// MaxBufferedBytes is the budget of payload bytes held in partly
	// assembled messages, the chunk being read included. Default
	// DefaultMaxBufferedBytes (32 MiB); raised to the message size limit
	// if lower, so that every acceptable message can be assembled. Payload
	// buffers grow by at most doubling, so a Reader's memory for them stays
	// below twice this budget.
	MaxBufferedBytes int
}

// normalized returns c with defaults filled in and bounds applied.
func (c ReaderConfig) normalized() ReaderConfig {
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = DefaultMaxMessageSize
	}
	if c.MaxActiveChunkStreams <= 0 {
		c.MaxActiveChunkStreams = DefaultMaxActiveChunkStreams
	}
	// An idle chunk stream must always be there to evict (see streamFor).
	c.MaxActiveChunkStreams = min(c.MaxActiveChunkStreams, MaxChunkStreamStates-1)
	if c.MaxBufferedBytes <= 0 {
		c.MaxBufferedBytes = DefaultMaxBufferedBytes
	}
	c.MaxBufferedBytes = max(c.MaxBufferedBytes, int(min(c.MaxMessageSize, MaxMessageLength)))
	return c
}

// Reader reassembles messages from a chunk stream (RTMP 1.0 §5.3).
//
// It keeps the previous header of each chunk stream id to expand type 1, 2
// and 3 headers, accumulating timestamp deltas modulo 2^32; a type 3 header
// that starts a message applies the previous delta again (§5.3.1.2.4),
// where after a type 0 header the delta is that header's timestamp.
// It accepts a type 1 header on a chunk stream without a previous header,
// taking message stream id 0 and timestamp 0 as the base: librtmp sends its
// first user control message on chunk stream 2 that way (SRS accepts it for
// the same reason). Type 2 and 3 headers there are ErrNoPreviousHeader.
//
// A type 1 or 2 header in the middle of a message continues it when it
// keeps the length and type id (its timestamp is ignored, as the message's
// timestamp was set by its first chunk); one that changes them, or a type 0
// header, is ErrLengthChanged.
//
// Extended timestamps (§5.3.1.3): a type 3 chunk that starts a message
// carries the 32-bit field whenever the chunk stream's last type 0, 1 or 2
// header did. On a type 3 chunk that continues a message, peers differ
// (ffmpeg repeats the field, librtmp's writer did not), so there the next
// 4 bytes are consumed only if they equal the value the field would repeat
// (details at skipRepeatedExtendedTimestamp).
//
// Limits (see ReaderConfig): messages longer than MaxMessageSize are
// rejected at their header; payload buffers grow with the bytes received,
// never with the declared length; and every byte of a partly assembled
// message counts toward MaxBufferedBytes.
type Reader struct {
	br        *bufio.Reader
	cfg       ReaderConfig
	chunkSize uint32
	streams   map[uint32]*chunkStream
	active    int    // chunk streams with a partly assembled message
	buffered  int    // payload bytes held in partly assembled messages
	bytesRead uint64 // bytes consumed from br
	err       error  // first error, returned forever after
	scratch   [maxChunkHeaderSize]byte
}

// NewReader returns a Reader of the chunk stream in r, buffering r
// internally, with a chunk size of 128 bytes until SetChunkSize.
func NewReader(r io.Reader, cfg ReaderConfig) *Reader {
	return &Reader{
		br:        bufio.NewReaderSize(r, readBufferSize),
		cfg:       cfg.normalized(),
		chunkSize: DefaultChunkSize,
		streams:   make(map[uint32]*chunkStream),
	}
}

// ReadMessage reads chunks until a message is complete and returns it. Its
// payload is allocated for this message and owned by the caller; a message
// of length 0 has an empty payload. At a clean end of the stream (no partly
// assembled message) the error is io.EOF. Errors are sticky: after one, the
// position in the stream is lost and the connection should be closed.
func (r *Reader) ReadMessage() (*Message, error) {
	if r.err != nil {
		return nil, r.err
	}
	for {
		m, err := r.readChunk()
		if err != nil {
			r.err = err
			return nil, err
		}
		if m != nil {
			return m, nil
		}
	}
}

// SetChunkSize applies a Set Chunk Size message from the peer (§5.4.1)
// from the next chunk on, including the rest of partly assembled messages.
// n must be 1..MaxChunkSize (high bit zero), else ErrChunkSize.
func (r *Reader) SetChunkSize(n uint32) error {
	if !validChunkSize(n) {
		return fmt.Errorf("%w: %d", ErrChunkSize, n)
	}
	r.chunkSize = n
	return nil
}

// Abort applies an Abort Message from the peer (§5.4.2): the partly
// assembled message on chunk stream csid, if any, is discarded. The chunk
// stream's header state is kept for the headers that follow.
func (r *Reader) Abort(csid uint32) {
	if cs := r.streams[csid]; cs != nil && cs.assembling {
		r.release(cs)
	}
}

// BytesRead returns the number of bytes consumed from the chunk stream so
// far, for Acknowledgements (§5.4.3, §5.4.4). Bytes buffered ahead but not
// yet parsed are not counted, nor are handshake bytes read before the
// Reader was created. The Acknowledgement's sequence number is this count
// modulo 2^32.
func (r *Reader) BytesRead() uint64 { return r.bytesRead }

// readChunk reads one chunk and returns the message it completes, if any.
func (r *Reader) readChunk() (*Message, error) {
	format, csid, err := r.readBasicHeader()
	if err != nil {
		return nil, err
	}
	cs, err := r.streamFor(csid, format)
	if err != nil {
		return nil, err
	}
	if err := r.readMessageHeader(cs, format); err != nil {
		return nil, fmt.Errorf("chunk stream %d: %w", csid, err)
	}
	if !cs.assembling {
		if err := r.startMessage(cs); err != nil {
			return nil, fmt.Errorf("chunk stream %d: %w", csid, err)
		}
	}
	return r.readChunkData(csid, cs)
}

// startMessage checks the limits that apply when a message begins and marks
// the chunk stream as assembling it.
func (r *Reader) startMessage(cs *chunkStream) error {
	if cs.length > r.cfg.MaxMessageSize {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrMessageTooLarge, cs.length, r.cfg.MaxMessageSize)
	}
	if cs.length > r.chunkSize && r.active >= r.cfg.MaxActiveChunkStreams {
		return fmt.Errorf("%w: limit %d", ErrTooManyChunkStreams, r.cfg.MaxActiveChunkStreams)
	}
	cs.assembling = true
	r.active++
	return nil
}

// readChunkData reads the chunk's payload into its message and returns the
// message once complete.
func (r *Reader) readChunkData(csid uint32, cs *chunkStream) (*Message, error) {
	n := r.chunkLen(cs)
	if r.buffered+n > r.cfg.MaxBufferedBytes {
		return nil, fmt.Errorf("%w: %d bytes buffered, chunk of %d, budget %d",
			ErrBufferBudget, r.buffered, n, r.cfg.MaxBufferedBytes)
	}
	before := len(cs.payload)
	payload, err := r.appendPayload(cs.payload, n, int(cs.length))
	cs.payload = payload
	r.buffered += len(payload) - before
	if err != nil {
		return nil, err
	}
	if len(cs.payload) < int(cs.length) {
		return nil, nil
	}
	m := &Message{
		ChunkStreamID: csid,
		TypeID:        cs.typeID,
		StreamID:      cs.streamID,
		Timestamp:     cs.timestamp,
		Payload:       cs.payload,
	}
	if m.Payload == nil {
		m.Payload = []byte{}
	}
	r.release(cs)
	return m, nil
}

// chunkLen is the payload length of cs's next chunk.
func (r *Reader) chunkLen(cs *chunkStream) int {
	return int(min(cs.length-uint32(len(cs.payload)), r.chunkSize))
}

// release forgets cs's partly assembled message and its bytes.
func (r *Reader) release(cs *chunkStream) {
	r.buffered -= len(cs.payload)
	r.active--
	cs.payload = nil
	cs.assembling = false
}
