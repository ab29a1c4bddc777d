package handshake

import (
	"crypto/rand"
	"fmt"
	"io"
)

// ClientConfig configures Client and NewClient. The zero value is ready to
// use and sends a digest C1, the way ffmpeg does.
type ClientConfig struct {
	// Version is put in a digest C1. Zero means 9.0.124.2 (Flash Player 9,
	// what ffmpeg sends): servers answer with a digest only to a non-zero
	// version. A simple C1 always carries zero.
	Version [4]byte
	// Scheme is the layout of C1. Zero means SchemeDigest0, as ffmpeg
	// sends. SchemeSimple sends the RTMP 1.0 packet.
	Scheme Scheme
	// Rand supplies the random bytes. Nil means crypto/rand.
	Rand io.Reader
	// Now returns the time for the C1 time field and a digest C2's time2
	// field, in milliseconds from an arbitrary epoch. Nil means Unix time in
	// ms.
	Now func() uint32
}

func (cfg ClientConfig) withDefaults() ClientConfig {
	if cfg.Scheme == 0 {
		cfg.Scheme = SchemeDigest0
	}
	if cfg.Version == [4]byte{} {
		cfg.Version = [4]byte{9, 0, 124, 2} // Flash Player 9, as ffmpeg sends
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Now == nil {
		cfg.Now = nowMillis
	}
	return cfg
}

// ClientSteps runs the client side of the handshake one step at a time, so
// a caller can time or report each step:
//
//	AppendC0C1, write; ReadS0S1; ReadS2; AppendC2, write.
//
// Client does the same in one call. A ClientSteps comes from NewClient and
// serves one handshake.
type ClientSteps struct {
	cfg   ClientConfig
	err   error // from building C1, returned by ReadS0S1
	c1    [Size]byte
	c1Pos int // position of the C1 digest, -1 for a simple C1
	s0    [1]byte
	s1    [Size]byte
	s2    [Size]byte
	c2    [Size]byte
	ready bool // c2 holds the answer to S1
}

// NewClient builds C1 from cfg. An error doing so (an unknown Scheme, or
// cfg.Rand failing) is returned by ReadS0S1, and Client returns it before
// writing anything.
func NewClient(cfg ClientConfig) *ClientSteps {
	c := &ClientSteps{cfg: cfg.withDefaults(), c1Pos: -1}
	switch s := c.cfg.Scheme; s {
	case SchemeSimple:
		c.err = fillSimple(&c.c1, c.cfg.Now(), c.cfg.Rand)
	case SchemeDigest0, SchemeDigest1:
		c.c1Pos, c.err = fillDigest(&c.c1, c.cfg.Now(), c.cfg.Version, s, playerKeyText, c.cfg.Rand)
	default:
		c.err = fmt.Errorf("handshake: unknown scheme %d", int(s))
	}
	return c
}

// AppendC0C1 appends C0 and C1 to dst.
func (c *ClientSteps) AppendC0C1(dst []byte) []byte {
	dst = append(dst, VersionPlain)
	return append(dst, c.c1[:]...)
}

// ReadS0S1 reads S0 and S1 from r. It fails when S0 is not 3 or the stream
// ends early. A non-zero S1 version has its digest checked (a digest that
// does not validate is reported in Result.PeerDigestOK, not as an error),
// and C2 is prepared: the digest answer when S1's digest validated, else a
// copy of S1. Result.EchoOK is left for ReadS2 to report.
func (c *ClientSteps) ReadS0S1(r io.Reader) (Result, error) {
	if c.err != nil {
		return Result{}, c.err
	}
	if err := readFull(r, c.s0[:], "S0"); err != nil {
		return Result{}, err
	}
	if err := checkVersion(c.s0[0], "S0"); err != nil {
		return Result{}, err
	}
	if err := readFull(r, c.s1[:], "S1"); err != nil {
		return Result{}, err
	}
	readAt := c.cfg.Now()
	res := Result{
		PeerVersion: packetVersion(&c.s1),
		PeerTime:    packetTime(&c.s1),
		Scheme:      SchemeSimple,
	}
	s1Pos := -1
	if res.PeerVersion != [4]byte{} {
		res.Scheme, s1Pos = findDigest(&c.s1, serverKeyText, c.digestOrder())
		res.PeerDigestOK = s1Pos >= 0
	}
	if err := c.prepareC2(s1Pos, readAt); err != nil {
		return Result{}, err
	}
	return res, nil
}

// digestOrder returns the schemes to try on S1: servers answer in the
// scheme of C1, so that one first.
func (c *ClientSteps) digestOrder() [2]Scheme {
	if c.cfg.Scheme == SchemeDigest1 {
		return [2]Scheme{SchemeDigest1, SchemeDigest0}
	}
	return [2]Scheme{SchemeDigest0, SchemeDigest1}
}

// prepareC2 writes C2 into c.c2: the digest answer to S1 when its digest is
// at s1Pos, else an exact copy of S1 (the §5.2.4 echo, see packet.go).
func (c *ClientSteps) prepareC2(s1Pos int, readAt uint32) error {
	if s1Pos < 0 {
		c.c2 = c.s1 // §5.2.4 echo, see packet.go
	} else if err := fillResponse(&c.c2, &c.s1, s1Pos, readAt, playerKeyFull, c.cfg.Rand); err != nil {
		return err
	}
	c.ready = true
	return nil
}

// ReadS2 reads S2 from r and reports whether it answers C1: as the digest
// answer to a digest C1, or as an echo of C1's random bytes. A wrong S2 is
// not an error; only a failed read is.
func (c *ClientSteps) ReadS2(r io.Reader) (bool, error) {
	if err := readFull(r, c.s2[:], "S2"); err != nil {
		return false, err
	}
	ok := echoMatches(&c.s2, &c.c1) ||
		c.c1Pos >= 0 && responseValid(&c.s2, &c.c1, c.c1Pos, serverKeyFull)
	return ok, nil
}

// AppendC2 appends C2 to dst. It appends nothing until ReadS0S1 has
// succeeded.
func (c *ClientSteps) AppendC2(dst []byte) []byte {
	if !c.ready {
		return dst
	}
	return append(dst, c.c2[:]...)
}

// Client runs the client side of the handshake on rw (RTMP 1.0 §5.2.1): it
// writes C0 C1, reads S0 S1 and S2, then writes C2. C2 is written after S2
// is read, so a server that sends S0 S1 S2 in one blocking write (as Server
// does) cannot deadlock against it.
func Client(rw io.ReadWriter, cfg ClientConfig) (Result, error) {
	c := NewClient(cfg)
	if c.err != nil {
		return Result{}, c.err
	}
	if _, err := rw.Write(c.AppendC0C1(make([]byte, 0, 1+Size))); err != nil {
		return Result{}, fmt.Errorf("handshake: writing C0 C1: %w", err)
	}
	res, err := c.ReadS0S1(rw)
	if err != nil {
		return Result{}, err
	}
	if res.EchoOK, err = c.ReadS2(rw); err != nil {
		return Result{}, err
	}
	if _, err := rw.Write(c.c2[:]); err != nil {
		return Result{}, fmt.Errorf("handshake: writing C2: %w", err)
	}
	return res, nil
}
