// Package message encodes and decodes RTMP messages: the payloads that the
// chunk stream (package chunk) carries, one [chunk.Message] at a time.
//
// It implements, from Adobe's RTMP 1.0 specification (December 2012):
//
//   - §5.4 protocol control messages: Set Chunk Size (1), Abort (2),
//     Acknowledgement (3), Window Acknowledgement Size (5) and Set Peer
//     Bandwidth (6);
//   - §6.2 and §7.1.7 user control messages (4) and their events;
//   - §7.1.1 command messages (20 AMF0, 17 AMF3), §7.1.2 data messages
//     (18, 15) and §7.1.3 shared object messages (19, 16), whose values are
//     AMF (package amf);
//   - §7.1.4 and §7.1.5 audio (8) and video (9) messages, kept as opaque
//     FLV tag bodies (package flv reads them);
//   - §7.1.6 aggregate messages (22), split by [Aggregate] without copying.
//
// [Parse] turns a reassembled [chunk.Message] into one of the [Message]
// types; [Marshal] does the reverse and picks the conventional chunk stream
// (see [ChunkStreamFor]). Every decoder checks each length against the bytes
// present before using it, never panics on input, and bounds what it
// allocates by the size of its input and by named limits.
//
// Decoded values may alias the payload they were parsed from (media
// payloads, raw event data, aggregate sub-messages): copy them to keep them
// beyond the payload's lifetime. Trailing bytes after a fixed-size message
// are accepted and ignored.
//
// The package only parses and builds; what a connection does with a message
// (acknowledging, answering pings, accepting a publish) is the job of the
// rtmp package above it.
package message
