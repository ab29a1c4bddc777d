package message

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/sluicemedia/sluice/amf"
)

// MaxSharedObjectEvents bounds the events of one shared object message.
// Flash Player batches the changes of one frame into a message, a handful in
// practice; 1024 is generous while keeping a payload of five-byte empty
// events from expanding into millions of event values.
const MaxSharedObjectEvents = 1024

// SharedObjectEventType is a shared object event type (RTMP 1.0 §7.1.3).
type SharedObjectEventType uint8

// Shared object event types.
const (
	SOUse           SharedObjectEventType = 1  // client: the shared object was created
	SORelease       SharedObjectEventType = 2  // client: the shared object was deleted
	SORequestChange SharedObjectEventType = 3  // client: asks to change a named value
	SOChange        SharedObjectEventType = 4  // server: a named value changed
	SOSuccess       SharedObjectEventType = 5  // server: a RequestChange was accepted
	SOSendMessage   SharedObjectEventType = 6  // client: broadcast a message
	SOStatus        SharedObjectEventType = 7  // server: an error condition
	SOClear         SharedObjectEventType = 8  // server: clear the shared object
	SORemove        SharedObjectEventType = 9  // server: delete a slot
	SORequestRemove SharedObjectEventType = 10 // client: asks to delete a slot
	SOUseSuccess    SharedObjectEventType = 11 // server: Use succeeded
)

var soEventNames = [...]string{
	SOUse: "Use", SORelease: "Release", SORequestChange: "RequestChange",
	SOChange: "Change", SOSuccess: "Success", SOSendMessage: "SendMessage",
	SOStatus: "Status", SOClear: "Clear", SORemove: "Remove",
	SORequestRemove: "RequestRemove", SOUseSuccess: "UseSuccess",
}

// String returns the event type's name, or "SharedObjectEventType(n)".
func (e SharedObjectEventType) String() string {
	if int(e) < len(soEventNames) && soEventNames[e] != "" {
		return soEventNames[e]
	}
	return "SharedObjectEventType(" + strconv.Itoa(int(e)) + ")"
}

// SharedObjectEvent is one event of a shared object message. Its data is
// kept raw: RTMP 1.0 does not define its layout, which varies by event
// (a property name and an AMF value for Change, status strings for Status,
// nothing for Use).
type SharedObjectEvent struct {
	Type SharedObjectEventType
	Data []byte // aliases the payload
}

// SharedObject is a shared object message (RTMP 1.0 §7.1.3).
//
//	+------+------+-------+-----+-----+------+-----+ +-----+------+-----+
//	|Header|Shared|Current|Flags|Event|Event |Event|.|Event|Event |Event|
//	|      |Object|Version|     |Type |data  |data |.|Type |data  |data |
//	|      |Name  |       |     |     |length|     |.|     |length|     |
//	+------+------+-------+-----+-----+------+-----+ +-----+------+-----+
//
// The spec gives no field sizes; Flash Player, Red5 and FMS use: name as an
// AMF0 string without marker (2-byte length, UTF-8), version 4 bytes, flags
// 8 bytes, then events of type 1 byte, data length 4 bytes, data.
//
// The envelope and the event framing are decoded fully and bounds-checked;
// event data is left raw (see SharedObjectEvent). Type 16 (AMF3) starts
// with an encoding byte: 0 means the AMF0 layout above follows, 3 an AMF3
// layout, which is ErrUnsupported.
type SharedObject struct {
	AMF3    bool // sent as type 16 rather than 19
	Name    string
	Version uint32
	// Flags is the 8-byte flags field, raw: no published spec defines its
	// bits. Red5 writes 2 in the high four bytes for a persistent object
	// (see Persistent); Flash Player was seen sending 16 and 48.
	Flags  uint64
	Events []SharedObjectEvent
}

// Shared object framing sizes.
const (
	soEncodingAMF0  = 0 // type 16 encoding byte: AMF0 layout follows
	soEncodingAMF3  = 3 // type 16 encoding byte: AMF3 layout follows
	soNameLenSize   = 2
	soFixedSize     = 4 + 8 // version, flags
	soEventHeadSize = 1 + 4 // event type, data length
	soPersistent    = 2     // Red5's high flags word for a persistent object
)

// Persistent reports whether Red5's persistence flag is set.
func (s SharedObject) Persistent() bool { return s.Flags>>32 == soPersistent }

