package flv

import (
	"fmt"
	"testing"
)

type detectCase struct {
	name                   string
	tag                    Tag
	key, seqHeader, seqEnd bool
}

func video(data ...byte) Tag { return Tag{Type: TagVideo, Data: data} }
func audio(data ...byte) Tag { return Tag{Type: TagAudio, Data: data} }
func withFourCC(first byte, f FourCC, rest ...byte) []byte {
	return append(appendFourCC([]byte{first}, f), rest...)
}

var legacyDetectCases = []detectCase{
	{name: "H.263 key frame", tag: video(0x12, 0x00), key: true},
	{name: "H.263 inter frame", tag: video(0x22, 0x00)},
	{name: "H.263 disposable inter frame", tag: video(0x32, 0x00)},
	{name: "screen video key frame", tag: video(0x13, 0x00), key: true},
	{name: "VP6 key frame", tag: video(0x14, 0x00), key: true},
	{name: "VP6 inter frame", tag: video(0x24, 0x00)},
	{name: "VP6 alpha key frame", tag: video(0x15, 0x00), key: true},
	{name: "screen video v2 key frame", tag: video(0x16, 0x00), key: true},
	{name: "AVC sequence header", tag: video(0x17, 0x00, 0, 0, 0, 0x01), seqHeader: true},
	{name: "AVC key frame", tag: video(0x17, 0x01, 0, 0, 0, 0x65), key: true},
	{name: "AVC generated key frame", tag: video(0x47, 0x01, 0, 0, 0, 0x65), key: true},
	{name: "AVC inter frame", tag: video(0x27, 0x01, 0, 0, 0, 0x41)},
	{name: "AVC end of sequence", tag: video(0x17, 0x02, 0, 0, 0), seqEnd: true},
	{name: "legacy command frame", tag: video(0x57, 0x00)},
	{name: "truncated AVC header", tag: video(0x17, 0x00)},
	{name: "empty video", tag: video()},
	{name: "AAC sequence header", tag: audio(0xaf, 0x00, 0x12, 0x10), seqHeader: true},
	{name: "AAC raw", tag: audio(0xaf, 0x01, 0x21)},
	{name: "truncated AAC header", tag: audio(0xaf)},
	{name: "empty audio (silence)", tag: audio()},
	{name: "script data", tag: Tag{Type: TagScript, Data: []byte{0x02, 0x00, 0x0a}}},
	{name: "audio tag that looks like an AVC key frame", tag: audio(0x17, 0x01, 0, 0, 0)},
	{name: "video tag that looks like an AAC sequence header", tag: video(0xaf, 0x00)},
}

// detectMatrix covers every legacy sound format, and every Enhanced packet
// type of every FourCC, plain and inside a multitrack message.
func detectMatrix() []detectCase {
	var cases []detectCase
	for f := range SoundFormat(16) {
		if f == SoundFormatAAC || f == SoundFormatExHeader {
			continue
		}
		cases = append(cases, detectCase{name: fmt.Sprintf("sound format %d", f), tag: audio(byte(f)<<4|0x0f, 0x00)})
	}
	for _, f := range []FourCC{FourCCAVC, FourCCHEVC, FourCCAV1, FourCCVP9, FourCCVP8} {
		ct := []byte{}
		if hasCompositionTime(f) {
			ct = []byte{0, 0, 0}
		}
		for _, c := range []struct {
			name                   string
			first                  byte // IsExHeader | FrameType | PacketType
			rest                   []byte
			key, seqHeader, seqEnd bool
		}{
			{name: "SequenceStart", first: 0x90, seqHeader: true},
			{name: "MPEG2TSSequenceStart", first: 0x95, seqHeader: true},
			{name: "CodedFrames key frame", first: 0x91, rest: ct, key: true},
			{name: "CodedFrames inter frame", first: 0xa1, rest: ct},
			{name: "CodedFramesX key frame", first: 0x93, key: true},
			{name: "CodedFramesX generated key frame", first: 0xc3, key: true},
			{name: "CodedFramesX inter frame", first: 0xa3},
			{name: "SequenceEnd", first: 0x92, seqEnd: true},
			{name: "Metadata with key frame type", first: 0x94},
		} {
			cases = append(cases, detectCase{
				name: fmt.Sprintf("%v %s", f, c.name),
				tag:  video(withFourCC(c.first, f, append(c.rest, 0xee)...)...),
				key:  c.key, seqHeader: c.seqHeader, seqEnd: c.seqEnd,
			})
			// The same inside a OneTrack multitrack message.
			multi := []byte{
				c.first&0xf0 | byte(VideoPacketMultitrack), // IsExHeader | FrameType | PacketType 6 Multitrack
				byte(MultitrackOneTrack)<<4 | c.first&0x0f, // AvMultitrackType 0 | PacketType
			}
			multi = append(appendFourCC(multi, f), 0x00) // FourCC, TrackId 0
			cases = append(cases, detectCase{
				name: fmt.Sprintf("%v multitrack %s", f, c.name),
				tag:  video(append(append(multi, c.rest...), 0xee)...),
				key:  c.key, seqHeader: c.seqHeader, seqEnd: c.seqEnd,
			})
		}
		cases = append(cases, detectCase{name: fmt.Sprintf("%v command frame", f), tag: video(0xd1, 0x00)})
	}
	for _, f := range []FourCC{FourCCOpus, FourCCFLAC, FourCCAC3, FourCCEAC3, FourCCAAC, FourCCMP3} {
		for _, c := range []struct {
			name              string
			first             byte // SoundFormat 9 | PacketType
			seqHeader, seqEnd bool
		}{
			{name: "SequenceStart", first: 0x90, seqHeader: true},
			{name: "CodedFrames", first: 0x91},
			{name: "SequenceEnd", first: 0x92, seqEnd: true},
			{name: "MultichannelConfig", first: 0x94},
		} {
			cases = append(cases, detectCase{
				name: fmt.Sprintf("%v %s", f, c.name), tag: audio(withFourCC(c.first, f, 0xee)...),
				seqHeader: c.seqHeader, seqEnd: c.seqEnd,
			})
			multi := []byte{
				0x95,                // SoundFormat 9 | PacketType 5 Multitrack
				0x10 | c.first&0x0f, // AvMultitrackType 1 ManyTracks | PacketType
			}
			multi = append(appendFourCC(multi, f), 0x00, 0x00, 0x00, 0x01, 0xee) // FourCC, TrackId 0, size 1, payload
			cases = append(cases, detectCase{
				name: fmt.Sprintf("%v multitrack %s", f, c.name), tag: audio(multi...),
				seqHeader: c.seqHeader, seqEnd: c.seqEnd,
			})
		}
	}
	return cases
}

func TestDetection(t *testing.T) {
	for _, tc := range append(legacyDetectCases, detectMatrix()...) {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsKeyframe(tc.tag); got != tc.key {
				t.Errorf("IsKeyframe = %v, want %v", got, tc.key)
			}
			if got := IsSequenceHeader(tc.tag); got != tc.seqHeader {
				t.Errorf("IsSequenceHeader = %v, want %v", got, tc.seqHeader)
			}
			if got := IsSequenceEnd(tc.tag); got != tc.seqEnd {
				t.Errorf("IsSequenceEnd = %v, want %v", got, tc.seqEnd)
			}
		})
	}
}
