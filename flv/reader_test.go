package flv

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"testing"
)

// sampleTags is a small stream: script data, sequence headers, frames,
// a tag larger than the Writer's copy limit and the Reader's first
// allocation, and timestamps that need TimestampExtended.
func sampleTags() []Tag {
	big := make([]byte, readChunk*3+17)
	for i := range big {
		big[i] = byte(i)
	}
	big[0], big[1] = 0x17, 0x01
	return []Tag{
		{Type: TagScript, Timestamp: 0, Data: []byte{0x02, 0x00, 0x0a, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a', 0x05}},
		{Type: TagVideo, Timestamp: 0, Data: []byte{0x17, 0x00, 0, 0, 0, 0x01, 0x64}},
		{Type: TagAudio, Timestamp: 0, Data: []byte{0xaf, 0x00, 0x12, 0x10}},
		{Type: TagVideo, Timestamp: 33, Data: big},
		{Type: TagAudio, Timestamp: 1<<24 + 5, Data: []byte{0xaf, 0x01, 0x21}},
		{Type: TagVideo, Timestamp: 0xffffffff, Data: []byte{0x27, 0x01, 0xff, 0xff, 0xdf, 0x41}},
		{Type: TagAudio, Timestamp: 7, Data: []byte{}},
	}
}

func writeFile(t testing.TB, h Header, tags []Tag) []byte {
	t.Helper()
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
	return buf.Bytes()
}

func equalTags(a, b Tag) bool {
	return a.Type == b.Type && a.Timestamp == b.Timestamp && bytes.Equal(a.Data, b.Data)
}

func TestReaderWriterRoundTrip(t *testing.T) {
	tags := sampleTags()
	file := writeFile(t, Header{HasAudio: true, HasVideo: true}, tags)

	r := NewReader(bytes.NewReader(file))
	h, err := r.ReadHeader()
	if want := (Header{Version: 1, HasAudio: true, HasVideo: true, DataOffset: 9}); err != nil || h != want {
		t.Fatalf("ReadHeader = %+v, %v; want %+v", h, err, want)
	}
	for i, want := range tags {
		got, err := r.ReadTag()
		if err != nil {
			t.Fatalf("tag %d: %v", i, err)
		}
		if !equalTags(got, want) {
			t.Fatalf("tag %d = %v/%d/%d bytes, want %v/%d/%d bytes", i, got.Type, got.Timestamp, len(got.Data), want.Type, want.Timestamp, len(want.Data))
		}
		if cap(got.Data) != len(got.Data) {
			t.Errorf("tag %d: cap %d, len %d", i, cap(got.Data), len(got.Data))
		}
	}
	if _, err := r.ReadTag(); err != io.EOF {
		t.Fatalf("after last tag: err = %v, want io.EOF", err)
	}
}

func TestWriterOutput(t *testing.T) {
	file := writeFile(t, Header{HasAudio: true}, []Tag{{Type: TagAudio, Timestamp: 1, Data: []byte{0x2f, 0xff}}})
	want := []byte{
		'F', 'L', 'V', 0x01, 0x04, 0x00, 0x00, 0x00, 0x09, // header: version 1, audio, DataOffset 9
		0x00, 0x00, 0x00, 0x00, // PreviousTagSize0
		0x08, 0x00, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, // tag header: audio, 2 bytes, ts 1
		0x2f, 0xff, // data
		0x00, 0x00, 0x00, 0x0d, // PreviousTagSize1 = 13
	}
	if !bytes.Equal(file, want) {
		t.Fatalf("file =\n% x\nwant\n% x", file, want)
	}
}

func TestReaderSkipsToDataOffset(t *testing.T) {
	file := []byte{
		'F', 'L', 'V', 0x01, 0x01, 0x00, 0x00, 0x00, 0x0d, // header, DataOffset 13
		0xaa, 0xbb, 0xcc, 0xdd, // 4 bytes of header extension
		0x00, 0x00, 0x00, 0x00, // PreviousTagSize0
	}
	file = AppendTag(file, Tag{Type: TagVideo, Data: []byte{0x12}})
	r := NewReader(bytes.NewReader(file))
	if h, err := r.ReadHeader(); err != nil || h.DataOffset != 13 {
		t.Fatalf("ReadHeader = %+v, %v", h, err)
	}
	if tag, err := r.ReadTag(); err != nil || !equalTags(tag, Tag{Type: TagVideo, Data: []byte{0x12}}) {
		t.Fatalf("ReadTag = %+v, %v", tag, err)
	}

	var w bytes.Buffer
	if err := NewWriter(&w).WriteHeader(Header{Version: 1, HasVideo: true, DataOffset: 13}); err != nil {
		t.Fatal(err)
	}
	if w.Len() != 13+4 {
		t.Fatalf("WriteHeader with DataOffset 13 wrote %d bytes", w.Len())
	}
}

func TestReaderRejectsHugeDataOffset(t *testing.T) {
	file := []byte{'F', 'L', 'V', 0x01, 0x01, 0x7f, 0xff, 0xff, 0xff}
	if _, err := NewReader(bytes.NewReader(file)).ReadHeader(); !errors.Is(err, ErrMalformed) {
		t.Fatalf("err = %v, want ErrMalformed", err)
	}
	if err := NewWriter(io.Discard).WriteHeader(Header{DataOffset: MaxDataOffset + 1}); !errors.Is(err, ErrMalformed) {
		t.Fatalf("WriteHeader err = %v, want ErrMalformed", err)
	}
}

func TestReaderPreviousTagSize(t *testing.T) {
	tag := Tag{Type: TagAudio, Timestamp: 9, Data: []byte{0xaf, 0x01, 0x00}}
	file := writeFile(t, Header{HasAudio: true}, []Tag{tag, tag})
	firstTrailer := 13 + TagHeaderSize + len(tag.Data)

	t.Run("zero is accepted", func(t *testing.T) {
		f := bytes.Clone(file)
		binary.BigEndian.PutUint32(f[firstTrailer:], 0)
		r := NewReader(bytes.NewReader(f))
		if _, err := r.ReadHeader(); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if got, err := r.ReadTag(); err != nil || !equalTags(got, tag) {
				t.Fatalf("tag %d = %+v, %v", i, got, err)
			}
		}
	})
	t.Run("mismatch returns the tag and an error", func(t *testing.T) {
		f := bytes.Clone(file)
		binary.BigEndian.PutUint32(f[firstTrailer:], 99)
		r := NewReader(bytes.NewReader(f))
		if _, err := r.ReadHeader(); err != nil {
			t.Fatal(err)
		}
		got, err := r.ReadTag()
		if !errors.Is(err, ErrPreviousTagSize) || !equalTags(got, tag) {
			t.Fatalf("ReadTag = %+v, %v; want the tag and ErrPreviousTagSize", got, err)
		}
		if got, err := r.ReadTag(); err != nil || !equalTags(got, tag) {
			t.Fatalf("next ReadTag = %+v, %v", got, err)
		}
	})
}

func TestReaderTruncatedAtEveryOffset(t *testing.T) {
	tags := sampleTags()
	tags[3].Data = tags[3].Data[:300] // keep the quadratic loop small
	file := writeFile(t, Header{HasAudio: true, HasVideo: true}, tags)

	// ends[i] is the file offset just after tag i and its PreviousTagSize.
	ends := []int{}
	off := HeaderSize + previousTagSizeLen
	for _, tag := range tags {
		off += TagHeaderSize + len(tag.Data) + previousTagSizeLen
		ends = append(ends, off)
	}

	for n := range len(file) + 1 {
		r := NewReader(bytes.NewReader(file[:n]))
		_, err := r.ReadHeader()
		complete := 0
		for err == nil {
			var tag Tag
			if tag, err = r.ReadTag(); err == nil {
				if !equalTags(tag, tags[complete]) {
					t.Fatalf("n=%d: tag %d differs", n, complete)
				}
				complete++
			}
		}
		wantComplete := 0
		for wantComplete < len(ends) && ends[wantComplete] <= n {
			wantComplete++
		}
		if complete != wantComplete {
			t.Fatalf("n=%d: read %d tags, want %d", n, complete, wantComplete)
		}
		atBoundary := n == 0 || n == HeaderSize+previousTagSizeLen || (complete > 0 && ends[complete-1] == n)
		if atBoundary && err != io.EOF || !atBoundary && err != io.ErrUnexpectedEOF {
			t.Fatalf("n=%d: err = %v (boundary %v)", n, err, atBoundary)
		}
	}
}

func TestReaderLyingDataSizeDoesNotAllocateIt(t *testing.T) {
	file := []byte{'F', 'L', 'V', 0x01, 0x05, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00}
	file = append(file,
		0x09,             // TagType 9 video
		0xff, 0xff, 0xff, // DataSize 16 MiB - 1: a lie
		0x00, 0x00, 0x00, 0x00, // Timestamp
		0x00, 0x00, 0x00, // StreamID
		0x17, 0x01, 0x00, 0x00, 0x00, 0x65, // and then only 6 bytes
	)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := NewReader(bytes.NewReader(file))
	if _, err := r.ReadHeader(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadTag(); err != io.ErrUnexpectedEOF {
		t.Fatalf("err = %v, want io.ErrUnexpectedEOF", err)
	}
	runtime.ReadMemStats(&after)
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 2*readChunk {
		t.Fatalf("allocated %d bytes for a 6-byte tag body", allocated)
	}
}

func TestWriterRejectsOversizedTag(t *testing.T) {
	w := NewWriter(io.Discard)
	if err := w.WriteTag(Tag{Type: TagVideo, Data: make([]byte, MaxTagSize+1)}); !errors.Is(err, ErrTagTooLarge) {
		t.Fatalf("err = %v, want ErrTagTooLarge", err)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }

func TestWriterReportsWriteErrors(t *testing.T) {
	boom := errors.New("boom")
	w := NewWriter(failingWriter{boom})
	if err := w.WriteHeader(Header{}); !errors.Is(err, boom) {
		t.Errorf("WriteHeader err = %v", err)
	}
	for _, size := range []int{1, copyLimit + 1} {
		if err := w.WriteTag(Tag{Type: TagVideo, Data: make([]byte, size)}); !errors.Is(err, boom) {
			t.Errorf("WriteTag(%d bytes) err = %v", size, err)
		}
	}
}
