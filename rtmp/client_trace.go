package rtmp

import (
	"time"

	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// TraceKind names a step of a client connection.
type TraceKind int

// Trace kinds, in the order a connection goes through them.
const (
	TraceConnected    TraceKind = iota + 1 // TCP connected: Addr
	TraceTLSDone                           // TLS handshake done (rtmps://): Addr
	TraceC0C1Sent                          // C0 and C1 written: Size
	TraceS0S1Received                      // S0 and S1 read: Handshake (scheme, version, digest)
	TraceS2Received                        // S2 read: Handshake.EchoOK
	TraceC2Sent                            // C2 written: Size
	TraceSent                              // a command or control message written: Message, StreamID
	TraceReceived                          // a message read, control included: Message (or Err), Raw
)

var traceKindNames = [...]string{
	TraceConnected:    "connected",
	TraceTLSDone:      "tls",
	TraceC0C1Sent:     "c0c1-sent",
	TraceS0S1Received: "s0s1-received",
	TraceS2Received:   "s2-received",
	TraceC2Sent:       "c2-sent",
	TraceSent:         "sent",
	TraceReceived:     "received",
}

// String returns a short name for the kind, such as "s0s1-received".
func (k TraceKind) String() string {
	if k > 0 && int(k) < len(traceKindNames) {
		return traceKindNames[k]
	}
	return "unknown"
}

// TraceEvent is one step of a client connection, reported to
// ClientOptions.Trace as it happens: what `sluice probe` prints.
type TraceEvent struct {
	Kind    TraceKind
	Elapsed time.Duration // since Dial was called

	Addr      string           // TraceConnected, TraceTLSDone: the server's address
	Size      int              // handshake packets: bytes written or read
	Handshake handshake.Result // TraceS0S1Received, TraceS2Received: what the server sent

	// TraceSent and TraceReceived: the message, decoded. Media messages
	// are message.Media whose payload aliases the message read; copy it to
	// keep it. Nil with Err when a received message did not decode.
	Message  message.Message
	StreamID uint32
	Raw      *chunk.Message // TraceReceived: the message as read (type, timestamp, payload)
	Err      error          // TraceReceived: why Message is nil
}

// trace reports ev when tracing is on.
func trace(f func(TraceEvent), ev TraceEvent) {
	if f != nil {
		f(ev)
	}
}

func (cc *ClientConn) trace(ev TraceEvent) {
	if cc.opts.Trace != nil {
		ev.Elapsed = time.Since(cc.start)
		cc.opts.Trace(ev)
	}
}

// installTrace hooks the connection's reads and writes to the trace.
// Received messages are decoded only when tracing, under the same limits
// as the connection's own decoding.
func (cc *ClientConn) installTrace() {
	if cc.opts.Trace == nil {
		return
	}
	cc.c.traceRead = func(m *chunk.Message) {
		msg, err := message.Parse(m, cc.opts.AMF)
		if err != nil {
			msg = nil // Parse returns a zero message with its error; the event says only Err
		}
		cc.trace(TraceEvent{Kind: TraceReceived, Message: msg, StreamID: m.StreamID, Raw: m, Err: err})
	}
	cc.c.traceWrite = func(m message.Message, streamID uint32) {
		cc.trace(TraceEvent{Kind: TraceSent, Message: m, StreamID: streamID})
	}
}
