package message

import (
	"errors"
	"strconv"
)

// Type is an RTMP message type id (RTMP 1.0 §6.1.1 and §7.1).
type Type uint8

// Message type ids. 1-6 are protocol control messages (§5.4 and §6.2);
// the rest are the message types of §7.1.
const (
	TypeSetChunkSize     Type = 1  // §5.4.1
	TypeAbort            Type = 2  // §5.4.2
	TypeAck              Type = 3  // §5.4.3 Acknowledgement
	TypeUserControl      Type = 4  // §6.2
	TypeWindowAckSize    Type = 5  // §5.4.4
	TypeSetPeerBandwidth Type = 6  // §5.4.5
	TypeAudio            Type = 8  // §7.1.4
	TypeVideo            Type = 9  // §7.1.5
	TypeDataAMF3         Type = 15 // §7.1.2
	TypeSharedObjectAMF3 Type = 16 // §7.1.3
	TypeCommandAMF3      Type = 17 // §7.1.1
	TypeDataAMF0         Type = 18 // §7.1.2
	TypeSharedObjectAMF0 Type = 19 // §7.1.3
	TypeCommandAMF0      Type = 20 // §7.1.1
	TypeAggregate        Type = 22 // §7.1.6
)

var typeNames = [...]string{
	TypeSetChunkSize:     "SetChunkSize",
	TypeAbort:            "Abort",
	TypeAck:              "Acknowledgement",
	TypeUserControl:      "UserControl",
	TypeWindowAckSize:    "WindowAckSize",
	TypeSetPeerBandwidth: "SetPeerBandwidth",
	TypeAudio:            "Audio",
	TypeVideo:            "Video",
	TypeDataAMF3:         "DataAMF3",
	TypeSharedObjectAMF3: "SharedObjectAMF3",
	TypeCommandAMF3:      "CommandAMF3",
	TypeDataAMF0:         "DataAMF0",
	TypeSharedObjectAMF0: "SharedObjectAMF0",
	TypeCommandAMF0:      "CommandAMF0",
	TypeAggregate:        "Aggregate",
}

// String returns the type's name, or "Type(n)" for an unknown id.
func (t Type) String() string {
	if int(t) < len(typeNames) && typeNames[t] != "" {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// isControl reports whether t is a protocol control or user control message,
// which RTMP 1.0 §5.4 and §6.2 require on message stream 0, chunk stream 2.
func (t Type) isControl() bool {
	return t >= TypeSetChunkSize && t <= TypeSetPeerBandwidth
}

// Message is one decoded RTMP message.
type Message interface {
	// Type is the message type id the payload is sent with.
	Type() Type
	// AppendPayload appends the message's wire payload to dst. It fails
	// with ErrInvalid when a field cannot be represented on the wire.
	AppendPayload(dst []byte) ([]byte, error)
}

// Errors. Decoders wrap them with %w and a description of the field. Errors
// from decoding AMF values wrap the amf package's sentinels instead
// (amf.ErrTruncated, amf.ErrLimit, ...), and so does a count over one of
// this package's limits (amf.ErrLimit).
var (
	// ErrShort means a payload ends before a field it must contain.
	ErrShort = errors.New("message: payload too short")
	// ErrInvalid means a field holds a value the protocol does not allow.
	ErrInvalid = errors.New("message: invalid field")
	// ErrUnknownType means the message type id is not one of RTMP 1.0 §7.1.
	ErrUnknownType = errors.New("message: unknown message type")
	// ErrUnsupported means a valid but unimplemented variant, such as an
	// AMF3-encoded shared object; a connection may skip such a message.
	ErrUnsupported = errors.New("message: unsupported encoding")
)
