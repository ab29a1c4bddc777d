package codec

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseAVCConfig(t *testing.T) {
	for _, tc := range avcConfigCases {
		got, err := ParseAVCConfig(tc.b)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
	for _, tc := range avcConfigErrors {
		if _, err := ParseAVCConfig(tc.b); !isCodecError(err) {
			t.Errorf("%s: %v, want a codec error", tc.name, err)
		}
	}
}

// TestAVCConfigRoundTrip: what parses re-encodes to a record that parses
// to the same value.
func TestAVCConfigRoundTrip(t *testing.T) {
	for _, tc := range avcConfigCases {
		again, err := ParseAVCConfig(tc.want.AppendTo(nil))
		if err != nil || !reflect.DeepEqual(again, tc.want) {
			t.Errorf("%s: %+v, %v after a round trip", tc.name, again, err)
		}
	}
}

func TestParseAVCSPS(t *testing.T) {
	for _, tc := range avcSPSCases {
		got, err := ParseAVCSPS(tc.nal)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	for _, tc := range avcSPSErrors {
		if _, err := ParseAVCSPS(tc.nal); !isCodecError(err) {
			t.Errorf("%s: %v, want a codec error", tc.name, err)
		}
	}
}

func TestParseHEVC(t *testing.T) {
	for _, tc := range hevcConfigCases {
		got, err := ParseHEVCConfig(tc.b)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	for _, tc := range hevcSPSCases {
		got, err := ParseHEVCSPS(tc.nal)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	for _, tc := range hevcErrors {
		_, err1 := ParseHEVCConfig(tc.b)
		_, err2 := ParseHEVCSPS(tc.b)
		if !isCodecError(err1) || !isCodecError(err2) {
			t.Errorf("%s: %v, %v; want codec errors", tc.name, err1, err2)
		}
	}
}

func TestParseAudioSpecificConfig(t *testing.T) {
	for _, tc := range ascCases {
		got, err := ParseAudioSpecificConfig(tc.b)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
			continue
		}
		again, err := ParseAudioSpecificConfig(got.AppendTo(nil))
		if err != nil || again != got {
			t.Errorf("%s: round trip gave %+v, %v", tc.name, again, err)
		}
	}
	for _, tc := range ascErrors {
		if _, err := ParseAudioSpecificConfig(tc.b); !isCodecError(err) {
			t.Errorf("%s: %v, want a codec error", tc.name, err)
		}
	}
}

func TestChannels(t *testing.T) {
	for _, tc := range []struct {
		c    AudioSpecificConfig
		want int
	}{
		{AudioSpecificConfig{ChannelConfig: 2}, 2},
		{AudioSpecificConfig{ChannelConfig: 7}, 8},
		{AudioSpecificConfig{ChannelConfig: 1, PS: true}, 2},
		{AudioSpecificConfig{ChannelConfig: 0}, 0},
		{AudioSpecificConfig{ChannelConfig: 99}, 0},
	} {
		if got := tc.c.Channels(); got != tc.want {
			t.Errorf("%+v: %d channels, want %d", tc.c, got, tc.want)
		}
	}
}

func TestUnescapeRBSP(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"0102", "0102"},
		{"000003", "0000"},
		{"00000300000301", "0000000001"},
		{"0000030300", "000003" + "00"}, // only the first 03 after two zeros goes
		{"00030000", "00030000"},
	} {
		if got := unescapeRBSP(unhex(tc.in)); string(got) != string(unhex(tc.want)) {
			t.Errorf("%s: got %x, want %s", tc.in, got, tc.want)
		}
	}
}

func isCodecError(err error) bool {
	return errors.Is(err, ErrShort) || errors.Is(err, ErrInvalid) || errors.Is(err, ErrUnsupported)
}

func BenchmarkParseAVCSPS(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(sps1080)))
	for b.Loop() {
		if _, err := ParseAVCSPS(sps1080); err != nil {
			b.Fatal(err)
		}
	}
}
