package testprog

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

// ReadTags returns the tags of the FLV file at path, failing the test on
// any error.
func ReadTags(t testing.TB, path string) []flv.Tag {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tags, err := DecodeTags(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return tags
}

// DecodeTags reads an FLV stream to its end and returns its tags.
func DecodeTags(r io.Reader) ([]flv.Tag, error) {
	fr := flv.NewReader(bufio.NewReader(r))
	if _, err := fr.ReadHeader(); err != nil {
		return nil, err
	}
	var tags []flv.Tag
	for {
		tag, err := fr.ReadTag()
		if errors.Is(err, io.EOF) {
			return tags, nil
		}
		if err != nil {
			return tags, err
		}
		tags = append(tags, tag)
	}
}

// MediaFrames counts the audio and video tags that carry a frame: not
// script data, sequence headers or ends of sequence. Servers and clients
// may drop or add those (librtmp drops the AVC end of sequence), so tests
// compare frames.
func MediaFrames(tags []flv.Tag) int {
	n := 0
	for _, tag := range tags {
		if tag.Type == flv.TagScript || flv.IsSequenceHeader(tag) || flv.IsSequenceEnd(tag) {
			continue
		}
		n++
	}
	return n
}

// FrameMD5Packets counts the packet lines of ffmpeg's framemd5 output
// (`-f framemd5`): one per frame, after the '#' header lines.
func FrameMD5Packets(framemd5 string) int {
	n := 0
	for _, line := range strings.Split(framemd5, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			n++
		}
	}
	return n
}
