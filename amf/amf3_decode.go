package amf

import (
	"encoding/binary"
	"fmt"
	"math"
)

// DecodeAMF3 decodes one AMF 3 value. The string, object and traits tables
// persist in the Decoder across calls.
func (d *Decoder) DecodeAMF3() (Value, error) {
	m, err := d.readByte()
	if err != nil {
		return nil, err
	}
	return d.amf3Value(m)
}

// amf3Value decodes the value after marker m (AMF 3 §3.1).
func (d *Decoder) amf3Value(m byte) (Value, error) {
	switch m {
	case amf3Undefined: // §3.2
		return Undefined{}, nil
	case amf3Null: // §3.3
		return nil, nil
	case amf3False: // §3.4
		return false, nil
	case amf3True: // §3.5
		return true, nil
	case amf3Integer: // §3.6
		return d.amf3Integer()
	case amf3Double: // §3.7
		return d.readDouble()
	case amf3String: // §3.8
		return d.amf3String()
	case amf3XMLDocument, amf3XML, amf3ByteArray: // §3.9, §3.13, §3.14
		return d.amf3Bytes(m)
	case amf3Date: // §3.10
		return d.amf3Date()
	case amf3Array: // §3.11
		return d.amf3Array()
	case amf3Object: // §3.12
		return d.amf3Object()
	case amf3VectorInt, amf3VectorUint, amf3VectorDouble: // §3.15
		return d.amf3NumberVector(m)
	case amf3VectorObject: // §3.15
		return d.amf3ObjectVector()
	case amf3Dictionary: // §3.16
		return d.amf3Dictionary()
	default:
		return nil, fmt.Errorf("%w: AMF 3 marker 0x%02x", ErrMarker, m)
	}
}

// readU29 reads AMF 3 §1.3.1, a big-endian variable-length unsigned 29-bit
// integer: the high bit of each of the first three bytes says another byte
// follows, and a fourth byte contributes all 8 bits.
//
//	0x00000000 - 0x0000007F : 0xxxxxxx
//	0x00000080 - 0x00003FFF : 1xxxxxxx 0xxxxxxx
//	0x00004000 - 0x001FFFFF : 1xxxxxxx 1xxxxxxx 0xxxxxxx
//	0x00200000 - 0x1FFFFFFF : 1xxxxxxx 1xxxxxxx 1xxxxxxx xxxxxxxx
func (d *Decoder) readU29() (uint32, error) {
	var v uint32
	for range 3 {
		c, err := d.readByte()
		if err != nil {
			return 0, err
		}
		if c < 0x80 {
			return v<<7 | uint32(c), nil
		}
		v = v<<7 | uint32(c&0x7F)
	}
	c, err := d.readByte()
	return v<<8 | uint32(c), err
}

// amf3Integer reads AMF 3 §3.6: integer-marker U29, a 29-bit two's
// complement value (sign bit 0x10000000) sign-extended to 32 bits.
func (d *Decoder) amf3Integer() (Value, error) {
	u, err := d.readU29()
	if err != nil {
		return nil, err
	}
	if u&0x10000000 != 0 {
		return int32(u) - 1<<29, nil
	}
	return int32(u), nil
}

// amf3String reads AMF 3 §1.3.2 / §3.8:
//
//	U29S-ref   = U29 ; low bit 0: index = value >> 1 into the string table
//	U29S-value = U29 ; low bit 1: byte length = value >> 1, bytes follow
//	UTF-8-vr   = U29S-ref | (U29S-value *(UTF8-char))
//
// The empty string is never sent by reference nor added to the table.
// Referenced strings are shared, but their bytes count toward MaxTotal.
func (d *Decoder) amf3String() (string, error) {
	u, err := d.readU29()
	if err != nil {
		return "", err
	}
	if u&1 == 0 {
		idx := u >> 1
		if uint64(idx) >= uint64(len(d.strings)) {
			return "", fmt.Errorf("%w: AMF 3 string reference %d, table has %d", ErrReference, idx, len(d.strings))
		}
		s := d.strings[idx]
		return s, d.charge(len(s))
	}
	s, err := d.readText(int(u >> 1))
	if err == nil && s != "" {
		d.strings = append(d.strings, s)
	}
	return s, err
}

// amf3Header reads the U29 that opens every complex value (AMF 3 §3.9 -
// §3.16): low bit 0 is a reference (U29O-ref, index = value >> 1) into the
// object table, which must name a value of the same marker; low bit 1 means
// the value follows inline and takes the next object table index before any
// nested value. It returns value >> 1 and whether it was a reference.
func (d *Decoder) amf3Header(m byte) (uint32, bool, error) {
	u, err := d.readU29()
	if err != nil {
		return 0, false, err
	}
	if u&1 == 0 {
		return u >> 1, true, d.checkObjectRef(u>>1, m)
	}
	d.objects = append(d.objects, m)
	return u >> 1, false, nil
}

