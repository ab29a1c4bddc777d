package handshake

import (
	"bytes"
	"encoding/binary"
	"io"
)

// Field offsets shared by every 1536-byte handshake packet.
const (
	timeOffset    = 0 // C1/S1 time, C2/S2 time (the peer's time echoed)
	versionOffset = 4 // C1/S1 zero (simple) or version (digest), C2/S2 time2
	randomOffset  = 8 // C1/S1 random bytes, C2/S2 random echo
)

// RTMP 1.0 §5.2.3 C1 and S1 Format.
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                        time (4 bytes)                         |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                        zero (4 bytes)                         |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                   random bytes (1528 bytes)                   |
//	|                              ....                             |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// The digest form (digest.go) puts a non-zero version where "zero" is.

// fillSimple writes a simple C1/S1 stamped with time t.
func fillSimple(p *[Size]byte, t uint32, rnd io.Reader) error {
	binary.BigEndian.PutUint32(p[timeOffset:], t)
	clear(p[versionOffset:randomOffset])
	return readRandom(rnd, p[randomOffset:])
}

// packetTime returns the time field of a C1/S1.
func packetTime(p *[Size]byte) uint32 {
	return binary.BigEndian.Uint32(p[timeOffset:])
}

// packetVersion returns the zero/version field of a C1/S1.
func packetVersion(p *[Size]byte) [4]byte {
	return [4]byte(p[versionOffset:randomOffset])
}

// RTMP 1.0 §5.2.4 C2 and S2 Format.
//
//	 0                   1                   2                   3
//	 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                        time (4 bytes)                         |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                       time2 (4 bytes)                         |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//	|                   random echo (1528 bytes)                    |
//	|                              ....                             |
//	+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// time is the peer's C1/S1 time, time2 the local time at which that packet
// was read, and the random echo the peer's random bytes.
//
// A simple answer here is an exact copy of the peer's packet, so time2 holds
// the peer's zero field rather than a read time. That is what ffmpeg,
// librtmp, SRS and Red5 send, and librtmp (rtmpdump, OBS) compares S2 with
// its C1 byte for byte and logs "client signature does not match!" on any
// difference. time2 carries nothing a peer uses.

// echoMatches reports whether reply carries the random bytes of ours. Only
// the random echo is compared: peers fill the two time fields differently
// (many copy the whole packet, as ffmpeg and librtmp clients do).
func echoMatches(reply, ours *[Size]byte) bool {
	return bytes.Equal(reply[randomOffset:], ours[randomOffset:])
}
