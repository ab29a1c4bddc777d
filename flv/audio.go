package flv

import "iter"

// SoundFormat is the audio codec of a legacy AudioTagHeader, or ExHeader
// for an Enhanced RTMP one (FLV v10.1 §E.4.2.1; Enhanced RTMP v2).
type SoundFormat uint8

// Sound formats; 12 and 13 are reserved.
const (
	SoundFormatPCM             SoundFormat = 0 // linear PCM, platform endian
	SoundFormatADPCM           SoundFormat = 1
	SoundFormatMP3             SoundFormat = 2
	SoundFormatPCMLittleEndian SoundFormat = 3
	SoundFormatNellymoser16kHz SoundFormat = 4 // mono
	SoundFormatNellymoser8kHz  SoundFormat = 5 // mono
	SoundFormatNellymoser      SoundFormat = 6
	SoundFormatG711ALaw        SoundFormat = 7
	SoundFormatG711MuLaw       SoundFormat = 8
	SoundFormatExHeader        SoundFormat = 9 // Enhanced RTMP: FourCC mode
	SoundFormatAAC             SoundFormat = 10
	SoundFormatSpeex           SoundFormat = 11
	SoundFormatMP38kHz         SoundFormat = 14
	SoundFormatDeviceSpecific  SoundFormat = 15
)

// SoundRate, SoundSize and SoundType values (FLV v10.1 §E.4.2.1). AAC is
// always sent as 44 kHz, 16-bit, stereo whatever the stream; the decoder
// configuration says the truth.
const (
	SoundRate5_5kHz = 0
	SoundRate11kHz  = 1
	SoundRate22kHz  = 2
	SoundRate44kHz  = 3

	SoundSize8Bit  = 0
	SoundSize16Bit = 1

	SoundTypeMono   = 0
	SoundTypeStereo = 1
)

// AACPacketType values (FLV v10.1 §E.4.2.1), for SoundFormatAAC.
const (
	AACSequenceHeader = 0 // AudioSpecificConfig
	AACRaw            = 1 // raw AAC frame data
)

// AudioPacketType is the Enhanced RTMP AudioPacketType.
type AudioPacketType uint8

// Audio packet types (Enhanced RTMP v2); 3, 6 and 8-15 are reserved.
const (
	AudioPacketSequenceStart      AudioPacketType = 0
	AudioPacketCodedFrames        AudioPacketType = 1
	AudioPacketSequenceEnd        AudioPacketType = 2
	AudioPacketMultichannelConfig AudioPacketType = 4
	AudioPacketMultitrack         AudioPacketType = 5
	AudioPacketModEx              AudioPacketType = 7
)

// AudioHeader is the header at the front of an audio tag body: the legacy
// AudioTagHeader or the Enhanced RTMP ExAudioTagHeader.
//
// For a multitrack message the fields describe the first track (TrackID,
// FourCC, TrackSize) and HeaderLen is where its payload starts; Tracks
// walks every track. PacketType is the packet type shared by the tracks,
// never Multitrack or ModEx.
type AudioHeader struct {
	SoundFormat SoundFormat
	// Legacy header (Enhanced == false).
	SoundRate     uint8 // SoundRate5_5kHz .. SoundRate44kHz
	SoundSize     uint8 // SoundSize8Bit or SoundSize16Bit
	SoundType     uint8 // SoundTypeMono or SoundTypeStereo
	AACPacketType uint8 // SoundFormatAAC only

	// Enhanced RTMP header (Enhanced == true, SoundFormat == ExHeader).
	Enhanced       bool
	PacketType     AudioPacketType
	FourCC         FourCC
	Multitrack     bool
	MultitrackType MultitrackType
	TrackID        uint8
	TrackSize      uint32 // the first track's sizeOfAudioTrack; 0 for OneTrack
	ModEx          ModEx

	HeaderLen int // bytes of header before the (first track's) codec payload
}

// ParseAudioHeader parses the audio tag header at the front of data. It
// does not allocate. Unknown FourCCs parse; reserved packet and multitrack
// types are ErrUnsupported.
//
// An empty body is ErrShortBody here, although RTMP uses an empty audio
// message to mean silence (Enhanced RTMP v2, AudioPacketType): callers that
// care test len(data) == 0 first.
//
// FLV v10.1 §E.4.2.1 AudioTagHeader:
//
//	+----------------+--------------+--------------+--------------+-------------------+
//	| SoundFormat 4b | SoundRate 2b | SoundSize 1b | SoundType 1b | AACPacketType UI8 |
//	+----------------+--------------+--------------+--------------+-------------------+
//	                                                                (SoundFormat 10 only)
//
// Enhanced RTMP v2 ExAudioTagHeader, field by field:
//
//	+----------------+---------------+
//	| SoundFormat 9  | PacketType 4b |
//	+----------------+---------------+
//	ModEx entries                         while PacketType == ModEx (see readModEx)
//	MultitrackType 4b | PacketType 4b     if PacketType == Multitrack
//	FourCC UI32                           unless ManyTracksManyCodecs
//	[FourCC UI32] TrackId UI8 [Size UI24] the first track's prefix, if multitrack
func ParseAudioHeader(data []byte) (AudioHeader, error) {
	c := cursor{b: data}
	first, ok := c.u8()
	if !ok {
		return AudioHeader{}, errShortAudio
	}
	if SoundFormat(first>>4) != SoundFormatExHeader {
		return parseLegacyAudio(first, &c)
	}
	return parseExAudio(first, &c)
}

