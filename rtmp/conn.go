package rtmp

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// readBufferSize is the socket read buffer, shared by the handshake and
// the chunk reader (which takes over a bufio.Reader of at least its own
// size, so the two must match): small, so that thousands of idle
// connections cost little. The handshake's 1536-byte packets are larger:
// bufio reads them straight into the handshake's own buffers.
const readBufferSize = 1 << 10

// handshakeBytes is what each side reads during the handshake: C0/S0, then
// C1/S1 and C2/S2 (RTMP 1.0 §5.2).
const handshakeBytes = 1 + 2*handshake.Size

// conn is the transport both roles share: chunked reads and writes over one
// net.Conn, protocol control handled on the way in (RTMP 1.0 §5.4), and
// acknowledgements sent per the peer's window.
//
// One goroutine reads; any goroutine may write (writes are serialized).
type conn struct {
	nc  net.Conn
	cfg Config
	br  *bufio.Reader
	r   *chunk.Reader

	// Read side: owned by the reading goroutine.
	ackWindow   uint32            // the peer's Window Acknowledgement Size; 0 until it sends one
	ackedBytes  uint64            // BytesRead when we last sent an Acknowledgement
	peerBW      uint32            // the peer's last Set Peer Bandwidth
	peerBWLimit message.LimitType // and its limit type, Dynamic resolved
	watched     context.Context
	stopWatch   func() bool
	watchFired  chan struct{} // closed when stopWatch's callback has run
	// readDeadline, when not zero, replaces ReadTimeout as the deadline of
	// every read: a client bounds a whole step (connect, play) with it, and
	// a publishing client, which may hear nothing for minutes, sets it far
	// ahead.
	readDeadline time.Time
	// traceRead and traceWrite, when set, see every message read (protocol
	// control included, before it is handled) and every message written
	// with writeMessage: the client's Trace option.
	traceRead  func(m *chunk.Message)
	traceWrite func(m message.Message, streamID uint32)
	// readWait, when set, runs before each read from the socket that may
	// wait for the peer (see ServerConn.OnReadWait).
	readWait func()

	wmu  sync.Mutex
	w    *chunk.Writer
	wbuf []byte      // chunked bytes of the message being written
	pbuf []byte      // payload of the control or command message being encoded
	vec  net.Buffers // shared media chunks being written (see WriteEncoded)
	werr error       // sticky: after a failed write the stream is unusable
	// pending is the rest of the messages that a direct write sent only
	// part of (see TryWriteEncoded): every write sends it first.
	pending net.Buffers
	direct  directWriter // nil where the connection cannot write without blocking
	// bypassedStreams has bit i set when chunk stream i carried a message
	// that did not go through w (see bypassed).
	bypassedStreams uint8
	// chunkSizeSent is the chunk size announced with Set Chunk Size, 0
	// while the default of 128 is in force.
	chunkSizeSent uint32
	// writeDeadline is the write deadline in force (see armWriteDeadline);
	// deadlineMoved is set when setDeadline replaced it.
	writeDeadline time.Time
	deadlineMoved atomic.Bool
}

func newConn(nc net.Conn, cfg Config) *conn {
	cfg = cfg.withDefaults()
	c := &conn{
		nc:     nc,
		cfg:    cfg,
		w:      chunk.NewWriter(),
		direct: newDirectWriter(nc),
	}
	c.br = bufio.NewReaderSize(socketReader{c}, readBufferSize)
	c.r = chunk.NewReader(c.br, cfg.Chunk)
	return c
}

// socketReader reads from the connection's socket, first calling readWait
// when the read may wait: when the kernel holds nothing unread (or cannot
// tell).
type socketReader struct{ c *conn }

func (r socketReader) Read(p []byte) (int, error) {
	c := r.c
	if c.readWait != nil && (c.direct == nil || c.direct.unread() == 0) {
		c.readWait()
	}
	return c.nc.Read(p)
}

