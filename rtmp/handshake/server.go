package handshake

import (
	"crypto/rand"
	"fmt"
	"io"
	"sync"
)

// ServerConfig configures Server. The zero value is ready to use.
type ServerConfig struct {
	// Version is put in a digest S1. Zero means 5.0.3.1, like FMS.
	Version [4]byte
	// SimpleOnly answers every client with the simple handshake, as servers
	// without the digest scheme do (ffmpeg's listen mode, for one). The C1
	// digest is then not checked: Result.PeerDigestOK stays false.
	SimpleOnly bool
	// Rand supplies the random bytes. Nil means crypto/rand.
	Rand io.Reader
	// Now returns the time for the S1 time field and a digest S2's time2
	// field, in milliseconds from an arbitrary epoch. Nil means Unix time in
	// ms.
	Now func() uint32
}

func (cfg ServerConfig) withDefaults() ServerConfig {
	if cfg.Version == [4]byte{} {
		cfg.Version = [4]byte{5, 0, 3, 1} // what Flash Media Server 5 sends
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	if cfg.Now == nil {
		cfg.Now = nowMillis
	}
	return cfg
}

// serverHandshake holds the packets of one server handshake.
type serverHandshake struct {
	c1  [Size]byte
	out [1 + 2*Size]byte // S0 S1 S2, sent in one write
	c2  [Size]byte
}

// serverHandshakes recycles handshake state (6 KiB) between connections:
// a server accepting thousands of connections would otherwise leave that
// much garbage behind for each until the next collection. Every field is
// overwritten by the next handshake before it is read.
var serverHandshakes = sync.Pool{New: func() any { return new(serverHandshake) }}

func (h *serverHandshake) s1() *[Size]byte { return (*[Size]byte)(h.out[1 : 1+Size]) }
func (h *serverHandshake) s2() *[Size]byte { return (*[Size]byte)(h.out[1+Size:]) }

// Server runs the server side of the handshake on rw (RTMP 1.0 §5.2.1): it
// reads C0 C1, writes S0 S1 S2 in one write and reads C2.
//
// A C1 with a zero version gets the simple handshake. Otherwise the digest is
// looked for under SchemeDigest1, then SchemeDigest0; when one validates, S1
// uses the same scheme and S2 is the digest answer, and when none does the
// server falls back to the simple handshake. A C2 that answers S1 wrongly is
// reported in Result.EchoOK, never as an error.
func Server(rw io.ReadWriter, cfg ServerConfig) (Result, error) {
	cfg = cfg.withDefaults()
	h := serverHandshakes.Get().(*serverHandshake)
	defer serverHandshakes.Put(h)
	if err := readFull(rw, h.out[:1], "C0"); err != nil {
		return Result{}, err
	}
	if err := checkVersion(h.out[0], "C0"); err != nil {
		return Result{}, err
	}
	if err := readFull(rw, h.c1[:], "C1"); err != nil {
		return Result{}, err
	}
	res, s1Pos, err := h.answer(cfg)
	if err != nil {
		return Result{}, err
	}
	if _, err := rw.Write(h.out[:]); err != nil {
		return Result{}, fmt.Errorf("handshake: writing S0 S1 S2: %w", err)
	}
	if err := readFull(rw, h.c2[:], "C2"); err != nil {
		return Result{}, err
	}
	res.EchoOK = echoMatches(&h.c2, h.s1()) ||
		s1Pos >= 0 && responseValid(&h.c2, h.s1(), s1Pos, playerKeyFull)
	return res, nil
}

// answer inspects C1 and writes S0 S1 S2 into h.out. It returns what C1 was
// and the position of the S1 digest (-1 for a simple S1).
func (h *serverHandshake) answer(cfg ServerConfig) (Result, int, error) {
	res := Result{
		PeerVersion: packetVersion(&h.c1),
		PeerTime:    packetTime(&h.c1),
		Scheme:      SchemeSimple,
	}
	c1Pos := -1
	if res.PeerVersion != [4]byte{} && !cfg.SimpleOnly {
		// Block at 772 first, then block at 8, as nginx-rtmp and SRS do.
		order := [2]Scheme{SchemeDigest1, SchemeDigest0}
		res.Scheme, c1Pos = findDigest(&h.c1, playerKeyText, order)
		res.PeerDigestOK = c1Pos >= 0
	}
	h.out[0] = VersionPlain
	now := cfg.Now()
	if !res.PeerDigestOK {
		if err := fillSimple(h.s1(), now, cfg.Rand); err != nil {
			return Result{}, -1, err
		}
		*h.s2() = h.c1 // §5.2.4 echo, see packet.go
		return res, -1, nil
	}
	s1Pos, err := fillDigest(h.s1(), now, cfg.Version, res.Scheme, serverKeyText, cfg.Rand)
	if err != nil {
		return Result{}, -1, err
	}
	err = fillResponse(h.s2(), &h.c1, c1Pos, now, serverKeyFull, cfg.Rand)
	return res, s1Pos, err
}
