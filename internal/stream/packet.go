package stream

import (
	"bytes"

	"github.com/sluicemedia/sluice/flv"
)

// Packet is one tag as the hub hands it out: classified once when the
// publisher writes it, then shared by pointer with every subscriber, the
// cache and every output. A Packet is immutable: neither the hub nor any
// user may modify it or the bytes of its Data. Outputs that need a wire
// form store it with Encoded, so the work is done once for all of them.
type Packet struct {
	tag   flv.Tag
	kind  packetKind
	seq   uint64 // position in its stream, from 1; 0 for copies made for a join burst
	cache encodings
}

// packetKind holds what the publisher's classification found.
type packetKind uint8

const (
	kindKeyframe packetKind = 1 << iota
	kindSequenceHeader
	kindMetadata
)

// onMetaData is the AMF0 string "onMetaData" as it starts a script tag
// body: string marker 0x02, UI16 length 10, the characters (AMF0 §2.4,
// FLV v10.1 §E.5 onMetaData). The server strips a leading @setDataFrame
// before the tag reaches the hub.
var onMetaData = []byte("\x02\x00\x0aonMetaData")

// NewPacket classifies tag and wraps it in a Packet. The Packet keeps
// tag.Data: the caller must not modify those bytes afterwards. Publisher
// Write calls it; outputs and their tests may call it to build packets of
// their own.
func NewPacket(tag flv.Tag) *Packet {
	return &Packet{tag: tag, kind: classify(tag)}
}

// classify reads the tag's header once. Tags whose header does not parse
// are forwarded as they are, but neither cached nor counted as keyframes.
func classify(tag flv.Tag) packetKind {
	switch tag.Type {
	case flv.TagScript:
		if bytes.HasPrefix(tag.Data, onMetaData) {
			return kindMetadata
		}
	case flv.TagAudio:
		if flv.IsSequenceHeader(tag) {
			return kindSequenceHeader
		}
	case flv.TagVideo:
		h, err := flv.ParseVideoHeader(tag.Data)
		switch {
		case err != nil:
		case h.IsSequenceHeader():
			return kindSequenceHeader
		case h.IsKeyframe():
			return kindKeyframe
		}
	}
	return 0
}

// Tag returns the packet's tag. Its Data is shared: do not modify it.
func (p *Packet) Tag() flv.Tag { return p.tag }

// Type returns the tag type.
func (p *Packet) Type() flv.TagType { return p.tag.Type }

// Timestamp returns the tag's timestamp in milliseconds: the publisher's
// absolute timestamp, the same for every subscriber.
func (p *Packet) Timestamp() uint32 { return p.tag.Timestamp }

// Data returns the tag body. It is shared: do not modify it.
func (p *Packet) Data() []byte { return p.tag.Data }

// IsKeyframe reports a video keyframe that is not a sequence header: a
// point where a decoder can start.
func (p *Packet) IsKeyframe() bool { return p.kind&kindKeyframe != 0 }

// IsSequenceHeader reports an audio or video decoder configuration (AVC or
// AAC sequence header, Enhanced RTMP SequenceStart, multitrack included).
func (p *Packet) IsSequenceHeader() bool { return p.kind&kindSequenceHeader != 0 }

// IsMetadata reports a script tag named onMetaData.
func (p *Packet) IsMetadata() bool { return p.kind&kindMetadata != 0 }

// isFrame reports audio or video that is not a sequence header: what the
// GOP cache holds and what the drop policy may drop.
func (p *Packet) isFrame(t flv.TagType) bool {
	return p.tag.Type == t && p.kind&kindSequenceHeader == 0
}

// isMedia reports an audio or video packet.
func (p *Packet) isMedia() bool {
	return p.tag.Type == flv.TagAudio || p.tag.Type == flv.TagVideo
}

// at returns p with timestamp ts: p itself when it already has it, else a
// fresh copy with its own (empty) encoding cache, outside the stream's
// sequence.
func (p *Packet) at(ts uint32) *Packet {
	if p.tag.Timestamp == ts {
		return p
	}
	tag := p.tag
	tag.Timestamp = ts
	return &Packet{tag: tag, kind: p.kind}
}
