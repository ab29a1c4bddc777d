package flv

import (
	"encoding/binary"
	"fmt"
)

// HeaderSize is the size of the FLV version 1 file header, and so the
// smallest valid DataOffset.
const HeaderSize = 9

// MaxDataOffset bounds the DataOffset a Reader accepts and skips to. Every
// FLV file has DataOffset 9 (version 1 defines nothing after the header);
// the limit leaves room for a future header while keeping a corrupt offset
// from making the Reader skip gigabytes.
const MaxDataOffset = 1024

// Header is the FLV file header.
type Header struct {
	Version    uint8 // 1
	HasAudio   bool
	HasVideo   bool
	DataOffset uint32 // size of the header: 9 for version 1
}

// ParseHeader parses the 9-byte FLV file header. Reserved flag bits are
// ignored; a DataOffset below 9 is ErrMalformed.
//
// FLV v10.1 §E.2 The FLV header:
//
//	+-----+-----+-----+-------------+-------------+----------+-------------+----------+-------------------+
//	| 'F' | 'L' | 'V' | Version UI8 | Reserved 5b | Audio 1b | Reserved 1b | Video 1b | DataOffset UI32   |
//	+-----+-----+-----+-------------+-------------+----------+-------------+----------+-------------------+
func ParseHeader(b []byte) (Header, error) {
	if len(b) < HeaderSize {
		return Header{}, fmt.Errorf("%w: file header is %d bytes, want %d", ErrShortBody, len(b), HeaderSize)
	}
	if b[0] != 'F' || b[1] != 'L' || b[2] != 'V' {
		return Header{}, ErrSignature
	}
	h := Header{
		Version:    b[3],
		HasAudio:   b[4]&0x04 != 0,
		HasVideo:   b[4]&0x01 != 0,
		DataOffset: binary.BigEndian.Uint32(b[5:9]),
	}
	if h.DataOffset < HeaderSize {
		return Header{}, fmt.Errorf("%w: DataOffset %d is less than the header size", ErrMalformed, h.DataOffset)
	}
	return h, nil
}

// AppendTo appends the 9-byte header as given (see Writer.WriteHeader for
// defaults).
func (h Header) AppendTo(dst []byte) []byte {
	var flags byte
	if h.HasAudio {
		flags |= 0x04
	}
	if h.HasVideo {
		flags |= 0x01
	}
	dst = append(dst, 'F', 'L', 'V', h.Version, flags)
	return binary.BigEndian.AppendUint32(dst, h.DataOffset)
}
