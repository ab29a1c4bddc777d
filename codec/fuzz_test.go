package codec

import (
	"reflect"
	"testing"
)

// checkSize is the invariant every parser keeps: a picture no larger than
// MaxDimension in either direction, and positive.
func checkSize(t *testing.T, w, h int) {
	if w <= 0 || h <= 0 || w > MaxDimension || h > MaxDimension {
		t.Fatalf("picture %dx%d", w, h)
	}
}

func FuzzAVCConfig(f *testing.F) {
	for _, tc := range avcConfigCases {
		f.Add(tc.b)
	}
	for _, tc := range avcConfigErrors {
		f.Add(tc.b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseAVCConfig(b)
		if err != nil {
			return
		}
		again, err := ParseAVCConfig(c.AppendTo(nil))
		if err != nil || !reflect.DeepEqual(again, c) {
			t.Fatalf("round trip: %+v, %v; want %+v", again, err, c)
		}
	})
}

func FuzzAVCSPS(f *testing.F) {
	for _, tc := range avcSPSCases {
		f.Add(tc.nal)
	}
	for _, tc := range avcSPSErrors {
		f.Add(tc.nal)
	}
	f.Fuzz(func(t *testing.T, nal []byte) {
		s, err := ParseAVCSPS(nal)
		if err != nil {
			return
		}
		checkSize(t, s.Width, s.Height)
		if s.ChromaFormat > 3 || s.BitDepth < 8 || s.BitDepth > 14 {
			t.Fatalf("chroma %d, depth %d", s.ChromaFormat, s.BitDepth)
		}
	})
}

func FuzzHEVCConfig(f *testing.F) {
	for _, tc := range hevcConfigCases {
		f.Add(tc.b)
	}
	for _, tc := range hevcErrors {
		f.Add(tc.b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseHEVCConfig(b)
		if err != nil {
			return
		}
		// The parameter sets alias the input: they cannot hold more.
		total := 0
		for _, sets := range [][][]byte{c.VPS, c.SPS, c.PPS} {
			for _, s := range sets {
				total += len(s)
			}
		}
		if total > len(b) {
			t.Fatalf("%d bytes of parameter sets from %d bytes", total, len(b))
		}
	})
}

func FuzzHEVCSPS(f *testing.F) {
	for _, tc := range hevcSPSCases {
		f.Add(tc.nal)
	}
	for _, tc := range hevcErrors {
		f.Add(tc.b)
	}
	f.Fuzz(func(t *testing.T, nal []byte) {
		s, err := ParseHEVCSPS(nal)
		if err != nil {
			return
		}
		checkSize(t, s.Width, s.Height)
	})
}

func FuzzAudioSpecificConfig(f *testing.F) {
	for _, tc := range ascCases {
		f.Add(tc.b)
	}
	for _, tc := range ascErrors {
		f.Add(tc.b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseAudioSpecificConfig(b)
		if err != nil {
			return
		}
		again, err := ParseAudioSpecificConfig(c.AppendTo(nil))
		if err != nil || again != c {
			t.Fatalf("round trip: %+v, %v; want %+v", again, err, c)
		}
	})
}
