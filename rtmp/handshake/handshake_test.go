package handshake

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

var (
	fp9Version = [4]byte{9, 0, 124, 2} // the client default
	fmsVersion = [4]byte{5, 0, 3, 1}   // the server default
)

// TestPipe runs Server against Client for every client scheme and both kinds
// of server, then checks both results and, independently, every digest on
// the wire.
func TestPipe(t *testing.T) {
	cases := []struct {
		name         string
		client       Scheme
		simpleServer bool
		sent         Scheme // the scheme both sides should see
	}{
		{"simple client, digest server", SchemeSimple, false, SchemeSimple},
		{"simple client, simple server", SchemeSimple, true, SchemeSimple},
		{"default client, digest server", 0, false, SchemeDigest0},
		{"digest0 client, digest server", SchemeDigest0, false, SchemeDigest0},
		{"digest1 client, digest server", SchemeDigest1, false, SchemeDigest1},
		{"digest0 client, simple server", SchemeDigest0, true, SchemeSimple},
		{"digest1 client, simple server", SchemeDigest1, true, SchemeSimple},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			scfg := ServerConfig{SimpleOnly: tc.simpleServer, Now: clock(2000)}
			ccfg := ClientConfig{Scheme: tc.client, Now: clock(1000)}
			conv := converse(t, scfg, ccfg)
			if conv.serverErr != nil || conv.clientErr != nil {
				t.Fatalf("server err %v, client err %v", conv.serverErr, conv.clientErr)
			}
			clientSentDigest := tc.client != SchemeSimple
			digest := tc.sent != SchemeSimple
			wantServer := Result{PeerTime: 1000, Scheme: tc.sent, PeerDigestOK: digest, EchoOK: true}
			if clientSentDigest {
				wantServer.PeerVersion = fp9Version
			}
			wantClient := Result{PeerTime: 2000, Scheme: tc.sent, PeerDigestOK: digest, EchoOK: true}
			if digest {
				wantClient.PeerVersion = fmsVersion
			}
			if conv.server != wantServer {
				t.Errorf("server result %+v, want %+v", conv.server, wantServer)
			}
			if conv.client != wantClient {
				t.Errorf("client result %+v, want %+v", conv.client, wantClient)
			}
			checkWire(t, conv, tc.sent)
		})
	}
}

// checkWire verifies the bytes of a finished handshake with the test's own
// digest code.
func checkWire(t *testing.T, conv conversation, s Scheme) {
	t.Helper()
	if len(conv.fromClient) != 1+2*Size || len(conv.fromServer) != 1+2*Size {
		t.Fatalf("client sent %d bytes, server %d, want %d each",
			len(conv.fromClient), len(conv.fromServer), 1+2*Size)
	}
	c1, c2 := conv.fromClient[1:1+Size], conv.fromClient[1+Size:]
	s1, s2 := conv.fromServer[1:1+Size], conv.fromServer[1+Size:]
	if conv.fromClient[0] != 3 || conv.fromServer[0] != 3 {
		t.Errorf("C0 %d, S0 %d, want 3", conv.fromClient[0], conv.fromServer[0])
	}
	if s == SchemeSimple {
		if !bytes.Equal(s2[8:], c1[8:]) || !bytes.Equal(s2[:4], c1[:4]) {
			t.Error("S2 does not echo C1's time and random bytes")
		}
		if !bytes.Equal(c2, s1) {
			t.Error("C2 is not a copy of S1")
		}
		if !bytes.Equal(s1[4:8], []byte{0, 0, 0, 0}) {
			t.Errorf("simple S1 version % x, want zero", s1[4:8])
		}
		return
	}
	block := blockStartOf(s)
	c1Digest, ok := indepPacketDigest(c1, block, indepPlayerKey[:30])
	if !ok {
		t.Error("C1 digest does not validate")
	}
	s1Digest, ok := indepPacketDigest(s1, block, indepServerKey[:36])
	if !ok {
		t.Error("S1 digest does not validate")
	}
	if !indepResponseOK(s2, c1Digest, indepServerKey) {
		t.Error("S2 digest does not validate")
	}
	if !indepResponseOK(c2, s1Digest, indepPlayerKey) {
		t.Error("C2 digest does not validate")
	}
}

