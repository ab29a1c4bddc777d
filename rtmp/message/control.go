package message

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// MaxChunkSize is the largest chunk size Set Chunk Size can carry: the field
// is 31 bits wide (RTMP 1.0 §5.4.1). Sizes above 0xFFFFFF all behave alike,
// since no message is longer than that.
const MaxChunkSize = 1<<31 - 1

// Fixed payload sizes of the protocol control messages (RTMP 1.0 §5.4).
const (
	sizeUint32           = 4
	sizeSetPeerBandwidth = 5
)

// needFixed checks that payload holds the n bytes a fixed-size message of
// type t needs. Longer payloads are accepted: trailing bytes are ignored.
func needFixed(payload []byte, n int, t Type) error {
	if len(payload) < n {
		return fmt.Errorf("message: %v payload is %d bytes, want %d: %w", t, len(payload), n, ErrShort)
	}
	return nil
}

// SetChunkSize tells the peer the largest chunk the sender will use from now
// on (RTMP 1.0 §5.4.1).
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|0|                    chunk size (31 bits)                     |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
type SetChunkSize struct {
	Size uint32 // 1..MaxChunkSize
}

// ParseSetChunkSize decodes a Set Chunk Size payload. A zero size or a set
// high bit is ErrInvalid: the spec requires the bit to be zero and sizes
// to start at 1.
func ParseSetChunkSize(payload []byte) (SetChunkSize, error) {
	if err := needFixed(payload, sizeUint32, TypeSetChunkSize); err != nil {
		return SetChunkSize{}, err
	}
	m := SetChunkSize{Size: binary.BigEndian.Uint32(payload)}
	if err := m.validate(); err != nil {
		return SetChunkSize{}, err
	}
	return m, nil
}

func (m SetChunkSize) validate() error {
	if m.Size == 0 || m.Size > MaxChunkSize {
		return fmt.Errorf("message: chunk size %d outside 1..%d: %w", m.Size, MaxChunkSize, ErrInvalid)
	}
	return nil
}

// Type returns TypeSetChunkSize.
func (SetChunkSize) Type() Type { return TypeSetChunkSize }

// AppendPayload appends the 4-byte payload; a size outside 1..MaxChunkSize
// is ErrInvalid.
func (m SetChunkSize) AppendPayload(dst []byte) ([]byte, error) {
	if err := m.validate(); err != nil {
		return dst, err
	}
	return binary.BigEndian.AppendUint32(dst, m.Size), nil
}

// Abort tells the peer to discard the partly received message on a chunk
// stream (RTMP 1.0 §5.4.2).
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                   chunk stream id (32 bits)                   |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
type Abort struct {
	ChunkStreamID uint32
}

// ParseAbort decodes an Abort Message payload. The chunk stream id is not
// range-checked here: the chunk layer knows which streams exist.
func ParseAbort(payload []byte) (Abort, error) {
	if err := needFixed(payload, sizeUint32, TypeAbort); err != nil {
		return Abort{}, err
	}
	return Abort{ChunkStreamID: binary.BigEndian.Uint32(payload)}, nil
}

// Type returns TypeAbort.
func (Abort) Type() Type { return TypeAbort }

// AppendPayload appends the 4-byte payload.
func (m Abort) AppendPayload(dst []byte) ([]byte, error) {
	return binary.BigEndian.AppendUint32(dst, m.ChunkStreamID), nil
}

// Acknowledgement reports the number of bytes received so far, modulo 2^32
// (RTMP 1.0 §5.4.3).
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                   sequence number (4 bytes)                   |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
type Acknowledgement struct {
	SequenceNumber uint32
}

// ParseAcknowledgement decodes an Acknowledgement payload.
func ParseAcknowledgement(payload []byte) (Acknowledgement, error) {
	if err := needFixed(payload, sizeUint32, TypeAck); err != nil {
		return Acknowledgement{}, err
	}
	return Acknowledgement{SequenceNumber: binary.BigEndian.Uint32(payload)}, nil
}

