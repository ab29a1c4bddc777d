package chunk

import "encoding/binary"

// Chunk message header formats: the fmt field of the basic header
// (RTMP 1.0 §5.3.1.2).
const (
	fmtFull      = 0 // type 0: timestamp, length, type id, stream id (11 bytes)
	fmtSameMsgID = 1 // type 1: timestamp delta, length, type id (7 bytes)
	fmtDelta     = 2 // type 2: timestamp delta (3 bytes)
	fmtNone      = 3 // type 3: no message header
)

// messageHeaderSize is the size of the chunk message header for each fmt
// (§5.3.1.2.1 to §5.3.1.2.4).
var messageHeaderSize = [4]int{11, 7, 3, 0}

// extendedTimestampMarker in a 24-bit timestamp field says that the real
// value follows as a 32-bit Extended Timestamp field (§5.3.1.3). Values from
// 0xFFFFFF up use it, so 0xFFFFFF itself is sent extended.
const extendedTimestampMarker = 0xFFFFFF

// Basic header forms (§5.3.1.1): the 6-bit cs id field holds the id itself
// for 2..63, and the escape values 0 and 1 announce the 2 and 3 byte forms.
const (
	csidEscape2Byte = 0  // cs id field 0: one more byte, id = byte + 64
	csidEscape3Byte = 1  // cs id field 1: two more bytes, id = LE16 + 64
	maxCSID1Byte    = 63 // largest id of the 1 byte form
	maxCSID2Byte    = 319
	csidOffset      = 64 // added to the 2 and 3 byte forms' fields
)

// maxChunkHeaderSize is the largest chunk header: 3-byte basic header,
// 11-byte type 0 message header and 4-byte extended timestamp.
const maxChunkHeaderSize = 3 + 11 + 4

// RTMP 1.0 §5.3.1.1 Chunk Basic Header, in its three forms:
//
//	 0 1 2 3 4 5 6 7
//	+-+-+-+-+-+-+-+-+
//	|fmt|   cs id   |        cs id 2..63
//	+-+-+-+-+-+-+-+-+
//
//	 0                   1
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|fmt|     0     |  cs id - 64   |        cs id 64..319
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
//	 0                   1                   2
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|fmt|     1     |         cs id - 64            |  cs id 64..65599
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+    (little-endian)
//
// appendBasicHeader uses the shortest form; csid must be in 2..65599.
func appendBasicHeader(dst []byte, format byte, csid uint32) []byte {
	switch {
	case csid <= maxCSID1Byte:
		return append(dst, format<<6|byte(csid))
	case csid <= maxCSID2Byte:
		return append(dst, format<<6|csidEscape2Byte, byte(csid-csidOffset))
	default:
		id := csid - csidOffset
		return append(dst, format<<6|csidEscape3Byte, byte(id), byte(id>>8))
	}
}

// basicHeaderSize is the size of the shortest basic header for csid.
func basicHeaderSize(csid uint32) int {
	switch {
	case csid <= maxCSID1Byte:
		return 1
	case csid <= maxCSID2Byte:
		return 2
	default:
		return 3
	}
}

// validChunkStreamID reports whether csid can be written in a basic header.
func validChunkStreamID(csid uint32) bool {
	return csid >= MinChunkStreamID && csid <= MaxChunkStreamID
}

// validChunkSize reports whether n is a chunk size Set Chunk Size may
// announce (§5.4.1): at least 1, high bit zero.
func validChunkSize(n uint32) bool {
	return n >= 1 && n <= MaxChunkSize
}

// messageHeader holds the fields of a chunk message header; which of them
// are on the wire depends on the fmt.
type messageHeader struct {
	timestamp uint32 // 24-bit timestamp (type 0) or delta (types 1, 2) field
	length    uint32 // types 0 and 1
	typeID    uint8  // types 0 and 1
	streamID  uint32 // type 0 only
}

// RTMP 1.0 §5.3.1.2.1 Type 0 chunk message header (11 bytes), the
// first in a chunk stream and after the timestamp goes backwards:
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                   timestamp                   |message length |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|     message length (cont)     |message type id| msg stream id |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|           message stream id (cont)            |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// §5.3.1.2.2 Type 1 (7 bytes), same message stream id:
//
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                timestamp delta                |message length |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|     message length (cont)     |message type id|
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// §5.3.1.2.3 Type 2 (3 bytes), same stream id, length and type id:
//
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                timestamp delta                |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// §5.3.1.2.4 Type 3 has no message header. Timestamp and length are
// big-endian; the message stream id is little-endian (§5.3.1.2.1).
//
// parseMessageHeader reads the fields of fmt from b, which holds exactly
// messageHeaderSize[format] bytes.
func parseMessageHeader(format byte, b []byte) messageHeader {
	var h messageHeader
	if format <= fmtDelta {
		h.timestamp = uint24(b[0:3])
	}
	if format <= fmtSameMsgID {
		h.length = uint24(b[3:6])
		h.typeID = b[6]
	}
	if format == fmtFull {
		h.streamID = binary.LittleEndian.Uint32(b[7:11])
	}
	return h
}

// appendMessageHeader appends the message header of fmt; the timestamp
// field must already be clamped to extendedTimestampMarker.
func appendMessageHeader(dst []byte, format byte, h messageHeader) []byte {
	if format <= fmtDelta {
		dst = appendUint24(dst, h.timestamp)
	}
	if format <= fmtSameMsgID {
		dst = appendUint24(dst, h.length)
		dst = append(dst, h.typeID)
	}
	if format == fmtFull {
		dst = binary.LittleEndian.AppendUint32(dst, h.streamID)
	}
	return dst
}

// timestampField returns the 24-bit field for a timestamp or delta and
// whether the 32-bit Extended Timestamp must follow (§5.3.1.3).
func timestampField(v uint32) (field uint32, extended bool) {
	if v >= extendedTimestampMarker {
		return extendedTimestampMarker, true
	}
	return v, false
}

func uint24(b []byte) uint32 {
	return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])
}

func appendUint24(dst []byte, v uint32) []byte {
	return append(dst, byte(v>>16), byte(v>>8), byte(v))
}
