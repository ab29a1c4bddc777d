package amf

import "strings"

// join builds a byte vector from annotated parts: an int is one byte, a
// string its bytes.
func join(parts ...any) []byte {
	var b []byte
	for _, p := range parts {
		switch p := p.(type) {
		case int:
			if p < 0 || p > 0xFF {
				panic("join: byte out of range")
			}
			b = append(b, byte(p))
		case string:
			b = append(b, p...)
		default:
			panic("join: unsupported part")
		}
	}
	return b
}

// vector is one row of the byte-vector table: wire holds the values in
// order, all in one context (one Decoder, one Encoder). The same table feeds
// the decode test, the encode test, the round-trip test and the fuzz seeds.
type vector struct {
	name   string
	amf3   bool // an AMF 3 stream (DecodeAMF3 per value); else AMF 0
	wire   []byte
	values []Value
	// decodeOnly marks valid but non-canonical wire: encoding the values
	// gives other (canonical) bytes.
	decodeOnly bool
}

// Shared traits: decoding a traits reference gives the same pointer, and
// encoding the same pointer twice gives a traits reference.
var (
	pointTraits = &Traits{Class: "Point", Members: []string{"x"}}
	dynTraitsA  = &Traits{Dynamic: true, Members: []string{"a"}}
	anonDynamic = &Traits{Dynamic: true}
	longString  = strings.Repeat("x", 65536)
	connectWire = join(
		0x02, 0x00, 0x07, "connect", // string-marker, U16 7, command name
		0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // number-marker, DOUBLE 1: transaction id
		0x03,              // object-marker: command object
		0x00, 0x03, "app", // key "app"
		0x02, 0x00, 0x04, "live", // string "live"
		0x00, 0x08, "flashVer", // key "flashVer"
		0x02, 0x00, 0x0d, "LNX 9,0,124,2", // string, 13 bytes
		0x00, 0x05, "tcUrl", // key "tcUrl"
		0x02, 0x00, 0x1a, "rtmp://localhost:1935/live", // string, 26 bytes
		0x00, 0x04, "fpad", // key "fpad"
		0x01, 0x00, // boolean-marker, false
		0x00, 0x0c, "capabilities", // key "capabilities"
		0x00, 0x40, 0x2e, 0, 0, 0, 0, 0, 0, // number 15
		0x00, 0x0b, "audioCodecs", // key "audioCodecs"
		0x00, 0x40, 0xaf, 0xce, 0, 0, 0, 0, 0, // number 4071
		0x00, 0x0b, "videoCodecs", // key "videoCodecs"
		0x00, 0x40, 0x6f, 0x80, 0, 0, 0, 0, 0, // number 252
		0x00, 0x0d, "videoFunction", // key "videoFunction"
		0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // number 1
		0x00, 0x00, 0x09, // UTF-8-empty, object-end-marker
	)
	connectValues = []Value{"connect", 1.0, Object{
		{Key: "app", Value: "live"},
		{Key: "flashVer", Value: "LNX 9,0,124,2"},
		{Key: "tcUrl", Value: "rtmp://localhost:1935/live"},
		{Key: "fpad", Value: false},
		{Key: "capabilities", Value: 15.0},
		{Key: "audioCodecs", Value: 4071.0},
		{Key: "videoCodecs", Value: 252.0},
		{Key: "videoFunction", Value: 1.0},
	}}
	resultValues = []Value{"_result", 1.0,
		Object{
			{Key: "fmsVer", Value: "FMS/3,0,1,123"},
			{Key: "capabilities", Value: 31.0},
		},
		Object{
			{Key: "level", Value: "status"},
			{Key: "code", Value: "NetConnection.Connect.Success"},
			{Key: "description", Value: "Connection succeeded."},
			{Key: "objectEncoding", Value: 0.0},
		},
	}
)

