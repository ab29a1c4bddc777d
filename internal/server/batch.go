package server

import (
	"time"

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
	sc        *rtmp.ServerConn
	streamID  uint32
	key       any                  // the packet encoding key: chunk size and stream id, boxed once
	encode    func(flv.Tag) []byte // made once, so Encoded does not allocate per packet
	tags      []flv.Tag
	bufs      [][]byte
	lastWrite time.Time
}

// encodingKey names an RTMP encoding of a packet.
type encodingKey struct {
	chunkSize uint32
	streamID  uint32
}

func newBatch(sc *rtmp.ServerConn, streamID uint32) batch {
	chunkSize := sc.ChunkSize()
	return batch{
		sc:       sc,
		streamID: streamID,
		key:      encodingKey{chunkSize, streamID},
		encode:   func(t flv.Tag) []byte { return rtmp.EncodeTag(nil, streamID, chunkSize, t) },
	}
}

func (b *batch) add(pk *stream.Packet) {
	b.tags = append(b.tags, pk.Tag())
	b.bufs = append(b.bufs, pk.Encoded(b.key, b.encode))
}

// flush writes what was added; the slices are cleared so that the
// packets' bytes are not kept alive by this player.
func (b *batch) flush() error {
	if len(b.tags) == 0 {
		return nil
	}
	err := b.sc.WriteEncoded(b.streamID, b.tags, b.bufs)
	clear(b.tags)
	clear(b.bufs)
	b.tags, b.bufs = b.tags[:0], b.bufs[:0]
	b.lastWrite = time.Now()
	return err
}
