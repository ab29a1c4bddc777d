package message_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

func parse(typeID message.Type, payload []byte) (message.Message, error) {
	return message.Parse(&chunk.Message{TypeID: uint8(typeID), Payload: payload}, amf.Limits{})
}

// canonical is what AppendPayload writes for v.
func (v vector) canonical() []byte {
	if v.encoded != nil {
		return v.encoded
	}
	return v.payload
}

func TestParse(t *testing.T) {
	for _, v := range allVectors() {
		t.Run(v.name, func(t *testing.T) {
			got, err := parse(v.typeID, v.payload)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, v.want) {
				t.Fatalf("got  %#v\nwant %#v", got, v.want)
			}
			if got.Type() != v.typeID {
				t.Fatalf("Type() = %v, want %v", got.Type(), v.typeID)
			}
		})
	}
}

func TestAppendPayload(t *testing.T) {
	prefix := b(0xee, 0xee)
	for _, v := range allVectors() {
		t.Run(v.name, func(t *testing.T) {
			got, err := v.want.AppendPayload(bytes.Clone(prefix))
			if err != nil {
				t.Fatal(err)
			}
			if want := join(prefix, v.canonical()); !bytes.Equal(got, want) {
				t.Fatalf("got  % x\nwant % x", got, want)
			}
		})
	}
}

func TestMarshal(t *testing.T) {
	for _, v := range allVectors() {
		t.Run(v.name, func(t *testing.T) {
			var streamID uint32
			if !isControl(v.typeID) {
				streamID = 1
			}
			cm, err := message.Marshal(v.want, streamID, 1234)
			if err != nil {
				t.Fatal(err)
			}
			want := &chunk.Message{
				ChunkStreamID: message.ChunkStreamFor(v.typeID, streamID),
				TypeID:        uint8(v.typeID),
				StreamID:      streamID,
				Timestamp:     1234,
				Payload:       v.canonical(),
			}
			if !reflect.DeepEqual(cm, want) {
				t.Fatalf("got  %+v\nwant %+v", cm, want)
			}
		})
	}
}

func isControl(t message.Type) bool {
	return t >= message.TypeSetChunkSize && t <= message.TypeSetPeerBandwidth
}

func TestMarshalControlOnStreamZeroOnly(t *testing.T) {
	_, err := message.Marshal(message.SetChunkSize{Size: 4096}, 1, 0)
	if !errors.Is(err, message.ErrInvalid) {
		t.Fatalf("error %v, want ErrInvalid", err)
	}
	_, err = message.Marshal(message.SetChunkSize{}, 0, 0)
	if !errors.Is(err, message.ErrInvalid) {
		t.Fatalf("zero chunk size: error %v, want ErrInvalid", err)
	}
}

func TestChunkStreamFor(t *testing.T) {
	tests := []struct {
		typ      message.Type
		streamID uint32
		want     uint32
	}{
		{message.TypeSetChunkSize, 0, message.CSIDProtocolControl},
		{message.TypeUserControl, 0, message.CSIDProtocolControl},
		{message.TypeCommandAMF0, 0, message.CSIDCommand},
		{message.TypeCommandAMF0, 1, message.CSIDStream},
		{message.TypeDataAMF0, 1, message.CSIDStream},
		{message.TypeSharedObjectAMF0, 0, message.CSIDCommand},
		{message.TypeAudio, 1, message.CSIDAudio},
		{message.TypeVideo, 1, message.CSIDVideo},
		{message.TypeAggregate, 1, message.CSIDVideo},
	}
	for _, tc := range tests {
		if got := message.ChunkStreamFor(tc.typ, tc.streamID); got != tc.want {
			t.Errorf("ChunkStreamFor(%v, %d) = %d, want %d", tc.typ, tc.streamID, got, tc.want)
		}
	}
}

// fixedSize returns the bytes a fixed-size vector cannot do without, or 0
// for variable-size messages.
func fixedSize(v vector) int {
	switch m := v.want.(type) {
	case message.SetChunkSize, message.Abort, message.Acknowledgement, message.WindowAckSize:
		return 4
	case message.SetPeerBandwidth:
		return 5
	case message.UserControl:
		switch m.Event {
		case message.EventStreamBegin, message.EventStreamEOF, message.EventStreamDry,
			message.EventSetBufferLength, message.EventStreamIsRecorded,
			message.EventPingRequest, message.EventPingResponse:
			return len(v.canonical())
		}
		return 2 // event type only: the data of other events is raw
	}
	return 0
}