func parseLegacyAudio(first byte, c *cursor) (AudioHeader, error) {
	h := AudioHeader{
		SoundFormat: SoundFormat(first >> 4),
		SoundRate:   first >> 2 & 0x03,
		SoundSize:   first >> 1 & 0x01,
		SoundType:   first & 0x01,
	}
	if h.SoundFormat == SoundFormatAAC {
		var ok bool
		if h.AACPacketType, ok = c.u8(); !ok {
			return AudioHeader{}, errShortAudio
		}
	}
	h.HeaderLen = c.off
	return h, nil
}

func parseExAudio(first byte, c *cursor) (AudioHeader, error) {
	h := AudioHeader{SoundFormat: SoundFormatExHeader, Enhanced: true}
	pt, err := readModEx(c, first&0x0f, &h.ModEx)
	if err != nil {
		return AudioHeader{}, err
	}
	h.PacketType = AudioPacketType(pt)
	if !h.PacketType.valid() {
		return AudioHeader{}, errAudioPacket
	}
	if h.PacketType == AudioPacketMultitrack {
		if err := readAudioMultitrack(c, &h); err != nil {
			return AudioHeader{}, err
		}
		p, err := readTrackPrefix(c, h.MultitrackType, h.FourCC)
		if err != nil {
			return AudioHeader{}, err
		}
		h.FourCC, h.TrackID, h.TrackSize = p.fourCC, p.id, p.size
	} else {
		f, ok := c.u32()
		if !ok {
			return AudioHeader{}, errShortAudio
		}
		h.FourCC = FourCC(f)
	}
	h.HeaderLen = c.off
	return h, nil
}

// valid reports a packet type that is not reserved.
func (t AudioPacketType) valid() bool {
	switch t {
	case AudioPacketSequenceStart, AudioPacketCodedFrames, AudioPacketSequenceEnd,
		AudioPacketMultichannelConfig, AudioPacketMultitrack:
		return true
	}
	return false
}

// readAudioMultitrack reads the byte after PacketType Multitrack, and the
// shared FourCC unless each track has its own.
//
//	multitrackType = UB[4]; packetType = UB[4]  // never Multitrack (nor ModEx)
//	if (multitrackType != ManyTracksManyCodecs) fourCc = FOURCC
func readAudioMultitrack(c *cursor, h *AudioHeader) error {
	b, ok := c.u8()
	if !ok {
		return errShortAudio
	}
	h.Multitrack = true
	h.MultitrackType = MultitrackType(b >> 4)
	h.PacketType = AudioPacketType(b & 0x0f)
	if h.MultitrackType > MultitrackManyTracksManyCodecs {
		return errMultitrackType
	}
	if h.PacketType == AudioPacketMultitrack || h.PacketType == AudioPacketModEx {
		return errNestedTrack
	}
	if !h.PacketType.valid() {
		return errAudioPacket
	}
	if h.MultitrackType != MultitrackManyTracksManyCodecs {
		f, ok := c.u32()
		if !ok {
			return errShortAudio
		}
		h.FourCC = FourCC(f)
	}
	return nil
}

// AppendTo appends the header's wire form. For a parsed header it writes
// the HeaderLen bytes it was parsed from, except that ModEx entries are
// written in their shortest form and unknown ones are dropped. Values are
// masked to their field widths; Enhanced selects the header form.
func (h AudioHeader) AppendTo(dst []byte) []byte {
	if !h.Enhanced {
		dst = append(dst, byte(h.SoundFormat&0x0f)<<4|(h.SoundRate&0x03)<<2|(h.SoundSize&0x01)<<1|h.SoundType&0x01)
		if h.SoundFormat == SoundFormatAAC {
			dst = append(dst, h.AACPacketType)
		}
		return dst
	}
	dst = h.appendExShared(dst)
	if h.Multitrack {
		dst = appendTrackPrefix(dst, h.MultitrackType, h.FourCC, h.TrackID, h.TrackSize)
	}
	return dst
}

// appendExShared writes the Enhanced header up to the first track: first
// byte, ModEx, multitrack byte and the shared FourCC.
func (h AudioHeader) appendExShared(dst []byte) []byte {
	pt := uint8(h.PacketType & 0x0f)
	if h.Multitrack {
		pt = uint8(AudioPacketMultitrack)
	}
	dst = append(dst, byte(SoundFormatExHeader)<<4|h.ModEx.firstPacketType(pt))
	dst = h.ModEx.appendTo(dst, pt)
	if h.Multitrack {
		dst = append(dst, byte(h.MultitrackType&0x0f)<<4|byte(h.PacketType&0x0f))
		if h.MultitrackType == MultitrackManyTracksManyCodecs {
			return dst
		}
	}
	return appendFourCC(dst, h.FourCC)
}

// Tracks yields the tracks of data, the tag body h was parsed from: every
// track of a multitrack message, else one track holding the payload after
// HeaderLen. It stops at the first error, which it yields.
func (h AudioHeader) Tracks(data []byte) iter.Seq2[Track, error] {
	if !h.Multitrack {
		return singleTrack(data, h.HeaderLen, h.FourCC, 0)
	}
	off := h.HeaderLen - trackPrefixLen(h.MultitrackType)
	return walkTracks(data, off, h.MultitrackType, h.FourCC, false)
}

// AppendAudioMultitrack appends a multitrack audio tag body: h's ModEx,
// MultitrackType, PacketType and (unless ManyTracksManyCodecs) FourCC, then
// the tracks with their sizes computed. h's first-track fields (TrackID,
// TrackSize) are not used; a OneTrack message takes only tracks[0].
func AppendAudioMultitrack(dst []byte, h AudioHeader, tracks []Track) []byte {
	h.Enhanced, h.Multitrack = true, true
	dst = h.appendExShared(dst)
	return appendTracks(dst, h.MultitrackType, h.FourCC, false, tracks)
}