// TestServerFallsBackOnGarbageDigest sends a C1 with a version but random
// bytes where the digest should be: the server must answer simply.
func TestServerFallsBackOnGarbageDigest(t *testing.T) {
	var c1 [Size]byte
	seeded(7).Read(c1[:])
	copy(c1[:8], []byte{
		0x00, 0x00, 0x00, 0x10, // time 16
		0x0a, 0x00, 0x00, 0x01, // version 10.0.0.1, promising a digest
	})
	c2 := make([]byte, Size) // all zero: a bad C2 too
	conn := newScript(append(append([]byte{3}, c1[:]...), c2...))
	res, err := Server(conn, ServerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	want := Result{PeerVersion: [4]byte{10, 0, 0, 1}, PeerTime: 16, Scheme: SchemeSimple}
	if res != want {
		t.Errorf("result %+v, want %+v", res, want)
	}
	out := conn.written.Bytes()
	s1, s2 := out[1:1+Size], out[1+Size:]
	if !bytes.Equal(s1[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("S1 version % x, want zero for a simple answer", s1[4:8])
	}
	if !bytes.Equal(s2[8:], c1[8:]) {
		t.Error("S2 does not echo C1")
	}
}

// TestServerToleratesBadC2 completes a digest handshake whose C2 is wrong.
func TestServerToleratesBadC2(t *testing.T) {
	for _, s := range []Scheme{SchemeSimple, SchemeDigest0, SchemeDigest1} {
		conv, scfg, _ := recorded(t, s, false)
		in := bytes.Clone(conv.fromClient)
		in[len(in)-1] ^= 0xff // last C2 byte: inside the digest and the echo
		res, err := Server(newScript(in), scfg)
		if err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		if res.EchoOK {
			t.Errorf("%v: EchoOK with a corrupted C2", s)
		}
		if res.PeerDigestOK != (s != SchemeSimple) {
			t.Errorf("%v: PeerDigestOK %v", s, res.PeerDigestOK)
		}
	}
}

// TestServerAcceptsEchoC2 checks that a digest S1 answered by a plain copy
// (what some encoders send) still counts as an echo.
func TestServerAcceptsEchoC2(t *testing.T) {
	conv, scfg, _ := recorded(t, SchemeDigest0, false)
	in := bytes.Clone(conv.fromClient)
	copy(in[1+Size:], conv.fromServer[1:1+Size]) // C2 = S1
	res, err := Server(newScript(in), scfg)
	if err != nil || !res.EchoOK || !res.PeerDigestOK {
		t.Fatalf("result %+v, err %v", res, err)
	}
}

// TestClientBadS1Digest gives the client an S1 with a version but a broken
// digest: it goes on with a simple C2 (a copy of S1).
func TestClientBadS1Digest(t *testing.T) {
	conv, _, ccfg := recorded(t, SchemeDigest0, false)
	in := bytes.Clone(conv.fromServer)
	s1 := in[1 : 1+Size]
	pos := indepDigestPos(s1, 8)
	s1[pos] ^= 0xff // break the S1 digest
	conn := newScript(in)
	res, err := Client(conn, ccfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.PeerDigestOK || res.Scheme != SchemeSimple || res.PeerVersion != fmsVersion {
		t.Errorf("result %+v", res)
	}
	if !res.EchoOK {
		t.Error("S2 is the server's valid digest answer to C1, want EchoOK")
	}
	if c2 := conn.written.Bytes()[1+Size:]; !bytes.Equal(c2, s1) {
		t.Error("C2 is not a copy of S1")
	}
}

// TestClientBadS2 corrupts S2: reported, not fatal.
func TestClientBadS2(t *testing.T) {
	for _, s := range []Scheme{SchemeSimple, SchemeDigest0, SchemeDigest1} {
		conv, _, ccfg := recorded(t, s, false)
		in := bytes.Clone(conv.fromServer)
		in[len(in)-1] ^= 0xff
		res, err := Client(newScript(in), ccfg)
		if err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		if res.EchoOK {
			t.Errorf("%v: EchoOK with a corrupted S2", s)
		}
	}
}

// TestTruncated cuts each side's input at every offset: always an ErrShort
// error, never a hang or a panic.
func TestTruncated(t *testing.T) {
	for _, s := range []Scheme{SchemeSimple, SchemeDigest0, SchemeDigest1} {
		conv, scfg, ccfg := recorded(t, s, false)
		for n := range len(conv.fromClient) {
			scfg.Rand = seeded(1)
			if _, err := Server(newScript(conv.fromClient[:n]), scfg); !errors.Is(err, ErrShort) {
				t.Fatalf("%v: Server with %d bytes: err %v, want ErrShort", s, n, err)
			}
		}
		for n := range len(conv.fromServer) {
			ccfg.Rand = seeded(2)
			if _, err := Client(newScript(conv.fromServer[:n]), ccfg); !errors.Is(err, ErrShort) {
				t.Fatalf("%v: Client with %d bytes: err %v, want ErrShort", s, n, err)
			}
		}
	}
}

// stuckConn returns no bytes and no error, forever.
type stuckConn struct{}

func (stuckConn) Read([]byte) (int, error)    { return 0, nil }
func (stuckConn) Write(p []byte) (int, error) { return len(p), nil }

func TestNoProgress(t *testing.T) {
	if _, err := Server(stuckConn{}, ServerConfig{}); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("Server: err %v, want io.ErrNoProgress", err)
	}
	if _, err := Client(stuckConn{}, ClientConfig{}); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("Client: err %v, want io.ErrNoProgress", err)
	}
}

// failConn fails every read and write with errBroken.
type failConn struct{}

var errBroken = errors.New("broken pipe")

func (failConn) Read([]byte) (int, error)  { return 0, errBroken }
func (failConn) Write([]byte) (int, error) { return 0, errBroken }

func TestIOErrorsWrapped(t *testing.T) {
	if _, err := Server(failConn{}, ServerConfig{}); !errors.Is(err, errBroken) {
		t.Errorf("Server read: err %v", err)
	}
	if _, err := Client(failConn{}, ClientConfig{}); !errors.Is(err, errBroken) {
		t.Errorf("Client write: err %v", err)
	}
	conv, _, _ := recorded(t, SchemeDigest0, false)
	rw := struct {
		io.Reader
		io.Writer
	}{bytes.NewReader(conv.fromClient), failConn{}}
	if _, err := Server(rw, ServerConfig{}); !errors.Is(err, errBroken) {
		t.Errorf("Server write: err %v", err)
	}
}

func TestRandFailure(t *testing.T) {
	conv, _, _ := recorded(t, SchemeDigest0, false)
	empty := bytes.NewReader(nil)
	if _, err := Server(newScript(conv.fromClient), ServerConfig{Rand: empty}); err == nil {
		t.Error("Server with a failing Rand succeeded")
	}
	conn := newScript(conv.fromServer)
	if _, err := Client(conn, ClientConfig{Rand: empty}); err == nil {
		t.Error("Client with a failing Rand succeeded")
	}
	if conn.written.Len() != 0 {
		t.Error("Client wrote C0 C1 although building C1 failed")
	}
	if _, err := Client(stuckConn{}, ClientConfig{Rand: stuckConn{}}); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("Client with a stuck Rand: err %v, want io.ErrNoProgress", err)
	}
}

