package flv

import "fmt"

// FourCC is an Enhanced RTMP codec identifier: four ASCII characters read as
// a big-endian UI32 ("av01" == 0x61763031), as carried in the
// ExAudioTagHeader and ExVideoTagHeader and in onMetaData's videocodecid and
// audiocodecid.
type FourCC uint32

// Video FourCCs (Enhanced RTMP v2, enum VideoFourCc).
const (
	FourCCAVC  FourCC = 'a'<<24 | 'v'<<16 | 'c'<<8 | '1' // H.264/AVC
	FourCCHEVC FourCC = 'h'<<24 | 'v'<<16 | 'c'<<8 | '1' // H.265/HEVC
	FourCCAV1  FourCC = 'a'<<24 | 'v'<<16 | '0'<<8 | '1' // AV1
	FourCCVP9  FourCC = 'v'<<24 | 'p'<<16 | '0'<<8 | '9' // VP9
	FourCCVP8  FourCC = 'v'<<24 | 'p'<<16 | '0'<<8 | '8' // VP8
)

// Audio FourCCs (Enhanced RTMP v2, enum AudioFourCc).
const (
	FourCCOpus FourCC = 'O'<<24 | 'p'<<16 | 'u'<<8 | 's' // Opus
	FourCCFLAC FourCC = 'f'<<24 | 'L'<<16 | 'a'<<8 | 'C' // FLAC
	FourCCAC3  FourCC = 'a'<<24 | 'c'<<16 | '-'<<8 | '3' // AC-3
	FourCCEAC3 FourCC = 'e'<<24 | 'c'<<16 | '-'<<8 | '3' // E-AC-3
	FourCCAAC  FourCC = 'm'<<24 | 'p'<<16 | '4'<<8 | 'a' // AAC
	FourCCMP3  FourCC = '.'<<24 | 'm'<<16 | 'p'<<8 | '3' // MP3
)

// String returns the four characters, or the value in hex when they are not
// all printable ASCII.
func (f FourCC) String() string {
	b := [4]byte{byte(f >> 24), byte(f >> 16), byte(f >> 8), byte(f)}
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return fmt.Sprintf("0x%08x", uint32(f))
		}
	}
	return string(b[:])
}

// hasCompositionTime reports whether CodedFrames of this codec start with an
// SI24 composition time offset: only avc1 and hvc1 (Enhanced RTMP v2,
// ExVideoTagBody).
func hasCompositionTime(f FourCC) bool { return f == FourCCAVC || f == FourCCHEVC }
