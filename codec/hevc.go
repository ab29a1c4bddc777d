package codec

import (
	"encoding/binary"
	"fmt"
)

// HEVC NAL unit types of the parameter sets (H.265 Table 7-1).
const (
	HEVCNALVPS = 32
	HEVCNALSPS = 33
	HEVCNALPPS = 34
)

// hvccHeaderSize is the fixed part of an hvcC before its arrays.
const hvccHeaderSize = 23

// HEVCConfig is an HEVCDecoderConfigurationRecord (hvcC), the body of an
// HEVC sequence header. VPS, SPS and PPS alias the parsed bytes; arrays of
// other NAL unit types (SEI) are skipped.
//
// ISO/IEC 14496-15 §8.3.3.1.2:
//
//	+----------------------+------------------+----------+------------------+
//	| version (1) UI8      | profile_space 2b | tier 1b  | profile_idc 5b   |
//	+----------------------+------------------+----------+------------------+
//	| general_profile_compatibility_flags UI32                              |
//	| general_constraint_indicator_flags 48b       | general_level_idc UI8  |
//	| 1111 min_spatial_segmentation_idc 12b | 111111 parallelismType 2b     |
//	| 111111 chromaFormat 2b | 11111 bitDepthLumaMinus8 3b                  |
//	| 11111 bitDepthChromaMinus8 3b | avgFrameRate UI16                     |
//	| constantFrameRate 2b numTemporalLayers 3b temporalIdNested 1b         |
//	|   lengthSizeMinusOne 2b | numOfArrays UI8                             |
//	| { array_completeness 1b, 0, NAL_unit_type 6b, numNalus UI16,          |
//	|   { nalUnitLength UI16, nalUnit }... }...                             |
//	+-----------------------------------------------------------------------+
type HEVCConfig struct {
	ProfileSpace   uint8
	Tier           uint8 // 0 Main tier, 1 High tier
	Profile        uint8 // general_profile_idc: 1 Main, 2 Main 10, 3 Main Still Picture, 4 range extensions
	Compatibility  uint32
	Level          uint8 // general_level_idc: 30 times the level (93 is level 3.1)
	ChromaFormat   uint8
	BitDepthLuma   uint8
	BitDepthChroma uint8
	LengthSize     int
	VPS, SPS, PPS  [][]byte
}

// ParseHEVCConfig parses an HEVCDecoderConfigurationRecord.
func ParseHEVCConfig(b []byte) (HEVCConfig, error) {
	var c HEVCConfig
	if len(b) < hvccHeaderSize {
		return c, fmt.Errorf("%w: hvcC of %d bytes, want at least %d", ErrShort, len(b), hvccHeaderSize)
	}
	if b[0] != 1 {
		return c, fmt.Errorf("%w: hvcC version %d", ErrUnsupported, b[0])
	}
	c.ProfileSpace, c.Tier, c.Profile = b[1]>>6, b[1]>>5&1, b[1]&0x1F
	c.Compatibility = binary.BigEndian.Uint32(b[2:])
	c.Level = b[12]
	c.ChromaFormat = b[16] & 3
	c.BitDepthLuma, c.BitDepthChroma = b[17]&7+8, b[18]&7+8
	c.LengthSize = int(b[21]&3) + 1
	if c.LengthSize == 3 {
		return c, fmt.Errorf("%w: hvcC NAL unit length size 3", ErrInvalid)
	}
	rest := b[hvccHeaderSize:]
	for i := range int(b[22]) {
		if len(rest) < 3 {
			return c, fmt.Errorf("%w: hvcC array %d of %d: no header", ErrShort, i, b[22])
		}
		typ, n := rest[0]&0x3F, int(binary.BigEndian.Uint16(rest[1:]))
		nalus, after, err := parameterSets(rest[3:], n, fmt.Sprintf("NAL type %d", typ))
		if err != nil {
			return c, err
		}
		switch typ {
		case HEVCNALVPS:
			c.VPS = append(c.VPS, nalus...)
		case HEVCNALSPS:
			c.SPS = append(c.SPS, nalus...)
		case HEVCNALPPS:
			c.PPS = append(c.PPS, nalus...)
		}
		rest = after
	}
	return c, nil
}

// HEVCSPS holds what a player needs to know from an H.265 sequence
// parameter set.
type HEVCSPS struct {
	Profile      uint8 // general_profile_idc
	Tier         uint8
	Level        uint8 // general_level_idc
	ChromaFormat uint8
	BitDepth     uint8 // luma
	Width        int   // after the conformance window
	Height       int
}

// maxSubLayers is the spec's bound on sps_max_sub_layers_minus1 + 1
// (H.265 §7.4.3.2.1: 1..7).
const maxSubLayers = 7

