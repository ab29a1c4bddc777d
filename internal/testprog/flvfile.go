package testprog

import (
	"errors"
	"io"
	"os"
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

// ReadTags returns the tags of the FLV file at path. A file cut short (a
// player interrupted mid-tag) yields the tags before the cut.
func ReadTags(t testing.TB, path string) []flv.Tag {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := flv.NewReader(f)
	if _, err := r.ReadHeader(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var tags []flv.Tag
	for {
		tag, err := r.ReadTag()
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return tags
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		tags = append(tags, tag)
	}
}
