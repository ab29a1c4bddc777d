package amf

import (
	"errors"
	"fmt"
)

// Sentinel errors. Decoding and encoding errors wrap one of these, so callers
// branch with errors.Is.
var (
	// ErrTruncated means the input ended inside a value, or a declared
	// count or length needs more bytes than remain.
	ErrTruncated = errors.New("amf: truncated input")

	// ErrLimit means a value exceeded one of the decoder's Limits.
	ErrLimit = errors.New("amf: limit exceeded")

	// ErrDepth means containers nest deeper than Limits.MaxDepth. It wraps
	// ErrLimit, so errors.Is(err, ErrLimit) holds for it too.
	ErrDepth = fmt.Errorf("%w: nesting too deep", ErrLimit)

	// ErrMarker means an unknown or reserved type marker (AMF 0 movieclip
	// 0x04 and recordset 0x0E, an object-end where a value belongs).
	ErrMarker = errors.New("amf: unknown or reserved type marker")

	// ErrReference means a reference names an entry that is not (yet) in its
	// reference table, or an AMF 3 reference of the wrong type.
	ErrReference = errors.New("amf: bad reference")

	// ErrExternalizable means an AMF 3 object with externalizable traits,
	// whose body only the class's own code can read (AMF 3 §3.12).
	ErrExternalizable = errors.New("amf: externalizable object not supported")

	// ErrUnencodable means a Go value with no AMF form (a type outside
	// value.go, an inconsistent Object3, a key or string too long for its
	// length field).
	ErrUnencodable = errors.New("amf: value cannot be encoded")
)
