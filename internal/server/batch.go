package server

import (
	"sync"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp"
)

// batch collects a player's packets as shared chunked bytes and sends them
// in one writev. Each media message is chunked once per (chunk size,
// NetStream id) and the bytes are cached in the packet for every other
// player that needs the same encoding; a player's steady state allocates
// nothing (the slices below are reused).
type batch struct {
	sc       *rtmp.ServerConn
	streamID uint32
	key      any                  // the packet encoding key: chunk size and stream id, boxed once
	encode   func(flv.Tag) []byte // made once, so Encoded does not allocate per packet
	// last holds the newest tag of each type in bufs, in lastBuf: what
	// WriteEncoded needs to know of the messages. (It points into the
	// batch itself: a batch is not copied once used.)
	last    []flv.Tag
	lastBuf [3]flv.Tag
	bufs    [][]byte
	bytes   int // in bufs
	// retain is the capacity of bufs kept between writes (see
	// retainDirect).
	retain int
}

// retainDirect is the batch capacity a player keeps when the publisher
// writes to it directly: its writer then sends only what a full socket
// held back, seldom, and thousands of players should not each keep room
// for maxRetainedItems messages they rarely use.
const retainDirect = 4

// maxRetainedItems bounds the messages of one writev, and the drained
// items a player keeps room for between writes: a live player's writer
// sends a few messages at a time (about 27 with a 350 ms write-coalescing
// window), while a join burst (a GOP) is hundreds, which a player should
// not hold on to for the whole playback (the runtime keeps each socket's
// largest iovec array).
const maxRetainedItems = 32

// encodingKey names an RTMP encoding of a packet.
type encodingKey struct {
	chunkSize uint32
	streamID  uint32
}

// encodingKeys hands out one boxed key per encoding, shared by every
// player that uses it: Packet.Encoded compares keys on every direct write,
// and a box of each player's own is one more cache line to fetch per
// player and message (2 % of the server's time at 1000 players). Keys are
// few: the server's chunk size and the small NetStream ids it hands out.
type encodingKeys struct {
	mu   sync.Mutex
	keys map[encodingKey]any
}

func (k *encodingKeys) get(chunkSize, streamID uint32) any {
	key := encodingKey{chunkSize, streamID}
	k.mu.Lock()
	defer k.mu.Unlock()
	if boxed, ok := k.keys[key]; ok {
		return boxed
	}
	if k.keys == nil {
		k.keys = map[encodingKey]any{}
	}
	boxed := any(key)
	k.keys[key] = boxed
	return boxed
}

func newBatch(sc *rtmp.ServerConn, streamID uint32, keys *encodingKeys) batch {
	chunkSize := sc.ChunkSize()
	return batch{
		sc:       sc,
		streamID: streamID,
		key:      keys.get(chunkSize, streamID),
		retain:   maxRetainedItems,
		encode:   func(t flv.Tag) []byte { return rtmp.EncodeTag(nil, streamID, chunkSize, t) },
	}
}

// encoded returns pk's bytes for this player's encoding, chunked once for
// every player that shares it. Safe for concurrent use: the publisher's
// goroutine calls it for direct writes.
func (b *batch) encoded(pk *stream.Packet) []byte { return pk.Encoded(b.key, b.encode) }

// maxBatchBytes bounds one writev. The write deadline bounds each call, so
// a join burst of a large GOP (up to 16 MiB) goes out in parts that each
// have the whole timeout, instead of cutting off a player on a slow link.
const maxBatchBytes = 1 << 20

// add queues pk, first sending what is queued if pk would overflow the
// batch.
func (b *batch) add(pk *stream.Packet) error {
	enc := b.encoded(pk)
	var err error
	if !b.fits(len(enc)) {
		err = b.flush()
	}
	b.append(pk.Tag(), enc)
	return err
}

// fits reports whether a message of size bytes can join the batch:
// bounded in bytes for the write deadline, and in buffers because the
// runtime keeps each socket's largest iovec array for good.
func (b *batch) fits(size int) bool {
	return (b.bytes == 0 || b.bytes+size <= maxBatchBytes) && len(b.bufs) < maxRetainedItems
}

// append adds t's encoding enc to the batch, whether or not it fits.
func (b *batch) append(t flv.Tag, enc []byte) {
	if b.bufs == nil {
		// Room for retain messages at once: grown by append, the slice can
		// end up with room for a few more than retain (size classes), and
		// flush would then drop and regrow it on every write.
		b.bufs = make([][]byte, 0, b.retain)
	}
	b.noteLast(t)
	b.bufs = append(b.bufs, enc)
	b.bytes += len(enc)
}

// noteLast keeps t as the newest tag of its type.
func (b *batch) noteLast(t flv.Tag) {
	for i := range b.last {
		if b.last[i].Type == t.Type {
			b.last[i] = t
			return
		}
	}
	if b.last == nil {
		b.last = b.lastBuf[:0]
	}
	b.last = append(b.last, t) // audio, video, data: lastBuf has room
}

// flush writes what was added; the slices are cleared so that the
// packets' bytes are not kept alive by this player.
func (b *batch) flush() error {
	if len(b.bufs) == 0 {
		return nil
	}
	err := b.sc.WriteEncoded(b.streamID, b.last, b.bufs)
	b.reset()
	return err
}

// tryFlush writes what was added if the socket takes it at once, and
// reports whether all of it went out. A batch the socket refused stays
// for flush; one it took in part is the connection's to finish (Flush).
func (b *batch) tryFlush() bool {
	if len(b.bufs) == 0 {
		return true
	}
	taken, unfinished := b.sc.TryWriteEncodedBatch(b.streamID, b.last, b.bufs)
	if !taken {
		return false
	}
	b.reset()
	return !unfinished
}

// reset empties the batch after a write.
func (b *batch) reset() {
	b.lastBuf = [3]flv.Tag{}
	clear(b.bufs)
	b.last, b.bufs, b.bytes = nil, b.bufs[:0], 0
	if cap(b.bufs) > b.retain {
		b.bufs = nil // a burst grew it; steady state needs less
	}
}
