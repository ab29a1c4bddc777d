package message

import "fmt"

// Media is an audio (8), video (9) or aggregate (22) message (RTMP 1.0
// §7.1.4-7.1.6). Audio and video payloads are FLV tag bodies, left untouched
// for package flv; an aggregate payload is split by [Aggregate].
type Media struct {
	TypeID  Type   // TypeAudio, TypeVideo or TypeAggregate
	Payload []byte // aliases the parsed payload
}

func isMedia(t Type) bool {
	return t == TypeAudio || t == TypeVideo || t == TypeAggregate
}

// Type returns m.TypeID.
func (m Media) Type() Type { return m.TypeID }

// AppendPayload appends the payload; a TypeID other than audio, video or
// aggregate is ErrInvalid.
func (m Media) AppendPayload(dst []byte) ([]byte, error) {
	if !isMedia(m.TypeID) {
		return dst, fmt.Errorf("message: media with type %v: %w", m.TypeID, ErrInvalid)
	}
	return append(dst, m.Payload...), nil
}