var amf0Vectors = []vector{
	{name: "number", wire: join(
		0x00,                         // number-marker (§2.2)
		0x3f, 0xf8, 0, 0, 0, 0, 0, 0, // DOUBLE 1.5
	), values: []Value{1.5}},
	{name: "boolean true", wire: join(
		0x01, // boolean-marker (§2.3)
		0x01, // U8 non-zero: true
	), values: []Value{true}},
	{name: "boolean false", wire: join(0x01, 0x00), values: []Value{false}},
	{name: "boolean non-zero byte", decodeOnly: true, wire: join(
		0x01, // boolean-marker
		0x02, // U8 2: any non-zero is true
	), values: []Value{true}},
	{name: "string", wire: join(
		0x02,                  // string-marker (§2.4)
		0x00, 0x07, "connect", // U16 length 7, UTF-8 bytes
	), values: []Value{"connect"}},
	{name: "empty string", wire: join(0x02, 0x00, 0x00), values: []Value{""}},
	{name: "object", wire: join(
		0x03,                // object-marker (§2.5)
		0x00, 0x05, "level", // key
		0x02, 0x00, 0x06, "status", // string value
		0x00, 0x00, 0x09, // UTF-8-empty, object-end-marker (§2.11)
	), values: []Value{Object{{Key: "level", Value: "status"}}}},
	{name: "empty object", wire: join(
		0x03,             // object-marker
		0x00, 0x00, 0x09, // object end at once
	), values: []Value{Object(nil)}},
	{name: "null", wire: join(0x05), values: []Value{nil}},              // null-marker (§2.7)
	{name: "undefined", wire: join(0x06), values: []Value{Undefined{}}}, // undefined-marker (§2.8)
	{name: "reference", wire: join(
		0x0a, 0x00, 0x00, 0x00, 0x02, // strict array of 2: reference index 0
		0x03, 0x00, 0x00, 0x09, // empty object: reference index 1
		0x07, 0x00, 0x01, // reference-marker (§2.9), U16 index 1
	), values: []Value{StrictArray{Object(nil), Reference(1)}}},
	{name: "self reference", wire: join(
		0x03,               // object-marker: index 0, started
		0x00, 0x04, "self", // key
		0x07, 0x00, 0x00, // reference to index 0
		0x00, 0x00, 0x09, // object end
	), values: []Value{Object{{Key: "self", Value: Reference(0)}}}},
	{name: "ecma array", wire: join(
		0x08,                   // ecma-array-marker (§2.10)
		0x00, 0x00, 0x00, 0x02, // U32 associative-count 2
		0x00, 0x08, "duration", // key
		0x00, 0, 0, 0, 0, 0, 0, 0, 0, // number 0
		0x00, 0x06, "stereo", // key
		0x01, 0x01, // boolean true
		0x00, 0x00, 0x09, // object end
	), values: []Value{ECMAArray{{Key: "duration", Value: 0.0}, {Key: "stereo", Value: true}}}},
	{name: "ecma array wrong count hint", decodeOnly: true, wire: join(
		0x08,                   // ecma-array-marker
		0x00, 0x00, 0x00, 0x00, // count 0, yet one property follows
		0x00, 0x01, "a", // key
		0x05,             // null
		0x00, 0x00, 0x09, // object end
	), values: []Value{ECMAArray{{Key: "a", Value: nil}}}},
	{name: "strict array", wire: join(
		0x0a,                   // strict-array-marker (§2.12)
		0x00, 0x00, 0x00, 0x02, // U32 array-count 2
		0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // number 1
		0x02, 0x00, 0x01, "a", // string "a"
	), values: []Value{StrictArray{1.0, "a"}}},
	{name: "date", wire: join(
		0x0b,                                     // date-marker (§2.13)
		0x42, 0x78, 0xbc, 0xfe, 0x56, 0x80, 0, 0, // DOUBLE 1.7e12 ms since epoch
		0x00, 0x00, // S16 time-zone 0
	), values: []Value{Date{Millis: 1.7e12}}},
	{name: "date with time zone", wire: join(
		0x0b,                                     // date-marker
		0x42, 0x78, 0xbc, 0xfe, 0x56, 0x80, 0, 0, // DOUBLE 1.7e12
		0xff, 0xc4, // S16 time-zone -60
	), values: []Value{Date{Millis: 1.7e12, TimeZone: -60}}},
	{name: "long string", wire: join(
		0x0c,                   // long-string-marker (§2.14)
		0x00, 0x01, 0x00, 0x00, // U32 length 65536
		longString,
	), values: []Value{longString}},
	{name: "long string form for short text", decodeOnly: true, wire: join(
		0x0c,                   // long-string-marker
		0x00, 0x00, 0x00, 0x02, // U32 length 2
		"hi",
	), values: []Value{"hi"}},
	{name: "unsupported", wire: join(0x0d), values: []Value{Unsupported{}}}, // unsupported-marker (§2.15)
	{name: "xml document", wire: join(
		0x0f,                   // xml-document-marker (§2.17)
		0x00, 0x00, 0x00, 0x07, // U32 length 7
		"<a></a>",
	), values: []Value{XMLDocument("<a></a>")}},
	{name: "typed object", wire: join(
		0x10,               // typed-object-marker (§2.18)
		0x00, 0x04, "Task", // class-name
		0x00, 0x02, "id", // key
		0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // number 1
		0x00, 0x00, 0x09, // object end
	), values: []Value{TypedObject{Class: "Task", Properties: []Property{{Key: "id", Value: 1.0}}}}},
	{name: "avmplus integer", wire: join(
		0x11, // avmplus-object-marker (§3.1): one AMF 3 value follows
		0x04, // AMF 3 integer-marker
		0x05, // U29 5
	), values: []Value{int32(5)}},
	{name: "avmplus object", wire: join(
		0x11,      // avmplus-object-marker
		0x0a,      // AMF 3 object-marker
		0x0b,      // U29O-traits: 0 sealed, dynamic, inline
		0x01,      // class-name "" (anonymous)
		0x03, "a", // dynamic member name "a"
		0x06, 0x03, "b", // string "b"
		0x01, // UTF-8-empty: end of dynamic members
	), values: []Value{Object3{Traits: anonDynamic, Dynamic: []Property{{Key: "a", Value: "b"}}}}},
	{name: "avmplus tables persist across switches", wire: join(
		0x11,      // avmplus-object-marker
		0x0a,      // object-marker: object index 0
		0x1b,      // U29O-traits: 1 sealed member, dynamic, inline (traits index 0)
		0x01,      // class-name ""
		0x03, "a", // sealed member name "a" (string index 0)
		0x04, 0x01, // sealed value: integer 1
		0x01,       // no dynamic members
		0x11,       // avmplus-object-marker again: same AMF 3 tables
		0x0a,       // object-marker: object index 1
		0x01,       // U29O-traits-ref: traits index 0
		0x04, 0x02, // sealed value: integer 2
		0x01, // no dynamic members
		0x11, // avmplus-object-marker
		0x0a, // object-marker
		0x02, // U29O-ref: object index 1
	), values: []Value{
		Object3{Traits: dynTraitsA, Sealed: []Value{int32(1)}},
		Object3{Traits: dynTraitsA, Sealed: []Value{int32(2)}},
		ObjectRef(1),
	}},
	{name: "ffmpeg connect command", wire: connectWire, values: connectValues},
	{name: "enhanced rtmp connect with fourCcList", wire: join(
		0x02, 0x00, 0x07, "connect", // command name
		0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // transaction id 1
		0x03,              // object-marker
		0x00, 0x03, "app", // key
		0x02, 0x00, 0x04, "live", // string
		0x00, 0x0a, "fourCcList", // key
		0x0a, 0x00, 0x00, 0x00, 0x03, // strict-array-marker, count 3
		0x02, 0x00, 0x04, "av01", // string
		0x02, 0x00, 0x04, "vp09", // string
		0x02, 0x00, 0x04, "hvc1", // string
		0x00, 0x00, 0x09, // object end
	), values: []Value{"connect", 1.0, Object{
		{Key: "app", Value: "live"},
		{Key: "fourCcList", Value: StrictArray{"av01", "vp09", "hvc1"}},
	}}},
}

