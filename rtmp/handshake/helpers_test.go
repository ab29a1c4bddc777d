package handshake

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"net"
	"sync"
	"testing"
)

// This file holds the test fixtures, and an independent implementation of
// the digest check written from the scheme's description (doc.go, digest.go)
// without calling the package's helpers, so a mistake in those cannot hide
// behind itself.

// Keys of the digest handshake, spelled out again: product text + 32 bytes.
var (
	keyTailBytes   = mustHex("f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae")
	indepPlayerKey = append([]byte("Genuine Adobe Flash Player 001"), keyTailBytes...)       // 30 + 32
	indepServerKey = append([]byte("Genuine Adobe Flash Media Server 001"), keyTailBytes...) // 36 + 32
)

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func hmacSHA256(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// indepDigestPos: the digest block starts at blockStart (8 or 772); its
// first four bytes, summed, modulo 728, give how far past them the digest is.
func indepDigestPos(p []byte, blockStart int) int {
	sum := 0
	for _, b := range p[blockStart : blockStart+4] {
		sum += int(b)
	}
	return blockStart + 4 + sum%728
}

// indepPacketDigest checks the C1/S1 digest of p with its digest block at
// blockStart, keyed by the first 30 bytes of the player key (C1) or the
// first 36 of the server key (S1). It returns the digest and whether it
// validates.
func indepPacketDigest(p []byte, blockStart int, key []byte) ([]byte, bool) {
	if len(p) != 1536 {
		return nil, false
	}
	pos := indepDigestPos(p, blockStart)
	want := hmacSHA256(key, p[:pos], p[pos+32:])
	got := p[pos : pos+32]
	return got, bytes.Equal(want, got)
}

// indepResponseOK checks a C2/S2 digest: the last 32 bytes are
// HMAC(HMAC(fullKey, peerDigest), first 1504 bytes).
func indepResponseOK(reply, peerDigest, fullKey []byte) bool {
	k := hmacSHA256(fullKey, peerDigest)
	return bytes.Equal(hmacSHA256(k, reply[:1504]), reply[1504:])
}

// blockStartOf maps a digest scheme to where its digest block starts.
func blockStartOf(s Scheme) int {
	if s == SchemeDigest1 {
		return 772
	}
	return 8
}

// seeded returns a deterministic random source.
func seeded(seed byte) io.Reader {
	return rand.NewChaCha8([32]byte{seed})
}

// clock returns a Now function that always reports t.
func clock(t uint32) func() uint32 { return func() uint32 { return t } }

// countingReader yields 0, 1, 2, ... 255, 0, 1, ... so that annotated
// vectors can name every random byte.
type countingReader struct{ next byte }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = c.next
		c.next++
	}
	return len(p), nil
}

// scriptConn reads a fixed script and records what is written.
type scriptConn struct {
	r       io.Reader
	written bytes.Buffer
}

func newScript(in []byte) *scriptConn             { return &scriptConn{r: bytes.NewReader(in)} }
func (c *scriptConn) Read(p []byte) (int, error)  { return c.r.Read(p) }
func (c *scriptConn) Write(p []byte) (int, error) { return c.written.Write(p) }

// recordConn records every byte written through a net.Conn.
type recordConn struct {
	net.Conn
	mu      sync.Mutex
	written bytes.Buffer
}

func (c *recordConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.written.Write(p)
	c.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *recordConn) bytes() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.written.Bytes())
}

// conversation is one handshake run over net.Pipe.
type conversation struct {
	server, client       Result
	serverErr, clientErr error
	fromClient           []byte // C0 C1 C2
	fromServer           []byte // S0 S1 S2
}

// converse runs Server and Client against each other over net.Pipe.
func converse(t testing.TB, scfg ServerConfig, ccfg ClientConfig) conversation {
	t.Helper()
	sc, cc := net.Pipe()
	srv, cli := &recordConn{Conn: sc}, &recordConn{Conn: cc}
	var conv conversation
	var wg sync.WaitGroup
	wg.Go(func() {
		conv.server, conv.serverErr = Server(srv, scfg)
		if conv.serverErr != nil {
			sc.Close()
		}
	})
	conv.client, conv.clientErr = Client(cli, ccfg)
	if conv.clientErr != nil {
		cc.Close()
	}
	wg.Wait()
	sc.Close()
	cc.Close()
	conv.fromClient, conv.fromServer = cli.bytes(), srv.bytes()
	return conv
}

// recorded returns a deterministic conversation for the client scheme s
// (used for truncation tests, fuzz seeds and benchmarks).
func recorded(t testing.TB, s Scheme, simpleServer bool) (conversation, ServerConfig, ClientConfig) {
	t.Helper()
	scfg := ServerConfig{SimpleOnly: simpleServer, Rand: seeded(1), Now: clock(2000)}
	ccfg := ClientConfig{Scheme: s, Rand: seeded(2), Now: clock(1000)}
	conv := converse(t, scfg, ccfg)
	if conv.serverErr != nil || conv.clientErr != nil {
		t.Fatalf("recording %v: server %v, client %v", s, conv.serverErr, conv.clientErr)
	}
	scfg.Rand, ccfg.Rand = seeded(1), seeded(2) // fresh, to replay
	return conv, scfg, ccfg
}
