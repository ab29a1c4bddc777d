package flv

import "iter"

// FrameType is the video frame type (FLV v10.1 §E.4.3.1; Enhanced RTMP v2
// VideoFrameType).
type FrameType uint8

// Frame types; 0, 6 and 7 are reserved.
const (
	FrameTypeKey             FrameType = 1 // a seekable frame
	FrameTypeInter           FrameType = 2 // a non-seekable frame
	FrameTypeDisposableInter FrameType = 3 // H.263 only
	FrameTypeGeneratedKey    FrameType = 4 // reserved for server use
	FrameTypeCommand         FrameType = 5 // video info/command frame: no video data
)

// CodecID is the legacy video codec id (FLV v10.1 §E.4.3.1).
type CodecID uint8

// Legacy video codec ids; 0, 1 and 8-15 are reserved.
const (
	CodecIDSorensonH263 CodecID = 2
	CodecIDScreen       CodecID = 3
	CodecIDVP6          CodecID = 4
	CodecIDVP6Alpha     CodecID = 5
	CodecIDScreenV2     CodecID = 6
	CodecIDAVC          CodecID = 7
)

// AVCPacketType values (FLV v10.1 §E.4.3.1), for CodecIDAVC.
const (
	AVCSequenceHeader = 0 // AVCDecoderConfigurationRecord
	AVCNALU           = 1 // one or more NALUs
	AVCEndOfSequence  = 2
)

// VideoCommand is the byte that follows the header of a command frame.
type VideoCommand uint8

// Video commands (FLV v10.1 §E.4.3.1 note; Enhanced RTMP v2 VideoCommand).
const (
	VideoCommandStartSeek VideoCommand = 0 // start of client-side seeking video frame sequence
	VideoCommandEndSeek   VideoCommand = 1 // end of client-side seeking video frame sequence
)

// VideoPacketType is the Enhanced RTMP VideoPacketType.
type VideoPacketType uint8

// Video packet types (Enhanced RTMP v2); 8-15 are reserved.
const (
	VideoPacketSequenceStart        VideoPacketType = 0
	VideoPacketCodedFrames          VideoPacketType = 1 // avc1/hvc1: composition time first
	VideoPacketSequenceEnd          VideoPacketType = 2
	VideoPacketCodedFramesX         VideoPacketType = 3 // composition time implied 0
	VideoPacketMetadata             VideoPacketType = 4 // AMF metadata (colorInfo); frame type ignored
	VideoPacketMPEG2TSSequenceStart VideoPacketType = 5
	VideoPacketMultitrack           VideoPacketType = 6
	VideoPacketModEx                VideoPacketType = 7
)

// VideoHeader is the header at the front of a video tag body: the legacy
// VideoTagHeader or the Enhanced RTMP ExVideoTagHeader.
//
// For a multitrack message the fields describe the first track (TrackID,
// FourCC, CompositionTime, TrackSize) and HeaderLen is where its payload
// starts; Tracks walks every track. PacketType is the packet type shared by
// the tracks, never Multitrack or ModEx.
type VideoHeader struct {
	FrameType FrameType
	// Legacy header (Enhanced == false).
	CodecID         CodecID
	AVCPacketType   uint8        // CodecIDAVC only
	CompositionTime int32        // milliseconds, signed 24-bit: legacy AVC, and Enhanced CodedFrames of avc1/hvc1
	Command         VideoCommand // FrameTypeCommand only (not with VideoPacketMetadata)

	// Enhanced RTMP header (Enhanced == true).
	Enhanced       bool
	PacketType     VideoPacketType
	FourCC         FourCC
	Multitrack     bool
	MultitrackType MultitrackType
	TrackID        uint8
	TrackSize      uint32 // the first track's sizeOfVideoTrack; 0 for OneTrack
	ModEx          ModEx

	HeaderLen int // bytes of header before the (first track's) codec payload
}

// isCommand reports a command frame, which carries a VideoCommand instead
// of video data. Enhanced RTMP v2 ignores the frame type of Metadata.
func (h VideoHeader) isCommand() bool {
	return h.FrameType == FrameTypeCommand && !(h.Enhanced && h.PacketType == VideoPacketMetadata)
}