func TestUnknownScheme(t *testing.T) {
	c := NewClient(ClientConfig{Scheme: 42})
	if _, err := c.ReadS0S1(bytes.NewReader(nil)); err == nil {
		t.Error("ReadS0S1 after an unknown scheme succeeded")
	}
}

func TestAppendC2BeforeS1(t *testing.T) {
	c := NewClient(ClientConfig{})
	if out := c.AppendC2([]byte("x")); string(out) != "x" {
		t.Errorf("AppendC2 before ReadS0S1 appended %d bytes", len(out)-1)
	}
}

// TestSteps drives ClientSteps by hand and checks it sends what Client does.
func TestSteps(t *testing.T) {
	conv, _, ccfg := recorded(t, SchemeDigest1, false)
	c := NewClient(ccfg)
	out := c.AppendC0C1(nil)
	r := bytes.NewReader(conv.fromServer)
	res, err := c.ReadS0S1(r)
	if err != nil || !res.PeerDigestOK || res.Scheme != SchemeDigest1 {
		t.Fatalf("ReadS0S1: %+v, %v", res, err)
	}
	ok, err := c.ReadS2(r)
	if err != nil || !ok {
		t.Fatalf("ReadS2: %v, %v", ok, err)
	}
	out = c.AppendC2(out)
	if !bytes.Equal(out, conv.fromClient) {
		t.Error("steps sent other bytes than Client")
	}
}

// TestServerAllocs guards the allocation count of a whole server handshake:
// the packet buffers and crypto/hmac's state, nothing that grows with input.
func TestServerAllocs(t *testing.T) {
	conv, scfg, _ := recorded(t, SchemeDigest0, false)
	r := bytes.NewReader(conv.fromClient)
	rw := struct {
		io.Reader
		io.Writer
	}{r, io.Discard}
	allocs := testing.AllocsPerRun(20, func() {
		r.Reset(conv.fromClient)
		if _, err := Server(rw, scfg); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > maxServerAllocs {
		t.Errorf("Server allocates %v times, want at most %d", allocs, maxServerAllocs)
	}
}

// maxServerAllocs: one serverHandshake, plus crypto/hmac's state (about
// seven allocations each) for the seven HMACs of a digest handshake: C1 under
// two schemes, S1, S2 (two) and the C2 check (two).
const maxServerAllocs = 56
