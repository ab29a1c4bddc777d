package flv

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// readChunk is how far ReadTag allocates ahead of the bytes it has read. A
// DataSize that claims 16 MiB at the end of a short or hostile stream costs
// at most this much; a real tag larger than this grows its buffer by
// doubling as its bytes arrive. 64 KiB holds every audio tag and most video
// frames in one allocation.
const readChunk = 64 << 10

// Reader reads an FLV file or HTTP-FLV stream: call ReadHeader once, then
// ReadTag until it returns io.EOF.
//
// FLV v10.1 §E.3 The FLV File Body:
//
//	Header | PreviousTagSize0 UI32 (0) | Tag1 | PreviousTagSize1 UI32 | Tag2 | ...
//
// Reader does no buffering of its own: wrap an unbuffered source in a
// bufio.Reader.
type Reader struct {
	r   io.Reader
	buf [TagHeaderSize]byte
}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: r} }

// ReadHeader reads the file header, skips to DataOffset and reads
// PreviousTagSize0, whose value (always 0) is not checked. A DataOffset
// beyond MaxDataOffset is ErrMalformed.
func (r *Reader) ReadHeader() (Header, error) {
	if _, err := io.ReadFull(r.r, r.buf[:HeaderSize]); err != nil {
		return Header{}, err
	}
	h, err := ParseHeader(r.buf[:HeaderSize])
	if err != nil {
		return Header{}, err
	}
	if h.DataOffset > MaxDataOffset {
		return Header{}, fmt.Errorf("%w: DataOffset %d exceeds %d", ErrMalformed, h.DataOffset, MaxDataOffset)
	}
	if _, err := io.CopyN(io.Discard, r.r, int64(h.DataOffset-HeaderSize)); err != nil {
		return Header{}, unexpected(err)
	}
	if _, err := io.ReadFull(r.r, r.buf[:previousTagSizeLen]); err != nil {
		return Header{}, unexpected(err)
	}
	return h, nil
}

// ReadTag reads the next tag and the PreviousTagSize after it. It returns
// io.EOF when the stream ends cleanly between tags, and
// io.ErrUnexpectedEOF when it ends inside a tag or before its
// PreviousTagSize.
//
// A PreviousTagSize of 0 is accepted: some live writers never fill it in.
// Any other value that is not the tag's size (11 + DataSize) returns the
// tag together with an error wrapping ErrPreviousTagSize. The Reader has
// then consumed exactly the bytes the tag header described, so a lenient
// caller may keep the tag and go on reading; a strict one stops.
//
// Data is freshly allocated for every tag and owned by the caller.
func (r *Reader) ReadTag() (Tag, error) {
	if _, err := io.ReadFull(r.r, r.buf[:TagHeaderSize]); err != nil {
		return Tag{}, err
	}
	typ, size, ts, err := ParseTagHeader(r.buf[:TagHeaderSize])
	if err != nil {
		return Tag{}, err
	}
	data, err := readBody(r.r, int(size))
	if err != nil {
		return Tag{}, err
	}
	if _, err := io.ReadFull(r.r, r.buf[:previousTagSizeLen]); err != nil {
		return Tag{}, unexpected(err)
	}
	t := Tag{Type: typ, Timestamp: ts, Data: data}
	want := TagHeaderSize + size
	if got := binary.BigEndian.Uint32(r.buf[:previousTagSizeLen]); got != 0 && got != want {
		return t, fmt.Errorf("%w: %d after a tag of %d bytes", ErrPreviousTagSize, got, want)
	}
	return t, nil
}

// readBody reads size bytes, allocating no more than readChunk beyond what
// has arrived, and with capacity exactly size at the end.
func readBody(r io.Reader, size int) ([]byte, error) {
	buf := make([]byte, 0, min(size, readChunk))
	for len(buf) < size {
		if len(buf) == cap(buf) {
			grown := make([]byte, len(buf), min(size, 2*cap(buf)))
			copy(grown, buf)
			buf = grown
		}
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil {
			return nil, unexpected(err)
		}
	}
	return buf, nil
}

// unexpected turns io.EOF into io.ErrUnexpectedEOF, for reads that come
// after part of a structure has been read.
func unexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
