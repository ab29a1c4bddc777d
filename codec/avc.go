package codec

import (
	"encoding/binary"
	"fmt"
)

// MaxDimension bounds the picture width and height a parameter set may
// declare: 16384 is the largest any H.264 or H.265 level allows (level
// 6.2: 8192x4320, with room for odd aspect ratios); more is a corrupt
// parameter set.
const MaxDimension = 16384

// AVCConfig is an AVCDecoderConfigurationRecord (avcC), the body of an
// AVC sequence header. SPS and PPS alias the parsed bytes.
//
// ISO/IEC 14496-15 §5.3.3.1.1:
//
//	+---------------+---------------+----------------------+-------------+
//	| version (1)   | profile UI8   | compatibility UI8    | level UI8   |
//	+---------------+---------------+----------------------+-------------+
//	| 111111 | lengthSizeMinusOne 2b | 111 | numOfSequenceParameterSets 5b |
//	+------------------------------------------------------------------------+
//	| { sequenceParameterSetLength UI16, sequenceParameterSetNALUnit }...    |
//	| numOfPictureParameterSets UI8                                          |
//	| { pictureParameterSetLength UI16, pictureParameterSetNALUnit }...      |
//	| [High profiles: chroma_format, bit depths, SPS extensions]             |
//	+------------------------------------------------------------------------+
type AVCConfig struct {
	Profile       uint8 // AVCProfileIndication (profile_idc)
	Compatibility uint8 // profile_compatibility (constraint_set flags)
	Level         uint8 // AVCLevelIndication (level_idc, e.g. 31 for 3.1)
	LengthSize    int   // bytes of the NAL unit length before each NAL unit: 1, 2 or 4
	SPS           [][]byte
	PPS           [][]byte
}

// ParseAVCConfig parses an AVCDecoderConfigurationRecord. The optional
// fields of the High profiles after the picture parameter sets are
// ignored.
func ParseAVCConfig(b []byte) (AVCConfig, error) {
	var c AVCConfig
	if len(b) < 6 {
		return c, fmt.Errorf("%w: avcC of %d bytes, want at least 6", ErrShort, len(b))
	}
	if b[0] != 1 {
		return c, fmt.Errorf("%w: avcC version %d", ErrUnsupported, b[0])
	}
	c.Profile, c.Compatibility, c.Level = b[1], b[2], b[3]
	c.LengthSize = int(b[4]&3) + 1
	if c.LengthSize == 3 {
		return c, fmt.Errorf("%w: avcC NAL unit length size 3", ErrInvalid)
	}
	rest := b[6:]
	var err error
	if c.SPS, rest, err = parameterSets(rest, int(b[5]&0x1F), "sequence"); err != nil {
		return c, err
	}
	if len(rest) < 1 {
		return c, fmt.Errorf("%w: avcC ends before numOfPictureParameterSets", ErrShort)
	}
	c.PPS, _, err = parameterSets(rest[1:], int(rest[0]), "picture")
	return c, err
}

// parameterSets reads n NAL units, each after a 16-bit length; the slices
// alias b. n comes from a 5- or 8-bit field, and each set needs two bytes,
// so the count is bounded by the input.
func parameterSets(b []byte, n int, kind string) ([][]byte, []byte, error) {
	var sets [][]byte
	for i := range n {
		if len(b) < 2 {
			return nil, nil, fmt.Errorf("%w: %s parameter set %d of %d: no length", ErrShort, kind, i, n)
		}
		size := int(binary.BigEndian.Uint16(b))
		if len(b) < 2+size {
			return nil, nil, fmt.Errorf("%w: %s parameter set %d of %d bytes, %d left", ErrShort, kind, i, size, len(b)-2)
		}
		sets = append(sets, b[2:2+size:2+size])
		b = b[2+size:]
	}
	return sets, b, nil
}

// AppendTo appends the record, without the High profile extension fields.
// Parameter sets longer than 65535 bytes, or more than 31 SPS or 255 PPS,
// cannot be represented; they are cut to fit.
func (c AVCConfig) AppendTo(dst []byte) []byte {
	sizeBits := byte(3) // 4 bytes, also for an unset LengthSize
	switch c.LengthSize {
	case 1, 2:
		sizeBits = byte(c.LengthSize - 1)
	}
	sps, pps := c.SPS[:min(len(c.SPS), 31)], c.PPS[:min(len(c.PPS), 255)]
	dst = append(dst, 1, c.Profile, c.Compatibility, c.Level, 0xFC|sizeBits, 0xE0|byte(len(sps)))
	dst = appendParameterSets(dst, sps)
	dst = append(dst, byte(len(pps)))
	return appendParameterSets(dst, pps)
}

