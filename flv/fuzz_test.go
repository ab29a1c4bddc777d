package flv

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"testing"
)

// The seed corpora live in testdata/fuzz/FuzzX, written from the case
// tables by TestWriteFuzzSeeds (go test -run TestWriteFuzzSeeds -update).

func FuzzVideoHeader(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ParseVideoHeader(data)
		if err != nil {
			return
		}
		if h.HeaderLen < 1 || h.HeaderLen > len(data) {
			t.Fatalf("HeaderLen %d outside a %d-byte body", h.HeaderLen, len(data))
		}
		enc := append(h.AppendTo(nil), data[h.HeaderLen:]...)
		h2, err := ParseVideoHeader(enc)
		if err != nil {
			t.Fatalf("re-encoded header % x does not parse: %v", enc, err)
		}
		if h2.HeaderLen != len(enc)-(len(data)-h.HeaderLen) {
			t.Fatalf("re-parsed HeaderLen %d, want the %d bytes AppendTo wrote", h2.HeaderLen, len(enc)-(len(data)-h.HeaderLen))
		}
		checkSameTracks(t, len(data), collectTracks(h.Tracks(data)), collectTracks(h2.Tracks(enc)))
		h.HeaderLen = h2.HeaderLen
		if h != h2 {
			t.Fatalf("round trip:\n got %+v\nwant %+v", h2, h)
		}
	})
}

func FuzzAudioHeader(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ParseAudioHeader(data)
		if err != nil {
			return
		}
		if h.HeaderLen < 1 || h.HeaderLen > len(data) {
			t.Fatalf("HeaderLen %d outside a %d-byte body", h.HeaderLen, len(data))
		}
		enc := append(h.AppendTo(nil), data[h.HeaderLen:]...)
		h2, err := ParseAudioHeader(enc)
		if err != nil {
			t.Fatalf("re-encoded header % x does not parse: %v", enc, err)
		}
		checkSameTracks(t, len(data), collectTracks(h.Tracks(data)), collectTracks(h2.Tracks(enc)))
		h.HeaderLen = h2.HeaderLen
		if h != h2 {
			t.Fatalf("round trip:\n got %+v\nwant %+v", h2, h)
		}
	})
}

type trackOrError struct {
	Track
	err error
}

func collectTracks(seq func(func(Track, error) bool)) []trackOrError {
	var out []trackOrError
	for tr, err := range seq {
		out = append(out, trackOrError{tr, err})
	}
	return out
}

// checkSameTracks asserts that two walks yield the same tracks, and that
// the tracks of a body of n bytes hold no more than n bytes.
func checkSameTracks(t *testing.T, n int, a, b []trackOrError) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d tracks before the round trip, %d after", len(a), len(b))
	}
	total := 0
	for i := range a {
		x, y := a[i], b[i]
		if (x.err == nil) != (y.err == nil) || x.ID != y.ID || x.FourCC != y.FourCC ||
			x.CompositionTime != y.CompositionTime || !bytes.Equal(x.Data, y.Data) {
			t.Fatalf("track %d: %+v before the round trip, %+v after", i, x, y)
		}
		total += len(x.Data)
	}
	if total > n {
		t.Fatalf("tracks hold %d bytes of a %d-byte body", total, n)
	}
}

func FuzzReader(f *testing.F) {
	f.Fuzz(func(t *testing.T, file []byte) {
		r := NewReader(bytes.NewReader(file))
		h, err := r.ReadHeader()
		if err != nil {
			return
		}
		var tags []Tag
		total := 0
		for {
			tag, err := r.ReadTag()
			if err != nil && !errors.Is(err, ErrPreviousTagSize) {
				break
			}
			if cap(tag.Data) != len(tag.Data) {
				t.Fatalf("tag data: cap %d, len %d", cap(tag.Data), len(tag.Data))
			}
			total += len(tag.Data)
			tags = append(tags, tag)
		}
		if total > len(file) {
			t.Fatalf("read %d bytes of tag data from a %d-byte file", total, len(file))
		}

		// What was read writes and reads back the same.
		var buf bytes.Buffer
		w := NewWriter(&buf)
		if err := w.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		for _, tag := range tags {
			if err := w.WriteTag(tag); err != nil {
				t.Fatal(err)
			}
		}
		if h.Version == 0 {
			h.Version = 1 // as WriteHeader writes it
		}
		r2 := NewReader(&buf)
		if h2, err := r2.ReadHeader(); err != nil || h2 != h {
			t.Fatalf("header %+v, %v after the round trip; want %+v", h2, err, h)
		}
		for i, want := range tags {
			got, err := r2.ReadTag()
			if err != nil || !equalTags(got, want) {
				t.Fatalf("tag %d after the round trip: %v", i, err)
			}
		}
		if _, err := r2.ReadTag(); err != io.EOF {
			t.Fatalf("after the round trip: %v, want io.EOF", err)
		}
	})
}

func FuzzScriptData(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScriptData(data)
		if err != nil {
			return
		}
		// Compare encodings rather than values: NaN numbers are not equal
		// to themselves.
		enc, err := s.AppendTo(nil)
		if err != nil {
			t.Fatalf("AppendTo: %v", err)
		}
		if len(enc) > 4*len(data)+64 {
			t.Fatalf("%d-byte body re-encodes to %d bytes", len(data), len(enc))
		}
		s2, err := ParseScriptData(enc)
		if err != nil {
			t.Fatalf("re-encoded script data does not parse: %v\n% x", err, enc)
		}
		if s2.Name != s.Name || s2.SetDataFrame != s.SetDataFrame || len(s2.Values) != len(s.Values) {
			t.Fatalf("round trip: %q/%v/%d values, want %q/%v/%d", s2.Name, s2.SetDataFrame, len(s2.Values), s.Name, s.SetDataFrame, len(s.Values))
		}
		enc2, err := s2.AppendTo(nil)
		if err != nil || !slices.Equal(enc, enc2) {
			t.Fatalf("second encoding differs (%v):\n% x\n% x", err, enc, enc2)
		}
	})
}
