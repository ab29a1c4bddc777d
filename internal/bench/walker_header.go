package bench

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// errShortHeader means the buffer ends inside a chunk header: read more.
var errShortHeader = errors.New("bench: short chunk header")

// Chunk message header formats (RTMP 1.0 §5.3.1.2) and their sizes.
const (
	fmtFull         = 0 // type 0: timestamp, length, type id, stream id
	fmtSameStream   = 1 // type 1: timestamp delta, length, type id
	fmtDelta        = 2 // type 2: timestamp delta
	fmtContinuation = 3 // type 3: no message header

	extendedTimestamp = 0xFFFFFF // 24-bit field value announcing the 32-bit field (§5.3.1.3)
)

var messageHeaderSize = [4]int{11, 7, 3, 0}

// chunkHeader is a parsed chunk header, not yet applied to its stream.
type chunkHeader struct {
	format   byte
	csid     uint32
	tsField  uint32 // after the extended escape
	extended bool
	length   uint32
	typeID   uint8
	streamID uint32
}

// parseHeader parses the chunk header at the front of b and applies it:
// it returns the header's size, or errShortHeader when b ends inside it
// (nothing is changed then).
//
// RTMP 1.0 §5.3.1.1 basic header (cs id 0 and 1 escape to 2 and 3 bytes,
// the id then being the little-endian field plus 64):
//
//	+-+-+-+-+-+-+-+-+     +--------+---------+     +--------+---------------+
//	|fmt|   cs id   |     |fmt| 0  | id - 64 |     |fmt| 1  | id - 64 (LE16)|
//	+-+-+-+-+-+-+-+-+     +--------+---------+     +--------+---------------+
//
// §5.3.1.2 message header, type 0 (types 1 and 2 stop after the type id and
// after the timestamp delta; type 3 has none), then §5.3.1.3's 32-bit
// extended timestamp when the 24-bit field is 0xFFFFFF:
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                timestamp                      |message length |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|     message length (cont)     |message type id| msg stream id |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|           message stream id (cont, little-endian)             |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
func (w *walker) parseHeader(b []byte) (int, error) {
	h, n, err := parseBasicHeader(b)
	if err != nil {
		return 0, err
	}
	cs, err := w.stream(h.csid, h.format)
	if err != nil {
		return 0, err
	}
	if h.format == fmtContinuation {
		n, err = w.parseContinuation(b, n, cs, &h)
	} else {
		n, err = parseMessageHeader(b, n, &h)
	}
	if err != nil {
		return 0, err
	}
	if err := w.apply(cs, h); err != nil {
		return 0, fmt.Errorf("chunk stream %d: %w", h.csid, err)
	}
	return n, nil
}

// parseBasicHeader parses the basic header's 1, 2 or 3 bytes.
func parseBasicHeader(b []byte) (chunkHeader, int, error) {
	if len(b) < 1 {
		return chunkHeader{}, 0, errShortHeader
	}
	h := chunkHeader{format: b[0] >> 6, csid: uint32(b[0] & 0x3F)}
	switch h.csid {
	case 0:
		if len(b) < 2 {
			return h, 0, errShortHeader
		}
		h.csid = uint32(b[1]) + 64
		return h, 2, nil
	case 1:
		if len(b) < 3 {
			return h, 0, errShortHeader
		}
		h.csid = uint32(binary.LittleEndian.Uint16(b[1:3])) + 64
		return h, 3, nil
	}
	return h, 1, nil
}

// parseMessageHeader parses a type 0, 1 or 2 message header and its
// extended timestamp, starting at b[n:].
func parseMessageHeader(b []byte, n int, h *chunkHeader) (int, error) {
	size := messageHeaderSize[h.format]
	if len(b) < n+size {
		return 0, errShortHeader
	}
	m := b[n : n+size]
	n += size
	h.tsField = uint32(m[0])<<16 | uint32(m[1])<<8 | uint32(m[2])
	if h.format <= fmtSameStream {
		h.length = uint32(m[3])<<16 | uint32(m[4])<<8 | uint32(m[5])
		h.typeID = m[6]
	}
	if h.format == fmtFull {
		h.streamID = binary.LittleEndian.Uint32(m[7:11])
	}
	if h.tsField == extendedTimestamp {
		if len(b) < n+4 {
			return 0, errShortHeader
		}
		h.tsField = binary.BigEndian.Uint32(b[n:])
		h.extended = true
		n += 4
	}
	return n, nil
}

