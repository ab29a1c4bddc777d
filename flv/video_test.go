package flv

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// enhancedVideoMatrix is every Enhanced video packet type that carries a
// FourCC, for every video FourCC: a key frame, with a composition time of
// -100 where the codec and packet type have one.
func enhancedVideoMatrix() []videoCase {
	fourCCs := []FourCC{FourCCAVC, FourCCHEVC, FourCCAV1, FourCCVP9, FourCCVP8}
	packetTypes := []VideoPacketType{
		VideoPacketSequenceStart, VideoPacketCodedFrames, VideoPacketSequenceEnd,
		VideoPacketCodedFramesX, VideoPacketMetadata, VideoPacketMPEG2TSSequenceStart,
	}
	payload := []byte{0xc0, 0xde}
	var cases []videoCase
	for _, f := range fourCCs {
		for _, pt := range packetTypes {
			wire := []byte{0x80 | 1<<4 | byte(pt)} // IsExHeader 1 | FrameType 1 key | PacketType
			wire = appendFourCC(wire, f)           // FourCC
			want := VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: pt, FourCC: f, HeaderLen: 5}
			if pt == VideoPacketCodedFrames && (f == FourCCAVC || f == FourCCHEVC) {
				wire = append(wire, 0xff, 0xff, 0x9c) // CompositionTime -100
				want.CompositionTime, want.HeaderLen = -100, 8
			}
			cases = append(cases, videoCase{
				name: fmt.Sprintf("%v packet type %d", f, pt),
				wire: append(wire, payload...),
				want: want,
			})
		}
	}
	return cases
}

func allVideoCases() []videoCase {
	return append(append(append([]videoCase{}, videoCases...), videoDecodeOnlyCases...), enhancedVideoMatrix()...)
}

func TestParseVideoHeader(t *testing.T) {
	for _, tc := range allVideoCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseVideoHeader(tc.wire)
			if err != nil {
				t.Fatalf("ParseVideoHeader: %v", err)
			}
			if got != tc.want {
				t.Fatalf("ParseVideoHeader:\n got %+v\nwant %+v", got, tc.want)
			}
			want := tc.tracks
			if want == nil {
				want = []Track{{FourCC: got.FourCC, CompositionTime: got.CompositionTime, Data: tc.wire[got.HeaderLen:]}}
			}
			checkTracks(t, got.Tracks(tc.wire), want)
		})
	}
}

func TestVideoHeaderAppendTo(t *testing.T) {
	for _, tc := range append(append([]videoCase{}, videoCases...), enhancedVideoMatrix()...) {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.want.AppendTo(nil)
			if want := tc.wire[:tc.want.HeaderLen]; !bytes.Equal(got, want) {
				t.Fatalf("AppendTo = % x, want % x", got, want)
			}
		})
	}
}

func TestParseVideoHeaderErrors(t *testing.T) {
	for _, tc := range videoErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			h, err := ParseVideoHeader(tc.wire)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseVideoHeader(% x) = %+v, %v; want error %v", tc.wire, h, err, tc.want)
			}
		})
	}
}

func TestParseVideoHeaderShortPrefixes(t *testing.T) {
	// Every proper prefix of a header is an error (never a panic), except
	// where the shorter bytes are themselves a complete header.
	for _, tc := range videoCases {
		for n := range tc.want.HeaderLen {
			if _, err := ParseVideoHeader(tc.wire[:n]); err == nil {
				t.Errorf("%s: prefix of %d bytes parsed", tc.name, n)
			}
		}
	}
}

func TestParseVideoHeaderDoesNotAllocate(t *testing.T) {
	for _, tc := range allVideoCases() {
		allocs := testing.AllocsPerRun(10, func() { _, _ = ParseVideoHeader(tc.wire) })
		if allocs != 0 {
			t.Errorf("%s: %v allocations", tc.name, allocs)
		}
	}
	for _, tc := range videoErrorCases {
		allocs := testing.AllocsPerRun(10, func() { _, _ = ParseVideoHeader(tc.wire) })
		if allocs != 0 {
			t.Errorf("%s: %v allocations", tc.name, allocs)
		}
	}
}

func TestAppendVideoMultitrack(t *testing.T) {
	for _, tc := range videoCases {
		if !tc.want.Multitrack {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			got := AppendVideoMultitrack(nil, tc.want, tc.tracks)
			if !bytes.Equal(got, tc.wire) {
				t.Fatalf("AppendVideoMultitrack =\n% x\nwant\n% x", got, tc.wire)
			}
		})
	}
}

// checkTracks compares what a Tracks iterator yields with want.
func checkTracks(t *testing.T, seq func(func(Track, error) bool), want []Track) {
	t.Helper()
	var got []Track
	for tr, err := range seq {
		if err != nil {
			t.Fatalf("Tracks: %v", err)
		}
		got = append(got, tr)
	}
	if len(got) != len(want) {
		t.Fatalf("Tracks yielded %d tracks, want %d: %+v", len(got), len(want), got)
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.FourCC != w.FourCC || g.CompositionTime != w.CompositionTime || !bytes.Equal(g.Data, w.Data) {
			t.Errorf("track %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestVideoTracksWithMismatchedHeader(t *testing.T) {
	// A header from another message must not make Tracks panic.
	h, err := ParseVideoHeader(findVideoCase(t, "Multitrack ManyTracks hvc1 CodedFrames").wire)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{nil, {0x96}, bytes.Repeat([]byte{0xff}, 40)} {
		for _, err := range h.Tracks(data) {
			_ = err
		}
	}
	h.HeaderLen = -5
	for _, err := range h.Tracks(nil) {
		if err == nil {
			t.Fatal("negative HeaderLen: no error")
		}
	}
}

func findVideoCase(t *testing.T, name string) videoCase {
	for _, tc := range videoCases {
		if tc.name == name {
			return tc
		}
	}
	t.Fatalf("no video case %q", name)
	return videoCase{}
}
