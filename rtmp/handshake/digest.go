package handshake

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"io"
)

// The digest ("complex") handshake of Flash Player 9 / FMS 3 onwards. The
// RTMP 1.0 spec does not document it; the layout below is the one every
// interoperating implementation (Flash, FMS, ffmpeg, librtmp, nginx-rtmp,
// SRS) agrees on.
//
// C1/S1: the §5.2.3 packet with a non-zero version and two 764-byte blocks.
//
//	0      4         8                     772                   1536
//	+------+---------+---------------------+---------------------+
//	| time | version |   block at 8        |   block at 772      |
//	+------+---------+---------------------+---------------------+
//	SchemeDigest0: block at 8 is the digest block, block at 772 the key block.
//	SchemeDigest1: block at 8 is the key block, block at 772 the digest block.
//
// Digest block (764 bytes):
//
//	+-----------+------------------+-------------+------------------------+
//	| offset(4) | random (n bytes) | digest (32) | random (728 - n bytes) |
//	+-----------+------------------+-------------+------------------------+
//	n = (sum of the four offset bytes) mod 728
//
// Key block (764 bytes): random, a 128-byte Diffie-Hellman public key at an
// offset given by its last four bytes. Only RTMPE uses the key; plain RTMP
// fills the block with random bytes.
//
// The C1/S1 digest is HMAC-SHA256 over the 1504 packet bytes around it (the
// bytes before the digest, then the bytes after), keyed by the first 30
// bytes of the player key for C1 and the first 36 bytes of the server key
// for S1.
//
// C2/S2: the §5.2.4 packet whose last 32 bytes are a digest.
//
//	0                                               1504          1536
//	+-----------------------------------------------+-------------+
//	| time, time2, random (1504 bytes)              | digest (32) |
//	+-----------------------------------------------+-------------+
//	S2 digest = HMAC-SHA256(HMAC-SHA256(server key, C1 digest), S2[:1504])
//	C2 digest = HMAC-SHA256(HMAC-SHA256(player key, S1 digest), C2[:1504])
//
// with the full 68-byte server key and 62-byte player key.

const (
	// digestLen is the length of an HMAC-SHA256 digest.
	digestLen = sha256.Size
	// blockLen is the length of the key block and of the digest block.
	blockLen = 764
	// digestOffsetModulus keeps the digest inside its block: 764 bytes less
	// the 4 offset bytes and the 32 digest bytes.
	digestOffsetModulus = blockLen - 4 - digestLen
	// responseDigestOffset is where the digest of C2/S2 starts.
	responseDigestOffset = Size - digestLen
)

// The keys. Each is a text naming the product followed by the same 32
// bytes; the C1/S1 digest uses only the text, the C2/S2 digest the whole key.
const (
	playerKeyText = "Genuine Adobe Flash Player 001"       // 30 bytes
	serverKeyText = "Genuine Adobe Flash Media Server 001" // 36 bytes
	keyTail       = "\xf0\xee\xc2\x4a\x80\x68\xbe\xe8\x2e\x00\xd0\xd1\x02\x9e\x7e\x57" +
		"\x6e\xec\x5d\x2d\x29\x80\x6f\xab\x93\xb8\xe6\x36\xcf\xeb\x31\xae"
	playerKeyFull = playerKeyText + keyTail // 62 bytes
	serverKeyFull = serverKeyText + keyTail // 68 bytes
)

// digestBlockOffset returns where scheme s puts the digest block.
func (s Scheme) digestBlockOffset() int {
	if s == SchemeDigest1 {
		return randomOffset + blockLen
	}
	return randomOffset
}

// digestPos returns where the 32-byte digest of C1/S1 p sits under scheme s:
// after the 4 offset bytes of the digest block, n bytes in. At most
// 772+4+727 = 1503, so the digest always fits in the packet.
func digestPos(p *[Size]byte, s Scheme) int {
	b := s.digestBlockOffset()
	sum := int(p[b]) + int(p[b+1]) + int(p[b+2]) + int(p[b+3])
	return b + 4 + sum%digestOffsetModulus
}

// packetDigest is the HMAC-SHA256 under key of p without the 32 bytes at pos.
func packetDigest(p *[Size]byte, pos int, key string) [digestLen]byte {
	var d [digestLen]byte
	m := hmac.New(sha256.New, []byte(key))
	m.Write(p[:pos])
	m.Write(p[pos+digestLen:])
	m.Sum(d[:0])
	return d
}

// fillDigest writes a digest C1/S1 under scheme s, stamped with time t and
// version v and signed with key. It returns the digest's position.
func fillDigest(p *[Size]byte, t uint32, v [4]byte, s Scheme, key string, rnd io.Reader) (int, error) {
	binary.BigEndian.PutUint32(p[timeOffset:], t)
	copy(p[versionOffset:randomOffset], v[:])
	if err := readRandom(rnd, p[randomOffset:]); err != nil {
		return 0, err
	}
	pos := digestPos(p, s)
	d := packetDigest(p, pos, key)
	copy(p[pos:], d[:])
	return pos, nil
}

// findDigest tries the schemes in order and returns the first whose digest
// in p validates under key, with the digest's position. It returns
// SchemeSimple and -1 when none does.
func findDigest(p *[Size]byte, key string, order [2]Scheme) (Scheme, int) {
	for _, s := range order {
		pos := digestPos(p, s)
		d := packetDigest(p, pos, key)
		if hmac.Equal(d[:], p[pos:pos+digestLen]) {
			return s, pos
		}
	}
	return SchemeSimple, -1
}

// responseDigest is the C2/S2 digest of p: keyed by the HMAC under fullKey
// of the digest the peer put in its C1/S1.
func responseDigest(p *[Size]byte, fullKey string, peerDigest []byte) [digestLen]byte {
	var k, d [digestLen]byte
	m := hmac.New(sha256.New, []byte(fullKey))
	m.Write(peerDigest)
	m.Sum(k[:0])
	m = hmac.New(sha256.New, k[:])
	m.Write(p[:responseDigestOffset])
	m.Sum(d[:0])
	return d
}

// fillResponse writes a digest C2/S2 answering the peer's C1/S1 peer, read at
// readAt, whose digest is at peerPos; fullKey is our side's full key.
func fillResponse(p, peer *[Size]byte, peerPos int, readAt uint32, fullKey string, rnd io.Reader) error {
	copy(p[timeOffset:versionOffset], peer[timeOffset:versionOffset])
	binary.BigEndian.PutUint32(p[versionOffset:], readAt)
	if err := readRandom(rnd, p[randomOffset:responseDigestOffset]); err != nil {
		return err
	}
	d := responseDigest(p, fullKey, peer[peerPos:peerPos+digestLen])
	copy(p[responseDigestOffset:], d[:])
	return nil
}

// responseValid reports whether the C2/S2 reply carries the digest that
// answers our C1/S1 ours, whose digest is at ourPos; fullKey is the peer's
// full key.
func responseValid(reply, ours *[Size]byte, ourPos int, fullKey string) bool {
	d := responseDigest(reply, fullKey, ours[ourPos:ourPos+digestLen])
	return hmac.Equal(d[:], reply[responseDigestOffset:])
}
