package message_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/sluicemedia/sluice/rtmp/message"
)

// threeSubAggregate is an aggregate body of audio, video, audio
// (RTMP 1.0 §7.1.6, sub-message headers in FLV tag form).
var threeSubAggregate = join(
	// sub-message 0
	b(0x08),                   // type 8 audio
	b(0x00, 0x00, 0x04),       // payload length 4
	b(0x00, 0x03, 0xe8),       // timestamp 1000, low 24 bits
	b(0x00),                   // timestamp bits 24-31
	b(0x00, 0x00, 0x00),       // stream id 0
	b(0xaf, 0x01, 0x21, 0x10), // AAC raw frame
	b(0x00, 0x00, 0x00, 0x0f), // back pointer 15 = 11 + 4
	// sub-message 1
	b(0x09),                         // type 9 video
	b(0x00, 0x00, 0x05),             // payload length 5
	b(0x00, 0x03, 0xe8),             // timestamp 1000, low 24 bits
	b(0x00),                         // timestamp bits 24-31
	b(0x00, 0x00, 0x00),             // stream id 0
	b(0x27, 0x01, 0x00, 0x00, 0x00), // AVC inter frame
	b(0x00, 0x00, 0x00, 0x10),       // back pointer 16 = 11 + 5
	// sub-message 2
	b(0x08),                   // type 8 audio
	b(0x00, 0x00, 0x04),       // payload length 4
	b(0x00, 0x03, 0xff),       // timestamp 1023, low 24 bits
	b(0x00),                   // timestamp bits 24-31
	b(0x00, 0x00, 0x00),       // stream id 0
	b(0xaf, 0x01, 0x21, 0x11), // AAC raw frame
	b(0x00, 0x00, 0x00, 0x0f), // back pointer 15
)

// threeSubs is threeSubAggregate split with aggregate timestamp 5000: the
// first sub-message's 1000 is the base, so 1000 -> 5000 and 1023 -> 5023.
var threeSubs = []message.SubMessage{
	{Type: message.TypeAudio, Timestamp: 5000, Payload: b(0xaf, 0x01, 0x21, 0x10)},
	{Type: message.TypeVideo, Timestamp: 5000, Payload: b(0x27, 0x01, 0x00, 0x00, 0x00)},
	{Type: message.TypeAudio, Timestamp: 5023, Payload: b(0xaf, 0x01, 0x21, 0x11)},
}

// patched returns a copy of src with the bytes at off replaced.
func patched(src []byte, off int, v ...byte) []byte {
	out := append([]byte(nil), src...)
	copy(out[off:], v)
	return out
}

// Offsets into threeSubAggregate.
const (
	sub2Offset   = 19 + 20 // start of sub-message 2
	backPointer0 = 15      // back pointer of sub-message 0
)

type aggregateCase struct {
	name      string
	payload   []byte
	timestamp uint32
	want      []message.SubMessage // yielded before the error, if any
	err       error
}