// Type returns TypeAck.
func (Acknowledgement) Type() Type { return TypeAck }

// AppendPayload appends the 4-byte payload.
func (m Acknowledgement) AppendPayload(dst []byte) ([]byte, error) {
	return binary.BigEndian.AppendUint32(dst, m.SequenceNumber), nil
}

// WindowAckSize sets the number of bytes after which the receiver must send
// an Acknowledgement (RTMP 1.0 §5.4.4).
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|             Acknowledgement Window size (4 bytes)             |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
type WindowAckSize struct {
	Size uint32
}

// ParseWindowAckSize decodes a Window Acknowledgement Size payload. Any
// value is accepted; a connection should clamp tiny windows (0 would ask
// for an acknowledgement after every byte).
func ParseWindowAckSize(payload []byte) (WindowAckSize, error) {
	if err := needFixed(payload, sizeUint32, TypeWindowAckSize); err != nil {
		return WindowAckSize{}, err
	}
	return WindowAckSize{Size: binary.BigEndian.Uint32(payload)}, nil
}

// Type returns TypeWindowAckSize.
func (WindowAckSize) Type() Type { return TypeWindowAckSize }

// AppendPayload appends the 4-byte payload.
func (m WindowAckSize) AppendPayload(dst []byte) ([]byte, error) {
	return binary.BigEndian.AppendUint32(dst, m.Size), nil
}

// LimitType is the limit type of Set Peer Bandwidth (RTMP 1.0 §5.4.5).
type LimitType uint8

// Limit types.
const (
	LimitHard    LimitType = 0 // limit output to the window size
	LimitSoft    LimitType = 1 // limit to the smaller of this and the limit in effect
	LimitDynamic LimitType = 2 // hard if the previous limit was hard, else ignored
)

// String returns the limit type's name.
func (l LimitType) String() string {
	switch l {
	case LimitHard:
		return "Hard"
	case LimitSoft:
		return "Soft"
	case LimitDynamic:
		return "Dynamic"
	}
	return "LimitType(" + strconv.Itoa(int(l)) + ")"
}

// SetPeerBandwidth limits the peer's output: the amount of sent but
// unacknowledged data (RTMP 1.0 §5.4.5).
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                 Acknowledgement Window size                   |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|  Limit Type   |
//	+-+-+-+-+-+-+-+-+
type SetPeerBandwidth struct {
	Size  uint32
	Limit LimitType
}

// ParseSetPeerBandwidth decodes a Set Peer Bandwidth payload. A limit type
// other than 0, 1 or 2 is ErrInvalid.
func ParseSetPeerBandwidth(payload []byte) (SetPeerBandwidth, error) {
	if err := needFixed(payload, sizeSetPeerBandwidth, TypeSetPeerBandwidth); err != nil {
		return SetPeerBandwidth{}, err
	}
	m := SetPeerBandwidth{
		Size:  binary.BigEndian.Uint32(payload),
		Limit: LimitType(payload[4]),
	}
	if err := m.validate(); err != nil {
		return SetPeerBandwidth{}, err
	}
	return m, nil
}

func (m SetPeerBandwidth) validate() error {
	if m.Limit > LimitDynamic {
		return fmt.Errorf("message: set peer bandwidth limit type %d: %w", m.Limit, ErrInvalid)
	}
	return nil
}

// Type returns TypeSetPeerBandwidth.
func (SetPeerBandwidth) Type() Type { return TypeSetPeerBandwidth }

// AppendPayload appends the 5-byte payload; an unknown limit type is
// ErrInvalid.
func (m SetPeerBandwidth) AppendPayload(dst []byte) ([]byte, error) {
	if err := m.validate(); err != nil {
		return dst, err
	}
	dst = binary.BigEndian.AppendUint32(dst, m.Size)
	return append(dst, byte(m.Limit)), nil
}
