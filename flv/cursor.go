package flv

// cursor reads big-endian fields from a byte slice without allocating. Each
// read reports whether its bytes were there, so a short body becomes an
// error and never an index panic.
type cursor struct {
	b   []byte
	off int
}

func (c *cursor) remaining() int { return len(c.b) - c.off }

func (c *cursor) u8() (uint8, bool) {
	if c.remaining() < 1 {
		return 0, false
	}
	v := c.b[c.off]
	c.off++
	return v, true
}

func (c *cursor) u16() (uint16, bool) {
	if c.remaining() < 2 {
		return 0, false
	}
	v := uint16(c.b[c.off])<<8 | uint16(c.b[c.off+1])
	c.off += 2
	return v, true
}

func (c *cursor) u24() (uint32, bool) {
	if c.remaining() < 3 {
		return 0, false
	}
	v := getU24(c.b[c.off:])
	c.off += 3
	return v, true
}

func (c *cursor) u32() (uint32, bool) {
	if c.remaining() < 4 {
		return 0, false
	}
	v := getU24(c.b[c.off:])<<8 | uint32(c.b[c.off+3])
	c.off += 4
	return v, true
}

// next returns the next n bytes, aliasing the input.
func (c *cursor) next(n int) ([]byte, bool) {
	if n < 0 || c.remaining() < n {
		return nil, false
	}
	v := c.b[c.off : c.off+n]
	c.off += n
	return v, true
}

// getU24 reads a UI24; b must hold at least 3 bytes.
func getU24(b []byte) uint32 {
	return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])
}

func appendU24(dst []byte, v uint32) []byte {
	return append(dst, byte(v>>16), byte(v>>8), byte(v))
}

// si24 sign-extends a 24-bit two's complement value (the SI24 of the FLV
// spec, used for composition time offsets).
func si24(v uint32) int32 { return int32(v<<8) >> 8 }