// ParseSharedObject decodes a shared object payload; amf3 is true for
// message type 16.
func ParseSharedObject(payload []byte, amf3 bool) (SharedObject, error) {
	s := SharedObject{AMF3: amf3}
	b, err := stripSOEncoding(payload, amf3)
	if err != nil {
		return SharedObject{}, err
	}
	if b, err = s.parseHeader(b); err != nil {
		return SharedObject{}, err
	}
	for len(b) > 0 {
		if len(s.Events) == MaxSharedObjectEvents {
			return SharedObject{}, fmt.Errorf("message: shared object %q has more than %d events: %w",
				s.Name, MaxSharedObjectEvents, amf.ErrLimit)
		}
		var ev SharedObjectEvent
		if ev, b, err = parseSOEvent(b); err != nil {
			return SharedObject{}, fmt.Errorf("message: shared object %q event %d: %w", s.Name, len(s.Events), err)
		}
		s.Events = append(s.Events, ev)
	}
	return s, nil
}

func stripSOEncoding(payload []byte, amf3 bool) ([]byte, error) {
	if !amf3 {
		return payload, nil
	}
	if len(payload) == 0 {
		return nil, fmt.Errorf("message: shared object has no encoding byte: %w", ErrShort)
	}
	switch payload[0] {
	case soEncodingAMF0:
		return payload[1:], nil
	case soEncodingAMF3:
		return nil, fmt.Errorf("message: AMF3 shared object: %w", ErrUnsupported)
	}
	return nil, fmt.Errorf("message: shared object encoding %d: %w", payload[0], ErrInvalid)
}

// parseHeader decodes name, version and flags and returns the events.
func (s *SharedObject) parseHeader(b []byte) ([]byte, error) {
	if len(b) < soNameLenSize {
		return nil, fmt.Errorf("message: shared object name length: %w", ErrShort)
	}
	n := int(binary.BigEndian.Uint16(b))
	b = b[soNameLenSize:]
	if len(b) < n+soFixedSize {
		return nil, fmt.Errorf("message: shared object header needs %d bytes, %d left: %w",
			n+soFixedSize, len(b), ErrShort)
	}
	s.Name = string(b[:n])
	s.Version = binary.BigEndian.Uint32(b[n:])
	s.Flags = binary.BigEndian.Uint64(b[n+4:])
	return b[n+soFixedSize:], nil
}

func parseSOEvent(b []byte) (SharedObjectEvent, []byte, error) {
	if len(b) < soEventHeadSize {
		return SharedObjectEvent{}, nil, fmt.Errorf("event header is %d bytes, want %d: %w",
			len(b), soEventHeadSize, ErrShort)
	}
	ev := SharedObjectEvent{Type: SharedObjectEventType(b[0])}
	size := binary.BigEndian.Uint32(b[1:])
	b = b[soEventHeadSize:]
	if uint64(size) > uint64(len(b)) {
		return SharedObjectEvent{}, nil, fmt.Errorf("event data of %d bytes, %d left: %w", size, len(b), ErrShort)
	}
	if size > 0 {
		ev.Data = b[:size:size]
	}
	return ev, b[size:], nil
}

// Type returns TypeSharedObjectAMF3 or TypeSharedObjectAMF0.
func (s SharedObject) Type() Type {
	if s.AMF3 {
		return TypeSharedObjectAMF3
	}
	return TypeSharedObjectAMF0
}

// AppendPayload appends the message in the AMF0 layout, after the encoding
// byte 0 when s.AMF3 is set. A name over 65535 bytes, event data over 2^32-1
// bytes or more than MaxSharedObjectEvents events is ErrInvalid.
func (s SharedObject) AppendPayload(dst []byte) ([]byte, error) {
	if err := s.validate(); err != nil {
		return dst, err
	}
	if s.AMF3 {
		dst = append(dst, soEncodingAMF0)
	}
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(s.Name)))
	dst = append(dst, s.Name...)
	dst = binary.BigEndian.AppendUint32(dst, s.Version)
	dst = binary.BigEndian.AppendUint64(dst, s.Flags)
	for _, ev := range s.Events {
		dst = append(dst, byte(ev.Type))
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(ev.Data)))
		dst = append(dst, ev.Data...)
	}
	return dst, nil
}

func (s SharedObject) validate() error {
	if len(s.Name) > math.MaxUint16 {
		return fmt.Errorf("message: shared object name of %d bytes: %w", len(s.Name), ErrInvalid)
	}
	if len(s.Events) > MaxSharedObjectEvents {
		return fmt.Errorf("message: shared object has %d events, at most %d: %w",
			len(s.Events), MaxSharedObjectEvents, ErrInvalid)
	}
	for _, ev := range s.Events {
		if uint64(len(ev.Data)) > math.MaxUint32 {
			return fmt.Errorf("message: shared object event data of %d bytes: %w", len(ev.Data), ErrInvalid)
		}
	}
	return nil
}
