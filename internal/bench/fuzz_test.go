package bench

import (
	"bytes"
	"testing"
)

// FuzzWalker feeds arbitrary bytes to the walker. Invariants: no panic; it
// never counts more bytes than it was given; every message it returns is
// consistent with its header (head and body lengths); and what it holds
// stays bounded by its input: bodies grow only with bytes received.
func FuzzWalker(f *testing.F) {
	for _, tc := range walkerCases {
		f.Add(tc.wire)
	}
	f.Fuzz(func(t *testing.T, wire []byte) {
		w := newWalker(bytes.NewReader(wire), minReadBuffer)
		for range len(wire) + 1 { // every message takes at least a header byte
			m, err := w.Next()
			if err != nil {
				break
			}
			if len(m.Head) > headSize || len(m.Head) > int(m.Length) {
				t.Fatalf("head of %d bytes for a message of %d", len(m.Head), m.Length)
			}
			if m.Body != nil && len(m.Body) != int(m.Length) {
				t.Fatalf("body of %d bytes for a message of %d", len(m.Body), m.Length)
			}
		}
		if w.BytesRead() > uint64(len(wire)) {
			t.Fatalf("read %d bytes of %d", w.BytesRead(), len(wire))
		}
		held := 0
		for _, cs := range w.streams {
			held += cap(cs.body)
		}
		if held > 2*len(wire)+64 {
			t.Fatalf("holds %d body bytes after %d input bytes", held, len(wire))
		}
	})
}
