package flv

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
)

// copyLimit is the largest tag body WriteTag copies next to its header so
// that the tag goes out in one Write; larger bodies are written from where
// they are, with writev on a net.Conn, rather than copied.
const copyLimit = 16 << 10

// Writer writes an FLV file or HTTP-FLV stream: WriteHeader once, then
// WriteTag for each tag. It does no buffering beyond one small tag.
type Writer struct {
	w   io.Writer
	buf []byte
	// vec and its backing array let a large tag go out with writev without
	// allocating; WriteTo consumes vec, so it is re-sliced for every tag.
	vec    net.Buffers
	vecArr [3][]byte
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// WriteHeader writes the file header and PreviousTagSize0. A zero Version
// is written as 1 and a DataOffset below 9 (such as 0) as 9; a DataOffset
// above 9 is honoured with zero padding, up to MaxDataOffset (beyond it,
// ErrMalformed).
func (w *Writer) WriteHeader(h Header) error {
	if h.Version == 0 {
		h.Version = 1
	}
	if h.DataOffset > MaxDataOffset {
		return fmt.Errorf("%w: DataOffset %d exceeds %d", ErrMalformed, h.DataOffset, MaxDataOffset)
	}
	h.DataOffset = max(h.DataOffset, HeaderSize)
	w.buf = h.AppendTo(w.buf[:0])
	w.buf = append(w.buf, make([]byte, h.DataOffset-HeaderSize+previousTagSizeLen)...)
	_, err := w.w.Write(w.buf)
	return err
}

// WriteTag writes t, its tag header and the PreviousTagSize after it. Data
// longer than MaxTagSize is ErrTagTooLarge.
func (w *Writer) WriteTag(t Tag) error {
	if len(t.Data) > MaxTagSize {
		return ErrTagTooLarge
	}
	if len(t.Data) <= copyLimit {
		w.buf = AppendTag(w.buf[:0], t)
		_, err := w.w.Write(w.buf)
		return err
	}
	w.buf = appendTagHeader(w.buf[:0], t.Type, len(t.Data), t.Timestamp)
	w.buf = binary.BigEndian.AppendUint32(w.buf, uint32(TagHeaderSize+len(t.Data)))
	w.vecArr = [3][]byte{w.buf[:TagHeaderSize], t.Data, w.buf[TagHeaderSize:]}
	w.vec = w.vecArr[:]
	_, err := w.vec.WriteTo(w.w)
	w.vecArr = [3][]byte{} // do not keep t.Data alive
	return err
}