func appendParameterSets(dst []byte, sets [][]byte) []byte {
	for _, s := range sets {
		s = s[:min(len(s), 0xFFFF)]
		dst = binary.BigEndian.AppendUint16(dst, uint16(len(s)))
		dst = append(dst, s...)
	}
	return dst
}

// AVCSPS holds what a player needs to know from an H.264 sequence
// parameter set.
type AVCSPS struct {
	Profile      uint8 // profile_idc
	Constraints  uint8 // constraint_set0..5 flags and reserved bits
	Level        uint8 // level_idc
	ChromaFormat uint8 // chroma_format_idc: 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
	BitDepth     uint8 // luma bit depth
	Width        int   // picture width after cropping, in pixels
	Height       int   // picture height after cropping, in pixels
}

// highProfiles are the profile_idc values whose SPS carries
// chroma_format_idc and the bit depths (H.264 §7.3.2.1.1).
var highProfiles = map[uint8]bool{100: true, 110: true, 122: true, 244: true, 44: true, 83: true,
	86: true, 118: true, 128: true, 138: true, 139: true, 134: true, 135: true}

// ParseAVCSPS parses an H.264 sequence parameter set NAL unit (with its
// one-byte NAL header, type 7) up to the frame cropping (H.264
// §7.3.2.1.1); VUI is not read.
func ParseAVCSPS(nal []byte) (AVCSPS, error) {
	var s AVCSPS
	if len(nal) < 4 {
		return s, fmt.Errorf("%w: SPS of %d bytes", ErrShort, len(nal))
	}
	if nal[0]&0x1F != 7 {
		return s, fmt.Errorf("%w: NAL unit type %d is not an SPS", ErrInvalid, nal[0]&0x1F)
	}
	s.Profile, s.Constraints, s.Level = nal[1], nal[2], nal[3]
	r := &bitReader{b: unescapeRBSP(nal[4:])}
	if _, err := r.uebounded("seq_parameter_set_id", 31); err != nil {
		return s, err
	}
	s.ChromaFormat, s.BitDepth = 1, 8
	if highProfiles[s.Profile] {
		if err := s.readChromaAndDepth(r); err != nil {
			return s, err
		}
	}
	if err := skipFrameNumAndPOC(r); err != nil {
		return s, err
	}
	return s, s.readSize(r)
}

// readChromaAndDepth reads the High profile fields: chroma_format_idc,
// bit depths and the scaling matrices, which are skipped.
func (s *AVCSPS) readChromaAndDepth(r *bitReader) error {
	chroma, err := r.uebounded("chroma_format_idc", 3)
	if err != nil {
		return err
	}
	s.ChromaFormat = uint8(chroma)
	if chroma == 3 {
		if err := r.skip(1); err != nil { // separate_colour_plane_flag
			return err
		}
	}
	depth, err := r.uebounded("bit_depth_luma_minus8", 6)
	if err != nil {
		return err
	}
	s.BitDepth = uint8(depth) + 8
	if _, err := r.uebounded("bit_depth_chroma_minus8", 6); err != nil {
		return err
	}
	if err := r.skip(1); err != nil { // qpprime_y_zero_transform_bypass_flag
		return err
	}
	present, err := r.flag() // seq_scaling_matrix_present_flag
	if err != nil || !present {
		return err
	}
	lists := 8
	if chroma == 3 {
		lists = 12
	}
	for i := range lists {
		if err := skipScalingList(r, i); err != nil {
			return err
		}
	}
	return nil
}

// skipScalingList skips one scaling_list() if present (H.264 §7.3.2.1.1.1):
// 16 coefficients for the first six lists, 64 for the others.
func skipScalingList(r *bitReader, i int) error {
	present, err := r.flag()
	if err != nil || !present {
		return err
	}
	size := 16
	if i >= 6 {
		size = 64
	}
	last, next := int32(8), int32(8)
	for range size {
		if next != 0 {
			delta, err := r.se()
			if err != nil {
				return err
			}
			next = (last + delta + 256) % 256
		}
		if next != 0 {
			last = next
		}
	}
	return nil
}

