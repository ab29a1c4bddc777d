package flv

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// enhancedAudioMatrix is every Enhanced audio packet type that carries a
// FourCC, for every audio FourCC.
func enhancedAudioMatrix() []audioCase {
	fourCCs := []FourCC{FourCCOpus, FourCCFLAC, FourCCAC3, FourCCEAC3, FourCCAAC, FourCCMP3}
	packetTypes := []AudioPacketType{
		AudioPacketSequenceStart, AudioPacketCodedFrames, AudioPacketSequenceEnd, AudioPacketMultichannelConfig,
	}
	var cases []audioCase
	for _, f := range fourCCs {
		for _, pt := range packetTypes {
			wire := []byte{byte(SoundFormatExHeader)<<4 | byte(pt)} // SoundFormat 9 ExHeader | PacketType
			wire = appendFourCC(wire, f)                            // FourCC
			cases = append(cases, audioCase{
				name: fmt.Sprintf("%v packet type %d", f, pt),
				wire: append(wire, 0xa5), // payload
				want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: pt, FourCC: f, HeaderLen: 5},
			})
		}
	}
	return cases
}

func allAudioCases() []audioCase {
	return append(append([]audioCase{}, audioCases...), enhancedAudioMatrix()...)
}

func TestParseAudioHeader(t *testing.T) {
	for _, tc := range allAudioCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseAudioHeader(tc.wire)
			if err != nil {
				t.Fatalf("ParseAudioHeader: %v", err)
			}
			if got != tc.want {
				t.Fatalf("ParseAudioHeader:\n got %+v\nwant %+v", got, tc.want)
			}
			want := tc.tracks
			if want == nil {
				want = []Track{{FourCC: got.FourCC, Data: tc.wire[got.HeaderLen:]}}
			}
			checkTracks(t, got.Tracks(tc.wire), want)
		})
	}
}

func TestAudioHeaderAppendTo(t *testing.T) {
	for _, tc := range allAudioCases() {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.want.AppendTo(nil)
			if want := tc.wire[:tc.want.HeaderLen]; !bytes.Equal(got, want) {
				t.Fatalf("AppendTo = % x, want % x", got, want)
			}
		})
	}
}

func TestParseAudioHeaderErrors(t *testing.T) {
	for _, tc := range audioErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			h, err := ParseAudioHeader(tc.wire)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseAudioHeader(% x) = %+v, %v; want error %v", tc.wire, h, err, tc.want)
			}
		})
	}
}

func TestParseAudioHeaderShortPrefixes(t *testing.T) {
	for _, tc := range audioCases {
		for n := range tc.want.HeaderLen {
			if _, err := ParseAudioHeader(tc.wire[:n]); err == nil {
				t.Errorf("%s: prefix of %d bytes parsed", tc.name, n)
			}
		}
	}
}

func TestParseAudioHeaderDoesNotAllocate(t *testing.T) {
	for _, tc := range allAudioCases() {
		if allocs := testing.AllocsPerRun(10, func() { _, _ = ParseAudioHeader(tc.wire) }); allocs != 0 {
			t.Errorf("%s: %v allocations", tc.name, allocs)
		}
	}
	for _, tc := range audioErrorCases {
		if allocs := testing.AllocsPerRun(10, func() { _, _ = ParseAudioHeader(tc.wire) }); allocs != 0 {
			t.Errorf("%s: %v allocations", tc.name, allocs)
		}
	}
}

func TestAppendAudioMultitrack(t *testing.T) {
	for _, tc := range audioCases {
		if !tc.want.Multitrack {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			got := AppendAudioMultitrack(nil, tc.want, tc.tracks)
			if !bytes.Equal(got, tc.wire) {
				t.Fatalf("AppendAudioMultitrack =\n% x\nwant\n% x", got, tc.wire)
			}
		})
	}
}