// TestShortFixedSize truncates every fixed-size message at every length:
// Set Chunk Size and Window Ack Size cut to 3 bytes crashed two Go servers.
func TestShortFixedSize(t *testing.T) {
	for _, v := range append(controlVectors, userControlVectors...) {
		size := fixedSize(v)
		for n := range size {
			_, err := parse(v.typeID, v.payload[:n])
			if !errors.Is(err, message.ErrShort) {
				t.Errorf("%s cut to %d bytes: error %v, want ErrShort", v.name, n, err)
			}
		}
	}
}

func TestThreeByteBodies(t *testing.T) {
	for _, typ := range []message.Type{message.TypeSetChunkSize, message.TypeWindowAckSize} {
		_, err := parse(typ, b(0x00, 0x10, 0x00))
		if !errors.Is(err, message.ErrShort) {
			t.Errorf("%v with 3 bytes: error %v, want ErrShort", typ, err)
		}
	}
}

// repeat returns n copies of part joined after head.
func repeat(head, part []byte, n int) []byte {
	return join(head, bytes.Repeat(part, n))
}

func TestParseErrors(t *testing.T) {
	createStream := join(b(0x02, 0x00, 0x0c), s("createStream"), num2)
	tests := []struct {
		name    string
		typeID  message.Type
		payload []byte
		err     error
	}{
		{"chunk size 0", message.TypeSetChunkSize, b(0x00, 0x00, 0x00, 0x00), message.ErrInvalid},
		{"chunk size high bit", message.TypeSetChunkSize, b(0x80, 0x00, 0x10, 0x00), message.ErrInvalid},
		{"chunk size all ones", message.TypeSetChunkSize, b(0xff, 0xff, 0xff, 0xff), message.ErrInvalid},
		{"limit type 3", message.TypeSetPeerBandwidth, b(0x00, 0x26, 0x25, 0xa0, 0x03), message.ErrInvalid},
		{"type 0", 0, nil, message.ErrUnknownType},
		{"type 7", 7, b(0x00), message.ErrUnknownType},
		{"type 21", 21, nil, message.ErrUnknownType},
		{"type 23", 23, nil, message.ErrUnknownType},
		{"type 255", 255, nil, message.ErrUnknownType},
		{"empty command", message.TypeCommandAMF0, nil, message.ErrShort},
		{"AMF3 command of one prefix byte", message.TypeCommandAMF3, b(0x00), message.ErrShort},
		{"command without transaction id", message.TypeCommandAMF0, join(b(0x02, 0x00, 0x01), s("x")), message.ErrShort},
		{"command name is a number", message.TypeCommandAMF0, num1, message.ErrInvalid},
		{"transaction id is a string", message.TypeCommandAMF0, join(b(0x02, 0x00, 0x01), s("x"), b(0x02, 0x00, 0x00)), message.ErrInvalid},
		{"command object is a string", message.TypeCommandAMF0, join(createStream, b(0x02, 0x00, 0x01), s("x")), message.ErrInvalid},
		{"command object is a number", message.TypeCommandAMF0, join(createStream, num1), message.ErrInvalid},
		{"command name truncated", message.TypeCommandAMF0, join(b(0x02, 0x00, 0x07), s("conn")), amf.ErrTruncated},
		{"command argument truncated", message.TypeCommandAMF0, join(createStream, amfNull, b(0x00, 0x3f)), amf.ErrTruncated},
		{"command object truncated", message.TypeCommandAMF0, join(createStream, b(0x03, 0x00, 0x01)), amf.ErrTruncated},
		{"65 command arguments", message.TypeCommandAMF0, repeat(join(createStream, amfNull), amfNull, 65), amf.ErrLimit},
		{"65 data values", message.TypeDataAMF0, repeat(nil, amfNull, 65), amf.ErrLimit},
		{"data value truncated", message.TypeDataAMF0, b(0x02, 0x00, 0x05, 'a'), amf.ErrTruncated},
		{"empty AMF3 shared object", message.TypeSharedObjectAMF3, nil, message.ErrShort},
		{"AMF3-encoded shared object", message.TypeSharedObjectAMF3, b(0x03, 0x03, 'x'), message.ErrUnsupported},
		{"shared object encoding 7", message.TypeSharedObjectAMF3, b(0x07), message.ErrInvalid},
		{"shared object without name", message.TypeSharedObjectAMF0, b(0x00), message.ErrShort},
		{"shared object name past the end", message.TypeSharedObjectAMF0, join(b(0x00, 0x09), s("chat")), message.ErrShort},
		{"shared object without flags", message.TypeSharedObjectAMF0, join(b(0x00, 0x01), s("x"), b(0, 0, 0, 1)), message.ErrShort},
		{"shared object event header cut", message.TypeSharedObjectAMF0, join(soHeader, b(0x01, 0x00, 0x00)), message.ErrShort},
		{"shared object event data past the end", message.TypeSharedObjectAMF0, join(soHeader, b(0x04, 0xff, 0xff, 0xff, 0xff, 0x00)), message.ErrShort},
		{"1025 shared object events", message.TypeSharedObjectAMF0, repeat(soHeader, b(0x01, 0, 0, 0, 0), 1025), amf.ErrLimit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := parse(tc.typeID, tc.payload)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v (message %#v)", err, tc.err, m)
			}
			if !strings.HasPrefix(err.Error(), "message: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

// soHeader is a shared object header with no events: name "x", version 0,
// flags 0.
var soHeader = join(b(0x00, 0x01), s("x"), b(0, 0, 0, 0), b(0, 0, 0, 0, 0, 0, 0, 0))

func TestParseLimitsAccepted(t *testing.T) {
	for _, tc := range []struct {
		name    string
		typeID  message.Type
		payload []byte
	}{
		{"64 command arguments", message.TypeCommandAMF0, repeat(join(b(0x02, 0x00, 0x01), s("x"), num2, amfNull), amfNull, 64)},
		{"64 data values", message.TypeDataAMF0, repeat(nil, amfNull, 64)},
		{"1024 shared object events", message.TypeSharedObjectAMF0, repeat(soHeader, b(0x01, 0, 0, 0, 0), 1024)},
	} {
		if _, err := parse(tc.typeID, tc.payload); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestAppendPayloadErrors(t *testing.T) {
	tests := []struct {
		name string
		msg  message.Message
	}{
		{"chunk size 0", message.SetChunkSize{}},
		{"chunk size 2^31", message.SetChunkSize{Size: 1 << 31}},
		{"limit type 3", message.SetPeerBandwidth{Limit: 3}},
		{"media of command type", message.Media{TypeID: message.TypeCommandAMF0}},
		{"command object is a string", message.Command{Name: "x", Object: "y"}},
		{"65 command arguments", message.Command{Name: "x", Args: make([]amf.Value, 65)}},
		{"65 data values", message.Data{Values: make([]amf.Value, 65)}},
		{"shared object name of 64 KiB", message.SharedObject{Name: strings.Repeat("x", 1<<16)}},
		{"1025 shared object events", message.SharedObject{Events: make([]message.SharedObjectEvent, 1025)}},
	}
	for _, tc := range tests {
		dst, err := tc.msg.AppendPayload(b(0xee))
		if !errors.Is(err, message.ErrInvalid) {
			t.Errorf("%s: error %v, want ErrInvalid", tc.name, err)
		}
		if len(dst) != 1 {
			t.Errorf("%s: appended %d bytes on error", tc.name, len(dst)-1)
		}
	}
}

func TestAppendPayloadUnencodable(t *testing.T) {
	_, err := message.Data{Values: []amf.Value{struct{}{}}}.AppendPayload(nil)
	if !errors.Is(err, amf.ErrUnencodable) {
		t.Fatalf("error %v, want amf.ErrUnencodable", err)
	}
}

func TestDataHandler(t *testing.T) {
	for _, tc := range []struct {
		data message.Data
		want string
	}{
		{message.Data{Values: []amf.Value{"@setDataFrame", "onMetaData"}}, "@setDataFrame"},
		{message.Data{Values: []amf.Value{1.0}}, ""},
		{message.Data{}, ""},
	} {
		if got := tc.data.Handler(); got != tc.want {
			t.Errorf("Handler() of %v = %q, want %q", tc.data.Values, got, tc.want)
		}
	}
}

func TestSharedObjectPersistent(t *testing.T) {
	if !(message.SharedObject{Flags: 2 << 32}).Persistent() {
		t.Error("flags 2<<32 not persistent")
	}
	if (message.SharedObject{Flags: 16 << 32}).Persistent() {
		t.Error("flags 16<<32 persistent")
	}
}

func TestStrings(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{message.TypeSetChunkSize.String(), "SetChunkSize"},
		{message.TypeAggregate.String(), "Aggregate"},
		{message.TypeCommandAMF3.String(), "CommandAMF3"},
		{message.Type(7).String(), "Type(7)"},
		{message.Type(200).String(), "Type(200)"},
		{message.EventPingRequest.String(), "PingRequest"},
		{message.EventBufferReady.String(), "BufferReady"},
		{message.EventType(5).String(), "EventType(5)"},
		{message.LimitDynamic.String(), "Dynamic"},
		{message.LimitType(9).String(), "LimitType(9)"},
		{message.SOUseSuccess.String(), "UseSuccess"},
		{message.SharedObjectEventType(0).String(), "SharedObjectEventType(0)"},
		{message.SharedObjectEventType(12).String(), "SharedObjectEventType(12)"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
