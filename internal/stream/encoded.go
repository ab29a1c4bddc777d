package stream

import (
	"github.com/sluicemedia/sluice/flv"

	"sync"
	"sync/atomic"
)

// maxEncodings bounds the encodings one Packet keeps. Outputs that share an
// encoding are few: RTMP players differ only by chunk size and message
// stream id, and almost all use the server's chunk size and stream id 1;
// HTTP-FLV adds one more. A packet with more distinct keys encodes the
// extra ones on every call instead of growing.
const maxEncodings = 4

// encodings is a Packet's small cache of output encodings: fixed slots
// claimed by compare-and-swap, so a hit costs a few atomic loads and no
// lock.
type encodings [maxEncodings]atomic.Pointer[encoding]

// encoding is one cached output form of a Packet.
type encoding struct {
	key  any
	once sync.Once
	data []byte
}

// Encoded returns the encoding of p that key names, calling encode with p's
// tag to make it the first time and caching the result in p, so that every
// output asking with an equal key shares one copy of the bytes. An output
// keeps one encode function for all packets, so a call allocates nothing. Concurrent callers
// with the same key wait for the first one's encode. The returned bytes are
// shared and must not be modified; encode must not call Encoded on p.
//
// key must be comparable (a small struct such as {chunkSize, streamID}
// works well); a key that is not panics like a map key would. Converting a
// struct to any allocates, so an output keeps its key in an any variable,
// made again only when the key changes: then a hit allocates nothing. Once
// maxEncodings keys are cached, further keys are encoded on every call
// without caching.
func (p *Packet) Encoded(key any, encode func(flv.Tag) []byte) []byte {
	for i := range p.cache {
		slot := &p.cache[i]
		e := slot.Load()
		if e == nil {
			e = &encoding{key: key}
			if !slot.CompareAndSwap(nil, e) {
				e = slot.Load() // another caller claimed the slot first
			}
		}
		if e.key == key {
			e.once.Do(func() { e.data = encode(p.Tag()) })
			return e.data
		}
	}
	return encode(p.Tag())
}