var amf3Vectors = []vector{
	{name: "undefined", amf3: true, wire: join(0x00), values: []Value{Undefined{}}}, // §3.2
	{name: "null", amf3: true, wire: join(0x01), values: []Value{nil}},              // §3.3
	{name: "false", amf3: true, wire: join(0x02), values: []Value{false}},           // §3.4
	{name: "true", amf3: true, wire: join(0x03), values: []Value{true}},             // §3.5
	{name: "integers", amf3: true, wire: join(
		0x04, 0x00, // integer-marker (§3.6), U29 0
		0x04, 0x7f, // 127: largest 1-byte U29
		0x04, 0x81, 0x00, // 128: 2 bytes
		0x04, 0x81, 0x80, 0x00, // 16384: 3 bytes
		0x04, 0xbf, 0xff, 0xff, 0xff, // 2^28-1: largest integer, 4 bytes
		0x04, 0xff, 0xff, 0xff, 0xff, // U29 0x1FFFFFFF: -1 after sign extension
		0x04, 0xc0, 0x80, 0x80, 0x00, // U29 0x10000000: -2^28, smallest integer
	), values: []Value{int32(0), int32(127), int32(128), int32(16384), int32(1<<28 - 1), int32(-1), int32(-1 << 28)}},
	{name: "integer non-minimal U29", amf3: true, decodeOnly: true, wire: join(
		0x04,       // integer-marker
		0x80, 0x05, // U29 5 in two bytes (leading zero group)
	), values: []Value{int32(5)}},
	{name: "double", amf3: true, wire: join(
		0x05,                         // double-marker (§3.7)
		0x3f, 0xf8, 0, 0, 0, 0, 0, 0, // DOUBLE 1.5
	), values: []Value{1.5}},
	{name: "string", amf3: true, wire: join(
		0x06,          // string-marker (§3.8)
		0x0b, "hello", // U29S-value 5<<1|1, bytes
	), values: []Value{"hello"}},
	{name: "empty string", amf3: true, wire: join(
		0x06, // string-marker
		0x01, // U29S-value 0<<1|1: empty, never a reference
	), values: []Value{""}},
	{name: "string reference", amf3: true, wire: join(
		0x09,             // array-marker (object index 0)
		0x07,             // U29A-value: dense count 3
		0x01,             // no associative part
		0x06, 0x05, "ab", // string, inline: string index 0
		0x06, 0x00, // string, U29S-ref index 0
		0x06, 0x01, // empty string: inline, not in the table
	), values: []Value{Array{Dense: []Value{"ab", "ab", ""}}}},
	{name: "xml document", amf3: true, wire: join(
		0x07,         // xml-doc-marker (§3.9)
		0x09, "<a/>", // U29X-value 4<<1|1, bytes
	), values: []Value{XMLDocument("<a/>")}},
	{name: "date", amf3: true, wire: join(
		0x08,                                     // date-marker (§3.10)
		0x01,                                     // U29D-value: inline
		0x42, 0x78, 0xbc, 0xfe, 0x56, 0x80, 0, 0, // DOUBLE 1.7e12 ms
	), values: []Value{Date{Millis: 1.7e12}}},
	{name: "array", amf3: true, wire: join(
		0x09,      // array-marker (§3.11)
		0x03,      // U29A-value: dense count 1
		0x03, "k", // associative name "k"
		0x04, 0x01, // integer 1
		0x01,            // UTF-8-empty: end of associative part
		0x06, 0x03, "v", // dense[0]: string "v"
	), values: []Value{Array{Assoc: []Property{{Key: "k", Value: int32(1)}}, Dense: []Value{"v"}}}},
	{name: "object sealed and dynamic", amf3: true, wire: join(
		0x0a,          // object-marker (§3.12)
		0x1b,          // U29O-traits: 1 sealed (<<4), dynamic (0x08), inline (0x03)
		0x0b, "Point", // class-name
		0x03, "x", // sealed member name
		0x04, 0x07, // sealed x: integer 7
		0x03, "y", // dynamic member name
		0x04, 0x08, // integer 8
		0x01, // end of dynamic members
	), values: []Value{Object3{
		Traits:  &Traits{Class: "Point", Dynamic: true, Members: []string{"x"}},
		Sealed:  []Value{int32(7)},
		Dynamic: []Property{{Key: "y", Value: int32(8)}},
	}}},
	{name: "traits and object references", amf3: true, wire: join(
		0x09,          // array-marker: object index 0
		0x07,          // dense count 3
		0x01,          // no associative part
		0x0a,          // object-marker: object index 1
		0x13,          // U29O-traits: 1 sealed, not dynamic, inline (traits index 0)
		0x0b, "Point", // class-name
		0x03, "x", // member name
		0x04, 0x01, // x = 1
		0x0a,       // object-marker: object index 2
		0x01,       // U29O-traits-ref: traits index 0
		0x04, 0x02, // x = 2
		0x0a, // object-marker
		0x02, // U29O-ref: object index 1
	), values: []Value{Array{Dense: []Value{
		Object3{Traits: pointTraits, Sealed: []Value{int32(1)}},
		Object3{Traits: pointTraits, Sealed: []Value{int32(2)}},
		ObjectRef(1),
	}}}},
	{name: "object referring to itself", amf3: true, wire: join(
		0x0a,         // object-marker: object index 0
		0x0b,         // U29O-traits: dynamic, inline, no sealed members
		0x01,         // class-name ""
		0x09, "self", // dynamic member name
		0x0a, 0x00, // object-marker, U29O-ref index 0
		0x01, // end of dynamic members
	), values: []Value{Object3{Traits: anonDynamic, Dynamic: []Property{{Key: "self", Value: ObjectRef(0)}}}}},
	{name: "xml", amf3: true, wire: join(
		0x0b,         // xml-marker (§3.13)
		0x09, "<a/>", // U29X-value 4<<1|1, bytes
	), values: []Value{XML("<a/>")}},
	{name: "byte array", amf3: true, wire: join(
		0x0c,             // bytearray-marker (§3.14)
		0x07,             // U29B-value 3<<1|1
		0x01, 0x02, 0x03, // bytes
	), values: []Value{ByteArray{1, 2, 3}}},
	{name: "vector int", amf3: true, wire: join(
		0x0d,                   // vector-int-marker (§3.15)
		0x05,                   // U29V-value: count 2
		0x00,                   // fixed-vector: no
		0x00, 0x00, 0x00, 0x01, // 1
		0xff, 0xff, 0xff, 0xff, // -1
	), values: []Value{VectorInt{Items: []int32{1, -1}}}},
	{name: "vector uint", amf3: true, wire: join(
		0x0e,                   // vector-uint-marker
		0x03,                   // count 1
		0x01,                   // fixed-vector: yes
		0xff, 0xff, 0xff, 0xff, // 4294967295
	), values: []Value{VectorUint{Fixed: true, Items: []uint32{0xFFFFFFFF}}}},
	{name: "vector double", amf3: true, wire: join(
		0x0f,                         // vector-double-marker
		0x03,                         // count 1
		0x00,                         // fixed-vector: no
		0x3f, 0xf8, 0, 0, 0, 0, 0, 0, // 1.5
	), values: []Value{VectorDouble{Items: []float64{1.5}}}},
	{name: "vector object", amf3: true, wire: join(
		0x10,      // vector-object-marker
		0x05,      // count 2
		0x00,      // fixed-vector: no
		0x03, "*", // object-type-name "*": any type
		0x01,            // null
		0x06, 0x03, "a", // string "a"
	), values: []Value{VectorObject{TypeName: "*", Items: []Value{nil, "a"}}}},
	{name: "dictionary", amf3: true, wire: join(
		0x11,            // dictionary-marker (§3.16)
		0x03,            // U29Dict-value: 1 entry
		0x01,            // weak-keys: yes
		0x06, 0x03, "k", // key: string "k"
		0x04, 0x01, // value: integer 1
	), values: []Value{Dictionary{WeakKeys: true, Entries: []DictionaryEntry{{Key: "k", Value: int32(1)}}}}},
}

