package message

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// EventType is a user control event type (RTMP 1.0 §7.1.7).
type EventType uint16

// User control event types. 0-7 are RTMP 1.0 §7.1.7 (5 is unassigned). The
// rest are not in the spec but are sent by Flash Media Server, Wowza and Red5
// and understood by librtmp; their event data is kept raw.
const (
	EventStreamBegin      EventType = 0  // stream id: the stream became functional
	EventStreamEOF        EventType = 1  // stream id: playback is over
	EventStreamDry        EventType = 2  // stream id: no more data for now
	EventSetBufferLength  EventType = 3  // stream id, buffer length in ms
	EventStreamIsRecorded EventType = 4  // stream id: a recorded stream
	EventPingRequest      EventType = 6  // timestamp: server time of the request
	EventPingResponse     EventType = 7  // timestamp: echoed from the request
	EventSWFVerifyRequest EventType = 26 // non-spec: asks for a SWF verification hash
	EventSWFVerifyReply   EventType = 27 // non-spec: the 42-byte SWF verification answer
	EventBufferEmpty      EventType = 31 // non-spec: the server's buffer for a stream ran empty
	EventBufferReady      EventType = 32 // non-spec: the server's buffer for a stream is full again
)

var eventNames = map[EventType]string{
	EventStreamBegin:      "StreamBegin",
	EventStreamEOF:        "StreamEOF",
	EventStreamDry:        "StreamDry",
	EventSetBufferLength:  "SetBufferLength",
	EventStreamIsRecorded: "StreamIsRecorded",
	EventPingRequest:      "PingRequest",
	EventPingResponse:     "PingResponse",
	EventSWFVerifyRequest: "SWFVerifyRequest",
	EventSWFVerifyReply:   "SWFVerifyReply",
	EventBufferEmpty:      "BufferEmpty",
	EventBufferReady:      "BufferReady",
}

// String returns the event's name, or "EventType(n)".
func (e EventType) String() string {
	if name, ok := eventNames[e]; ok {
		return name
	}
	return "EventType(" + strconv.Itoa(int(e)) + ")"
}

// eventDataSize returns the size of the event data RTMP 1.0 §7.1.7 defines
// for e, and false for events it does not define.
func eventDataSize(e EventType) (int, bool) {
	switch e {
	case EventStreamBegin, EventStreamEOF, EventStreamDry, EventStreamIsRecorded,
		EventPingRequest, EventPingResponse:
		return 4, true
	case EventSetBufferLength:
		return 8, true
	}
	return 0, false
}

// UserControl is a user control message (RTMP 1.0 §6.2): a 16-bit event
// type followed by event data whose layout depends on the event (§7.1.7).
//
//	+------------------------------+-------------------------
//	|     Event Type (16 bits)     | Event Data
//	+------------------------------+-------------------------
//
// Only the fields of the event's layout are used: StreamID for stream
// events, StreamID and BufferLength for SetBufferLength, Timestamp for
// pings. Events the spec does not define keep their event data in Data,
// which AppendPayload writes only for them.
type UserControl struct {
	Event        EventType
	StreamID     uint32 // message stream id the event is about
	BufferLength uint32 // SetBufferLength: client buffer in milliseconds
	Timestamp    uint32 // PingRequest, PingResponse
	Data         []byte // event data of events outside §7.1.7, aliasing the payload
}

// sizeEventType is the size of the event type field.
const sizeEventType = 2

// ParseUserControl decodes a user control payload. Event data shorter than
// the event's layout is ErrShort; longer is accepted and the rest ignored.
func ParseUserControl(payload []byte) (UserControl, error) {
	if err := needFixed(payload, sizeEventType, TypeUserControl); err != nil {
		return UserControl{}, err
	}
	m := UserControl{Event: EventType(binary.BigEndian.Uint16(payload))}
	data := payload[sizeEventType:]
	size, known := eventDataSize(m.Event)
	if !known {
		if len(data) > 0 {
			m.Data = data
		}
		return m, nil
	}
	if len(data) < size {
		return UserControl{}, fmt.Errorf("message: user control %v data is %d bytes, want %d: %w",
			m.Event, len(data), size, ErrShort)
	}
	switch m.Event {
	case EventPingRequest, EventPingResponse:
		m.Timestamp = binary.BigEndian.Uint32(data)
	case EventSetBufferLength:
		m.StreamID = binary.BigEndian.Uint32(data)
		m.BufferLength = binary.BigEndian.Uint32(data[4:])
	default:
		m.StreamID = binary.BigEndian.Uint32(data)
	}
	return m, nil
}

// Type returns TypeUserControl.
func (UserControl) Type() Type { return TypeUserControl }

// AppendPayload appends the event type and the event data of its layout.
func (m UserControl) AppendPayload(dst []byte) ([]byte, error) {
	dst = binary.BigEndian.AppendUint16(dst, uint16(m.Event))
	if _, known := eventDataSize(m.Event); !known {
		return append(dst, m.Data...), nil
	}
	switch m.Event {
	case EventPingRequest, EventPingResponse:
		dst = binary.BigEndian.AppendUint32(dst, m.Timestamp)
	case EventSetBufferLength:
		dst = binary.BigEndian.AppendUint32(dst, m.StreamID)
		dst = binary.BigEndian.AppendUint32(dst, m.BufferLength)
	default:
		dst = binary.BigEndian.AppendUint32(dst, m.StreamID)
	}
	return dst, nil
}

// StreamBegin tells a client that stream id became functional: sent on
// stream 0 after connect and before a play or publish starts.
func StreamBegin(streamID uint32) UserControl {
	return UserControl{Event: EventStreamBegin, StreamID: streamID}
}

// StreamEOF tells a client that playback on stream id is over.
func StreamEOF(streamID uint32) UserControl {
	return UserControl{Event: EventStreamEOF, StreamID: streamID}
}

// StreamDry tells a client that stream id has no data for now.
func StreamDry(streamID uint32) UserControl {
	return UserControl{Event: EventStreamDry, StreamID: streamID}
}

// StreamIsRecorded tells a client that stream id is a recorded stream.
func StreamIsRecorded(streamID uint32) UserControl {
	return UserControl{Event: EventStreamIsRecorded, StreamID: streamID}
}

// SetBufferLength tells a server how many milliseconds the client buffers
// of stream id.
func SetBufferLength(streamID, millis uint32) UserControl {
	return UserControl{Event: EventSetBufferLength, StreamID: streamID, BufferLength: millis}
}

// PingRequest asks the peer to echo timestamp (the sender's clock, in ms).
func PingRequest(timestamp uint32) UserControl {
	return UserControl{Event: EventPingRequest, Timestamp: timestamp}
}

// PingResponse answers a PingRequest with its timestamp.
func PingResponse(timestamp uint32) UserControl {
	return UserControl{Event: EventPingResponse, Timestamp: timestamp}
}
