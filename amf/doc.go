// Package amf encodes and decodes Action Message Format values, the
// serialization RTMP uses for command and data messages.
//
// It implements the whole of the two Adobe specifications:
//
//   - AMF 0 (Adobe "Action Message Format -- AMF 0", 2007): §2.2-§2.18, every
//     type marker, and §3.1, the avmplus-object-marker (0x11) that switches
//     the stream to AMF 3 for one value.
//   - AMF 3 (Adobe "Action Message Format -- AMF 3", January 2013): §1.3.1
//     U29 integers, §1.3.2 strings, §3.2-§3.16 every type including the
//     Flash Player 10 Vector and Dictionary types, and the three reference
//     tables: strings (§1.3.2, §3.8), complex objects and traits (§3.12).
//
// The value model lives in value.go: decoding returns those Go types, and
// encoding accepts exactly those types (anything else is ErrUnencodable).
//
// # Reference tables and contexts
//
// A Decoder or Encoder is one AMF context, typically one RTMP message body.
// AMF 0 §2.9 numbers objects, typed objects, ECMA arrays and strict arrays in
// the order they start; a Reference must name one already started and is
// returned as Reference, never aliased. AMF 3 references to complex values
// are returned as ObjectRef for the same reason: a hostile stream cannot build
// cycles or exponential fan-out. AMF 3 string references are resolved (the Go
// string is shared, and its bytes still count toward Limits.MaxTotal), and
// traits references resolve to the shared *Traits, which callers must treat
// as read-only.
//
// AMF 0 §3.1 describes the avmplus-object-marker as switching "an AMF 0
// encoding context" to AMF 3: it is still the one context, not a new one, and
// neither specification resets the AMF 3 tables at a switch. So the AMF 3
// string, object and traits tables live in the Decoder/Encoder and persist
// across every 0x11 switch of the same AMF 0 stream; they start empty only
// with a new Decoder or Encoder (or Encoder.Reset). Flash-written local
// shared objects rely on the same behavior, referring back to strings and
// traits of earlier AMF 3 values.
//
// An AMF 3 reference must also name a value of its own type (an array
// reference names an array): the decoder rejects a mismatch with
// ErrReference, and the encoder writes an ObjectRef after the marker of the
// value it names, so decoding and re-encoding gives the same bytes.
//
// # Encoding
//
// Encoding accepts only the types of value.go; Go int, uint32 and the like
// are ErrUnencodable rather than silently converted (write float64 for an
// AMF 0 number). AMF 3-only types given to AppendAMF0 (int32, XML,
// ByteArray, Array, Object3, vectors, Dictionary, ObjectRef) are written
// after the avmplus-object-marker; AMF 0-only types (Object, ECMAArray,
// StrictArray, TypedObject, Reference, Unsupported) have no AMF 3 form. An
// int32 outside the 29-bit range [-2^28, 2^28-1] is written as an AMF 3
// double (§3.6), and a Date's TimeZone, which AMF 3 lacks, is dropped. AMF 0
// strings longer than 65535 bytes become long strings (§2.14); property and
// class names that long cannot be sent at all.
//
// # Limits
//
// Decoding never panics and never allocates by a declared length before the
// bytes are present: every count is checked against Limits and against the
// remaining input first, and nesting is bounded across AMF 0 and AMF 3
// together. See Limits for the defaults and why they were chosen.
package amf
