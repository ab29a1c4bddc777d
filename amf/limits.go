package amf

// Default limits, used for each Limits field left zero.
const (
	// DefaultMaxDepth bounds container nesting (AMF 0 and AMF 3 together).
	// Real commands nest two or three levels (a connect object holding a
	// fourCcList array); 64 leaves room for application data while keeping
	// the decoder's recursion, and so its stack, small.
	DefaultMaxDepth = 64

	// DefaultMaxElements bounds the elements or properties of one container.
	// The largest legitimate containers are the keyframe index arrays some
	// muxers put in onMetaData (one entry per keyframe: a three-hour
	// recording with a 1 s GOP has about 11 000); 64 Ki leaves headroom.
	DefaultMaxElements = 1 << 16

	// DefaultMaxStringLen bounds one string, XML text or byte array. AMF 0
	// strings stop at 64 KiB by construction; long strings, XML and byte
	// arrays are bounded at 1 MiB, above the XMP packets of onMetaData (tens
	// of KiB), the largest strings seen in RTMP bodies.
	DefaultMaxStringLen = 1 << 20

	// DefaultMaxTotal bounds the decoded size of one Decoder, in units: one
	// per container element or property, one per byte of every string, key,
	// XML text and byte array, whether read inline or through an AMF 3
	// string reference. References cost a byte or two of input but name
	// strings of up to MaxStringLen bytes, so without this budget a small
	// message could stand for gigabytes of text. 4 Mi is far above any real
	// command or metadata body (a connect object is a few hundred units).
	DefaultMaxTotal = 1 << 22
)

// Limits bound what a Decoder accepts. The zero value means the defaults;
// each zero (or negative) field takes its Default constant.
type Limits struct {
	MaxDepth     int // nesting depth of containers; default DefaultMaxDepth
	MaxElements  int // elements/properties in one container; default DefaultMaxElements
	MaxStringLen int // bytes in one string, XML text or byte array; default DefaultMaxStringLen
	MaxTotal     int // decoded units in the whole decode (see DefaultMaxTotal); default DefaultMaxTotal
}

// withDefaults returns l with every unset field replaced by its default.
func (l Limits) withDefaults() Limits {
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultMaxElements
	}
	if l.MaxStringLen <= 0 {
		l.MaxStringLen = DefaultMaxStringLen
	}
	if l.MaxTotal <= 0 {
		l.MaxTotal = DefaultMaxTotal
	}
	return l
}