// handshakeRW reads through the connection's buffer, so bytes the peer sends
// right after the handshake (ffmpeg sends connect with C2) are not lost.
type handshakeRW struct{ c *conn }

func (h handshakeRW) Read(p []byte) (int, error)  { return h.c.br.Read(p) }
func (h handshakeRW) Write(p []byte) (int, error) { return h.c.nc.Write(p) }

// watch makes ctx's cancellation interrupt blocked reads and writes by
// moving the deadlines into the past. It registers once per context, so a
// loop that reads with the same context does not allocate.
func (c *conn) watch(ctx context.Context) {
	if ctx == c.watched {
		return
	}
	if ctx.Done() == nil {
		// A context that is never cancelled needs no watching; not
		// recording it keeps a reader goroutine on context.Background
		// (a publisher's acknowledgement reader) from racing with close.
		if c.stopWatch != nil {
			c.unwatch()
		}
		return
	}
	c.unwatch()
	c.watched = ctx
	fired := make(chan struct{})
	c.watchFired = fired
	// Only reads are interrupted: each write has its own deadline, and a
	// write cut off halfway would leave the stream unusable for what a
	// graceful stop still has to send.
	c.stopWatch = context.AfterFunc(ctx, func() {
		c.nc.SetReadDeadline(time.Unix(1, 0))
		close(fired)
	})
}

// unwatch stops watching the last context, so that cancelling it later no
// longer touches the connection (a client's Dial context ends with Dial).
// If the cancellation already fired, it waits for its callback to finish,
// so that the callback cannot move a deadline the next read sets.
func (c *conn) unwatch() {
	if c.stopWatch != nil && !c.stopWatch() {
		<-c.watchFired
	}
	c.watched, c.stopWatch, c.watchFired = nil, nil, nil
}