// ParseVideoHeader parses the video tag header at the front of data. It
// does not allocate. Unknown FourCCs parse (their packets carry no
// composition time); reserved packet and multitrack types are
// ErrUnsupported.
//
// A command frame's VideoCommand is read from the byte right after the
// first header byte, as Enhanced RTMP v2 lays it out for both the legacy
// and the enhanced header.
//
// FLV v10.1 §E.4.3.1 VideoTagHeader:
//
//	+--------------+--------------+-------------------+----------------------+
//	| FrameType 4b | CodecID 4b   | AVCPacketType UI8 | CompositionTime SI24 |
//	+--------------+--------------+-------------------+----------------------+
//	                                (CodecID == 7 only, both fields)
//
// Enhanced RTMP v2 ExVideoTagHeader, field by field:
//
//	+--------------+--------------+---------------+
//	| IsExHeader 1 | FrameType 3b | PacketType 4b |
//	+--------------+--------------+---------------+
//	ModEx entries                         while PacketType == ModEx (see readModEx)
//	VideoCommand UI8                      if FrameType == Command (unless Metadata): header ends
//	MultitrackType 4b | PacketType 4b     if PacketType == Multitrack
//	FourCC UI32                           unless ManyTracksManyCodecs
//	[FourCC UI32] TrackId UI8 [Size UI24] the first track's prefix, if multitrack
//	CompositionTime SI24                  if CodedFrames of avc1 or hvc1
func ParseVideoHeader(data []byte) (VideoHeader, error) {
	c := cursor{b: data}
	first, ok := c.u8()
	if !ok {
		return VideoHeader{}, errShortVideo
	}
	if first&0x80 == 0 {
		return parseLegacyVideo(first, &c)
	}
	return parseExVideo(first, &c)
}

func parseLegacyVideo(first byte, c *cursor) (VideoHeader, error) {
	h := VideoHeader{FrameType: FrameType(first >> 4), CodecID: CodecID(first & 0x0f)}
	var ok bool
	switch {
	case h.FrameType == FrameTypeCommand:
		var cmd uint8
		cmd, ok = c.u8()
		h.Command = VideoCommand(cmd)
	case h.CodecID == CodecIDAVC:
		h.AVCPacketType, ok = c.u8()
		var ct uint32
		if ok {
			ct, ok = c.u24()
		}
		h.CompositionTime = si24(ct)
	default:
		ok = true
	}
	if !ok {
		return VideoHeader{}, errShortVideo
	}
	h.HeaderLen = c.off
	return h, nil
}

func parseExVideo(first byte, c *cursor) (VideoHeader, error) {
	h := VideoHeader{Enhanced: true, FrameType: FrameType(first >> 4 & 0x07)}
	pt, err := readModEx(c, first&0x0f, &h.ModEx)
	if err != nil {
		return VideoHeader{}, err
	}
	if pt > uint8(VideoPacketModEx) {
		return VideoHeader{}, errVideoPacket
	}
	h.PacketType = VideoPacketType(pt)
	if h.isCommand() {
		cmd, ok := c.u8()
		if !ok {
			return VideoHeader{}, errShortVideo
		}
		h.Command = VideoCommand(cmd)
		h.HeaderLen = c.off
		return h, nil
	}
	if h.PacketType == VideoPacketMultitrack {
		if err := readVideoMultitrack(c, &h); err != nil {
			return VideoHeader{}, err
		}
	} else {
		f, ok := c.u32()
		if !ok {
			return VideoHeader{}, errShortVideo
		}
		h.FourCC = FourCC(f)
	}
	body := c.b[c.off:]
	if h.Multitrack {
		p, err := readTrackPrefix(c, h.MultitrackType, h.FourCC)
		if err != nil {
			return VideoHeader{}, err
		}
		h.FourCC, h.TrackID, h.TrackSize, body = p.fourCC, p.id, p.size, p.body
	}
	if h.hasCompositionTime(h.FourCC) {
		if len(body) < 3 {
			return VideoHeader{}, errShortVideo
		}
		h.CompositionTime = si24(getU24(body))
		c.off += 3
	}
	h.HeaderLen = c.off
	return h, nil
}

// readVideoMultitrack reads the byte after PacketType Multitrack, and the
// shared FourCC unless each track has its own.
//
//	multitrackType = UB[4]; packetType = UB[4]  // never Multitrack (nor ModEx)
//	if (multitrackType != ManyTracksManyCodecs) fourCc = FOURCC
func readVideoMultitrack(c *cursor, h *VideoHeader) error {
	b, ok := c.u8()
	if !ok {
		return errShortVideo
	}
	h.Multitrack = true
	h.MultitrackType = MultitrackType(b >> 4)
	h.PacketType = VideoPacketType(b & 0x0f)
	if h.MultitrackType > MultitrackManyTracksManyCodecs {
		return errMultitrackType
	}
	if h.PacketType >= VideoPacketMultitrack {
		return errNestedTrack
	}
	if h.MultitrackType != MultitrackManyTracksManyCodecs {
		f, ok := c.u32()
		if !ok {
			return errShortVideo
		}
		h.FourCC = FourCC(f)
	}
	return nil
}

