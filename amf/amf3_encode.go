package amf

import "encoding/binary"

// amf3 appends the AMF 3 encoding of v (AMF 3 §3). AMF 0-only types
// (Object, ECMAArray, StrictArray, TypedObject, Reference, Unsupported)
// have no AMF 3 form.
func (e *Encoder) amf3(dst []byte, v Value, depth int) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(dst, amf3Null), nil
	case Undefined:
		return append(dst, amf3Undefined), nil
	case bool:
		if v {
			return append(dst, amf3True), nil
		}
		return append(dst, amf3False), nil
	case int32:
		if v < minInt29 || v > maxInt29 { // §3.6: out of range goes as a double
			return appendDouble(append(dst, amf3Double), float64(v)), nil
		}
		return appendU29(append(dst, amf3Integer), uint32(v)&u29Max), nil
	case float64:
		return appendDouble(append(dst, amf3Double), v), nil
	case string:
		return e.appendString3(append(dst, amf3String), v)
	case XMLDocument:
		return e.appendText3(dst, amf3XMLDocument, string(v))
	case XML:
		return e.appendText3(dst, amf3XML, string(v))
	case ByteArray:
		return e.appendText3(dst, amf3ByteArray, string(v))
	case Date:
		// §3.10: U29D-value is the inline flag alone; the time zone has no
		// AMF 3 field and is dropped.
		dst = e.startObject(dst, amf3Date, 0)
		return appendDouble(dst, v.Millis), nil
	case ObjectRef:
		return e.appendObjectRef(dst, v)
	case Array:
		return e.appendArray(dst, v, depth)
	case Object3:
		return e.appendObject3(dst, v, depth)
	case VectorInt:
		return appendVector32(e, dst, amf3VectorInt, v.Fixed, v.Items)
	case VectorUint:
		return appendVector32(e, dst, amf3VectorUint, v.Fixed, v.Items)
	case VectorDouble:
		return e.appendVectorDouble(dst, v)
	case VectorObject:
		return e.appendVectorObject(dst, v, depth)
	case Dictionary:
		return e.appendDictionary(dst, v, depth)
	default:
		return dst, unencodable("%T has no AMF 3 type", v)
	}
}

// startObject writes marker m and the inline header U29 (n << 1 | 1) of a
// complex value, taking its object table index (§3.9 - §3.16). n must be
// at most maxU29Count.
func (e *Encoder) startObject(dst []byte, m byte, n int) []byte {
	e.objects = append(e.objects, m)
	return appendU29(append(dst, m), uint32(n)<<1|1)
}

// appendObjectRef writes U29O-ref (index << 1) after the marker of the value
// it names, which the object table remembers.
func (e *Encoder) appendObjectRef(dst []byte, r ObjectRef) ([]byte, error) {
	if uint64(r) >= uint64(len(e.objects)) {
		return dst, referenceError("AMF 3 object reference %d, table has %d", r, len(e.objects))
	}
	return appendU29(append(dst, e.objects[r]), uint32(r)<<1), nil
}

func checkCount(what string, n int) error {
	if n > maxU29Count {
		return unencodable("%s of %d, AMF 3 allows %d", what, n, maxU29Count)
	}
	return nil
}

// appendString3 writes UTF-8-vr (§1.3.2): a string reference when s was
// written before, else its length and bytes, adding s to the table. The
// empty string is always the inline 0x01 and never enters the table.
func (e *Encoder) appendString3(dst []byte, s string) ([]byte, error) {
	if s == "" {
		return append(dst, 0x01), nil
	}
	if i, ok := e.strings[s]; ok {
		return appendU29(dst, uint32(i)<<1), nil
	}
	if err := checkCount("string length", len(s)); err != nil {
		return dst, err
	}
	if e.strings == nil {
		e.strings = make(map[string]int)
	}
	e.strings[s] = len(e.strings)
	return append(appendU29(dst, uint32(len(s))<<1|1), s...), nil
}

// appendText3 writes XMLDocument, XML or ByteArray: the inline header with
// the byte length, then the bytes (§3.9, §3.13, §3.14).
func (e *Encoder) appendText3(dst []byte, m byte, s string) ([]byte, error) {
	if err := checkCount("length", len(s)); err != nil {
		return dst, err
	}
	return append(e.startObject(dst, m, len(s)), s...), nil
}

// appendArray writes §3.11: dense count, associative pairs ended by the
// empty string, dense values.
func (e *Encoder) appendArray(dst []byte, a Array, depth int) ([]byte, error) {
	if err := checkDepth(depth); err != nil {
		return dst, err
	}
	if err := checkCount("dense array", len(a.Dense)); err != nil {
		return dst, err
	}
	dst = e.startObject(dst, amf3Array, len(a.Dense))
	dst, err := e.appendMembers(dst, a.Assoc, depth)
	if err != nil {
		return dst, err
	}
	return e.appendValues(dst, a.Dense, depth)
}

// appendMembers writes name/value pairs and the closing empty string.
func (e *Encoder) appendMembers(dst []byte, props []Property, depth int) ([]byte, error) {
	var err error
	for _, p := range props {
		if p.Key == "" {
			return dst, unencodable("empty member name (it ends the member list)")
		}
		if dst, err = e.appendString3(dst, p.Key); err != nil {
			return dst, err
		}
		if dst, err = e.amf3(dst, p.Value, depth+1); err != nil {
			return dst, err
		}
	}
	return append(dst, 0x01), nil
}