// ctxErr prefers the context's error over the deadline error it caused.
func ctxErr(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && err != nil {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}

// readRaw returns the next message that is not protocol control, handling
// Set Chunk Size, Abort, Window Acknowledgement Size, Set Peer Bandwidth and
// pings itself, and acknowledging received bytes.
func (c *conn) readRaw(ctx context.Context) (*chunk.Message, error) {
	c.watch(ctx)
	for {
		deadline := c.readDeadline
		if deadline.IsZero() {
			deadline = time.Now().Add(c.cfg.ReadTimeout)
		}
		c.nc.SetReadDeadline(deadline)
		// Checked after the deadline is set: a cancellation that moved the
		// deadline into the past just before would otherwise be undone.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m, err := c.r.ReadMessage()
		if err != nil {
			return nil, ctxErr(ctx, fmt.Errorf("rtmp: read: %w", err))
		}
		if c.traceRead != nil {
			c.traceRead(m)
		}
		if err := c.acknowledge(); err != nil {
			return nil, err
		}
		handled, err := c.handleControl(m)
		if err != nil {
			return nil, err
		}
		if !handled {
			return m, nil
		}
	}
}

// acknowledge sends an Acknowledgement each time another window of bytes
// has arrived (RTMP 1.0 §5.4.3).
func (c *conn) acknowledge() error {
	n := c.r.BytesRead()
	if c.ackWindow == 0 || n-c.ackedBytes < uint64(c.ackWindow) {
		return nil
	}
	c.ackedBytes = n
	// The sequence number is every byte received so far, the handshake's
	// included, modulo 2^32: it wraps after 4 GiB.
	return c.writeMessage(message.Acknowledgement{SequenceNumber: uint32(n + handshakeBytes)}, 0, 0)
}

// handleControl applies protocol control and ping messages. It reports
// whether m was consumed.
func (c *conn) handleControl(m *chunk.Message) (bool, error) {
	switch message.Type(m.TypeID) {
	case message.TypeSetChunkSize:
		sc, err := message.ParseSetChunkSize(m.Payload)
		if err != nil {
			return true, fmt.Errorf("rtmp: %w", err)
		}
		return true, c.r.SetChunkSize(sc.Size)
	case message.TypeAbort:
		a, err := message.ParseAbort(m.Payload)
		if err != nil {
			return true, fmt.Errorf("rtmp: %w", err)
		}
		c.r.Abort(a.ChunkStreamID)
		return true, nil
	case message.TypeAck:
		_, err := message.ParseAcknowledgement(m.Payload)
		return true, wrapErr(err)
	case message.TypeWindowAckSize:
		w, err := message.ParseWindowAckSize(m.Payload)
		if err != nil {
			return true, fmt.Errorf("rtmp: %w", err)
		}
		c.ackWindow = w.Size
		return true, nil
	case message.TypeSetPeerBandwidth:
		return true, c.handlePeerBandwidth(m.Payload)
	case message.TypeUserControl:
		return c.handleUserControl(m.Payload)
	}
	return false, nil
}

// handlePeerBandwidth answers Set Peer Bandwidth with our Window
// Acknowledgement Size when the window changes (RTMP 1.0 §5.4.5).
func (c *conn) handlePeerBandwidth(payload []byte) error {
	bw, err := message.ParseSetPeerBandwidth(payload)
	if err != nil {
		return fmt.Errorf("rtmp: %w", err)
	}
	if bw.Limit == message.LimitDynamic {
		// §5.4.5: Dynamic counts as Hard after a Hard limit and is ignored
		// otherwise. Servers (FMS, nginx-rtmp) open with Dynamic and
		// clients (ffmpeg) answer it, so the first one counts as Hard.
		if c.peerBW != 0 && c.peerBWLimit != message.LimitHard {
			return nil
		}
		bw.Limit = message.LimitHard
	}
	if bw.Limit == message.LimitSoft && c.peerBW != 0 && bw.Size > c.peerBW {
		return nil // a soft limit only ever lowers the window
	}
	changed := bw.Size != c.peerBW
	c.peerBW, c.peerBWLimit = bw.Size, bw.Limit
	if !changed {
		return nil
	}
	return c.writeMessage(message.WindowAckSize{Size: c.cfg.WindowAckSize}, 0, 0)
}

// handleUserControl answers pings and consumes events that need no answer
// from the application; stream events reach the caller.
func (c *conn) handleUserControl(payload []byte) (bool, error) {
	uc, err := message.ParseUserControl(payload)
	if err != nil {
		return true, fmt.Errorf("rtmp: %w", err)
	}
	if uc.Event == message.EventPingRequest {
		return true, c.writeMessage(message.PingResponse(uc.Timestamp), 0, 0)
	}
	return uc.Event == message.EventPingResponse, nil
}

func wrapErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("rtmp: %w", err)
}

// writeMessage encodes m and writes it with the write deadline.
func (c *conn) writeMessage(m message.Message, streamID, timestamp uint32) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.werr != nil {
		return c.werr
	}
	buf, err := c.appendMessage(c.wbuf[:0], m, streamID, timestamp)
	if err != nil {
		return err
	}
	c.wbuf = buf
	if c.traceWrite != nil {
		c.traceWrite(m, streamID)
	}
	return c.flushLocked(buf)
}

// appendMessage chunks m onto dst. The caller holds wmu.
func (c *conn) appendMessage(dst []byte, m message.Message, streamID, timestamp uint32) ([]byte, error) {
	payload, err := m.AppendPayload(c.pbuf[:0])
	if err != nil {
		return dst, fmt.Errorf("rtmp: encode %v: %w", m.Type(), err)
	}
	c.pbuf = payload
	cm := chunk.Message{
		ChunkStreamID: message.ChunkStreamFor(m.Type(), streamID),
		TypeID:        uint8(m.Type()),
		StreamID:      streamID,
		Timestamp:     timestamp,
		Payload:       payload,
	}
	c.forgetBypassed()
	out, err := c.w.AppendMessage(dst, &cm)
	if err != nil {
		return dst, fmt.Errorf("rtmp: chunk %v: %w", m.Type(), err)
	}
	return out, nil
}

