package handshake

import (
	"bytes"
	"errors"
	"testing"
)

// versionCases are C0/S0 bytes (RTMP 1.0 §5.2.2) and how they are judged.
// They feed TestC0Version, TestS0Version and the fuzz seeds.
var versionCases = []struct {
	name string
	b    byte
	want error
}{
	{"plain rtmp", 0x03, nil},              // 3: the version this spec defines
	{"rtmpe", 0x06, ErrEncrypted},          // 6: encrypted RTMP
	{"rtmpe xtea", 0x08, ErrEncrypted},     // 8: RTMPE, XTEA signatures
	{"rtmpe blowfish", 0x09, ErrEncrypted}, // 9: RTMPE, Blowfish signatures
	{"deprecated 0", 0x00, ErrVersion},     // 0-2: deprecated, earlier products
	{"reserved 4", 0x04, ErrVersion},       // 4-31: reserved
	{"http GET", 'G', ErrVersion},          // 32-255 not allowed: text protocols
	{"tls client hello", 0x16, ErrVersion}, // TLS record type: RTMPS to a plain port
	{"high byte", 0xff, ErrVersion},        // not allowed
}

func TestC0Version(t *testing.T) {
	conv, _, _ := recorded(t, SchemeSimple, false)
	for _, tc := range versionCases {
		t.Run(tc.name, func(t *testing.T) {
			in := append([]byte{tc.b}, conv.fromClient[1:]...)
			conn := newScript(in)
			_, err := Server(conn, ServerConfig{})
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("Server with C0 %#x: err %v, want %v", tc.b, err, tc.want)
			}
			if tc.want != nil && conn.written.Len() != 0 {
				t.Errorf("server wrote %d bytes after a bad C0", conn.written.Len())
			}
		})
	}
}

func TestS0Version(t *testing.T) {
	conv, _, ccfg := recorded(t, SchemeDigest0, false)
	for _, tc := range versionCases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewClient(ccfg)
			in := append([]byte{tc.b}, conv.fromServer[1:]...)
			_, err := c.ReadS0S1(bytes.NewReader(in))
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("ReadS0S1 with S0 %#x: err %v, want %v", tc.b, err, tc.want)
			}
		})
	}
}

// TestC1Layout checks the client's C0 C1 field by field (RTMP 1.0 §5.2.3 and
// the digest layout). Random bytes come from countingReader, so random byte
// k of the packet (packet byte 8+k) is k mod 256.
func TestC1Layout(t *testing.T) {
	cases := []struct {
		name      string
		scheme    Scheme
		head      []byte // C0 and the first 12 bytes of C1
		digestPos int    // -1: no digest
	}{
		{
			name:   "simple",
			scheme: SchemeSimple,
			head: []byte{
				0x03,                   // C0: version 3
				0x00, 0x00, 0x12, 0x34, // C1 time: 0x1234 ms
				0x00, 0x00, 0x00, 0x00, // C1 zero
				0x00, 0x01, 0x02, 0x03, // C1 random bytes 0-3
			},
			digestPos: -1,
		},
		{
			name:   "digest block at 8",
			scheme: SchemeDigest0,
			head: []byte{
				0x03,                   // C0: version 3
				0x00, 0x00, 0x12, 0x34, // C1 time: 0x1234 ms
				0x09, 0x00, 0x7c, 0x02, // C1 version: 9.0.124.2
				0x00, 0x01, 0x02, 0x03, // digest block offset bytes: sum 6
			},
			digestPos: 8 + 4 + 6, // 18
		},
		{
			name:   "digest block at 772",
			scheme: SchemeDigest1,
			head: []byte{
				0x03,                   // C0: version 3
				0x00, 0x00, 0x12, 0x34, // C1 time: 0x1234 ms
				0x09, 0x00, 0x7c, 0x02, // C1 version: 9.0.124.2
				0x00, 0x01, 0x02, 0x03, // key block: random bytes 0-3
			},
			// Bytes 772-775 are random bytes 764-767: 0xfc 0xfd 0xfe 0xff,
			// sum 1014, 1014 mod 728 = 286.
			digestPos: 772 + 4 + 286, // 1062
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewClient(ClientConfig{Scheme: tc.scheme, Rand: &countingReader{}, Now: clock(0x1234)})
			out := c.AppendC0C1(nil)
			if len(out) != 1+Size {
				t.Fatalf("C0 C1 is %d bytes, want %d", len(out), 1+Size)
			}
			if !bytes.Equal(out[:len(tc.head)], tc.head) {
				t.Fatalf("head\n got % x\nwant % x", out[:len(tc.head)], tc.head)
			}
			c1 := out[1:]
			checkRandomOutside(t, c1, tc.digestPos)
			if tc.digestPos < 0 {
				return
			}
			if _, ok := indepPacketDigest(c1, blockStartOf(tc.scheme), indepPlayerKey[:30]); !ok {
				t.Errorf("C1 digest at %d does not validate", tc.digestPos)
			}
		})
	}
}

