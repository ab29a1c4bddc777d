package amf

import (
	"testing"
	"unsafe"

	"github.com/sluicemedia/sluice/internal/fuzztest"
)

func FuzzDecodeAMF0(f *testing.F) {
	for _, w := range seedWires(false) {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, in []byte) { checkDecode(t, in, false) })
}

func FuzzDecodeAMF3(f *testing.F) {
	for _, w := range seedWires(true) {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, in []byte) { checkDecode(t, in, true) })
}

// checkDecode decodes every value of in, then checks the fuzz invariants:
// the decoded size stays proportional to the input, and what decodes
// encodes again and decodes to the same values.
func checkDecode(t *testing.T, in []byte, isAMF3 bool) {
	first, err := decodeAll(in, isAMF3)
	if err != nil {
		return
	}
	if size := decodedSize(first); size > 64*len(in)+64 {
		t.Fatalf("decoded %d bytes of values from %d bytes of input", size, len(in))
	}
	wire, err := encodeStream(first, isAMF3)
	if err != nil {
		t.Fatalf("re-encode: %v\nvalues: %#v", err, first)
	}
	second, err := decodeAll(wire, isAMF3)
	if err != nil {
		t.Fatalf("decode of re-encoded % x: %v", wire, err)
	}
	if !sameValues(first, second) {
		t.Fatalf("round trip changed the values\nfirst  %#v\nsecond %#v", first, second)
	}
}

// decodeAll decodes values until in is used up, in one context.
func decodeAll(in []byte, isAMF3 bool) ([]Value, error) {
	d := NewDecoder(in, Limits{})
	var values []Value
	for d.Len() > 0 {
		v, err := decodeOne(d, isAMF3)
		if err != nil {
			return nil, err
		}
		values = append(values, v)
	}
	return values, nil
}

// decodedSize estimates the memory held by decoded values: interface
// slots, slice elements and struct headers, string bytes once per distinct
// backing array (resolved string references share it), traits once each.
func decodedSize(values []Value) int {
	s := sizer{strings: map[*byte]bool{}, traits: map[*Traits]bool{}}
	s.list(values)
	return s.n
}

type sizer struct {
	n       int
	strings map[*byte]bool
	traits  map[*Traits]bool
}

func (s *sizer) str(x string) {
	s.n += 16
	if p := unsafe.StringData(x); p != nil && !s.strings[p] {
		s.strings[p] = true
		s.n += len(x)
	}
}

func (s *sizer) list(vs []Value) {
	s.n += 24
	for _, v := range vs {
		s.value(v)
	}
}

func (s *sizer) props(ps []Property) {
	s.n += 24
	for _, p := range ps {
		s.str(p.Key)
		s.value(p.Value)
	}
}

func (s *sizer) value(v Value) {
	s.n += 16
	switch v := v.(type) {
	case string:
		s.str(v)
	case XML:
		s.str(string(v))
	case XMLDocument:
		s.str(string(v))
	case ByteArray:
		s.n += 24 + len(v)
	case float64, int32, ObjectRef, Reference, Date:
		s.n += 16
	case Object:
		s.props(v)
	case ECMAArray:
		s.props(v)
	case TypedObject:
		s.str(v.Class)
		s.props(v.Properties)
	case StrictArray:
		s.list(v)
	case Array:
		s.props(v.Assoc)
		s.list(v.Dense)
	case Object3:
		s.n += 8
		if v.Traits != nil && !s.traits[v.Traits] {
			s.traits[v.Traits] = true
			s.n += 64
			s.str(v.Traits.Class)
			for _, m := range v.Traits.Members {
				s.str(m)
			}
		}
		s.list(v.Sealed)
		s.props(v.Dynamic)
	case VectorInt:
		s.n += 32 + 4*len(v.Items)
	case VectorUint:
		s.n += 32 + 4*len(v.Items)
	case VectorDouble:
		s.n += 32 + 8*len(v.Items)
	case VectorObject:
		s.str(v.TypeName)
		s.list(v.Items)
	case Dictionary:
		s.n += 32
		for _, e := range v.Entries {
			s.value(e.Key)
			s.value(e.Value)
		}
	}
}

// maxSeedLen leaves the 64 KiB long-string row out of the seeds: the
// fuzzer mutates small inputs far faster, and the row is tested anyway.
const maxSeedLen = 4096

// seedWires returns the wires of the tables for one stream kind, valid and
// invalid.
func seedWires(isAMF3 bool) [][]byte {
	var wires [][]byte
	for _, tc := range allVectors() {
		if tc.amf3 == isAMF3 && len(tc.wire) <= maxSeedLen {
			wires = append(wires, tc.wire)
		}
	}
	for _, tc := range errorVectors {
		if tc.amf3 == isAMF3 && len(tc.wire) <= maxSeedLen {
			wires = append(wires, tc.wire)
		}
	}
	return wires
}

// seeds returns each fuzz target's seeds, named after the table rows.
func seeds() map[string][]fuzztest.Seed {
	seeds := map[string][]fuzztest.Seed{}
	add := func(name string, isAMF3 bool, wire []byte) {
		if len(wire) > maxSeedLen {
			return
		}
		target := "FuzzDecodeAMF0"
		if isAMF3 {
			target = "FuzzDecodeAMF3"
		}
		seeds[target] = append(seeds[target], fuzztest.Seed{Name: name, Args: []any{wire}})
	}
	for _, tc := range allVectors() {
		add(tc.name, tc.amf3, tc.wire)
	}
	for _, tc := range errorVectors {
		add("error "+tc.name, tc.amf3, tc.wire)
	}
	return seeds
}

// TestFuzzSeedsCommitted keeps the committed seed corpora in step with the
// tables; run with -write-seeds to rewrite them.
func TestFuzzSeedsCommitted(t *testing.T) {
	for target, seeds := range seeds() {
		fuzztest.Sync(t, target, seeds)
	}
}
