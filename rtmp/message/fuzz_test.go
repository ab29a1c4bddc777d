package message_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

var writeSeeds = flag.Bool("write-seeds", false, "rewrite testdata/fuzz seed corpora from the vector tables")

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

// TestWriteFuzzSeeds writes the vector tables as seed corpora under
// testdata/fuzz (go test -run WriteFuzzSeeds -write-seeds), so that plain
// go test replays them and fuzzing starts from them.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*writeSeeds {
		t.Skip("run with -write-seeds to rewrite the seed corpora")
	}
	for _, v := range allVectors() {
		writeSeed(t, "FuzzParse", v.name, fmt.Sprintf("byte(%q)\n[]byte(%q)\n", uint8(v.typeID), v.payload))
	}
	for _, tc := range aggregateCases {
		writeSeed(t, "FuzzAggregate", tc.name, fmt.Sprintf("[]byte(%q)\nuint32(%d)\n", tc.payload, tc.timestamp))
	}
}

func writeSeed(t *testing.T, target, name, body string) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}), "-")
	if err := os.WriteFile(filepath.Join(dir, "seed-"+file), []byte("go test fuzz v1\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
}
