package message

import (
	"encoding/binary"
	"fmt"
	"iter"
)

// Sizes of an aggregate sub-message's framing (RTMP 1.0 §7.1.6).
const (
	subHeaderSize   = 11        // type, length, timestamp, stream id
	backPointerSize = 4         // size of the previous sub-message, header included
	maxUint24       = 1<<24 - 1 // largest sub-message length and stream id
)

// SubMessage is one message inside an aggregate.
type SubMessage struct {
	Type      Type
	Timestamp uint32 // normalized: see Aggregate
	// StreamID is the sub-message's own stream id field, usually 0. RTMP 1.0
	// §7.1.6: the aggregate's message stream id overrides it.
	StreamID uint32
	Payload  []byte // aliases the aggregate payload, capacity clipped to the data
}

// Aggregate splits an aggregate message payload (RTMP 1.0 §7.1.6) into its
// sub-messages, without copying or allocating. timestamp is the aggregate
// message's timestamp.
//
//	+--------+-------+---------+--------+-------+---------+ - - - -
//	|Header 0|Message|Back     |Header 1|Message|Back     |
//	|        |Data 0 |Pointer 0|        |Data 1 |Pointer 1|
//	+--------+-------+---------+--------+-------+---------+ - - - -
//
// Each header has the layout of an FLV tag header (FLV v10.1 §E.4.1):
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	| Message Type  |          Payload length (3 bytes)             |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|      Timestamp, low 24 bits (3 bytes)         | Timestamp hi  |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|             Stream ID (3 bytes)               |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// §6.1.1 draws the timestamp as 4 big-endian bytes; ffmpeg, OBS and the FLV
// format the back pointers come from put bits 24-31 in the fourth byte. The
// two agree below 2^24 ms (4 h 39 min); this package uses the FLV form.
//
// The first sub-message's timestamp is the base: each sub-message's
// Timestamp is the aggregate's timestamp plus its distance from the base
// (modulo 2^32), so the first one equals the aggregate's timestamp.
//
// Every length is checked against the bytes left: a header, data or back
// pointer cut short yields ErrShort, and a nested aggregate ErrInvalid;
// iteration stops after the first error. The back pointer's value is not
// checked (ffmpeg and OBS ignore it too, and a sender that gets it wrong
// still frames its data correctly by the length fields), but its four bytes
// must be present.
func Aggregate(payload []byte, timestamp uint32) iter.Seq2[SubMessage, error] {
	return func(yield func(SubMessage, error) bool) {
		var base uint32
		for b, first := payload, true; len(b) > 0; first = false {
			sub, rest, err := nextSubMessage(b)
			if err != nil {
				yield(SubMessage{}, err)
				return
			}
			if first {
				base = sub.Timestamp
			}
			sub.Timestamp = timestamp + (sub.Timestamp - base)
			if !yield(sub, nil) {
				return
			}
			b = rest
		}
	}
}

// nextSubMessage decodes the sub-message at the start of b and returns the
// bytes after its back pointer. Timestamp is the raw field.
func nextSubMessage(b []byte) (SubMessage, []byte, error) {
	if len(b) < subHeaderSize {
		return SubMessage{}, nil, fmt.Errorf("message: aggregate sub-message header is %d bytes, want %d: %w",
			len(b), subHeaderSize, ErrShort)
	}
	sub := SubMessage{
		Type:      Type(b[0]),
		Timestamp: uint32(uint24(b[4:])) | uint32(b[7])<<24,
		StreamID:  uint32(uint24(b[8:])),
	}
	if sub.Type == TypeAggregate {
		return SubMessage{}, nil, fmt.Errorf("message: aggregate nested in an aggregate: %w", ErrInvalid)
	}
	size := uint24(b[1:])
	b = b[subHeaderSize:]
	if size > len(b) {
		return SubMessage{}, nil, fmt.Errorf("message: aggregate sub-message of %d bytes, %d left: %w",
			size, len(b), ErrShort)
	}
	sub.Payload = b[:size:size]
	b = b[size:]
	if len(b) < backPointerSize {
		return SubMessage{}, nil, fmt.Errorf("message: aggregate back pointer is %d bytes, want %d: %w",
			len(b), backPointerSize, ErrShort)
	}
	return sub, b[backPointerSize:], nil
}

func uint24(b []byte) int {
	return int(b[0])<<16 | int(b[1])<<8 | int(b[2])
}

func appendUint24(dst []byte, v uint32) []byte {
	return append(dst, byte(v>>16), byte(v>>8), byte(v))
}

// AppendAggregate appends an aggregate payload holding subs, in the layout
// Aggregate reads, with correct back pointers. Timestamps are written as
// given: send the aggregate with the first sub-message's timestamp. A nested
// aggregate, or a payload or stream id wider than 24 bits, is ErrInvalid,
// and then nothing is appended.
func AppendAggregate(dst []byte, subs ...SubMessage) ([]byte, error) {
	for _, sub := range subs {
		switch {
		case sub.Type == TypeAggregate:
			return dst, fmt.Errorf("message: aggregate nested in an aggregate: %w", ErrInvalid)
		case len(sub.Payload) > maxUint24:
			return dst, fmt.Errorf("message: aggregate sub-message of %d bytes: %w", len(sub.Payload), ErrInvalid)
		case sub.StreamID > maxUint24:
			return dst, fmt.Errorf("message: aggregate sub-message stream id %d: %w", sub.StreamID, ErrInvalid)
		}
	}
	for _, sub := range subs {
		dst = append(dst, byte(sub.Type))
		dst = appendUint24(dst, uint32(len(sub.Payload)))
		dst = appendUint24(dst, sub.Timestamp)
		dst = append(dst, byte(sub.Timestamp>>24))
		dst = appendUint24(dst, sub.StreamID)
		dst = append(dst, sub.Payload...)
		dst = binary.BigEndian.AppendUint32(dst, uint32(subHeaderSize+len(sub.Payload)))
	}
	return dst, nil
}
