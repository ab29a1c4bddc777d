// Package codec reads the decoder configuration that RTMP and FLV carry in
// sequence headers, far enough to say what a stream is: codec profile and
// level, picture size, chroma format and bit depth, audio sample rate and
// channels. It is what `sluice probe` prints and what outputs that must
// name a codec (HLS's CODECS attribute) need.
//
// It implements:
//
//   - ISO/IEC 14496-15 §5.3.3.1, the AVCDecoderConfigurationRecord (avcC),
//     and §8.3.3.1, the HEVCDecoderConfigurationRecord (hvcC);
//   - ITU-T H.264 §7.3.2.1.1, the sequence parameter set, up to the frame
//     cropping that gives the picture size (§7.4.2.1.1);
//   - ITU-T H.265 §7.3.2.2.1, the sequence parameter set, with §7.3.3
//     profile_tier_level, up to the conformance window;
//   - ISO/IEC 14496-3 §1.6.2.1, the AudioSpecificConfig, with explicit SBR
//     and PS signalling (§1.6.5.2).
//
// Parameter sets are read after removing emulation prevention bytes
// (H.264 §7.4.1, H.265 §7.4.2). Every parser is bounded: lengths are
// checked against the input before use, Exp-Golomb codes are limited to
// 32 bits, loops by their spec maximum, and nothing is allocated by a
// declared count. Byte slices in results alias the input.
package codec
