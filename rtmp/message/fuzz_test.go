package message_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/internal/fuzztest"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// FuzzParse checks that Parse never panics, that what it decodes encodes
// again and decodes to the same message, and that decoded sizes stay
// bounded by the input.
func FuzzParse(f *testing.F) {
	for _, v := range allVectors() {
		f.Add(uint8(v.typeID), v.payload)
	}
	f.Fuzz(func(t *testing.T, typeID uint8, payload []byte) {
		m, err := message.Parse(&chunk.Message{TypeID: typeID, Payload: payload}, amf.Limits{})
		if err != nil {
			return
		}
		if m.Type() != message.Type(typeID) {
			t.Fatalf("Type() = %v, want %v", m.Type(), message.Type(typeID))
		}
		checkBounded(t, m, len(payload))
		enc, err := m.AppendPayload(nil)
		if err != nil {
			t.Fatalf("re-encoding %#v: %v", m, err)
		}
		m2, err := message.Parse(&chunk.Message{TypeID: typeID, Payload: enc}, amf.Limits{})
		if err != nil {
			t.Fatalf("re-parsing % x: %v", enc, err)
		}
		enc2, err := m2.AppendPayload(nil)
		if err != nil {
			t.Fatalf("re-encoding %#v: %v", m2, err)
		}
		// Comparing encodings rather than values lets NaN numbers compare equal.
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip changed the message:\n% x\n% x", enc, enc2)
		}
	})
}

// checkBounded checks the counts this package bounds itself; the AMF values
// inside are bounded by amf.Limits.
func checkBounded(t *testing.T, m message.Message, inputLen int) {
	t.Helper()
	switch m := m.(type) {
	case message.Command:
		if len(m.Args) > message.MaxCommandArgs || len(m.Args) > inputLen {
			t.Fatalf("%d arguments from %d bytes", len(m.Args), inputLen)
		}
	case message.Data:
		if len(m.Values) > message.MaxDataValues || len(m.Values) > inputLen {
			t.Fatalf("%d values from %d bytes", len(m.Values), inputLen)
		}
	case message.SharedObject:
		size := len(m.Name)
		for _, ev := range m.Events {
			size += 5 + len(ev.Data)
		}
		if len(m.Events) > message.MaxSharedObjectEvents || size > inputLen {
			t.Fatalf("%d events of %d bytes from %d bytes", len(m.Events), size, inputLen)
		}
	case message.UserControl:
		if len(m.Data) > inputLen {
			t.Fatalf("%d bytes of event data from %d bytes", len(m.Data), inputLen)
		}
	}
}

// FuzzAggregate checks that Aggregate never panics, yields payloads inside
// its input, and that a valid aggregate rebuilt by AppendAggregate splits
// into the same sub-messages.
func FuzzAggregate(f *testing.F) {
	for _, tc := range aggregateCases {
		f.Add(tc.payload, tc.timestamp)
	}
	f.Fuzz(func(t *testing.T, payload []byte, timestamp uint32) {
		subs, err := collect(payload, timestamp)
		used := 0
		for _, sub := range subs {
			used += 15 + len(sub.Payload)
			if sub.Type == message.TypeAggregate || sub.StreamID >= 1<<24 {
				t.Fatalf("sub-message %+v", sub)
			}
		}
		if used > len(payload) {
			t.Fatalf("sub-messages span %d bytes of %d", used, len(payload))
		}
		if err != nil {
			return
		}
		if len(subs) > 0 && subs[0].Timestamp != timestamp {
			t.Fatalf("first timestamp %d, want the aggregate's %d", subs[0].Timestamp, timestamp)
		}
		enc, err := message.AppendAggregate(nil, subs...)
		if err != nil {
			t.Fatal(err)
		}
		if len(enc) != len(payload) {
			t.Fatalf("rebuilt %d bytes from %d", len(enc), len(payload))
		}
		again, err := collect(enc, timestamp)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(again, subs) {
			t.Fatalf("round trip:\n%+v\n%+v", subs, again)
		}
	})
}

// TestFuzzSeedsCommitted keeps the seed corpora in step with the vector
// tables (run with -write-seeds to rewrite them), so that plain go test
// replays them and fuzzing starts from them.
func TestFuzzSeedsCommitted(t *testing.T) {
	var parse, aggregate []fuzztest.Seed
	for _, v := range allVectors() {
		parse = append(parse, fuzztest.Seed{Name: v.name, Args: []any{uint8(v.typeID), v.payload}})
	}
	for _, tc := range aggregateCases {
		aggregate = append(aggregate, fuzztest.Seed{Name: tc.name, Args: []any{tc.payload, tc.timestamp}})
	}
	fuzztest.Sync(t, "FuzzParse", parse)
	fuzztest.Sync(t, "FuzzAggregate", aggregate)
}