func (e *Encoder) appendValues(dst []byte, items []Value, depth int) ([]byte, error) {
	var err error
	for _, item := range items {
		if dst, err = e.amf3(dst, item, depth+1); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// appendObject3 writes §3.12 (see Decoder.amf3Object for the header forms):
// a traits reference when this *Traits was written before, else inline
// traits; then the sealed values and, for dynamic traits, the dynamic
// members ended by the empty string.
func (e *Encoder) appendObject3(dst []byte, o Object3, depth int) ([]byte, error) {
	t := o.Traits
	switch {
	case t == nil:
		return dst, unencodable("Object3 without traits")
	case t.Externalizable:
		return dst, ErrExternalizable
	case len(o.Sealed) != len(t.Members):
		return dst, unencodable("Object3 with %d sealed values for %d members", len(o.Sealed), len(t.Members))
	case !t.Dynamic && len(o.Dynamic) > 0:
		return dst, unencodable("dynamic members on an Object3 whose traits are not dynamic")
	case len(t.Members) > u29Max>>4:
		return dst, unencodable("traits of %d members", len(t.Members))
	}
	if err := checkDepth(depth); err != nil {
		return dst, err
	}
	e.objects = append(e.objects, amf3Object)
	dst = append(dst, amf3Object)
	dst, err := e.appendTraits(dst, t)
	if err != nil {
		return dst, err
	}
	if dst, err = e.appendValues(dst, o.Sealed, depth); err != nil {
		return dst, err
	}
	if !t.Dynamic {
		return dst, nil
	}
	return e.appendMembers(dst, o.Dynamic, depth)
}

// appendTraits writes U29O-traits-ref (index << 2 | 0b01) or U29O-traits
// (count << 4 | dynamic << 3 | 0b011) with the class and member names.
func (e *Encoder) appendTraits(dst []byte, t *Traits) ([]byte, error) {
	if i, ok := e.traits[t]; ok {
		return appendU29(dst, uint32(i)<<2|0x01), nil
	}
	if e.traits == nil {
		e.traits = make(map[*Traits]int)
	}
	e.traits[t] = len(e.traits)
	flags := uint32(len(t.Members))<<4 | 0x03
	if t.Dynamic {
		flags |= 0x08
	}
	dst, err := e.appendString3(appendU29(dst, flags), t.Class)
	if err != nil {
		return dst, err
	}
	for _, m := range t.Members {
		if dst, err = e.appendString3(dst, m); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// appendVector32 writes Vector.<int> or Vector.<uint> (§3.15): count,
// fixed-vector U8, big-endian 32-bit items.
func appendVector32[T int32 | uint32](e *Encoder, dst []byte, m byte, fixed bool, items []T) ([]byte, error) {
	if err := checkCount("vector", len(items)); err != nil {
		return dst, err
	}
	dst = append(e.startObject(dst, m, len(items)), boolByte(fixed))
	for _, x := range items {
		dst = binary.BigEndian.AppendUint32(dst, uint32(x))
	}
	return dst, nil
}

// appendVectorDouble writes Vector.<Number> (§3.15).
func (e *Encoder) appendVectorDouble(dst []byte, v VectorDouble) ([]byte, error) {
	if err := checkCount("vector", len(v.Items)); err != nil {
		return dst, err
	}
	dst = append(e.startObject(dst, amf3VectorDouble, len(v.Items)), boolByte(v.Fixed))
	for _, f := range v.Items {
		dst = appendDouble(dst, f)
	}
	return dst, nil
}

// appendVectorObject writes Vector.<T> (§3.15): count, fixed-vector,
// object-type-name, items.
func (e *Encoder) appendVectorObject(dst []byte, v VectorObject, depth int) ([]byte, error) {
	if err := checkDepth(depth); err != nil {
		return dst, err
	}
	if err := checkCount("vector", len(v.Items)); err != nil {
		return dst, err
	}
	dst = append(e.startObject(dst, amf3VectorObject, len(v.Items)), boolByte(v.Fixed))
	dst, err := e.appendString3(dst, v.TypeName)
	if err != nil {
		return dst, err
	}
	return e.appendValues(dst, v.Items, depth)
}

// appendDictionary writes §3.16: entry count, weak-keys U8, key/value pairs.
func (e *Encoder) appendDictionary(dst []byte, v Dictionary, depth int) ([]byte, error) {
	if err := checkDepth(depth); err != nil {
		return dst, err
	}
	if err := checkCount("dictionary", len(v.Entries)); err != nil {
		return dst, err
	}
	dst = append(e.startObject(dst, amf3Dictionary, len(v.Entries)), boolByte(v.WeakKeys))
	var err error
	for _, entry := range v.Entries {
		if dst, err = e.amf3(dst, entry.Key, depth+1); err != nil {
			return dst, err
		}
		if dst, err = e.amf3(dst, entry.Value, depth+1); err != nil {
			return dst, err
		}
	}
	return dst, nil
}