// parseContinuation handles a type 3 header at b[n:]: the extended field
// it may carry (§5.3.1.3). Starting a message, the field is there when the
// last full header had one; continuing a message, the next 4 bytes are the
// field only if they repeat it (ffmpeg writes it there, librtmp did not),
// and never in a chunk of fewer than 4 payload bytes.
func (w *walker) parseContinuation(b []byte, n int, cs *csState, h *chunkHeader) (int, error) {
	h.tsField = cs.tsField
	if !cs.extended {
		return n, nil
	}
	if cs.assembling && w.chunkLen(cs) < 4 {
		return n, nil
	}
	if len(b) < n+4 {
		return 0, errShortHeader
	}
	v := binary.BigEndian.Uint32(b[n:])
	if cs.assembling && v != cs.tsField {
		return n, nil
	}
	h.tsField = v
	return n + 4, nil
}

// apply updates the chunk stream with a complete header and makes its
// chunk the current one. A type 1 or 2 header in the middle of a message
// may continue it if it keeps the length and type (its timestamp is
// ignored); a type 0 header there, or a changed length, is an error.
func (w *walker) apply(cs *csState, h chunkHeader) error {
	if cs.assembling {
		if h.format == fmtFull || (h.format == fmtSameStream && (h.length != cs.length || h.typeID != cs.typeID)) {
			return errHeaderChanged
		}
	} else {
		cs.applyHeader(h)
		if err := cs.start(); err != nil {
			return err
		}
	}
	w.cur = cs
	w.chunkLeft = w.chunkLen(cs)
	return nil
}

// applyHeader expands a header that starts a message against the chunk
// stream's previous one (§5.3.1.2): a type 0 timestamp is absolute, the
// others add a delta modulo 2^32, and a type 3 header repeats the last
// delta (§5.3.1.2.4), or the extended field it carries.
func (cs *csState) applyHeader(h chunkHeader) {
	switch h.format {
	case fmtFull:
		cs.timestamp = h.tsField
		cs.streamID = h.streamID
	case fmtContinuation:
		cs.tsField = h.tsField
		cs.timestamp += h.tsField
		return
	default:
		cs.timestamp += h.tsField
	}
	if h.format <= fmtSameStream {
		cs.length, cs.typeID = h.length, h.typeID
	}
	cs.tsField, cs.extended = h.tsField, h.extended
}

// start begins a message on the chunk stream.
func (cs *csState) start() error {
	if keepsBody(cs.typeID) && cs.length > maxBodySize {
		return fmt.Errorf("%w: type %d, %d bytes", errBodyTooLarge, cs.typeID, cs.length)
	}
	cs.assembling = true
	cs.got = 0
	cs.body = cs.body[:0]
	return nil
}

// chunkLen is the payload size of cs's current chunk.
func (w *walker) chunkLen(cs *csState) int {
	return int(min(cs.length-cs.got, w.chunkSize))
}

// stream returns the state of chunk stream csid, creating it for a type 0
// or 1 header (type 1 first: librtmp starts chunk stream 2 that way).
func (w *walker) stream(csid uint32, format byte) (*csState, error) {
	for i := range w.streams {
		if w.streams[i].id == csid {
			return &w.streams[i], nil
		}
	}
	if format >= fmtDelta {
		return nil, fmt.Errorf("%w: type %d on chunk stream %d", errNoPreviousHeader, format, csid)
	}
	if len(w.streams) == cap(w.streams) {
		return nil, fmt.Errorf("%w: more than %d", errChunkStreams, maxChunkStreams)
	}
	w.streams = append(w.streams, csState{id: csid})
	return &w.streams[len(w.streams)-1], nil
}
