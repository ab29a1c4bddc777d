package flv

import (
	"bytes"
	"errors"
	"testing"
)

var fileHeaderCases = []struct {
	name string
	wire []byte
	want Header
}{
	{
		name: "audio and video",
		wire: []byte{
			'F', 'L', 'V', // Signature
			0x01,                   // Version 1
			0x05,                   // TypeFlags: audio (0x04) | video (0x01)
			0x00, 0x00, 0x00, 0x09, // DataOffset 9
		},
		want: Header{Version: 1, HasAudio: true, HasVideo: true, DataOffset: 9},
	},
	{
		name: "audio only",
		wire: []byte{
			'F', 'L', 'V', // Signature
			0x01,                   // Version 1
			0x04,                   // TypeFlags: audio
			0x00, 0x00, 0x00, 0x09, // DataOffset 9
		},
		want: Header{Version: 1, HasAudio: true, DataOffset: 9},
	},
	{
		name: "video only, larger DataOffset",
		wire: []byte{
			'F', 'L', 'V', // Signature
			0x01,                   // Version 1
			0x01,                   // TypeFlags: video
			0x00, 0x00, 0x00, 0x0d, // DataOffset 13
		},
		want: Header{Version: 1, HasVideo: true, DataOffset: 13},
	},
}

func TestParseHeader(t *testing.T) {
	for _, tc := range fileHeaderCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseHeader(tc.wire)
			if err != nil || got != tc.want {
				t.Fatalf("ParseHeader = %+v, %v; want %+v", got, err, tc.want)
			}
			if enc := tc.want.AppendTo(nil); !bytes.Equal(enc, tc.wire) {
				t.Fatalf("AppendTo = % x, want % x", enc, tc.wire)
			}
		})
	}
}

func TestParseHeaderIgnoresReservedFlags(t *testing.T) {
	wire := []byte{'F', 'L', 'V', 0x01, 0xfa, 0x00, 0x00, 0x00, 0x09} // reserved bits set, no audio/video
	got, err := ParseHeader(wire)
	if err != nil || got != (Header{Version: 1, DataOffset: 9}) {
		t.Fatalf("ParseHeader = %+v, %v", got, err)
	}
}

func TestParseHeaderErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		wire []byte
		want error
	}{
		{"short", []byte{'F', 'L', 'V', 1, 5, 0, 0, 0}, ErrShortBody},
		{"signature", []byte{'F', 'L', 'X', 1, 5, 0, 0, 0, 9}, ErrSignature},
		{"DataOffset below 9", []byte{'F', 'L', 'V', 1, 5, 0, 0, 0, 8}, ErrMalformed},
	} {
		if _, err := ParseHeader(tc.wire); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

var tagHeaderCases = []struct {
	name string
	wire []byte
	typ  TagType
	size uint32
	ts   uint32
}{
	{
		name: "audio tag",
		wire: []byte{
			0x08,             // Reserved 0 | Filter 0 | TagType 8 audio
			0x00, 0x00, 0x07, // DataSize 7
			0x00, 0x03, 0xe8, // Timestamp 1000
			0x00,             // TimestampExtended 0
			0x00, 0x00, 0x00, // StreamID 0
		},
		typ: TagAudio, size: 7, ts: 1000,
	},
	{
		name: "video tag, largest DataSize",
		wire: []byte{
			0x09,             // Reserved 0 | Filter 0 | TagType 9 video
			0xff, 0xff, 0xff, // DataSize 16777215
			0x00, 0x00, 0x00, // Timestamp 0
			0x00,             // TimestampExtended 0
			0x00, 0x00, 0x00, // StreamID 0
		},
		typ: TagVideo, size: MaxTagSize, ts: 0,
	},
	{
		name: "script tag, extended timestamp",
		wire: []byte{
			0x12,             // Reserved 0 | Filter 0 | TagType 18 script
			0x00, 0x01, 0x00, // DataSize 256
			0x00, 0x00, 0x00, // Timestamp (low 24 bits) 0
			0x01,             // TimestampExtended 1: timestamp 0x01000000 (4 h 39 min 37.216 s)
			0x00, 0x00, 0x00, // StreamID 0
		},
		typ: TagScript, size: 256, ts: 1 << 24,
	},
	{
		name: "video tag, extended timestamp, all bits",
		wire: []byte{
			0x09,             // Reserved 0 | Filter 0 | TagType 9 video
			0x00, 0x00, 0x01, // DataSize 1
			0xff, 0xff, 0xfe, // Timestamp (low 24 bits)
			0xff,             // TimestampExtended: timestamp 0xfffffffe
			0x00, 0x00, 0x00, // StreamID 0
		},
		typ: TagVideo, size: 1, ts: 0xfffffffe,
	},
}

func TestParseTagHeader(t *testing.T) {
	for _, tc := range tagHeaderCases {
		t.Run(tc.name, func(t *testing.T) {
			typ, size, ts, err := ParseTagHeader(tc.wire)
			if err != nil || typ != tc.typ || size != tc.size || ts != tc.ts {
				t.Fatalf("ParseTagHeader = %d, %d, %d, %v; want %d, %d, %d", typ, size, ts, err, tc.typ, tc.size, tc.ts)
			}
			if enc := appendTagHeader(nil, tc.typ, int(tc.size), tc.ts); !bytes.Equal(enc, tc.wire) {
				t.Fatalf("appendTagHeader = % x, want % x", enc, tc.wire)
			}
		})
	}
}

func TestParseTagHeaderTolerance(t *testing.T) {
	// Reserved bits and a non-zero StreamID are ignored.
	wire := []byte{0xc8, 0, 0, 1, 0, 0, 2, 0, 0xaa, 0xbb, 0xcc}
	typ, size, ts, err := ParseTagHeader(wire)
	if err != nil || typ != TagAudio || size != 1 || ts != 2 {
		t.Fatalf("ParseTagHeader = %d, %d, %d, %v", typ, size, ts, err)
	}
}

func TestParseTagHeaderErrors(t *testing.T) {
	if _, _, _, err := ParseTagHeader(make([]byte, 10)); !errors.Is(err, ErrShortBody) {
		t.Errorf("short: err = %v", err)
	}
	encrypted := []byte{0x28, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0} // Filter 1 | TagType 8
	if _, _, _, err := ParseTagHeader(encrypted); !errors.Is(err, ErrUnsupported) {
		t.Errorf("encrypted: err = %v", err)
	}
}

func TestAppendTag(t *testing.T) {
	got := AppendTag([]byte{0xee}, Tag{Type: TagAudio, Timestamp: 0x01020304, Data: []byte{0xaf, 0x01, 0x21}})
	want := []byte{
		0xee,             // existing dst
		0x08,             // TagType 8 audio
		0x00, 0x00, 0x03, // DataSize 3
		0x02, 0x03, 0x04, // Timestamp (low 24 bits)
		0x01,             // TimestampExtended
		0x00, 0x00, 0x00, // StreamID 0
		0xaf, 0x01, 0x21, // Data
		0x00, 0x00, 0x00, 0x0e, // PreviousTagSize 11 + 3
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("AppendTag =\n% x\nwant\n% x", got, want)
	}
}

func TestFourCCString(t *testing.T) {
	for f, want := range map[FourCC]string{
		FourCCAVC: "avc1", FourCCHEVC: "hvc1", FourCCAV1: "av01", FourCCVP9: "vp09", FourCCVP8: "vp08",
		FourCCOpus: "Opus", FourCCFLAC: "fLaC", FourCCAC3: "ac-3", FourCCEAC3: "ec-3", FourCCAAC: "mp4a", FourCCMP3: ".mp3",
		0: "0x00000000", 0x61766301: "0x61766301",
	} {
		if got := f.String(); got != want {
			t.Errorf("FourCC(%#x).String() = %q, want %q", uint32(f), got, want)
		}
	}
}