func (d *Decoder) checkObjectRef(idx uint32, m byte) error {
	if uint64(idx) >= uint64(len(d.objects)) {
		return fmt.Errorf("%w: AMF 3 object reference %d, table has %d", ErrReference, idx, len(d.objects))
	}
	if d.objects[idx] != m {
		return fmt.Errorf("%w: AMF 3 reference %d names a 0x%02x, not a 0x%02x", ErrReference, idx, d.objects[idx], m)
	}
	return nil
}

// amf3Bytes reads the three types made of a length and raw bytes:
//
//	xml-doc-type    = xml-doc-marker   (U29O-ref | (U29X-value *(UTF8-char)))  §3.9
//	xml-type        = xml-marker       (U29O-ref | (U29X-value *(UTF8-char)))  §3.13
//	bytearray-type  = bytearray-marker (U29O-ref | (U29B-value *(U8)))         §3.14
func (d *Decoder) amf3Bytes(m byte) (Value, error) {
	n, ref, err := d.amf3Header(m)
	if err != nil || ref {
		return ObjectRef(n), err
	}
	if m == amf3ByteArray {
		if err := d.checkLen(int(n)); err != nil {
			return nil, err
		}
		p, _ := d.readN(int(n))
		return ByteArray(append([]byte(nil), p...)), d.charge(len(p))
	}
	s, err := d.readText(int(n))
	if m == amf3XML {
		return XML(s), err
	}
	return XMLDocument(s), err
}

// amf3Date reads AMF 3 §3.10:
//
//	date-type = date-marker (U29O-ref | (U29D-value date-time))
//
// U29D-value carries only the inline flag; date-time is a DOUBLE of
// milliseconds since the Unix epoch in UTC (no time zone in AMF 3).
func (d *Decoder) amf3Date() (Value, error) {
	n, ref, err := d.amf3Header(amf3Date)
	if err != nil || ref {
		return ObjectRef(n), err
	}
	ms, err := d.readDouble()
	return Date{Millis: ms}, err
}

