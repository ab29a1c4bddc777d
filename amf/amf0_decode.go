package amf

import "fmt"

// DecodeAMF0 decodes one AMF 0 value. An avmplus-object-marker (0x11)
// switches to AMF 3 for exactly one value (AMF 0 §3.1), which is returned in
// its AMF 3 type.
func (d *Decoder) DecodeAMF0() (Value, error) {
	m, err := d.readByte()
	if err != nil {
		return nil, err
	}
	return d.amf0Value(m)
}

// amf0Value decodes the value after marker m (AMF 0 §2.1):
//
//	value-type = number-type | boolean-type | string-type | object-type
//	           | null-marker | undefined-marker | reference-type
//	           | ecma-array-type | strict-array-type | date-type
//	           | long-string-type | xml-document-type | typed-object-type
func (d *Decoder) amf0Value(m byte) (Value, error) {
	switch m {
	case amf0Number: // §2.2: number-marker DOUBLE
		return d.readDouble()
	case amf0Boolean: // §2.3: boolean-marker U8, 0 is false, non-zero true
		b, err := d.readByte()
		return b != 0, err
	case amf0String: // §2.4: string-marker UTF-8 (U16 length)
		return d.amf0UTF8()
	case amf0LongString: // §2.14: long-string-marker UTF-8-long (U32 length)
		return d.amf0UTF8Long()
	case amf0XMLDocument: // §2.17: xml-document-marker UTF-8-long
		s, err := d.amf0UTF8Long()
		return XMLDocument(s), err
	case amf0Null: // §2.7
		return nil, nil
	case amf0Undefined: // §2.8
		return Undefined{}, nil
	case amf0Unsupported: // §2.15
		return Unsupported{}, nil
	case amf0Reference: // §2.9: reference-marker U16
		return d.amf0Reference()
	case amf0Date: // §2.13: date-marker DOUBLE time-zone(S16)
		return d.amf0Date()
	case amf0Object: // §2.5
		props, err := d.amf0Container()
		return Object(props), err
	case amf0ECMAArray: // §2.10
		return d.amf0ECMAArray()
	case amf0StrictArray: // §2.12
		return d.amf0StrictArray()
	case amf0TypedObject: // §2.18
		return d.amf0TypedObject()
	case amf0AVMPlus: // §3.1
		return d.DecodeAMF3()
	case amf0MovieClip, amf0RecordSet: // §2.6, §2.16
		return nil, fmt.Errorf("%w: reserved AMF 0 marker 0x%02x", ErrMarker, m)
	case amf0ObjectEnd: // §2.11: only valid after an empty property name
		return nil, fmt.Errorf("%w: object-end outside an object", ErrMarker)
	default:
		return nil, fmt.Errorf("%w: AMF 0 marker 0x%02x", ErrMarker, m)
	}
}

// amf0UTF8 reads UTF-8 = U16 *(UTF8-char) (AMF 0 §1.3).
func (d *Decoder) amf0UTF8() (string, error) {
	n, err := d.readU16()
	if err != nil {
		return "", err
	}
	return d.readText(int(n))
}

// amf0UTF8Long reads UTF-8-long = U32 *(UTF8-char) (AMF 0 §1.3).
func (d *Decoder) amf0UTF8Long() (string, error) {
	n, err := d.readU32()
	if err != nil {
		return "", err
	}
	if uint64(n) > uint64(d.lim.MaxStringLen) {
		return "", fmt.Errorf("%w: %d bytes, MaxStringLen is %d", ErrLimit, n, d.lim.MaxStringLen)
	}
	return d.readText(int(n))
}

// amf0Reference reads a reference to an earlier complex value. AMF 0 §2.9:
// objects, typed objects, ECMA arrays and strict arrays are numbered from 0
// in the order they start, so the index must name one already started
// (possibly one still being read: a self-reference).
func (d *Decoder) amf0Reference() (Value, error) {
	idx, err := d.readU16()
	if err != nil {
		return nil, err
	}
	if int(idx) >= d.amf0Refs {
		return nil, fmt.Errorf("%w: AMF 0 reference %d, %d complex values so far", ErrReference, idx, d.amf0Refs)
	}
	return Reference(idx), nil
}

// amf0Date reads AMF 0 §2.13: date-marker DOUBLE time-zone, where the
// DOUBLE is milliseconds since the Unix epoch in UTC and time-zone an S16
// the spec says to send as 0x0000 (kept as read).
func (d *Decoder) amf0Date() (Value, error) {
	ms, err := d.readDouble()
	if err != nil {
		return nil, err
	}
	tz, err := d.readU16()
	return Date{Millis: ms, TimeZone: int16(tz)}, err
}

// amf0Container starts a new complex value (taking the next AMF 0
// reference index) and reads its properties.
func (d *Decoder) amf0Container() ([]Property, error) {
	d.amf0Refs++
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	return d.amf0Properties()
}

// amf0Properties reads properties up to the object end (AMF 0 §2.5, §2.11):
//
//	object-property = (UTF-8 value-type) | (UTF-8-empty object-end-marker)
//
// An empty name must be followed by the object-end-marker.
func (d *Decoder) amf0Properties() ([]Property, error) {
	var props []Property
	for {
		key, err := d.amf0UTF8()
		if err != nil {
			return props, err
		}
		m, err := d.readByte()
		if err != nil {
			return props, err
		}
		if key == "" {
			if m != amf0ObjectEnd {
				return props, fmt.Errorf("%w: empty property name not followed by object-end", ErrMarker)
			}
			return props, nil
		}
		if err := d.grow(len(props)); err != nil {
			return props, err
		}
		v, err := d.amf0Value(m)
		if err != nil {
			return props, err
		}
		props = append(props, Property{Key: key, Value: v})
	}
}

// amf0ECMAArray reads AMF 0 §2.10:
//
//	ecma-array-type = associative-count(U32) *(object-property)
//
// The count is only a hint (encoders get it wrong): properties are read up
// to the object end, bounded like any open-ended container.
func (d *Decoder) amf0ECMAArray() (Value, error) {
	if _, err := d.readU32(); err != nil {
		return nil, err
	}
	props, err := d.amf0Container()
	return ECMAArray(props), err
}

// amf0StrictArray reads AMF 0 §2.12:
//
//	strict-array-type = array-count(U32) *(value-type)
func (d *Decoder) amf0StrictArray() (Value, error) {
	n, err := d.readU32()
	if err != nil {
		return nil, err
	}
	d.amf0Refs++
	count, err := d.reserve(n, 1)
	if err != nil {
		return nil, err
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	if count == 0 {
		return StrictArray(nil), nil
	}
	items := make(StrictArray, count)
	for i := range items {
		if items[i], err = d.DecodeAMF0(); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// amf0TypedObject reads AMF 0 §2.18:
//
//	typed-object-type = class-name(UTF-8) *(object-property) object-end-type
func (d *Decoder) amf0TypedObject() (Value, error) {
	d.amf0Refs++
	class, err := d.amf0UTF8()
	if err != nil {
		return nil, err
	}
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer d.leave()
	props, err := d.amf0Properties()
	return TypedObject{Class: class, Properties: props}, err
}