// checkRandomOutside checks that every C1 byte from 8 on, except the 32
// digest bytes at digestPos, is the counting reader's value.
func checkRandomOutside(t *testing.T, c1 []byte, digestPos int) {
	t.Helper()
	for i := 8; i < Size; i++ {
		if digestPos >= 0 && i >= digestPos && i < digestPos+32 {
			continue
		}
		if want := byte(i - 8); c1[i] != want {
			t.Fatalf("C1 byte %d = %#x, want random byte %d = %#x", i, c1[i], i-8, want)
		}
	}
}

// TestSimpleServerLayout checks S0 S1 S2 field by field for a simple C1.
func TestSimpleServerLayout(t *testing.T) {
	var c1 [Size]byte
	copy(c1[:], []byte{
		0x00, 0x00, 0x00, 0x07, // C1 time: 7 ms
		0x00, 0x00, 0x00, 0x00, // C1 zero
		0xaa, 0xbb, 0xcc, 0xdd, // C1 random bytes 0-3 (rest zero)
	})
	in := append(append([]byte{VersionPlain}, c1[:]...), make([]byte, Size)...)
	conn := newScript(in)
	res, err := Server(conn, ServerConfig{Rand: &countingReader{}, Now: clock(0x01020304)})
	if err != nil {
		t.Fatal(err)
	}
	if res != (Result{PeerTime: 7, Scheme: SchemeSimple}) {
		t.Errorf("result %+v", res)
	}
	out := conn.written.Bytes()
	if len(out) != 1+2*Size {
		t.Fatalf("server wrote %d bytes, want %d", len(out), 1+2*Size)
	}
	wantHead := []byte{
		0x03,                   // S0: version 3
		0x01, 0x02, 0x03, 0x04, // S1 time: our clock
		0x00, 0x00, 0x00, 0x00, // S1 zero: simple answer
		0x00, 0x01, 0x02, 0x03, // S1 random bytes 0-3
	}
	if !bytes.Equal(out[:len(wantHead)], wantHead) {
		t.Errorf("S0 S1 head\n got % x\nwant % x", out[:len(wantHead)], wantHead)
	}
	checkRandomOutside(t, out[1:1+Size], -1)
	wantS2 := []byte{
		0x00, 0x00, 0x00, 0x07, // S2 time: C1's time
		0x00, 0x00, 0x00, 0x00, // S2 time2: C1's zero field (exact copy, see packet.go)
		0xaa, 0xbb, 0xcc, 0xdd, // S2 random echo: C1's random bytes
	}
	s2 := out[1+Size:]
	if !bytes.Equal(s2[:len(wantS2)], wantS2) || !bytes.Equal(s2, c1[:]) {
		t.Errorf("S2 head % x, want % x, then C1's random bytes", s2[:len(wantS2)], wantS2)
	}
}

func TestSchemeString(t *testing.T) {
	for s, want := range map[Scheme]string{
		0: "default", SchemeSimple: "simple", SchemeDigest0: "digest0",
		SchemeDigest1: "digest1", 9: "Scheme(9)",
	} {
		if got := s.String(); got != want {
			t.Errorf("Scheme(%d).String() = %q, want %q", int(s), got, want)
		}
	}
}
