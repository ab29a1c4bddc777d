package codec

import "encoding/hex"

// unhex decodes a hex literal of the vector tables; spaces separate fields.
func unhex(s string) []byte {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' && s[i] != '\n' && s[i] != '\t' {
			clean = append(clean, s[i])
		}
	}
	b, err := hex.DecodeString(string(clean))
	if err != nil {
		panic(err)
	}
	return b
}

// Parameter sets from libx264 and libx265 (ffmpeg lavfi testsrc), with
// their emulation prevention bytes (the 03 in 00 00 03).
var (
	// H.264 Main, level 4.0, 1920x1080 coded as 1920x1088 with 8 lines
	// cropped at the bottom.
	sps1080 = unhex("67" + // forbidden 0, nal_ref_idc 3, nal_unit_type 7 (SPS)
		"4d 40 28" + // profile_idc 77 (Main), constraint_set1, level_idc 40
		"eca03c0113f2e022000003000200000300641e30632c") // ue/se fields, VUI
	pps1080 = unhex("68ebe3cb20")

	// H.264 High 4:4:4 Predictive, level 1.3, 320x240 (chroma_format_idc 3).
	sps240 = unhex("67" + // nal_unit_type 7
		"f4 00 0d" + // profile_idc 244, no constraints, level_idc 13
		"919b28283f6022000003000200000300641e28532c")
	pps240 = unhex("68ebe3c44844")

	// H.265 Main, level 3.1, 1280x720.
	vps720 = unhex("40010c01ffff01600000030090000003000003005d959809")
	sps720 = unhex("4201" + // NAL header: type 33 (SPS), layer 0, tid 1
		"01" + // vps id 0, max_sub_layers_minus1 0, temporal_id_nesting 1
		"01" + // profile_space 0, tier 0, profile_idc 1
		"60 00 00 03 00" + // general_profile_compatibility_flags 0x60000000, escaped (00 00 03)
		"90 00 00 03 00 00 03 00" + // progressive, frame only and constraint flags, escaped
		"5d" + // general_level_idc 93
		"a00280802d165959a4932bc05a020000030002000003003210") // sps id, chroma 1, 1280, 720, ...
	pps720 = unhex("4401c172b46240")
)

// avcConfigCases feed the avcC decode, encode and fuzz seed tests.
var avcConfigCases = []struct {
	name string
	b    []byte
	want AVCConfig
}{
	{"main 1080p", unhex("01" + // configurationVersion 1
		"4d 40 28" + // profile 77, compatibility 0x40, level 40
		"ff" + // 111111, lengthSizeMinusOne 3
		"e1" + // 111, numOfSequenceParameterSets 1
		"001a" + hex.EncodeToString(sps1080) + // length 26, SPS
		"01" + // numOfPictureParameterSets 1
		"0005" + hex.EncodeToString(pps1080)), // length 5, PPS
		AVCConfig{Profile: 77, Compatibility: 0x40, Level: 40, LengthSize: 4, SPS: [][]byte{sps1080}, PPS: [][]byte{pps1080}}},
	{"high 4:4:4 with the High profile extension", unhex("01" + // configurationVersion 1
		"f4 00 0d" + // profile 244, compatibility 0, level 13
		"ff e1" + // lengthSizeMinusOne 3, 1 SPS
		"0019" + hex.EncodeToString(sps240) + // length 25, SPS
		"01 0006" + hex.EncodeToString(pps240) + // 1 PPS of 6 bytes
		"ff f8 f8 00"), // chroma_format 3, bit depths 8, no SPS extensions (ignored)
		AVCConfig{Profile: 244, Level: 13, LengthSize: 4, SPS: [][]byte{sps240}, PPS: [][]byte{pps240}}},
	{"two-byte lengths, no parameter sets", unhex("01 42 c0 1e" + // version, Baseline, compatibility, level 30
		"fd" + // lengthSizeMinusOne 1
		"e0" + // no SPS
		"00"), // no PPS
		AVCConfig{Profile: 66, Compatibility: 0xC0, Level: 30, LengthSize: 2}},
}

// avcConfigErrors are records that must not parse.
var avcConfigErrors = []struct {
	name string
	b    []byte
}{
	{"empty", nil},
	{"version 0", unhex("00 4d 40 28 ff e1")},
	{"length size 3", unhex("01 4d 40 28 fe e0 00")},
	{"SPS longer than the record", unhex("01 4d 40 28 ff e1 0040 67")},
	{"SPS count with no data", unhex("01 4d 40 28 ff ff")},
	{"no PPS count", unhex("01 4d 40 28 ff e0")},
}

// avcSPSCases feed the H.264 SPS tests.
var avcSPSCases = []struct {
	name string
	nal  []byte
	want AVCSPS
}{
	{"main 1080p, cropped", sps1080, AVCSPS{Profile: 77, Constraints: 0x40, Level: 40, ChromaFormat: 1, BitDepth: 8, Width: 1920, Height: 1080}},
	{"high 4:4:4 240p", sps240, AVCSPS{Profile: 244, Level: 13, ChromaFormat: 3, BitDepth: 8, Width: 320, Height: 240}},
	{"baseline 176x144", unhex("67" + // SPS
		"42 c0 0b" + // Baseline, constraint_set0 and 1, level 1.1
		// sps_id 0 (1), log2_max_frame_num_minus4 0 (1), poc_type 0 (1),
		// log2_max_poc_lsb_minus4 0 (1), max_num_ref_frames 1 (010),
		// gaps 0, width_in_mbs_minus1 10 (0001011), height_in_map_units_minus1 8 (0001001),
		// frame_mbs_only 1, direct_8x8 1, cropping 0, vui 0, stop bit 1
		"f4 16 27 20"),
		AVCSPS{Profile: 66, Constraints: 0xC0, Level: 11, ChromaFormat: 1, BitDepth: 8, Width: 176, Height: 144}},
}

