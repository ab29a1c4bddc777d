package amf

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Decoder reads AMF 0 and AMF 3 values from a byte slice. It is one AMF
// context: the AMF 0 reference count and the three AMF 3 reference tables
// live here and persist across calls, and across AMF 0 avmplus switches.
//
// After an error the Decoder's position and tables are unspecified; discard
// it.
type Decoder struct {
	buf []byte
	off int
	lim Limits

	depth int // current container nesting
	total int // units spent of lim.MaxTotal

	amf0Refs int // AMF 0 complex values started (AMF 0 §2.9)

	strings []string  // AMF 3 string table (§1.3.2)
	objects []byte    // AMF 3 object table: the marker of each complex value
	traits  []*Traits // AMF 3 traits table
}

// NewDecoder returns a Decoder reading b under lim (zero fields mean the
// defaults). Decoded strings and byte arrays are copies: b may be reused once
// decoding is done.
func NewDecoder(b []byte, lim Limits) *Decoder {
	return &Decoder{buf: b, lim: lim.withDefaults()}
}

// Len returns the number of unread bytes.
func (d *Decoder) Len() int { return len(d.buf) - d.off }

// DecodeAMF0All decodes AMF 0 values until b is used up, as in an RTMP
// command or data message body. All values share one context.
func DecodeAMF0All(b []byte, lim Limits) ([]Value, error) {
	d := NewDecoder(b, lim)
	// Command bodies hold a name, a transaction id, a command object and
	// usually one argument.
	values := make([]Value, 0, 4)
	for d.Len() > 0 {
		v, err := d.DecodeAMF0()
		if err != nil {
			return values, err
		}
		values = append(values, v)
	}
	return values, nil
}

func (d *Decoder) truncated(need int) error {
	return fmt.Errorf("%w: need %d bytes at offset %d, have %d", ErrTruncated, need, d.off, d.Len())
}

func (d *Decoder) readByte() (byte, error) {
	if d.off >= len(d.buf) {
		return 0, d.truncated(1)
	}
	c := d.buf[d.off]
	d.off++
	return c, nil
}

// readN returns the next n bytes, aliasing the input.
func (d *Decoder) readN(n int) ([]byte, error) {
	if n < 0 || n > d.Len() {
		return nil, d.truncated(n)
	}
	p := d.buf[d.off : d.off+n]
	d.off += n
	return p, nil
}

func (d *Decoder) readU16() (uint16, error) {
	p, err := d.readN(2)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint16(p), nil
}

func (d *Decoder) readU32() (uint32, error) {
	p, err := d.readN(4)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint32(p), nil
}

// readDouble reads an IEEE 754 double in network byte order (AMF 0 §1.3,
// AMF 3 §1.3: DOUBLE).
func (d *Decoder) readDouble() (float64, error) {
	p, err := d.readN(8)
	if err != nil {
		return 0, err
	}
	return math.Float64frombits(binary.BigEndian.Uint64(p)), nil
}

// readText reads n bytes of string data as a Go string, charging them to
// the budget after checking them against MaxStringLen and the input.
func (d *Decoder) readText(n int) (string, error) {
	if err := d.checkLen(n); err != nil {
		return "", err
	}
	p, err := d.readN(n)
	if err != nil {
		return "", err
	}
	if err := d.charge(n); err != nil {
		return "", err
	}
	return string(p), nil
}

// checkLen checks a declared string or byte-array length before any read.
func (d *Decoder) checkLen(n int) error {
	if n > d.lim.MaxStringLen {
		return fmt.Errorf("%w: %d bytes, MaxStringLen is %d", ErrLimit, n, d.lim.MaxStringLen)
	}
	if n > d.Len() {
		return d.truncated(n)
	}
	return nil
}

// charge spends n units of the MaxTotal budget.
func (d *Decoder) charge(n int) error {
	if n > d.lim.MaxTotal-d.total {
		return fmt.Errorf("%w: decode exceeds MaxTotal %d", ErrLimit, d.lim.MaxTotal)
	}
	d.total += n
	return nil
}

// reserve validates a declared element count before anything is allocated
// for it: at most MaxElements, at most what the remaining input can hold
// when each element needs at least minSize bytes, and within the budget.
func (d *Decoder) reserve(n uint32, minSize int) (int, error) {
	if uint64(n) > uint64(d.lim.MaxElements) {
		return 0, fmt.Errorf("%w: %d elements, MaxElements is %d", ErrLimit, n, d.lim.MaxElements)
	}
	count := int(n)
	if count > d.Len()/minSize {
		return 0, fmt.Errorf("%w: %d elements of at least %d bytes, %d bytes left", ErrTruncated, count, minSize, d.Len())
	}
	return count, d.charge(count)
}

// grow accounts for one more element of an open-ended container (one read
// until its end marker) that already holds have elements.
func (d *Decoder) grow(have int) error {
	if have >= d.lim.MaxElements {
		return fmt.Errorf("%w: more than MaxElements %d properties", ErrLimit, d.lim.MaxElements)
	}
	return d.charge(1)
}

// enter records one more level of container nesting; leave undoes it.
func (d *Decoder) enter() error {
	if d.depth >= d.lim.MaxDepth {
		return fmt.Errorf("%w: MaxDepth is %d", ErrDepth, d.lim.MaxDepth)
	}
	d.depth++
	return nil
}

func (d *Decoder) leave() { d.depth-- }
