package flv

// TagType is the FLV tag type (FLV v10.1, E.4.1), which is also the RTMP
// message type id of the same payload.
type TagType uint8

// Tag types.
const (
	TagAudio  TagType = 8
	TagVideo  TagType = 9
	TagScript TagType = 18
)

// Tag is one FLV tag: the media unit shared by every layer above flv. Its
// Data is exactly the body of the RTMP audio, video or data message that
// carries it, so a tag moves from RTMP to FLV files, HTTP-FLV and back
// without copying.
type Tag struct {
	Type      TagType
	Timestamp uint32 // milliseconds, the full 32 bits (Timestamp plus TimestampExtended)
	Data      []byte // tag body: audio/video tag header and payload, or AMF0 script data
}