// amf3Array reads AMF 3 §3.11:
//
//	array-type = array-marker (U29O-ref | (U29A-value
//	             (UTF-8-empty | *(assoc-value) UTF-8-empty) *(value-type)))
//	assoc-value = UTF-8-vr value-type
//
// U29A-value >> 1 is the dense count; the associative part comes first.
func (d *Decoder) amf3Array() (Value, error) {
	n, ref, err := d.amf3Header(amf3Array)
	if err != nil || ref {
		return ObjectRef(n), err
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	assoc, err := d.amf3Members()
	if err != nil {
		return nil, err
	}
	dense, err := d.amf3Values(n)
	return Array{Assoc: assoc, Dense: dense}, err
}

// amf3Members reads name/value pairs up to the empty name, the shape of
// both array associative parts and dynamic object members (§3.11, §3.12).
func (d *Decoder) amf3Members() ([]Property, error) {
	var props []Property
	for {
		key, err := d.amf3String()
		if err != nil || key == "" {
			return props, err
		}
		if err := d.grow(len(props)); err != nil {
			return props, err
		}
		v, err := d.DecodeAMF3()
		if err != nil {
			return props, err
		}
		props = append(props, Property{Key: key, Value: v})
	}
}

// amf3Values reads n AMF 3 values after validating n; zero gives nil.
func (d *Decoder) amf3Values(n uint32) ([]Value, error) {
	count, err := d.reserve(n, 1)
	if err != nil || count == 0 {
		return nil, err
	}
	items := make([]Value, count)
	for i := range items {
		if items[i], err = d.DecodeAMF3(); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// amf3Object reads AMF 3 §3.12. After the object-marker one U29 says which
// form follows:
//
//	U29O-ref        = U29 ; ...xxx0: object reference, index = value >> 1
//	U29O-traits-ref = U29 ; ...xx01: traits reference, index = value >> 2
//	U29O-traits-ext = U29 ; ...x111: externalizable traits (rejected)
//	U29O-traits     = U29 ; ...d011: inline traits, d = dynamic,
//	                      ;          sealed member count = value >> 4
//	object-type = object-marker (U29O-ref | (U29O-traits-ext class-name *(U8))
//	              | U29O-traits-ref | (U29O-traits class-name *(UTF-8-vr)))
//	              *(value-type) *(dynamic-member) UTF-8-empty
//
// Sealed values follow in member order; dynamic members (only for dynamic
// traits) end with the empty string.
func (d *Decoder) amf3Object() (Value, error) {
	u, ref, err := d.amf3Header(amf3Object)
	if err != nil || ref {
		return ObjectRef(u), err
	}
	t, err := d.amf3Traits(u)
	if err != nil {
		return nil, err
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	sealed, err := d.amf3Values(uint32(len(t.Members)))
	if err != nil {
		return nil, err
	}
	obj := Object3{Traits: t, Sealed: sealed}
	if t.Dynamic {
		obj.Dynamic, err = d.amf3Members()
	}
	return obj, err
}

// amf3Traits resolves the traits part of an object header; u is the header
// U29 already shifted right by one (the inline-object flag).
func (d *Decoder) amf3Traits(u uint32) (*Traits, error) {
	if u&1 == 0 { // U29O-traits-ref
		idx := u >> 1
		if uint64(idx) >= uint64(len(d.traits)) {
			return nil, fmt.Errorf("%w: AMF 3 traits reference %d, table has %d", ErrReference, idx, len(d.traits))
		}
		return d.traits[idx], nil
	}
	if u&2 != 0 { // U29O-traits-ext
		return nil, ErrExternalizable
	}
	count, err := d.reserve(u>>3, 1)
	if err != nil {
		return nil, err
	}
	t := &Traits{Dynamic: u&4 != 0}
	if t.Class, err = d.amf3String(); err != nil {
		return nil, err
	}
	if count > 0 {
		t.Members = make([]string, count)
	}
	for i := range t.Members {
		if t.Members[i], err = d.amf3String(); err != nil {
			return nil, err
		}
	}
	d.traits = append(d.traits, t)
	return t, nil
}

// amf3NumberVector reads the fixed-size vectors of AMF 3 §3.15:
//
//	vector-int-type    = vector-int-marker    (U29O-ref | (U29V-value fixed-vector *(U32)))
//	vector-uint-type   = vector-uint-marker   (U29O-ref | (U29V-value fixed-vector *(U32)))
//	vector-double-type = vector-double-marker (U29O-ref | (U29V-value fixed-vector *(DOUBLE)))
//
// U29V-value >> 1 is the item count and fixed-vector a U8 (non-zero: fixed
// length). Items are big-endian; vector-int items are signed.
func (d *Decoder) amf3NumberVector(m byte) (Value, error) {
	n, ref, err := d.amf3Header(m)
	if err != nil || ref {
		return ObjectRef(n), err
	}
	fixedByte, err := d.readByte()
	if err != nil {
		return nil, err
	}
	fixed := fixedByte != 0
	size := 4
	if m == amf3VectorDouble {
		size = 8
	}
	count, err := d.reserve(n, size)
	if err != nil {
		return nil, err
	}
	p, _ := d.readN(count * size)
	switch m {
	case amf3VectorInt:
		v := VectorInt{Fixed: fixed, Items: make([]int32, count)}
		for i := range v.Items {
			v.Items[i] = int32(binary.BigEndian.Uint32(p[4*i:]))
		}
		return v, nil
	case amf3VectorUint:
		v := VectorUint{Fixed: fixed, Items: make([]uint32, count)}
		for i := range v.Items {
			v.Items[i] = binary.BigEndian.Uint32(p[4*i:])
		}
		return v, nil
	default:
		v := VectorDouble{Fixed: fixed, Items: make([]float64, count)}
		for i := range v.Items {
			v.Items[i] = math.Float64frombits(binary.BigEndian.Uint64(p[8*i:]))
		}
		return v, nil
	}
}

// amf3ObjectVector reads AMF 3 §3.15:
//
//	vector-object-type = vector-object-marker (U29O-ref | (U29V-value
//	                     fixed-vector object-type-name *(value-type)))
//
// object-type-name is a UTF-8-vr, "*" for the any type.
func (d *Decoder) amf3ObjectVector() (Value, error) {
	n, ref, err := d.amf3Header(amf3VectorObject)
	if err != nil || ref {
		return ObjectRef(n), err
	}
	fixed, err := d.readByte()
	if err != nil {
		return nil, err
	}
	name, err := d.amf3String()
	if err != nil {
		return nil, err
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	items, err := d.amf3Values(n)
	return VectorObject{Fixed: fixed != 0, TypeName: name, Items: items}, err
}

// amf3Dictionary reads AMF 3 §3.16:
//
//	dictionary-type = dictionary-marker (U29O-ref | (U29Dict-value
//	                  weak-keys *(entry-key entry-value)))
//
// U29Dict-value >> 1 is the entry count, weak-keys a U8 (non-zero: weak),
// and keys and values are any value-type.
func (d *Decoder) amf3Dictionary() (Value, error) {
	n, ref, err := d.amf3Header(amf3Dictionary)
	if err != nil || ref {
		return ObjectRef(n), err
	}
	weak, err := d.readByte()
	if err != nil {
		return nil, err
	}
	count, err := d.reserve(n, 2)
	if err != nil {
		return nil, err
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	dict := Dictionary{WeakKeys: weak != 0}
	if count > 0 {
		dict.Entries = make([]DictionaryEntry, count)
	}
	for i := range dict.Entries {
		e := &dict.Entries[i]
		if e.Key, err = d.DecodeAMF3(); err != nil {
			return nil, err
		}
		if e.Value, err = d.DecodeAMF3(); err != nil {
			return nil, err
		}
	}
	return dict, nil
}
