package amf

import (
	"bytes"
	"errors"
	"math"
	"runtime"
	"testing"
)

func allVectors() []vector { return append(append([]vector(nil), amf0Vectors...), amf3Vectors...) }

// decodeStream decodes want values from wire in one context.
func decodeStream(wire []byte, isAMF3 bool, want int, lim Limits) ([]Value, *Decoder, error) {
	d := NewDecoder(wire, lim)
	var values []Value
	for range want {
		v, err := decodeOne(d, isAMF3)
		if err != nil {
			return values, d, err
		}
		values = append(values, v)
	}
	return values, d, nil
}

func decodeOne(d *Decoder, isAMF3 bool) (Value, error) {
	if isAMF3 {
		return d.DecodeAMF3()
	}
	return d.DecodeAMF0()
}

// encodeStream encodes values in one context.
func encodeStream(values []Value, isAMF3 bool) ([]byte, error) {
	var e Encoder
	var out []byte
	var err error
	for _, v := range values {
		if isAMF3 {
			out, err = e.AppendAMF3(out, v)
		} else {
			out, err = e.AppendAMF0(out, v)
		}
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func TestDecodeVectors(t *testing.T) {
	for _, tc := range allVectors() {
		t.Run(tc.name, func(t *testing.T) {
			got, d, err := decodeStream(tc.wire, tc.amf3, len(tc.values), Limits{})
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if d.Len() != 0 {
				t.Errorf("%d bytes left over", d.Len())
			}
			if !sameValues(got, tc.values) {
				t.Errorf("decoded\n %#v\nwant\n %#v", got, tc.values)
			}
		})
	}
}

func TestEncodeVectors(t *testing.T) {
	for _, tc := range allVectors() {
		if tc.decodeOnly {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			got, err := encodeStream(tc.values, tc.amf3)
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			if !bytes.Equal(got, tc.wire) {
				t.Errorf("encoded\n % x\nwant\n % x", got, tc.wire)
			}
		})
	}
}

// TestRoundTrip checks decode -> encode -> decode for every row, and that
// canonical rows give their bytes back.
func TestRoundTrip(t *testing.T) {
	for _, tc := range allVectors() {
		t.Run(tc.name, func(t *testing.T) {
			first, _, err := decodeStream(tc.wire, tc.amf3, len(tc.values), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			wire, err := encodeStream(first, tc.amf3)
			if err != nil {
				t.Fatal(err)
			}
			if !tc.decodeOnly && !bytes.Equal(wire, tc.wire) {
				t.Errorf("re-encoded\n % x\nwant\n % x", wire, tc.wire)
			}
			second, _, err := decodeStream(wire, tc.amf3, len(first), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if !sameValues(first, second) {
				t.Errorf("second decode\n %#v\nfirst\n %#v", second, first)
			}
		})
	}
}

// TestTruncation cuts every row at every offset: decoding must fail with
// ErrTruncated, never panic or succeed.
func TestTruncation(t *testing.T) {
	for _, tc := range allVectors() {
		t.Run(tc.name, func(t *testing.T) {
			for cut := range len(tc.wire) {
				_, _, err := decodeStream(tc.wire[:cut], tc.amf3, len(tc.values), Limits{})
				if !errors.Is(err, ErrTruncated) {
					t.Fatalf("cut at %d: err = %v, want ErrTruncated", cut, err)
				}
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range errorVectors {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoder(tc.wire, tc.lim)
			var err error
			for err == nil && d.Len() > 0 {
				_, err = decodeOne(d, tc.amf3)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestDepthIsALimit(t *testing.T) {
	if !errors.Is(ErrDepth, ErrLimit) {
		t.Fatal("ErrDepth does not wrap ErrLimit")
	}
}

// TestHugeCountAllocatesNothing checks that a declared count is validated
// against the input before anything is allocated for it: what is allocated
// per decode stays far below the 1 MiB / 240 KB the counts declare.
func TestHugeCountAllocatesNothing(t *testing.T) {
	wires := []struct {
		amf3 bool
		wire []byte
	}{
		{false, join(0x0a, 0x00, 0x00, 0xff, 0xff, 0x05)},      // strict array of 65535
		{true, join(0x0f, 0x83, 0xd4, 0x61, 0x00, 0x00)},       // 30000 doubles
		{true, join(0x09, 0x83, 0xd4, 0x61, 0x01, 0x01, 0x01)}, // dense array of 30000
	}
	for _, w := range wires {
		const runs = 100
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range runs {
			if _, err := decodeOne(NewDecoder(w.wire, Limits{}), w.amf3); !errors.Is(err, ErrTruncated) {
				t.Fatalf("% x: err = %v", w.wire, err)
			}
		}
		runtime.ReadMemStats(&after)
		if perRun := (after.TotalAlloc - before.TotalAlloc) / runs; perRun > 1024 {
			t.Errorf("% x: %d bytes allocated per decode", w.wire, perRun)
		}
	}
}

func TestDecodeAMF0All(t *testing.T) {
	values, err := DecodeAMF0All(connectWire, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !sameValues(values, connectValues) {
		t.Errorf("got %#v", values)
	}
	if _, err := DecodeAMF0All(connectWire[:len(connectWire)-1], Limits{}); !errors.Is(err, ErrTruncated) {
		t.Errorf("truncated body: err = %v", err)
	}
}

func TestEncodeInt32Range(t *testing.T) {
	tests := []struct {
		v    int32
		wire []byte
	}{
		{1<<28 - 1, join(0x04, 0xbf, 0xff, 0xff, 0xff)},           // largest integer
		{1 << 28, join(0x05, 0x41, 0xb0, 0, 0, 0, 0, 0, 0)},       // double 2^28
		{-1<<28 - 1, join(0x05, 0xc1, 0xb0, 0, 0, 0x01, 0, 0, 0)}, // double -(2^28+1)
		{math.MinInt32, join(0x05, 0xc1, 0xe0, 0, 0, 0, 0, 0, 0)}, // double -2^31
	}
	for _, tc := range tests {
		got, err := AppendAMF3(nil, tc.v)
		if err != nil || !bytes.Equal(got, tc.wire) {
			t.Errorf("AppendAMF3(%d) = % x, %v; want % x", tc.v, got, err, tc.wire)
		}
	}
	// In AMF 0, int32 goes through the avmplus marker.
	got, err := AppendAMF0(nil, int32(5))
	if want := join(0x11, 0x04, 0x05); err != nil || !bytes.Equal(got, want) {
		t.Errorf("AppendAMF0(int32(5)) = % x, %v; want % x", got, err, want)
	}
}

func TestEncodeErrors(t *testing.T) {
	longKey := string(make([]byte, 65536))
	selfArray := make(StrictArray, 1)
	selfArray[0] = selfArray
	tests := []struct {
		name string
		amf3 bool
		v    Value
		want error
	}{
		{"go int", false, 1, ErrUnencodable},
		{"go struct", true, struct{}{}, ErrUnencodable},
		{"amf0 key too long", false, Object{{Key: longKey, Value: nil}}, ErrUnencodable},
		{"amf0 class name too long", false, TypedObject{Class: longKey}, ErrUnencodable},
		{"amf0 empty key", false, Object{{Key: "", Value: 1.0}}, ErrUnencodable},
		{"amf0 reference without object", false, Reference(0), ErrReference},
		{"amf0 self-containing array", false, selfArray, ErrDepth},
		{"amf3 object without traits", true, Object3{}, ErrUnencodable},
		{"amf3 sealed count mismatch", true, Object3{Traits: pointTraits}, ErrUnencodable},
		{"amf3 dynamic on sealed traits", true, Object3{Traits: &Traits{}, Dynamic: []Property{{Key: "a"}}}, ErrUnencodable},
		{"amf3 externalizable", true, Object3{Traits: &Traits{Externalizable: true}}, ErrExternalizable},
		{"amf3 empty member name", true, Array{Assoc: []Property{{Key: ""}}}, ErrUnencodable},
		{"amf3 object reference without object", true, ObjectRef(0), ErrReference},
		{"amf3 has no amf0 object", true, Object{}, ErrUnencodable},
		{"amf3 has no reference", true, Reference(0), ErrUnencodable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst := []byte{0xAA}
			var got []byte
			var err error
			if tc.amf3 {
				got, err = AppendAMF3(dst, tc.v)
			} else {
				got, err = AppendAMF0(dst, tc.v)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if !bytes.Equal(got, dst) {
				t.Errorf("dst changed to % x on error", got)
			}
		})
	}
}

// TestEncoderRollback checks that a failed call leaves the tables as they
// were, so the next values still get the right reference indices.
func TestEncoderRollback(t *testing.T) {
	var e Encoder
	out, err := e.AppendAMF3(nil, "a") // string index 0
	if err != nil {
		t.Fatal(err)
	}
	bad := Array{Dense: []Value{"b", pointTraits, 1}} // "b" then an unencodable value
	if _, err := e.AppendAMF3(out, bad); !errors.Is(err, ErrUnencodable) {
		t.Fatalf("err = %v", err)
	}
	out, err = e.AppendAMF3(out, Array{Dense: []Value{"b", "a"}})
	if err != nil {
		t.Fatal(err)
	}
	want := join(
		0x06, 0x03, "a", // "a": string index 0
		0x09, 0x05, 0x01, // array: object index 0 (the failed one was undone)
		0x06, 0x03, "b", // "b" inline again: string index 1
		0x06, 0x00, // "a" by reference
	)
	if !bytes.Equal(out, want) {
		t.Errorf("got\n % x\nwant\n % x", out, want)
	}
}

func TestEncoderReset(t *testing.T) {
	var e Encoder
	first, _ := e.AppendAMF3(nil, "abc")
	e.Reset()
	second, _ := e.AppendAMF3(nil, "abc")
	if !bytes.Equal(first, second) {
		t.Errorf("after Reset: % x, want % x", second, first)
	}
}

// TestStringReferenceBudget checks the string-reference amplification case
// of the brief: a thousand references to a 60 KB string.
func TestStringReferenceBudget(t *testing.T) {
	big := string(bytes.Repeat([]byte{'s'}, 60_000))
	dense := make([]Value, 1000)
	for i := range dense {
		dense[i] = big
	}
	wire, err := AppendAMF3(nil, Array{Dense: dense})
	if err != nil {
		t.Fatal(err)
	}
	if len(wire) > 70_000 {
		t.Fatalf("encoder did not use string references: %d bytes", len(wire))
	}
	_, err = NewDecoder(wire, Limits{}).DecodeAMF3()
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("err = %v, want ErrLimit", err)
	}
	if _, err := NewDecoder(wire, Limits{MaxTotal: 61_000_000}).DecodeAMF3(); err != nil {
		t.Fatalf("with a budget for it: %v", err)
	}
}

func TestLookup(t *testing.T) {
	values, err := DecodeAMF0All(connectWire, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	cmd := values[2]
	if s, ok := GetString(cmd, "tcUrl"); !ok || s != "rtmp://localhost:1935/live" {
		t.Errorf("tcUrl = %q, %v", s, ok)
	}
	if n, ok := GetNumber(cmd, "audioCodecs"); !ok || n != 4071 {
		t.Errorf("audioCodecs = %v, %v", n, ok)
	}
	if b, ok := GetBool(cmd, "fpad"); !ok || b {
		t.Errorf("fpad = %v, %v", b, ok)
	}
	if _, ok := GetString(cmd, "capabilities"); ok {
		t.Error("GetString accepted a number")
	}
	if _, ok := Lookup(cmd, "missing"); ok {
		t.Error("found a missing key")
	}
	if _, ok := Lookup("not an object", "app"); ok {
		t.Error("found a key in a string")
	}

	obj3 := Object3{
		Traits:  &Traits{Dynamic: true, Members: []string{"n"}},
		Sealed:  []Value{int32(3)},
		Dynamic: []Property{{Key: "d", Value: "x"}},
	}
	if n, ok := GetNumber(obj3, "n"); !ok || n != 3 {
		t.Errorf("Object3 sealed n = %v, %v", n, ok)
	}
	if s, ok := GetString(obj3, "d"); !ok || s != "x" {
		t.Errorf("Object3 dynamic d = %q, %v", s, ok)
	}
	arr := Array{Assoc: []Property{{Key: "k", Value: true}}}
	if b, ok := GetBool(arr, "k"); !ok || !b {
		t.Errorf("Array k = %v, %v", b, ok)
	}
	typed := TypedObject{Class: "C", Properties: []Property{{Key: "p", Value: 2.0}}}
	if n, ok := GetNumber(typed, "p"); !ok || n != 2 {
		t.Errorf("TypedObject p = %v, %v", n, ok)
	}
}

func TestObjectSetAppend(t *testing.T) {
	var o Object
	o.Set("a", 1.0)
	o = o.Append("b", "x")
	o.Set("a", 2.0)
	if len(o) != 2 {
		t.Fatalf("len = %d", len(o))
	}
	if v, ok := o.Get("a"); !ok || v != 2.0 {
		t.Errorf("a = %v, %v", v, ok)
	}
	var a ECMAArray
	a.Set("duration", 0.0)
	a = a.Append("width", 1280.0)
	if v, ok := a.Get("width"); !ok || v != 1280.0 {
		t.Errorf("width = %v, %v", v, ok)
	}
	if _, ok := a.Get("height"); ok {
		t.Error("found height")
	}
}