var avcSPSErrors = []struct {
	name string
	nal  []byte
}{
	{"too short", unhex("67 42")},
	{"not an SPS", unhex("68 42 c0 0b f1")},
	{"cut in the middle", sps1080[:8]},
	{"Exp-Golomb of 40 zero bits", unhex("67 42 c0 0b" + // Baseline SPS header
		"80 00 00 00 00 40")}, // sps_id 0 (1), then 40 zero bits and a 1
	{"cropping larger than the picture", unhex("67 42 c0 0b" +
		// sps_id 0, frame_num 0, poc 0, lsb 0, refs 0 (1), gaps 0, width_mbs-1 0 (1), height-1 0 (1),
		// frame_mbs_only 1, direct 1, cropping 1, left 100 (0000001100101), right, top, bottom 0 (1 1 1),
		// vui 0, stop bit 1
		"fb e0 65 e8")},
}

// hevcConfigCases feed the hvcC tests.
var hevcConfigCases = []struct {
	name string
	b    []byte
	want HEVCConfig
}{
	{"main 720p", unhex("01" + // configurationVersion 1
		"01" + // profile_space 0, tier 0, profile_idc 1 (Main)
		"60000000" + // general_profile_compatibility_flags
		"900000000000" + // general_constraint_indicator_flags
		"5d" + // general_level_idc 93 (3.1)
		"f000" + // min_spatial_segmentation_idc 0
		"fc" + // parallelismType 0
		"fd" + // chromaFormat 1
		"f8 f8" + // bit depths 8
		"0000" + // avgFrameRate 0
		"0f" + // constantFrameRate 0, numTemporalLayers 1, temporalIdNested 1, lengthSizeMinusOne 3
		"03" + // numOfArrays 3
		"20 0001 0018" + hex.EncodeToString(vps720) + // VPS: 1 NAL of 24 bytes
		"21 0001 002b" + hex.EncodeToString(sps720) + // SPS: 1 NAL of 43 bytes
		"22 0001 0007" + hex.EncodeToString(pps720)), // PPS: 1 NAL of 7 bytes
		HEVCConfig{Profile: 1, Compatibility: 0x60000000, Level: 93, ChromaFormat: 1, BitDepthLuma: 8, BitDepthChroma: 8,
			LengthSize: 4, VPS: [][]byte{vps720}, SPS: [][]byte{sps720}, PPS: [][]byte{pps720}}},
}

var hevcSPSCases = []struct {
	name string
	nal  []byte
	want HEVCSPS
}{
	{"main 720p", sps720, HEVCSPS{Profile: 1, Level: 93, ChromaFormat: 1, BitDepth: 8, Width: 1280, Height: 720}},
}

var hevcErrors = []struct {
	name string
	b    []byte
}{
	{"short hvcC", unhex("01 01 60")},
	{"array past the end", append(unhex("0101600000009000000000005df000fcfdf8f800000f01"), unhex("21 0001 0040 42")...)},
	{"SPS with 8 sub-layers", unhex("4201 0f 00")},
}

// ascCases feed the AudioSpecificConfig decode, encode and fuzz tests.
var ascCases = []struct {
	name string
	b    []byte
	want AudioSpecificConfig
}{
	{"LC 48 kHz stereo with an SBR sync extension", unhex("11 90" + // 00010 LC, 0011 48000, 0010 stereo, GASpecificConfig 000
		"56 e5 00"), // syncExtensionType 0x2b7 (not read)
		AudioSpecificConfig{ObjectType: AACLC, SampleRate: 48000, ChannelConfig: 2}},
	{"LC 44.1 kHz mono", unhex("12 08"), // 00010 LC, 0100 44100, 0001 mono, 000
		AudioSpecificConfig{ObjectType: AACLC, SampleRate: 44100, ChannelConfig: 1}},
	{"HE-AAC v2: PS over SBR over LC", unhex("eb 09 88"), // 11101 PS, 0110 24000, 0001 mono, 0011 48000, 00010 LC
		AudioSpecificConfig{ObjectType: AACLC, SampleRate: 24000, ChannelConfig: 1, SBR: true, PS: true, ExtensionSampleRate: 48000}},
	{"explicit 22050 Hz as index 15", unhex("17 80 2b 11 10"), // 00010 LC, 1111 explicit, 24-bit 22050, 0010 stereo, 000
		AudioSpecificConfig{ObjectType: AACLC, SampleRate: 22050, ChannelConfig: 2}},
	{"escaped object type 42 (USAC)", unhex("f9 48 40"), // 11111 escape, 001010 (32+10), 0100 44100, 0010 stereo
		AudioSpecificConfig{ObjectType: 42, SampleRate: 44100, ChannelConfig: 2}},
}

var ascErrors = []struct {
	name string
	b    []byte
}{
	{"empty", nil},
	{"one byte", unhex("12")},
	{"reserved frequency index 13", unhex("16 88")},   // 00010, 1101, 0001
	{"explicit frequency 0", unhex("17 80 00 00 10")}, // 00010 LC, 1111 explicit, 24 zero bits, 0010
}
