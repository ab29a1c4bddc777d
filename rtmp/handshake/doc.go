// Package handshake implements the RTMP handshake in both roles: the
// server reads C0 C1, answers S0 S1 S2 in one write and reads C2; the client
// writes C0 C1, reads S0 S1 S2 and writes C2.
//
// Two forms are spoken, chosen per connection:
//
//   - The simple handshake of RTMP 1.0 §5.2 (§5.2.2 C0/S0, §5.2.3 C1/S1,
//     §5.2.4 C2/S2): C1/S1 carry a time, four zero bytes and random bytes, and
//     C2/S2 echo the peer's packet.
//   - The digest ("complex") handshake of Flash Player 9 and Flash Media
//     Server 3 onwards, which the published spec does not describe. C1/S1
//     carry a non-zero version and an HMAC-SHA256 digest hidden at a position
//     derived from the packet's own bytes; C2/S2 end with a digest keyed by
//     the peer's C1/S1 digest, proving each side read the other's packet.
//     Players that check S1/S2 (Flash, some hardware encoders, ffmpeg) need
//     it; see digest.go for the layout.
//
// Encrypted RTMP (RTMPE, version byte 6, and the 8/9 variants) is not
// supported: it is reported as [ErrEncrypted].
//
// The functions here set no deadlines: the caller sets them on the
// connection. Every read is bounded (three fixed 1536-byte packets), and a
// reader that makes no progress ends the handshake with an error.
//
// Scheme naming differs between implementations: here [SchemeDigest0] is the
// layout whose digest block starts at byte 8 (what ffmpeg sends, and librtmp
// when it uses the digest form; plain rtmpdump sends a simple C1) and
// [SchemeDigest1] the one whose digest block starts at byte 772 (SRS calls
// them schema 1 and schema 0 respectively).
package handshake