// writeTag writes one audio, video or data message from a tag.
func (c *conn) writeTag(streamID uint32, typ message.Type, timestamp uint32, body []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.werr != nil {
		return c.werr
	}
	cm := chunk.Message{
		ChunkStreamID: message.ChunkStreamFor(typ, streamID),
		TypeID:        uint8(typ),
		StreamID:      streamID,
		Timestamp:     timestamp,
		Payload:       body,
	}
	c.forgetBypassed()
	buf, err := c.w.AppendMessage(c.wbuf[:0], &cm)
	if err != nil {
		return fmt.Errorf("rtmp: chunk %v: %w", typ, err)
	}
	c.wbuf = buf
	return c.flushLocked(buf)
}

// announceChunkSize sends Set Chunk Size and switches the writer to n,
// unless n is already in force.
func (c *conn) announceChunkSize(n uint32) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.werr != nil {
		return c.werr
	}
	if c.chunkSizeSent == n {
		return nil
	}
	buf, err := c.appendMessage(c.wbuf[:0], message.SetChunkSize{Size: n}, 0, 0)
	if err != nil {
		return err
	}
	c.wbuf = buf
	if c.traceWrite != nil {
		c.traceWrite(message.SetChunkSize{Size: n}, 0)
	}
	if err := c.flushLocked(buf); err != nil {
		return err
	}
	c.chunkSizeSent = n
	return c.w.SetChunkSize(n)
}

// flushLocked writes b with the write deadline; the caller holds wmu. A
// failed write poisons the connection: a partial chunk cannot be resumed.
func (c *conn) flushLocked(b []byte) error {
	if err := c.flushPendingLocked(); err != nil {
		return err
	}
	c.armWriteDeadline()
	if _, err := c.nc.Write(b); err != nil {
		c.werr = wrapWriteErr(err)
		return c.werr
	}
	if cap(c.wbuf) > maxRetainedWriteBuffer {
		c.wbuf = nil // a rare huge message does not pin its buffer forever
	}
	return nil
}

// armWriteDeadline bounds the coming write by a deadline between half of
// WriteTimeout and WriteTimeout away; the caller holds wmu. Moving a
// deadline updates a runtime timer, a cost a player would pay on every
// media write, so the deadline moves only when less than half the timeout
// is left (or something else set it): a write that blocks is cut off after
// between WriteTimeout/2 and WriteTimeout.
func (c *conn) armWriteDeadline() {
	now := time.Now()
	if !c.deadlineMoved.Swap(false) && c.writeDeadline.Sub(now) >= c.cfg.WriteTimeout/2 {
		return
	}
	c.writeDeadline = now.Add(c.cfg.WriteTimeout)
	c.nc.SetWriteDeadline(c.writeDeadline)
}

// setDeadline sets both deadlines, and makes the next write set its own.
func (c *conn) setDeadline(t time.Time) {
	c.deadlineMoved.Store(true)
	c.nc.SetDeadline(t)
}

func wrapWriteErr(err error) error { return fmt.Errorf("rtmp: write: %w", err) }

// releaseBuffers drops the write buffers, for a connection that may now
// sit idle for long: thousands of idle connections should not each hold
// the buffers that encoded their connect answer.
func (c *conn) releaseBuffers() {
	c.wmu.Lock()
	c.wbuf, c.pbuf = nil, nil
	c.wmu.Unlock()
}

// maxRetainedWriteBuffer is the largest write buffer kept between writes:
// a few typical video frames; one 8 MiB keyframe is not kept per connection.
const maxRetainedWriteBuffer = 1 << 20

// Close closes the network connection, which ends any blocked read. It may
// be called from any goroutine, so it leaves the context watch (the reading
// goroutine's) alone: a callback firing later on a closed connection is
// harmless.
func (c *conn) close() error {
	if c.direct != nil {
		c.direct.retire() // no send on a descriptor the system may reuse
	}
	err := c.nc.Close()
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}
