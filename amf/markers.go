package amf

// AMF 0 type markers (AMF 0 §2.1).
const (
	amf0Number      = 0x00
	amf0Boolean     = 0x01
	amf0String      = 0x02
	amf0Object      = 0x03
	amf0MovieClip   = 0x04 // reserved, not supported
	amf0Null        = 0x05
	amf0Undefined   = 0x06
	amf0Reference   = 0x07
	amf0ECMAArray   = 0x08
	amf0ObjectEnd   = 0x09
	amf0StrictArray = 0x0A
	amf0Date        = 0x0B
	amf0LongString  = 0x0C
	amf0Unsupported = 0x0D
	amf0RecordSet   = 0x0E // reserved, not supported
	amf0XMLDocument = 0x0F
	amf0TypedObject = 0x10
	amf0AVMPlus     = 0x11 // switch to AMF 3 (AMF 0 §3.1)
)

// AMF 3 type markers (AMF 3 §3.1).
const (
	amf3Undefined    = 0x00
	amf3Null         = 0x01
	amf3False        = 0x02
	amf3True         = 0x03
	amf3Integer      = 0x04
	amf3Double       = 0x05
	amf3String       = 0x06
	amf3XMLDocument  = 0x07
	amf3Date         = 0x08
	amf3Array        = 0x09
	amf3Object       = 0x0A
	amf3XML          = 0x0B
	amf3ByteArray    = 0x0C
	amf3VectorInt    = 0x0D
	amf3VectorUint   = 0x0E
	amf3VectorDouble = 0x0F
	amf3VectorObject = 0x10
	amf3Dictionary   = 0x11
)

// Ranges of the AMF 3 variable-length integer (AMF 3 §1.3.1, §3.6).
const (
	u29Max = 1<<29 - 1 // largest U29
	// maxU29Count is the largest count or length a U29 can carry next to
	// its one flag bit (U29 >> 1).
	maxU29Count = 1<<28 - 1
	minInt29    = -1 << 28 // smallest integer-type value
	maxInt29    = 1<<28 - 1
)