// maxRefFramesInPOCCycle is the spec's bound on
// num_ref_frames_in_pic_order_cnt_cycle (H.264 §7.4.2.1.1: 0..255).
const maxRefFramesInPOCCycle = 255

// skipFrameNumAndPOC skips log2_max_frame_num and the picture order count
// fields.
func skipFrameNumAndPOC(r *bitReader) error {
	if _, err := r.uebounded("log2_max_frame_num_minus4", 12); err != nil {
		return err
	}
	pocType, err := r.uebounded("pic_order_cnt_type", 2)
	if err != nil {
		return err
	}
	switch pocType {
	case 0:
		_, err = r.uebounded("log2_max_pic_order_cnt_lsb_minus4", 12)
		return err
	case 1:
		if err := r.skip(1); err != nil { // delta_pic_order_always_zero_flag
			return err
		}
		for range 2 { // offset_for_non_ref_pic, offset_for_top_to_bottom_field
			if _, err := r.se(); err != nil {
				return err
			}
		}
		n, err := r.uebounded("num_ref_frames_in_pic_order_cnt_cycle", maxRefFramesInPOCCycle)
		if err != nil {
			return err
		}
		for range n {
			if _, err := r.se(); err != nil {
				return err
			}
		}
	}
	return nil
}

// readSize reads the picture size in macroblocks and the frame cropping
// (H.264 §7.4.2.1.1, equations 7-13 to 7-20).
func (s *AVCSPS) readSize(r *bitReader) error {
	if _, err := r.ue(); err != nil { // max_num_ref_frames
		return err
	}
	if err := r.skip(1); err != nil { // gaps_in_frame_num_value_allowed_flag
		return err
	}
	widthMBs, err := r.uebounded("pic_width_in_mbs_minus1", MaxDimension/16)
	if err != nil {
		return err
	}
	heightUnits, err := r.uebounded("pic_height_in_map_units_minus1", MaxDimension/16)
	if err != nil {
		return err
	}
	frameMBsOnly, err := r.flag()
	if err != nil {
		return err
	}
	if !frameMBsOnly {
		if err := r.skip(1); err != nil { // mb_adaptive_frame_field_flag
			return err
		}
	}
	if err := r.skip(1); err != nil { // direct_8x8_inference_flag
		return err
	}
	fieldFactor := 2
	if frameMBsOnly {
		fieldFactor = 1
	}
	s.Width = int(widthMBs+1) * 16
	s.Height = int(heightUnits+1) * 16 * fieldFactor
	if s.Width > MaxDimension || s.Height > MaxDimension {
		return fmt.Errorf("%w: a %dx%d picture, at most %d each way", ErrInvalid, s.Width, s.Height, MaxDimension)
	}
	cropping, err := r.flag()
	if err != nil || !cropping {
		return err
	}
	var crop [4]uint32 // left, right, top, bottom
	for i := range crop {
		if crop[i], err = r.uebounded("frame_crop_offset", MaxDimension); err != nil {
			return err
		}
	}
	unitX, unitY := avcCropUnits(s.ChromaFormat, fieldFactor)
	s.Width -= unitX * int(crop[0]+crop[1])
	s.Height -= unitY * int(crop[2]+crop[3])
	if s.Width <= 0 || s.Height <= 0 {
		return fmt.Errorf("%w: cropping leaves a %dx%d picture", ErrInvalid, s.Width, s.Height)
	}
	return nil
}

// avcCropUnits returns CropUnitX and CropUnitY (H.264 equations 7-19 to
// 7-22): SubWidthC and SubHeightC for the chroma format, times two
// vertically for field coding.
func avcCropUnits(chroma uint8, fieldFactor int) (int, int) {
	switch chroma {
	case 1:
		return 2, 2 * fieldFactor
	case 2:
		return 2, fieldFactor
	}
	return 1, fieldFactor // monochrome, 4:4:4 (or separate colour planes)
}

// AVCProfileName names an H.264 profile_idc, or returns "" for an unknown
// one.
func AVCProfileName(profile uint8) string {
	return map[uint8]string{66: "Baseline", 77: "Main", 88: "Extended", 100: "High", 110: "High 10",
		122: "High 4:2:2", 244: "High 4:4:4 Predictive", 44: "CAVLC 4:4:4 Intra"}[profile]
}
