package chunk

import (
	"encoding/binary"
	"io"
)

// The Reader consumes bytes only through these methods, which count them
// for BytesRead.

// readByte reads one byte; io.EOF means the stream ended before it.
func (r *Reader) readByte() (byte, error) {
	b, err := r.br.ReadByte()
	if err == nil {
		r.bytesRead++
	}
	return b, err
}

// readFull reads n <= maxChunkHeaderSize bytes of a header that has
// begun into the scratch buffer; the result is valid until the next call.
func (r *Reader) readFull(n int) ([]byte, error) {
	got, err := io.ReadFull(r.br, r.scratch[:n])
	r.bytesRead += uint64(got)
	return r.scratch[:n], unexpected(err)
}

// readUint32 reads a big-endian 32-bit extended timestamp.
func (r *Reader) readUint32() (uint32, error) {
	b, err := r.readFull(4)
	if err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint32(b), nil
}

// discard consumes n bytes already peeked.
func (r *Reader) discard(n int) {
	got, _ := r.br.Discard(n)
	r.bytesRead += uint64(got)
}

// appendPayload appends the next n bytes of the stream to p. The buffer
// grows only when full: to twice the bytes it holds, or by the bytes
// already received and waiting in the bufio buffer if that is more. So its
// capacity follows what has arrived, never what a header declares; declared
// caps it. Large reads go from the connection straight into p.
func (r *Reader) appendPayload(p []byte, n, declared int) ([]byte, error) {
	for n > 0 {
		if len(p) == cap(p) {
			if r.br.Buffered() == 0 {
				if _, err := r.br.Peek(1); err != nil {
					return p, unexpected(err)
				}
			}
			p = growPayload(p, min(n, r.br.Buffered()), declared)
		}
		got, err := r.br.Read(p[len(p) : len(p)+min(n, cap(p)-len(p))])
		p = p[:len(p)+got]
		r.bytesRead += uint64(got)
		n -= got
		if err != nil && n > 0 {
			return p, unexpected(err)
		}
	}
	return p, nil
}

// growPayload makes room in p for at least n more bytes: to twice its
// length, at most declared.
func growPayload(p []byte, n, declared int) []byte {
	q := make([]byte, len(p), min(max(2*len(p), len(p)+n), declared))
	copy(q, p)
	return q
}

// unexpected turns io.EOF inside a chunk into io.ErrUnexpectedEOF.
func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
