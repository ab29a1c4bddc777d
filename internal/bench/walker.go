package bench

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"
)

// Limits of the chunk walker. The walker reads from a server under test,
// so it bounds what it holds like any RTMP reader, but it assembles only
// small messages and never allocates for media.
const (
	// maxChunkStreams bounds the chunk stream ids a walker keeps header
	// state for. Servers send to a player on a handful of ids (protocol
	// control, commands, audio, video, data: Sluice and nginx-rtmp use
	// fewer than eight); more is a broken or hostile peer.
	maxChunkStreams = 16

	// maxBodySize bounds the control and command messages a walker
	// assembles: a server's _result and onStatus take a few hundred bytes,
	// so 64 KiB is ample, and a hostile length cannot make it hold more.
	maxBodySize = 64 << 10

	// headSize is how many leading payload bytes of a media message are
	// kept: enough for the longest video tag header a keyframe test needs
	// (Enhanced RTMP: header byte, FourCC, multitrack type, track id and
	// size, composition time).
	headSize = 16

	// maxChunkHeaderSize is the largest chunk header: 3-byte basic header,
	// 11-byte type 0 message header and 4-byte extended timestamp
	// (RTMP 1.0 §5.3.1).
	maxChunkHeaderSize = 3 + 11 + 4

	// minReadBuffer is the smallest read buffer: a whole chunk header must
	// fit, with room to read payload behind it.
	minReadBuffer = 4 * maxChunkHeaderSize
)

var (
	errChunkStreams     = errors.New("bench: too many chunk streams")
	errNoPreviousHeader = errors.New("bench: compressed chunk header without a previous header")
	errHeaderChanged    = errors.New("bench: chunk header changed in the middle of a message")
	errBodyTooLarge     = errors.New("bench: control or command message too large")
	errChunkSize        = errors.New("bench: invalid chunk size")
)

// Msg is one message the walker has read to its end. Head and Body alias
// the walker's buffers and are valid until the next call to Next.
type Msg struct {
	TypeID    uint8
	StreamID  uint32
	Timestamp uint32 // milliseconds, modulo 2^32
	Length    uint32
	Head      []byte // the first headSize payload bytes (fewer if shorter)
	Body      []byte // the whole payload, for control and command messages only
}

// arrivalSource is a reader that tells when the bytes of its last read
// arrived; zero when it cannot.
type arrivalSource interface {
	Arrival() time.Time
}

// walker reads a server's chunk stream (RTMP 1.0 §5.3) with big reads into
// one reused buffer, parsing chunk headers in place. Media payloads are
// skipped without a copy; only the messages a player must act on are
// assembled (see keepsBody). Set Chunk Size (§5.4.1) and Abort (§5.4.2)
// are applied as they complete, and also returned.
//
// Extended timestamps follow §5.3.1.3 as package chunk reads them: a type 3
// chunk starting a message carries the field when its chunk stream's last
// full header did; on a type 3 chunk continuing a message the next 4 bytes
// are taken as the field only if they repeat its value (peers differ).
type walker struct {
	src       io.Reader
	arrival   arrivalSource // src, when it tells when its bytes arrived; else nil
	buf       []byte
	r, w      int // unread bytes are buf[r:w]
	bytesRead uint64
	lastRead  time.Time // when the bytes of the last read arrived
	returned  time.Time // when the last read returned
	chunkSize uint32
	streams   []csState // capacity maxChunkStreams: never reallocated

	cur       *csState // chunk stream whose chunk payload is being read
	chunkLeft int      // payload bytes of the current chunk not yet read
}

// csState is the walker's header state for one chunk stream id and the
// message it is reading.
type csState struct {
	id        uint32
	timestamp uint32 // of the current or last message
	tsField   uint32 // last timestamp field: a type 3 header's delta (§5.3.1.2.4)
	extended  bool   // the last type 0, 1 or 2 header used the extended field
	length    uint32
	typeID    uint8
	streamID  uint32

	assembling bool   // a message has started and is not complete
	got        uint32 // its payload bytes read so far
	head       [headSize]byte
	body       []byte // its payload, when keepsBody(typeID)
}

// newWalker returns a walker reading src through a buffer of bufSize bytes.
func newWalker(src io.Reader, bufSize int) *walker {
	arrival, _ := src.(arrivalSource)
	return &walker{
		src:       src,
		arrival:   arrival,
		buf:       make([]byte, max(bufSize, minReadBuffer)),
		chunkSize: defaultChunkSize,
		streams:   make([]csState, 0, maxChunkStreams),
	}
}

// defaultChunkSize is the chunk size before any Set Chunk Size (§5.4.1).
const defaultChunkSize = 128

// BytesRead is the number of bytes read from src, for Acknowledgements.
func (w *walker) BytesRead() uint64 { return w.bytesRead }