// hasCompositionTime reports whether a track of codec f starts with an SI24
// composition time (Enhanced headers only).
func (h VideoHeader) hasCompositionTime(f FourCC) bool {
	return h.PacketType == VideoPacketCodedFrames && hasCompositionTime(f)
}

// AppendTo appends the header's wire form. For a parsed header it writes
// the HeaderLen bytes it was parsed from, except that ModEx entries are
// written in their shortest form and unknown ones are dropped. Values are
// masked to their field widths.
func (h VideoHeader) AppendTo(dst []byte) []byte {
	if !h.Enhanced {
		return h.appendLegacy(dst)
	}
	dst = h.appendExShared(dst)
	if h.isCommand() {
		return append(dst, byte(h.Command))
	}
	if h.Multitrack {
		dst = appendTrackPrefix(dst, h.MultitrackType, h.FourCC, h.TrackID, h.TrackSize)
	}
	if h.hasCompositionTime(h.FourCC) {
		dst = appendU24(dst, uint32(h.CompositionTime))
	}
	return dst
}

func (h VideoHeader) appendLegacy(dst []byte) []byte {
	dst = append(dst, byte(h.FrameType&0x07)<<4|byte(h.CodecID&0x0f))
	switch {
	case h.FrameType == FrameTypeCommand:
		dst = append(dst, byte(h.Command))
	case h.CodecID == CodecIDAVC:
		dst = append(dst, h.AVCPacketType)
		dst = appendU24(dst, uint32(h.CompositionTime))
	}
	return dst
}

// appendExShared writes the Enhanced header up to the first track: first
// byte, ModEx, multitrack byte and the shared FourCC.
func (h VideoHeader) appendExShared(dst []byte) []byte {
	pt := uint8(h.PacketType & 0x0f)
	multitrack := h.Multitrack && !h.isCommand()
	if multitrack {
		pt = uint8(VideoPacketMultitrack)
	}
	dst = append(dst, 0x80|byte(h.FrameType&0x07)<<4|h.ModEx.firstPacketType(pt))
	dst = h.ModEx.appendTo(dst, pt)
	switch {
	case h.isCommand():
	case !multitrack:
		dst = appendFourCC(dst, h.FourCC)
	default:
		dst = append(dst, byte(h.MultitrackType&0x0f)<<4|byte(h.PacketType&0x0f))
		if h.MultitrackType != MultitrackManyTracksManyCodecs {
			dst = appendFourCC(dst, h.FourCC)
		}
	}
	return dst
}

// Tracks yields the tracks of data, the tag body h was parsed from: every
// track of a multitrack message, else one track holding the payload after
// HeaderLen. It stops at the first error, which it yields.
func (h VideoHeader) Tracks(data []byte) iter.Seq2[Track, error] {
	codedFrames := h.Enhanced && h.PacketType == VideoPacketCodedFrames
	if !h.Multitrack {
		return singleTrack(data, h.HeaderLen, h.FourCC, h.CompositionTime)
	}
	off := h.HeaderLen - trackPrefixLen(h.MultitrackType)
	if h.hasCompositionTime(h.FourCC) {
		off -= 3
	}
	return walkTracks(data, off, h.MultitrackType, h.FourCC, codedFrames)
}

// AppendVideoMultitrack appends a multitrack video tag body: h's frame
// type, ModEx, MultitrackType, PacketType and (unless
// ManyTracksManyCodecs) FourCC, then the tracks with their sizes computed.
// h's first-track fields (TrackID, TrackSize, CompositionTime) are not
// used; a OneTrack message takes only tracks[0].
func AppendVideoMultitrack(dst []byte, h VideoHeader, tracks []Track) []byte {
	h.Enhanced, h.Multitrack = true, true
	if h.isCommand() {
		return h.AppendTo(dst)
	}
	dst = h.appendExShared(dst)
	return appendTracks(dst, h.MultitrackType, h.FourCC, h.PacketType == VideoPacketCodedFrames, tracks)
}
