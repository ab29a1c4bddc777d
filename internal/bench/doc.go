// Package bench is Sluice's load generator: it opens many RTMP players
// against a server on the loopback interface, optionally publishes an FLV
// file itself in real time, and measures what a viewer and the machine see:
// time to the first keyframe, publish-to-play latency, players that fall
// behind, delivered throughput, and the server's CPU time and memory from
// /proc.
//
// Players are cheap so that one core can read what a server writes to
// thousands of them: each is one goroutine with one reused read buffer and a
// chunk walker (walker.go) that parses chunk headers in place (RTMP 1.0
// §5.3.1), skips media payloads without copying them, and assembles only
// the small protocol control and command messages a player must act on
// (§5.4 Set Chunk Size, Abort, Window Acknowledgement Size; §6.2 ping
// requests; §7.2 command results). Players acknowledge the bytes they
// receive per the server's window (§5.4.3).
//
// Two modes: ModePlay (handshake, connect, createStream, play, then read
// until the run ends) and ModeIdle (handshake and connect only, to measure
// a server's memory per idle connection). Every run is bounded by its
// Config: it stops by itself. Only loopback addresses are accepted as
// targets.
package bench
