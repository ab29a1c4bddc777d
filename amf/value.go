package amf

// Value is one decoded AMF value. The concrete types are:
//
//	nil            null (AMF0 0x05, AMF3 0x01)
//	Undefined      undefined (AMF0 0x06, AMF3 0x00)
//	Unsupported    AMF0 unsupported (0x0D)
//	bool           AMF0 boolean (0x01); AMF3 false/true (0x02/0x03)
//	float64        AMF0 number (0x00); AMF3 double (0x05)
//	int32          AMF3 integer (0x04), a 29-bit signed value
//	string         AMF0 string/long string (0x02/0x0C); AMF3 string (0x06)
//	Object         AMF0 anonymous object (0x03): ordered properties
//	ECMAArray      AMF0 ECMA array (0x08): ordered properties
//	StrictArray    AMF0 strict array (0x0A)
//	TypedObject    AMF0 typed object (0x10)
//	Date           AMF0 date (0x0B); AMF3 date (0x08)
//	XMLDocument    AMF0 XML document (0x0F); AMF3 XMLDocument (0x07)
//	Reference      AMF0 reference (0x07) to an earlier complex value
//	XML            AMF3 XML (0x0B)
//	ByteArray      AMF3 byte array (0x0C)
//	Array          AMF3 array (0x09): associative and dense parts
//	Object3        AMF3 object (0x0A)
//	VectorInt      AMF3 vector of int (0x0D)
//	VectorUint     AMF3 vector of uint (0x0E)
//	VectorDouble   AMF3 vector of double (0x0F)
//	VectorObject   AMF3 vector of object (0x10)
//	Dictionary     AMF3 dictionary (0x11)
//	ObjectRef      AMF3 reference to an earlier complex value (object table index)
//
// Values of the AMF3-only types written into an AMF0 stream are wrapped in the
// avmplus-object marker (AMF0 0x11), so decoding what was encoded gives the
// same value back.
type Value = any

// Property is one key/value pair of an object or associative array. Order is
// kept: some peers care about it.
type Property struct {
	Key   string
	Value Value
}

// Object is an AMF0 anonymous object, properties in wire order.
type Object []Property

// ECMAArray is an AMF0 ECMA (associative) array, properties in wire order.
type ECMAArray []Property

// StrictArray is an AMF0 strict (dense) array.
type StrictArray []Value

// TypedObject is an AMF0 typed object: a class name and its properties.
type TypedObject struct {
	Class      string
	Properties []Property
}

// Date is a point in time in milliseconds since the Unix epoch (UTC). TimeZone
// is the AMF0 time-zone field, which the spec says to send as 0 and ignore.
type Date struct {
	Millis   float64
	TimeZone int16
}

// XMLDocument is an AMF0 XML document (0x0F) or AMF3 XMLDocument (0x07).
type XMLDocument string

// Reference is an AMF0 reference (0x07): the index of an earlier object,
// typed object, ECMA array or strict array in the same AMF0 context.
type Reference uint16

// Undefined is the undefined value.
type Undefined struct{}

// Unsupported is the AMF0 unsupported marker (0x0D).
type Unsupported struct{}

// XML is an AMF3 XML value (0x0B, E4X).
type XML string

// ByteArray is an AMF3 byte array (0x0C).
type ByteArray []byte

// Array is an AMF3 array (0x09): an associative part, in wire order, then a
// dense part.
type Array struct {
	Assoc []Property
	Dense []Value
}

// Traits describe an AMF3 object's class.
type Traits struct {
	Class          string
	Dynamic        bool
	Externalizable bool
	Members        []string // sealed member names, in wire order
}

// Object3 is an AMF3 object (0x0A). Sealed holds one value per Traits.Members
// entry; Dynamic holds the dynamic members (only when Traits.Dynamic).
type Object3 struct {
	Traits  *Traits
	Sealed  []Value
	Dynamic []Property
}

// VectorInt is an AMF3 Vector.<int> (0x0D).
type VectorInt struct {
	Fixed bool
	Items []int32
}

// VectorUint is an AMF3 Vector.<uint> (0x0E).
type VectorUint struct {
	Fixed bool
	Items []uint32
}

// VectorDouble is an AMF3 Vector.<Number> (0x0F).
type VectorDouble struct {
	Fixed bool
	Items []float64
}

// VectorObject is an AMF3 Vector.<T> for an object type T (0x10).
type VectorObject struct {
	Fixed    bool
	TypeName string // "*" for any
	Items    []Value
}

// DictionaryEntry is one key/value pair of an AMF3 dictionary.
type DictionaryEntry struct {
	Key   Value
	Value Value
}

// Dictionary is an AMF3 dictionary (0x11).
type Dictionary struct {
	WeakKeys bool
	Entries  []DictionaryEntry
}

// ObjectRef is an AMF3 object reference (the U29O-ref form): the index into
// the object reference table of the same AMF3 context. Decoders return it as
// is, rather than aliasing the earlier value, so that a hostile stream cannot
// build cycles or exponential fan-out, and so that encoding gives the same
// bytes back.
type ObjectRef uint32
