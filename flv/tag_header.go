package flv

import (
	"encoding/binary"
	"fmt"
)

// TagHeaderSize is the size of an FLV tag header (FLV v10.1 §E.4.1).
const TagHeaderSize = 11

// MaxTagSize is the largest tag body FLV can describe: DataSize is a UI24,
// so 16 MiB - 1 bytes. It is also the largest RTMP message, whose length
// field is 24 bits as well, so every RTMP media message fits in a tag.
const MaxTagSize = 1<<24 - 1

// previousTagSizeLen is the size of the PreviousTagSize field after each
// tag (FLV v10.1 §E.3).
const previousTagSizeLen = 4

// tagFilterBit is the Filter bit of the first tag header byte: the tag is
// encrypted (FLV v10.1 §E.4.1, Annex F).
const tagFilterBit = 0x20

// ParseTagHeader parses an 11-byte FLV tag header. The Reserved bits (for
// FMS) and StreamID (always 0) are ignored; a tag with the Filter bit set
// is encrypted and ErrUnsupported. Tag types other than audio, video and
// script are returned as they are, for the caller to skip.
//
// FLV v10.1 §E.4.1 FLV tags:
//
//	+-------------+-----------+------------+---------------+---------------+-------------------+--------------+
//	| Reserved 2b | Filter 1b | TagType 5b | DataSize UI24 | Timestamp UI24 | TimestampExt UI8 | StreamID UI24 |
//	+-------------+-----------+------------+---------------+---------------+-------------------+--------------+
//
// The timestamp in milliseconds is TimestampExt<<24 | Timestamp.
func ParseTagHeader(b []byte) (typ TagType, dataSize uint32, timestamp uint32, err error) {
	if len(b) < TagHeaderSize {
		return 0, 0, 0, fmt.Errorf("%w: tag header is %d bytes, want %d", ErrShortBody, len(b), TagHeaderSize)
	}
	if b[0]&tagFilterBit != 0 {
		return 0, 0, 0, fmt.Errorf("%w: encrypted tag (Filter bit set)", ErrUnsupported)
	}
	typ = TagType(b[0] & 0x1f)
	dataSize = getU24(b[1:])
	timestamp = uint32(b[7])<<24 | getU24(b[4:])
	return typ, dataSize, timestamp, nil
}

// appendTagHeader appends the 11-byte tag header for a body of size bytes.
func appendTagHeader(dst []byte, typ TagType, size int, timestamp uint32) []byte {
	dst = append(dst, byte(typ&0x1f))
	dst = appendU24(dst, uint32(size))
	dst = appendU24(dst, timestamp)
	dst = append(dst, byte(timestamp>>24))
	return appendU24(dst, 0) // StreamID
}

// AppendTag appends t as it appears in an FLV file: tag header, data, and
// the PreviousTagSize that follows it.
//
// len(t.Data) must not exceed MaxTagSize, as no RTMP message can; a larger
// body is a bug in the caller and AppendTag panics. Writer.WriteTag returns
// ErrTagTooLarge instead.
func AppendTag(dst []byte, t Tag) []byte {
	if len(t.Data) > MaxTagSize {
		panic("flv: AppendTag: data larger than MaxTagSize")
	}
	dst = appendTagHeader(dst, t.Type, len(t.Data), t.Timestamp)
	dst = append(dst, t.Data...)
	return binary.BigEndian.AppendUint32(dst, uint32(TagHeaderSize+len(t.Data)))
}
