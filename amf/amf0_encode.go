package amf

import "math"

// amf0 appends the AMF 0 encoding of v (AMF 0 §2). Values of AMF 3-only
// types are written as avmplus-object-marker then the AMF 3 value (§3.1).
func (e *Encoder) amf0(dst []byte, v Value, depth int) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(dst, amf0Null), nil
	case Undefined:
		return append(dst, amf0Undefined), nil
	case Unsupported:
		return append(dst, amf0Unsupported), nil
	case bool:
		return append(dst, amf0Boolean, boolByte(v)), nil
	case float64:
		return appendDouble(append(dst, amf0Number), v), nil
	case string:
		return appendAMF0String(dst, v)
	case XMLDocument:
		return appendAMF0Long(append(dst, amf0XMLDocument), string(v))
	case Date:
		dst = appendDouble(append(dst, amf0Date), v.Millis)
		return appendU16(dst, uint16(v.TimeZone)), nil
	case Reference:
		if int(v) >= e.amf0Refs {
			return dst, referenceError("AMF 0 reference %d, %d complex values so far", v, e.amf0Refs)
		}
		return appendU16(append(dst, amf0Reference), uint16(v)), nil
	case Object:
		e.amf0Refs++
		return e.amf0Properties(append(dst, amf0Object), v, depth)
	case ECMAArray:
		e.amf0Refs++
		if uint64(len(v)) > math.MaxUint32 {
			return dst, unencodable("ECMA array of %d properties", len(v))
		}
		dst = appendU32(append(dst, amf0ECMAArray), uint32(len(v)))
		return e.amf0Properties(dst, v, depth)
	case StrictArray:
		return e.amf0StrictArray(dst, v, depth)
	case TypedObject:
		e.amf0Refs++
		dst, err := appendAMF0Key(append(dst, amf0TypedObject), v.Class)
		if err != nil {
			return dst, err
		}
		return e.amf0Properties(dst, v.Properties, depth)
	case int32, XML, ByteArray, Array, Object3, VectorInt, VectorUint, VectorDouble, VectorObject, Dictionary, ObjectRef:
		return e.amf3(append(dst, amf0AVMPlus), v, depth)
	default:
		return dst, unencodable("%T has no AMF type", v)
	}
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// appendAMF0String writes a string value: string-marker and a U16 length up
// to 65535 bytes (§2.4), long-string-marker and a U32 length beyond (§2.14).
func appendAMF0String(dst []byte, s string) ([]byte, error) {
	if len(s) <= math.MaxUint16 {
		dst = appendU16(append(dst, amf0String), uint16(len(s)))
		return append(dst, s...), nil
	}
	return appendAMF0Long(append(dst, amf0LongString), s)
}

// appendAMF0Long writes UTF-8-long: a U32 length then the bytes.
func appendAMF0Long(dst []byte, s string) ([]byte, error) {
	if uint64(len(s)) > math.MaxUint32 {
		return dst, unencodable("string of %d bytes", len(s))
	}
	return append(appendU32(dst, uint32(len(s))), s...), nil
}

// appendAMF0Key writes UTF-8 (U16 length): property names and class names
// have no long form, so longer ones cannot be sent.
func appendAMF0Key(dst []byte, s string) ([]byte, error) {
	if len(s) > math.MaxUint16 {
		return dst, unencodable("name of %d bytes, AMF 0 allows %d", len(s), math.MaxUint16)
	}
	return append(appendU16(dst, uint16(len(s))), s...), nil
}

// amf0Properties writes the properties of an object, ECMA array or typed
// object and the object end: UTF-8-empty object-end-marker (§2.5, §2.11).
func (e *Encoder) amf0Properties(dst []byte, props []Property, depth int) ([]byte, error) {
	if err := checkDepth(depth); err != nil {
		return dst, err
	}
	var err error
	for _, p := range props {
		if p.Key == "" {
			return dst, unencodable("empty property name (it marks the object end)")
		}
		if dst, err = appendAMF0Key(dst, p.Key); err != nil {
			return dst, err
		}
		if dst, err = e.amf0(dst, p.Value, depth+1); err != nil {
			return dst, err
		}
	}
	return append(dst, 0x00, 0x00, amf0ObjectEnd), nil
}

// amf0StrictArray writes strict-array-marker array-count(U32) *(value-type)
// (§2.12).
func (e *Encoder) amf0StrictArray(dst []byte, items StrictArray, depth int) ([]byte, error) {
	e.amf0Refs++
	if err := checkDepth(depth); err != nil {
		return dst, err
	}
	if uint64(len(items)) > math.MaxUint32 {
		return dst, unencodable("strict array of %d items", len(items))
	}
	dst = appendU32(append(dst, amf0StrictArray), uint32(len(items)))
	var err error
	for _, item := range items {
		if dst, err = e.amf0(dst, item, depth+1); err != nil {
			return dst, err
		}
	}
	return dst, nil
}
