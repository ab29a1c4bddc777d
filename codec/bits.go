package codec

import "fmt"

// maxExpGolombZeros bounds the leading zero bits of an Exp-Golomb code: 31
// zeros encode values up to 2^32-2, beyond every syntax element read here
// (H.264 §9.1 allows up to 32 bits for ue(v) values).
const maxExpGolombZeros = 31

// bitReader reads the bit fields of an RBSP, most significant bit first
// (H.264 §7.2: read_bits, ue(v), se(v)).
type bitReader struct {
	b   []byte
	pos int // in bits
}

// u reads an n-bit unsigned field, n <= 32.
func (r *bitReader) u(n int) (uint32, error) {
	if r.pos+n > len(r.b)*8 {
		return 0, fmt.Errorf("%w: %d-bit field at bit %d of %d", ErrShort, n, r.pos, len(r.b)*8)
	}
	var v uint32
	for range n {
		bit := r.b[r.pos>>3] >> (7 - r.pos&7) & 1
		v = v<<1 | uint32(bit)
		r.pos++
	}
	return v, nil
}

func (r *bitReader) flag() (bool, error) {
	v, err := r.u(1)
	return v == 1, err
}

// skip skips n bits.
func (r *bitReader) skip(n int) error {
	if r.pos+n > len(r.b)*8 {
		return fmt.Errorf("%w: skipping %d bits at bit %d of %d", ErrShort, n, r.pos, len(r.b)*8)
	}
	r.pos += n
	return nil
}

// ue reads an unsigned Exp-Golomb code (H.264 §9.1).
func (r *bitReader) ue() (uint32, error) {
	zeros := 0
	for {
		bit, err := r.u(1)
		if err != nil {
			return 0, err
		}
		if bit == 1 {
			break
		}
		zeros++
		if zeros > maxExpGolombZeros {
			return 0, fmt.Errorf("%w: Exp-Golomb code longer than %d bits", ErrInvalid, 2*maxExpGolombZeros+1)
		}
	}
	rest, err := r.u(zeros)
	if err != nil {
		return 0, err
	}
	return uint32(uint64(1)<<zeros - 1 + uint64(rest)), nil
}

// se reads a signed Exp-Golomb code (H.264 §9.1.1).
func (r *bitReader) se() (int32, error) {
	k, err := r.ue()
	if err != nil {
		return 0, err
	}
	if k&1 == 1 {
		return int32((uint64(k) + 1) / 2), nil
	}
	return -int32(k / 2), nil
}

// uebounded reads ue(v) and checks it against the largest value the
// syntax element may take.
func (r *bitReader) uebounded(name string, max uint32) (uint32, error) {
	v, err := r.ue()
	if err == nil && v > max {
		err = fmt.Errorf("%w: %s %d, at most %d", ErrInvalid, name, v, max)
	}
	return v, err
}

// unescapeRBSP removes the emulation prevention bytes of a NAL unit: the
// 0x03 in every 0x00 0x00 0x03 (H.264 §7.4.1, H.265 §7.4.2). It returns b
// itself when there are none.
func unescapeRBSP(b []byte) []byte {
	var out []byte
	zeros := 0
	for i, c := range b {
		if zeros >= 2 && c == 3 {
			if out == nil {
				out = append(make([]byte, 0, len(b)), b[:i]...)
			}
			zeros = 0
			continue
		}
		if out != nil {
			out = append(out, c)
		}
		if c == 0 {
			zeros++
		} else {
			zeros = 0
		}
	}
	if out == nil {
		return b
	}
	return out
}
