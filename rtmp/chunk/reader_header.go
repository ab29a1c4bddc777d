package chunk

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// readBasicHeader reads a chunk basic header in any of its three forms
// (RTMP 1.0 §5.3.1.1; diagrams at appendBasicHeader). The 3 byte form may
// also carry ids below 320; they are accepted.
func (r *Reader) readBasicHeader() (format byte, csid uint32, err error) {
	b, err := r.readByte()
	if err != nil {
		if err == io.EOF && r.active > 0 {
			err = io.ErrUnexpectedEOF
		}
		return 0, 0, err
	}
	format = b >> 6
	switch id := uint32(b & 0x3F); id {
	case csidEscape2Byte:
		ext, err := r.readFull(1)
		if err != nil {
			return 0, 0, err
		}
		return format, uint32(ext[0]) + csidOffset, nil
	case csidEscape3Byte:
		ext, err := r.readFull(2)
		if err != nil {
			return 0, 0, err
		}
		return format, uint32(binary.LittleEndian.Uint16(ext)) + csidOffset, nil
	default:
		return format, id, nil
	}
}

// readMessageHeader reads the chunk message header of the given format and
// any extended timestamp (§5.3.1.2, §5.3.1.3; diagrams at
// parseMessageHeader), and updates cs.
func (r *Reader) readMessageHeader(cs *chunkStream, format byte) error {
	if format == fmtNone {
		return r.readType3(cs)
	}
	b, err := r.readFull(messageHeaderSize[format])
	if err != nil {
		return err
	}
	h := parseMessageHeader(format, b)
	tsValue := h.timestamp
	extended := h.timestamp == extendedTimestampMarker
	if extended {
		if tsValue, err = r.readUint32(); err != nil {
			return err
		}
	}
	if cs.assembling {
		return cs.checkMidMessage(format, h)
	}
	cs.applyHeader(format, h, tsValue, extended)
	return nil
}

// readType3 handles the (absent) header of a type 3 chunk: either it
// continues the message being assembled, or it starts a new message with
// the previous header's values (§5.3.1.2.4). A type 3 chunk that starts a
// message always carries the extended field when the last type 0, 1 or 2
// header did (§5.3.1.3): ffmpeg and librtmp write and read it there alike,
// and ffmpeg may put a new delta in it, which then applies.
func (r *Reader) readType3(cs *chunkStream) error {
	if cs.assembling {
		if cs.extended {
			return r.skipRepeatedExtendedTimestamp(cs.tsField, r.chunkLen(cs))
		}
		return nil
	}
	tsValue := cs.tsField
	if cs.extended {
		v, err := r.readUint32()
		if err != nil {
			return err
		}
		tsValue = v
	}
	cs.applyType3Start(tsValue)
	return nil
}

// skipRepeatedExtendedTimestamp consumes the extended timestamp of a type 3
// chunk that continues a message, if the peer sent one.
//
// RTMP 1.0 §5.3.1.3 says the field is present in a type 3 chunk whenever
// the last type 0, 1 or 2 header of its chunk stream used it, and the field
// then repeats that header's value. Peers differ on the chunks that continue
// a message (FIELD-NOTES.md): ffmpeg's ff_rtmp_packet_write repeats the
// field after every continuation marker and its reader requires it;
// librtmp's RTMP_SendPacket left it out (OBS's copy of librtmp only added it
// in 2024) while its reader expects it; nginx-rtmp makes it an option. So
// the Reader accepts both: the next 4 bytes are taken as the field only if
// they equal the expected value, else they are payload. A peer that omits
// the field and whose next payload bytes happen to equal it would be
// misread: for random payload bytes, one continuation chunk in 2^32, and
// only while timestamps are extended.
//
// Only bytes sure to arrive are waited for: the chunk brings want's bytes
// or its own payload (chunkLen > 0 bytes). With chunkLen < 4, the rest of
// the field is waited for only if the payload so far matches it.
func (r *Reader) skipRepeatedExtendedTimestamp(want uint32, chunkLen int) error {
	var field [4]byte
	binary.BigEndian.PutUint32(field[:], want)
	sure := min(len(field), chunkLen)
	b, err := r.br.Peek(sure)
	if err != nil {
		return unexpected(err)
	}
	if !bytes.Equal(b, field[:sure]) {
		return nil
	}
	if sure < len(field) {
		b, err = r.br.Peek(len(field))
		if errors.Is(err, io.EOF) {
			return nil // the stream ends: these bytes can only be payload
		}
		if err != nil {
			return err
		}
		if !bytes.Equal(b, field[:]) {
			return nil
		}
	}
	r.discard(len(field))
	return nil
}
