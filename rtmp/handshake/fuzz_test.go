package handshake

import (
	"bytes"
	"testing"

	"github.com/sluicemedia/sluice/internal/fuzztest"
)

// Fuzz configurations: fixed so the committed seeds (recorded conversations)
// replay with valid digests.
func fuzzServerConfig() ServerConfig {
	return ServerConfig{Rand: seeded(1), Now: clock(2000)}
}

func fuzzClientConfig() ClientConfig {
	return ClientConfig{Scheme: SchemeDigest0, Rand: seeded(2), Now: clock(1000)}
}

// FuzzServer feeds the input as C0 C1 C2. Invariants: Server succeeds
// exactly when the input holds C0 = 3 and two whole packets; its result
// agrees with the test's own digest check of C1; S1 and S2 are the answer
// that result calls for.
func FuzzServer(f *testing.F) {
	f.Fuzz(func(t *testing.T, in []byte) {
		conn := newScript(in)
		res, err := Server(conn, fuzzServerConfig())
		complete := len(in) >= 1+2*Size && in[0] == VersionPlain
		if complete != (err == nil) {
			t.Fatalf("%d bytes, C0 %v: err %v", len(in), in[:min(len(in), 1)], err)
		}
		if err != nil {
			return
		}
		c1, out := in[1:1+Size], conn.written.Bytes()
		if len(out) != 1+2*Size {
			t.Fatalf("server wrote %d bytes", len(out))
		}
		if res.PeerTime != packetTime((*[Size]byte)(c1)) || res.PeerVersion != [4]byte(c1[4:8]) {
			t.Fatalf("result %+v does not match C1", res)
		}
		checkAnswer(t, res, c1, out[1:1+Size], out[1+Size:], indepPlayerKey[:30], indepServerKey)
	})
}

// FuzzClient feeds the input as S0 S1 S2 to a digest client. Invariants as
// for FuzzServer, with C2 in place of S2.
func FuzzClient(f *testing.F) {
	f.Fuzz(func(t *testing.T, in []byte) {
		conn := newScript(in)
		res, err := Client(conn, fuzzClientConfig())
		complete := len(in) >= 1+2*Size && in[0] == VersionPlain
		if complete != (err == nil) {
			t.Fatalf("%d bytes, S0 %v: err %v", len(in), in[:min(len(in), 1)], err)
		}
		if err != nil {
			return
		}
		out := conn.written.Bytes()
		if len(out) != 1+2*Size {
			t.Fatalf("client wrote %d bytes", len(out))
		}
		c1, s1, s2, c2 := out[1:1+Size], in[1:1+Size], in[1+Size:1+2*Size], out[1+Size:]
		checkAnswer(t, res, s1, nil, c2, indepServerKey[:36], indepPlayerKey)
		c1Digest, _ := indepPacketDigest(c1, 8, indepPlayerKey[:30])
		wantEcho := bytes.Equal(s2[8:], c1[8:]) || indepResponseOK(s2, c1Digest, indepServerKey)
		if res.EchoOK != wantEcho {
			t.Fatalf("EchoOK %v, independent check %v", res.EchoOK, wantEcho)
		}
	})
}

// checkAnswer checks a result against the peer's C1/S1 (peer, with
// peerKey the key its digest is checked with) and our answer to it: our S1
// (ours, nil to skip) and our S2/C2 (reply, whose digest uses ourFullKey).
func checkAnswer(t *testing.T, res Result, peer, ours, reply, peerKey, ourFullKey []byte) {
	t.Helper()
	d0, ok0 := indepPacketDigest(peer, 8, peerKey)
	d1, ok1 := indepPacketDigest(peer, 772, peerKey)
	hasVersion := !bytes.Equal(peer[4:8], []byte{0, 0, 0, 0})
	if res.PeerDigestOK != (hasVersion && (ok0 || ok1)) || res.PeerDigestOK != (res.Scheme != SchemeSimple) {
		t.Fatalf("result %+v, independent check: version %v, digest0 %v, digest1 %v", res, hasVersion, ok0, ok1)
	}
	if !res.PeerDigestOK {
		if !bytes.Equal(reply[8:], peer[8:]) {
			t.Fatal("simple answer does not echo the peer's random bytes")
		}
		if ours != nil && !bytes.Equal(ours[4:8], []byte{0, 0, 0, 0}) {
			t.Fatal("simple answer carries a version")
		}
		return
	}
	peerDigest := d0
	if res.Scheme == SchemeDigest1 {
		peerDigest = d1
	}
	if !indepResponseOK(reply, peerDigest, ourFullKey) {
		t.Fatal("digest answer does not validate")
	}
	if ours != nil {
		if _, ok := indepPacketDigest(ours, blockStartOf(res.Scheme), indepServerKey[:36]); !ok {
			t.Fatal("our S1 digest does not validate")
		}
	}
}

// TestFuzzSeedsCommitted keeps the seed corpora in step with recorded
// conversations and the version table (run with -write-seeds to rewrite
// them).
func TestFuzzSeedsCommitted(t *testing.T) {
	server, client := map[string][]byte{}, map[string][]byte{}
	for _, s := range []Scheme{SchemeSimple, SchemeDigest0, SchemeDigest1} {
		conv, _, _ := recorded(t, s, false)
		server["c0c1c2-"+s.String()] = conv.fromClient
	}
	conv, _, _ := recorded(t, SchemeDigest0, false) // the fuzz client's config
	client["s0s1s2-digest0"] = conv.fromServer
	conv, _, _ = recorded(t, SchemeDigest0, true)
	client["s0s1s2-simple"] = conv.fromServer
	for _, tc := range versionCases {
		server["c0-"+tc.name] = []byte{tc.b}
		client["s0-"+tc.name] = []byte{tc.b}
	}
	server["truncated-c1"] = server["c0c1c2-digest0"][:100]
	garbage := bytes.Clone(server["c0c1c2-digest0"])
	garbage[20] ^= 0xff // C1 byte 19: not an offset byte, so the digest breaks
	server["garbage-digest"] = garbage
	client["truncated-s2"] = client["s0s1s2-digest0"][:1+Size+100]
	fuzztest.Sync(t, "FuzzServer", seedsOf(server))
	fuzztest.Sync(t, "FuzzClient", seedsOf(client))
}

func seedsOf(inputs map[string][]byte) []fuzztest.Seed {
	var seeds []fuzztest.Seed
	for name, in := range inputs {
		seeds = append(seeds, fuzztest.Seed{Name: name, Args: []any{in}})
	}
	return seeds
}