// LastRead is when the bytes of the last read arrived (the kernel's
// receive timestamp where src gives it, else when the read returned): the
// arrival time of every message Next returns until it reads again.
func (w *walker) LastRead() time.Time { return w.lastRead }

// Next returns the next complete message. A read error (a deadline, the
// end of the stream) leaves the walker's state intact, so a caller may
// call Next again after a timeout; protocol errors are final.
func (w *walker) Next() (Msg, error) {
	for {
		if w.cur != nil {
			if m, done := w.readPayload(); done {
				return m, w.applyControl(m)
			}
			if w.cur != nil { // the chunk needs more bytes
				if err := w.fill(); err != nil {
					return Msg{}, err
				}
			}
			continue
		}
		n, err := w.parseHeader(w.buf[w.r:w.w])
		if err == errShortHeader {
			err = w.fill()
		}
		if err != nil {
			return Msg{}, err
		}
		w.r += n
	}
}

// readPayload consumes what is buffered of the current chunk's payload.
// It reports a message once its last byte is read, and clears w.cur when
// the chunk is done.
func (w *walker) readPayload() (Msg, bool) {
	cs := w.cur
	n := min(w.chunkLeft, w.w-w.r)
	cs.take(w.buf[w.r : w.r+n])
	w.r += n
	w.chunkLeft -= n
	if w.chunkLeft > 0 {
		return Msg{}, false
	}
	w.cur = nil
	if cs.got < cs.length {
		return Msg{}, false
	}
	return cs.finish(), true
}

// take appends payload bytes to the message: to its head and, for the
// types that keep one, to its body (bounded by maxBodySize at its start).
func (cs *csState) take(p []byte) {
	if cs.got < headSize {
		copy(cs.head[cs.got:], p)
	}
	if keepsBody(cs.typeID) {
		cs.body = append(cs.body, p...)
	}
	cs.got += uint32(len(p))
}

// finish ends the message being read and returns it.
func (cs *csState) finish() Msg {
	cs.assembling = false
	m := Msg{
		TypeID:    cs.typeID,
		StreamID:  cs.streamID,
		Timestamp: cs.timestamp,
		Length:    cs.length,
		Head:      cs.head[:min(cs.length, headSize)],
	}
	if keepsBody(cs.typeID) {
		m.Body = cs.body
	}
	return m
}

// keepsBody reports whether the walker assembles messages of type t:
// protocol control (§5.4: 1 Set Chunk Size, 2 Abort, 5 Window
// Acknowledgement Size), user control (§6.2, type 4: pings) and commands
// (§7.1.1, types 17 and 20). Audio, video, data, acknowledgements and the
// rest are skipped.
func keepsBody(t uint8) bool {
	switch t {
	case 1, 2, 4, 5, 17, 20:
		return true
	}
	return false
}

// applyControl applies Set Chunk Size (§5.4.1: a 31-bit size, high bit
// zero, at least 1) and Abort (§5.4.2: the chunk stream id whose partial
// message is dropped) as they complete.
func (w *walker) applyControl(m Msg) error {
	if m.StreamID != 0 || len(m.Body) < 4 {
		return nil
	}
	v := binary.BigEndian.Uint32(m.Body)
	switch m.TypeID {
	case 1:
		if v == 0 || v > 0x7FFFFFFF {
			return fmt.Errorf("%w: %d", errChunkSize, v)
		}
		w.chunkSize = v
	case 2:
		for i := range w.streams {
			if cs := &w.streams[i]; cs.id == v {
				cs.assembling = false
			}
		}
	}
	return nil
}

// fill reads more bytes behind the unread ones, which it first moves to
// the front of the buffer (at most a partial chunk header: payload is
// always consumed before a read).
func (w *walker) fill() error {
	n := copy(w.buf, w.buf[w.r:w.w])
	w.r, w.w = 0, n
	got, err := w.src.Read(w.buf[w.w:])
	if got > 0 {
		w.w += got
		w.bytesRead += uint64(got)
		w.lastRead = w.arrivalOfRead(time.Now())
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
}

// arrivalOfRead is when the bytes of a read that returned at now arrived:
// the source's stamp, but no earlier than the previous read's return and
// no later than now. A read takes everything the socket holds (up to the
// buffer), so what it returns arrived after the read before; the bounds
// keep a stamp on a wall clock that disagrees with this process's from
// counting as latency.
func (w *walker) arrivalOfRead(now time.Time) time.Time {
	at := now
	if w.arrival != nil {
		if stamp := w.arrival.Arrival(); !stamp.IsZero() && stamp.Before(now) {
			at = stamp
		}
	}
	if at.Before(w.returned) {
		at = w.returned
	}
	w.returned = now
	return at
}