// ParseHEVCSPS parses an H.265 sequence parameter set NAL unit (with its
// two-byte NAL header, type 33) up to the bit depths (H.265 §7.3.2.2.1).
func ParseHEVCSPS(nal []byte) (HEVCSPS, error) {
	var s HEVCSPS
	if len(nal) < 3 {
		return s, fmt.Errorf("%w: SPS of %d bytes", ErrShort, len(nal))
	}
	if typ := nal[0] >> 1 & 0x3F; typ != HEVCNALSPS {
		return s, fmt.Errorf("%w: NAL unit type %d is not an SPS", ErrInvalid, typ)
	}
	r := &bitReader{b: unescapeRBSP(nal[2:])}
	if err := r.skip(4); err != nil { // sps_video_parameter_set_id
		return s, err
	}
	subLayersMinus1, err := r.u(3)
	if err != nil {
		return s, err
	}
	if subLayersMinus1 >= maxSubLayers {
		return s, fmt.Errorf("%w: sps_max_sub_layers_minus1 %d", ErrInvalid, subLayersMinus1)
	}
	if err := r.skip(1); err != nil { // sps_temporal_id_nesting_flag
		return s, err
	}
	if err := s.readProfileTierLevel(r, int(subLayersMinus1)); err != nil {
		return s, err
	}
	return s, s.readFormat(r)
}

// readProfileTierLevel reads profile_tier_level(1, maxSubLayersMinus1)
// (H.265 §7.3.3): the general profile, tier and level, skipping the
// sub-layers'.
func (s *HEVCSPS) readProfileTierLevel(r *bitReader, subLayersMinus1 int) error {
	head, err := r.u(8) // general_profile_space 2, general_tier_flag 1, general_profile_idc 5
	if err != nil {
		return err
	}
	s.Tier, s.Profile = uint8(head>>5&1), uint8(head&0x1F)
	// general_profile_compatibility_flag[32], four source flags, 43
	// constraint bits and one more: 80 bits.
	if err := r.skip(80); err != nil {
		return err
	}
	level, err := r.u(8)
	if err != nil {
		return err
	}
	s.Level = uint8(level)
	var profilePresent, levelPresent [maxSubLayers]bool
	for i := range subLayersMinus1 {
		if profilePresent[i], err = r.flag(); err != nil {
			return err
		}
		if levelPresent[i], err = r.flag(); err != nil {
			return err
		}
	}
	if subLayersMinus1 > 0 {
		if err := r.skip(2 * (8 - subLayersMinus1)); err != nil { // reserved_zero_2bits
			return err
		}
	}
	for i := range subLayersMinus1 {
		if profilePresent[i] {
			if err := r.skip(88); err != nil { // sub-layer profile fields
				return err
			}
		}
		if levelPresent[i] {
			if err := r.skip(8); err != nil { // sub_layer_level_idc
				return err
			}
		}
	}
	return nil
}

// readFormat reads the chroma format, picture size, conformance window and
// bit depth (H.265 §7.4.3.2.1, equations 7-1 and 7-2 for SubWidthC and
// SubHeightC).
func (s *HEVCSPS) readFormat(r *bitReader) error {
	if _, err := r.uebounded("sps_seq_parameter_set_id", 15); err != nil {
		return err
	}
	chroma, err := r.uebounded("chroma_format_idc", 3)
	if err != nil {
		return err
	}
	s.ChromaFormat = uint8(chroma)
	separate := false
	if chroma == 3 {
		if separate, err = r.flag(); err != nil {
			return err
		}
	}
	width, err := r.uebounded("pic_width_in_luma_samples", MaxDimension)
	if err != nil {
		return err
	}
	height, err := r.uebounded("pic_height_in_luma_samples", MaxDimension)
	if err != nil {
		return err
	}
	s.Width, s.Height = int(width), int(height)
	window, err := r.flag()
	if err != nil {
		return err
	}
	if window {
		var off [4]uint32 // left, right, top, bottom
		for i := range off {
			if off[i], err = r.uebounded("conf_win_offset", MaxDimension); err != nil {
				return err
			}
		}
		subW, subH := 1, 1
		if !separate && (chroma == 1 || chroma == 2) {
			subW = 2
		}
		if !separate && chroma == 1 {
			subH = 2
		}
		s.Width -= subW * int(off[0]+off[1])
		s.Height -= subH * int(off[2]+off[3])
	}
	if s.Width <= 0 || s.Height <= 0 {
		return fmt.Errorf("%w: a %dx%d picture", ErrInvalid, s.Width, s.Height)
	}
	depth, err := r.uebounded("bit_depth_luma_minus8", 8)
	s.BitDepth = uint8(depth) + 8
	return err
}

// HEVCProfileName names an H.265 general_profile_idc, or returns "".
func HEVCProfileName(profile uint8) string {
	return map[uint8]string{1: "Main", 2: "Main 10", 3: "Main Still Picture", 4: "Range Extensions",
		5: "High Throughput", 9: "Screen Content Coding"}[profile]
}
