package handshake

import (
	"errors"
	"fmt"
	"io"
	"time"
)

// Size is the length of C1, S1, C2 and S2 (RTMP 1.0 §5.2.3, §5.2.4).
const Size = 1536

// VersionPlain is the only C0/S0 version this package speaks: plain RTMP
// (RTMP 1.0 §5.2.2).
const VersionPlain = 3

// Version bytes of encrypted RTMP (RTMPE). They are recognised only to give
// a clear error.
const (
	versionEncrypted     = 6 // RTMPE, Diffie-Hellman + RC4
	versionEncryptedXTEA = 8 // RTMPE with XTEA-encrypted signatures
	versionEncryptedBlow = 9 // RTMPE with Blowfish-encrypted signatures
)

// maxConsecutiveEmpties bounds reads that return no bytes and no error: a
// broken io.Reader must not spin the handshake forever. 100 is the figure
// bufio uses for the same guard.
const maxConsecutiveEmpties = 100

var (
	// ErrVersion is returned when C0 or S0 holds a version other than 3.
	ErrVersion = errors.New("handshake: unsupported rtmp version")
	// ErrEncrypted is returned when C0 or S0 asks for encrypted RTMP (6, 8 or 9).
	ErrEncrypted = errors.New("handshake: rtmpe not supported")
	// ErrShort is returned when the stream ends before a whole handshake
	// packet arrived.
	ErrShort = errors.New("handshake: stream ended inside a handshake packet")
)

// Scheme names the layout of a C1 or S1 packet.
//
// In [ClientConfig] the zero Scheme selects the default, [SchemeDigest0]; a
// [Result] always holds one of the named values.
type Scheme int

const (
	// SchemeSimple is the RTMP 1.0 §5.2.3 packet: time, zero, random.
	SchemeSimple Scheme = iota + 1
	// SchemeDigest0 is the digest packet whose digest block starts at byte 8
	// (the digest offset is read from bytes 8-11). ffmpeg sends it.
	SchemeDigest0
	// SchemeDigest1 is the digest packet whose digest block starts at byte
	// 772 (the digest offset is read from bytes 772-775).
	SchemeDigest1
)

// String returns "simple", "digest0" or "digest1".
func (s Scheme) String() string {
	switch s {
	case SchemeSimple:
		return "simple"
	case SchemeDigest0:
		return "digest0"
	case SchemeDigest1:
		return "digest1"
	case 0:
		return "default"
	}
	return fmt.Sprintf("Scheme(%d)", int(s))
}

// Result describes what the peer sent.
type Result struct {
	// PeerVersion is the version field (bytes 4-7) of the peer's C1/S1, for
	// example 9.0.124.2 for Flash Player 9; all zero for a simple handshake.
	PeerVersion [4]byte
	// PeerTime is the time field (bytes 0-3) of the peer's C1/S1.
	PeerTime uint32
	// Scheme is the layout of the peer's C1/S1: SchemeSimple unless a digest
	// validated.
	Scheme Scheme
	// PeerDigestOK reports that the digest in the peer's C1/S1 validated.
	PeerDigestOK bool
	// EchoOK reports that the peer's C2/S2 answered our C1/S1 correctly, as a
	// digest or as a plain echo. Informational: real peers send all sorts of
	// C2, so a mismatch never fails the handshake.
	EchoOK bool
}

// checkVersion validates the C0/S0 byte (RTMP 1.0 §5.2.2).
//
//	 0 1 2 3 4 5 6 7
//	+-+-+-+-+-+-+-+-+
//	|    version    |
//	+-+-+-+-+-+-+-+-+
//
// which names the packet ("C0" or "S0") for the error message.
func checkVersion(v byte, which string) error {
	switch v {
	case VersionPlain:
		return nil
	case versionEncrypted, versionEncryptedXTEA, versionEncryptedBlow:
		return fmt.Errorf("%w (%s is %d)", ErrEncrypted, which, v)
	}
	return fmt.Errorf("%w: %s is %d, want %d", ErrVersion, which, v, VersionPlain)
}

// readFull fills buf from r, reporting a stream that ends early as ErrShort.
// which names the packet for the error message.
func readFull(r io.Reader, buf []byte, which string) error {
	n, err := fill(r, buf)
	switch {
	case err == nil:
		return nil
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: %s: got %d of %d bytes", ErrShort, which, n, len(buf))
	}
	return fmt.Errorf("handshake: reading %s: %w", which, err)
}

// readRandom fills buf from rnd.
func readRandom(rnd io.Reader, buf []byte) error {
	if _, err := fill(rnd, buf); err != nil {
		return fmt.Errorf("handshake: reading random bytes: %w", err)
	}
	return nil
}

// fill is io.ReadFull that gives up with io.ErrNoProgress after
// maxConsecutiveEmpties reads returning nothing. It returns the bytes read
// and, unless buf was filled, the reader's error (io.EOF included).
func fill(r io.Reader, buf []byte) (int, error) {
	n, empties := 0, 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		switch {
		case n == len(buf):
			return n, nil
		case err != nil:
			return n, err
		case m > 0:
			empties = 0
		default:
			empties++
			if empties >= maxConsecutiveEmpties {
				return n, io.ErrNoProgress
			}
		}
	}
	return n, nil
}

// nowMillis is the default clock: milliseconds of the Unix epoch modulo
// 2^32. RTMP 1.0 §5.2.3 lets the epoch be arbitrary.
func nowMillis() uint32 {
	return uint32(time.Now().UnixMilli())
}
