package amf

import (
	"encoding/binary"
	"fmt"
	"math"
)

// maxEncodeDepth bounds container nesting when encoding. It equals the
// decoder's default so that whatever encodes also decodes under default
// Limits, and it stops a self-containing slice (a StrictArray holding
// itself) from recursing forever.
const maxEncodeDepth = DefaultMaxDepth

// Encoder writes AMF 0 and AMF 3 values. It is one AMF context, the mirror
// of a Decoder: it counts AMF 0 complex values so Reference values can be
// checked, and keeps the AMF 3 tables so that repeated non-empty strings are
// sent as string references, a *Traits already written is sent as a traits
// reference, and complex values are numbered in the decoder's order (so
// ObjectRef indices stay valid). The tables persist across calls and across
// avmplus switches, as in a Decoder.
//
// The zero value is ready to use. A failed Append leaves the Encoder as it
// was before the call.
type Encoder struct {
	amf0Refs int            // AMF 0 complex values started
	strings  map[string]int // AMF 3 string table
	objects  []byte         // AMF 3 object table: marker of each complex value
	traits   map[*Traits]int
}

// AppendAMF0 encodes one AMF 0 value in a fresh context and appends it to
// dst. AMF 3-only values are wrapped in the avmplus-object-marker.
func AppendAMF0(dst []byte, v Value) ([]byte, error) {
	var e Encoder
	return e.AppendAMF0(dst, v)
}

// AppendAMF3 encodes one AMF 3 value in a fresh context and appends it to
// dst.
func AppendAMF3(dst []byte, v Value) ([]byte, error) {
	var e Encoder
	return e.AppendAMF3(dst, v)
}

// AppendAMF0 appends the AMF 0 encoding of v to dst. On error it returns
// dst unchanged.
func (e *Encoder) AppendAMF0(dst []byte, v Value) ([]byte, error) {
	s := e.snapshot()
	out, err := e.amf0(dst, v, 0)
	if err != nil {
		e.rollback(s)
		return dst, err
	}
	return out, nil
}

// AppendAMF3 appends the AMF 3 encoding of v to dst. On error it returns
// dst unchanged.
func (e *Encoder) AppendAMF3(dst []byte, v Value) ([]byte, error) {
	s := e.snapshot()
	out, err := e.amf3(dst, v, 0)
	if err != nil {
		e.rollback(s)
		return dst, err
	}
	return out, nil
}

// Reset empties the reference tables, starting a new context while keeping
// the tables' memory.
func (e *Encoder) Reset() {
	e.rollback(encoderState{})
}

// encoderState is the size of each table, enough to undo a failed call.
type encoderState struct{ amf0Refs, strings, objects, traits int }

func (e *Encoder) snapshot() encoderState {
	return encoderState{e.amf0Refs, len(e.strings), len(e.objects), len(e.traits)}
}

// rollback drops the table entries added since s. Entries are indexed by
// insertion order, so those at or past the old size are the new ones.
func (e *Encoder) rollback(s encoderState) {
	e.amf0Refs = s.amf0Refs
	e.objects = e.objects[:s.objects]
	for k, i := range e.strings {
		if i >= s.strings {
			delete(e.strings, k)
		}
	}
	for k, i := range e.traits {
		if i >= s.traits {
			delete(e.traits, k)
		}
	}
}

func unencodable(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnencodable}, args...)...)
}

func checkDepth(depth int) error {
	if depth >= maxEncodeDepth {
		return fmt.Errorf("%w: encoding deeper than %d", ErrDepth, maxEncodeDepth)
	}
	return nil
}

func appendU16(dst []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(dst, v) }
func appendU32(dst []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(dst, v) }

func appendDouble(dst []byte, f float64) []byte {
	return binary.BigEndian.AppendUint64(dst, math.Float64bits(f))
}

// appendU29 writes AMF 3 §1.3.1 (see Decoder.readU29 for the layout); v
// must be at most u29Max.
func appendU29(dst []byte, v uint32) []byte {
	switch {
	case v < 1<<7:
		return append(dst, byte(v))
	case v < 1<<14:
		return append(dst, byte(v>>7)|0x80, byte(v&0x7F))
	case v < 1<<21:
		return append(dst, byte(v>>14)|0x80, byte(v>>7)|0x80, byte(v&0x7F))
	default:
		return append(dst, byte(v>>22)|0x80, byte(v>>15)|0x80, byte(v>>8)|0x80, byte(v))
	}
}

func referenceError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrReference}, args...)...)
}
