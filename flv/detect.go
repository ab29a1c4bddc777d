package flv

// Frame classification for the layers above: which tags start a GOP, which
// carry decoder configuration to cache for late joiners, which end a
// sequence. Each works for legacy codecs (H.263, screen video, VP6, AVC,
// AAC and the other sound formats), for every Enhanced RTMP FourCC, and for
// multitrack messages, whose tracks share one packet type. Tags whose
// header does not parse are none of these.

// IsKeyframe reports whether t is a video tag carrying a coded keyframe: a
// key frame (or a server-generated one) that holds picture data. Sequence
// headers, ends of sequence, metadata and command frames are not
// keyframes, even when their frame type says key frame.
func IsKeyframe(t Tag) bool {
	if t.Type != TagVideo {
		return false
	}
	h, err := ParseVideoHeader(t.Data)
	return err == nil && h.IsKeyframe()
}

// IsSequenceHeader reports whether t carries decoder configuration: an AAC
// or AVC sequence header (packet type 0), or an Enhanced RTMP
// SequenceStart or MPEG2TSSequenceStart, multitrack included.
func IsSequenceHeader(t Tag) bool {
	switch t.Type {
	case TagAudio:
		h, err := ParseAudioHeader(t.Data)
		return err == nil && h.IsSequenceHeader()
	case TagVideo:
		h, err := ParseVideoHeader(t.Data)
		return err == nil && h.IsSequenceHeader()
	}
	return false
}

// IsSequenceEnd reports whether t ends a sequence: an AVC end of sequence,
// or an Enhanced RTMP audio or video SequenceEnd.
func IsSequenceEnd(t Tag) bool {
	switch t.Type {
	case TagAudio:
		h, err := ParseAudioHeader(t.Data)
		return err == nil && h.IsSequenceEnd()
	case TagVideo:
		h, err := ParseVideoHeader(t.Data)
		return err == nil && h.IsSequenceEnd()
	}
	return false
}

// IsKeyframe reports a coded keyframe; see the function IsKeyframe.
func (h VideoHeader) IsKeyframe() bool {
	if h.FrameType != FrameTypeKey && h.FrameType != FrameTypeGeneratedKey {
		return false
	}
	switch {
	case h.Enhanced:
		return h.PacketType == VideoPacketCodedFrames || h.PacketType == VideoPacketCodedFramesX
	case h.CodecID == CodecIDAVC:
		return h.AVCPacketType == AVCNALU
	}
	return true
}

// IsSequenceHeader reports decoder configuration; see the function
// IsSequenceHeader.
func (h VideoHeader) IsSequenceHeader() bool {
	switch {
	case h.isCommand():
		return false
	case h.Enhanced:
		return h.PacketType == VideoPacketSequenceStart || h.PacketType == VideoPacketMPEG2TSSequenceStart
	}
	return h.CodecID == CodecIDAVC && h.AVCPacketType == AVCSequenceHeader
}

// IsSequenceEnd reports the end of a sequence; see the function
// IsSequenceEnd.
func (h VideoHeader) IsSequenceEnd() bool {
	switch {
	case h.isCommand():
		return false
	case h.Enhanced:
		return h.PacketType == VideoPacketSequenceEnd
	}
	return h.CodecID == CodecIDAVC && h.AVCPacketType == AVCEndOfSequence
}

// IsSequenceHeader reports decoder configuration; see the function
// IsSequenceHeader.
func (h AudioHeader) IsSequenceHeader() bool {
	if h.Enhanced {
		return h.PacketType == AudioPacketSequenceStart
	}
	return h.SoundFormat == SoundFormatAAC && h.AACPacketType == AACSequenceHeader
}

// IsSequenceEnd reports the end of a sequence; see the function
// IsSequenceEnd.
func (h AudioHeader) IsSequenceEnd() bool {
	return h.Enhanced && h.PacketType == AudioPacketSequenceEnd
}