// errorVector is a wire that must fail to decode with want.
type errorVector struct {
	name string
	amf3 bool
	wire []byte
	lim  Limits
	want error
}

// nest repeats open n times around the innermost value.
func nest(n int, open []byte, inner ...byte) []byte {
	var b []byte
	for range n {
		b = append(b, open...)
	}
	return append(b, inner...)
}

var errorVectors = []errorVector{
	{name: "amf0 movieclip reserved", wire: join(0x04), want: ErrMarker},
	{name: "amf0 recordset reserved", wire: join(0x0e), want: ErrMarker},
	{name: "amf0 unknown marker", wire: join(0x12), want: ErrMarker},
	{name: "amf0 object end as a value", wire: join(0x09), want: ErrMarker},
	{name: "amf0 empty key without object end", wire: join(
		0x03,       // object-marker
		0x00, 0x00, // empty key
		0x05, // null instead of object-end-marker
	), want: ErrMarker},
	{name: "amf0 reference before any object", wire: join(0x07, 0x00, 0x00), want: ErrReference},
	{name: "amf0 reference not yet started", wire: join(
		0x03,            // object: index 0
		0x00, 0x01, "a", // key
		0x07, 0x00, 0x01, // reference to index 1: not started
		0x00, 0x00, 0x09,
	), want: ErrReference},
	{name: "amf0 strict array count over MaxElements", wire: join(
		0x0a, 0xff, 0xff, 0xff, 0xff, // count 2^32-1
	), want: ErrLimit},
	{name: "amf0 strict array count beyond input", wire: join(
		0x0a, 0x00, 0x00, 0xff, 0xff, // count 65535, no elements present
		0x05,
	), want: ErrTruncated},
	{name: "amf0 long string over MaxStringLen", wire: join(
		0x0c, 0xff, 0xff, 0xff, 0xff, // length 2^32-1
	), want: ErrLimit},
	{name: "amf0 long string beyond input", wire: join(
		0x0c, 0x00, 0x00, 0xff, 0xff, "a", // length 65535, 1 byte present
	), want: ErrTruncated},
	{name: "amf0 deep nesting", wire: nest(100, join(
		0x0a, 0x00, 0x00, 0x00, 0x01, // strict array of 1, over and over
	), 0x05), want: ErrDepth},
	{name: "amf0 then amf3 nesting counts together", wire: append(nest(40, join(
		0x0a, 0x00, 0x00, 0x00, 0x01, // 40 AMF 0 strict arrays
	), 0x11), nest(40, join(
		0x09, 0x03, 0x01, // then 40 AMF 3 arrays of one dense value
	), 0x01)...), want: ErrDepth},
	{name: "amf0 object over MaxElements", lim: Limits{MaxElements: 2}, wire: join(
		0x03,
		0x00, 0x01, "a", 0x05,
		0x00, 0x01, "b", 0x05,
		0x00, 0x01, "c", 0x05,
		0x00, 0x00, 0x09,
	), want: ErrLimit},
	{name: "amf0 ecma array over MaxElements", lim: Limits{MaxElements: 1}, wire: join(
		0x08, 0x00, 0x00, 0x00, 0x01, // count hint 1, but two properties
		0x00, 0x01, "a", 0x05,
		0x00, 0x01, "b", 0x05,
		0x00, 0x00, 0x09,
	), want: ErrLimit},
	{name: "amf0 string over MaxStringLen", lim: Limits{MaxStringLen: 4}, wire: join(
		0x02, 0x00, 0x05, "hello",
	), want: ErrLimit},
	{name: "amf3 unknown marker", amf3: true, wire: join(0x12), want: ErrMarker},
	{name: "amf3 string reference out of range", amf3: true, wire: join(
		0x06, 0x00, // string, U29S-ref 0: table empty
	), want: ErrReference},
	{name: "amf3 object reference out of range", amf3: true, wire: join(
		0x0a, 0x00, // object, U29O-ref 0: table empty
	), want: ErrReference},
	{name: "amf3 reference to a value of another type", amf3: true, wire: join(
		0x09, 0x03, 0x01, // array (index 0) of one dense value
		0x08, 0x00, // date, U29O-ref 0: names the array
	), want: ErrReference},
	{name: "amf3 traits reference out of range", amf3: true, wire: join(
		0x0a, 0x01, // object, U29O-traits-ref 0: table empty
	), want: ErrReference},
	{name: "amf3 externalizable", amf3: true, wire: join(
		0x0a,      // object-marker
		0x07,      // U29O-traits-ext
		0x03, "A", // class-name
	), want: ErrExternalizable},
	{name: "amf3 array count over MaxElements", amf3: true, wire: join(
		0x09, 0xff, 0xff, 0xff, 0xff, 0x01, // dense count 2^28-1
	), want: ErrLimit},
	{name: "amf3 array count beyond input", amf3: true, wire: join(
		0x09, 0x83, 0xd4, 0x61, // U29A-value 60001: dense count 30000
		0x01, // no associative part, then nothing
	), want: ErrTruncated},
	{name: "amf3 vector double beyond input", amf3: true, wire: join(
		0x0f, 0x83, 0xd4, 0x61, // count 30000 doubles
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 9 bytes present
	), want: ErrTruncated},
	{name: "amf3 dictionary count over MaxElements", amf3: true, wire: join(
		0x11, 0xff, 0xff, 0xff, 0xff, 0x00,
	), want: ErrLimit},
	{name: "amf3 traits member count beyond input", amf3: true, wire: join(
		0x0a, 0x83, 0xff, 0x73, // U29O-traits: 4095 sealed members, inline
		0x01, // class-name ""
	), want: ErrTruncated},
	{name: "amf3 string over MaxStringLen", amf3: true, lim: Limits{MaxStringLen: 2}, wire: join(
		0x06, 0x07, "abc",
	), want: ErrLimit},
	{name: "amf3 string references over MaxTotal", amf3: true, lim: Limits{MaxTotal: 10}, wire: join(
		0x09, 0x09, 0x01, // array of 4 dense values: 4 units
		0x06, 0x09, "abcd", // inline string: 4 units
		0x06, 0x00, // reference: 4 more units, over 10
		0x06, 0x00,
		0x06, 0x00,
	), want: ErrLimit},
	{name: "amf3 deep nesting", amf3: true, wire: nest(100, join(
		0x09, 0x03, 0x01, // array of one dense value, over and over
	), 0x01), want: ErrDepth},
	{name: "amf3 deep dictionary nesting", amf3: true, wire: nest(100, join(
		0x11, 0x03, 0x00, 0x01, // dictionary of one entry, key null, value...
	), 0x01), want: ErrDepth},
}