var aggregateCases = []aggregateCase{
	{name: "three sub-messages", payload: threeSubAggregate, timestamp: 5000, want: threeSubs},
	{name: "empty", payload: nil, timestamp: 5000},
	{
		name:      "offset zero keeps sub-message timestamps",
		payload:   threeSubAggregate,
		timestamp: 1000,
		want: []message.SubMessage{
			{Type: message.TypeAudio, Timestamp: 1000, Payload: threeSubs[0].Payload},
			{Type: message.TypeVideo, Timestamp: 1000, Payload: threeSubs[1].Payload},
			{Type: message.TypeAudio, Timestamp: 1023, Payload: threeSubs[2].Payload},
		},
	},
	{
		name:      "bad back pointer is tolerated",
		payload:   patched(threeSubAggregate, backPointer0, 0x00, 0x00, 0x03, 0xe7), // 999, not 15
		timestamp: 5000,
		want:      threeSubs,
	},
	{
		name:      "size past the end",
		payload:   patched(threeSubAggregate, sub2Offset+1, 0x00, 0x00, 0x40), // length 64
		timestamp: 5000,
		want:      threeSubs[:2],
		err:       message.ErrShort,
	},
	{
		name:      "truncated header",
		payload:   threeSubAggregate[:sub2Offset+5],
		timestamp: 5000,
		want:      threeSubs[:2],
		err:       message.ErrShort,
	},
	{
		name:      "truncated back pointer",
		payload:   threeSubAggregate[:len(threeSubAggregate)-2],
		timestamp: 5000,
		want:      threeSubs[:2],
		err:       message.ErrShort,
	},
	{
		name:      "nested aggregate",
		payload:   patched(threeSubAggregate, sub2Offset, 0x16), // type 22
		timestamp: 5000,
		want:      threeSubs[:2],
		err:       message.ErrInvalid,
	},
	{
		name: "timestamps across 2^24 and 2^32",
		payload: join(
			b(0x09, 0x00, 0x00, 0x01), // type video, length 1
			b(0xff, 0xff, 0xf0, 0xff), // timestamp 0xfffffff0: low 24 bits, then bits 24-31
			b(0x00, 0x00, 0x01),       // stream id 1
			b(0x17),                   // data
			b(0x00, 0x00, 0x00, 0x0c), // back pointer 12
			b(0x09, 0x00, 0x00, 0x01), // type video, length 1
			b(0x00, 0x00, 0x10, 0x00), // timestamp 0x10, wrapped past 2^32
			b(0x00, 0x00, 0x01),       // stream id 1
			b(0x27),                   // data
			b(0x00, 0x00, 0x00, 0x0c), // back pointer 12
		),
		timestamp: 0x00fffffa,
		want: []message.SubMessage{
			{Type: message.TypeVideo, Timestamp: 0x00fffffa, StreamID: 1, Payload: b(0x17)},
			{Type: message.TypeVideo, Timestamp: 0x00fffffa + 0x20, StreamID: 1, Payload: b(0x27)},
		},
	},
}

// collect runs Aggregate to its end or first error.
func collect(payload []byte, timestamp uint32) ([]message.SubMessage, error) {
	var subs []message.SubMessage
	for sub, err := range message.Aggregate(payload, timestamp) {
		if err != nil {
			return subs, err
		}
		subs = append(subs, sub)
	}
	return subs, nil
}

func TestAggregate(t *testing.T) {
	for _, tc := range aggregateCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := collect(tc.payload, tc.timestamp)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
			for _, sub := range got {
				if cap(sub.Payload) != len(sub.Payload) {
					t.Errorf("payload capacity %d exceeds its length %d", cap(sub.Payload), len(sub.Payload))
				}
			}
		})
	}
}

func TestAggregateStopsWhenYieldReturnsFalse(t *testing.T) {
	n := 0
	for range message.Aggregate(threeSubAggregate, 0) {
		n++
		break
	}
	if n != 1 {
		t.Fatalf("yielded %d times, want 1", n)
	}
}

func TestAggregateDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		for _, err := range message.Aggregate(threeSubAggregate, 5000) {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per split, want 0", allocs)
	}
}

func TestAppendAggregate(t *testing.T) {
	raw := []message.SubMessage{
		{Type: message.TypeAudio, Timestamp: 1000, Payload: threeSubs[0].Payload},
		{Type: message.TypeVideo, Timestamp: 1000, Payload: threeSubs[1].Payload},
		{Type: message.TypeAudio, Timestamp: 1023, Payload: threeSubs[2].Payload},
	}
	got, err := message.AppendAggregate(b(0xee), raw...)
	if err != nil {
		t.Fatal(err)
	}
	if want := join(b(0xee), threeSubAggregate); !reflect.DeepEqual(got, want) {
		t.Fatalf("got  % x\nwant % x", got, want)
	}
}

func TestAppendAggregateInvalid(t *testing.T) {
	for _, sub := range []message.SubMessage{
		{Type: message.TypeAggregate},
		{Type: message.TypeVideo, StreamID: 1 << 24},
		{Type: message.TypeVideo, Payload: make([]byte, 1<<24)},
	} {
		dst, err := message.AppendAggregate(b(0xee), threeSubs[0], sub)
		if !errors.Is(err, message.ErrInvalid) {
			t.Errorf("%v stream %d, %d bytes: error %v, want ErrInvalid", sub.Type, sub.StreamID, len(sub.Payload), err)
		}
		if len(dst) != 1 {
			t.Errorf("appended %d bytes on error", len(dst)-1)
		}
	}
}
