package rtmp

import (
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// Fan-out: a live server sends the same media message to every player of a
// stream. EncodeTag chunks it once, with a type 0 header on the first chunk
// (RTMP 1.0 §5.3.1.2.1) so that the bytes are right on any connection
// whatever it sent before; every player with the same chunk size and
// NetStream id shares them, and WriteEncoded sends a batch in one writev.
// The type 0 header costs 7 to 11 bytes more per message than a compressed
// one: under 0.5% of a 2 Mbit/s stream.

// tagMessage is the chunk message that carries t on NetStream streamID.
func tagMessage(streamID uint32, t flv.Tag) chunk.Message {
	typ := message.Type(t.Type)
	return chunk.Message{
		ChunkStreamID: message.ChunkStreamFor(typ, streamID),
		TypeID:        uint8(typ),
		StreamID:      streamID,
		Timestamp:     t.Timestamp,
		Payload:       t.Data,
	}
}

// EncodeTag appends t, chunked at chunkSize for NetStream streamID with a
// type 0 header, to dst. The result is valid on every connection whose
// outgoing chunk size is chunkSize (see [ServerConn.ChunkSize]).
func EncodeTag(dst []byte, streamID, chunkSize uint32, t flv.Tag) []byte {
	m := tagMessage(streamID, t)
	return chunk.AppendMessageFmt0(dst, &m, chunkSize)
}

// ChunkSize is the outgoing chunk size that media is encoded with once
// play has started: the size StartPlay announced.
func (s *ServerConn) ChunkSize() uint32 { return s.cfg.ChunkSize }

// WriteEncoded sends messages that EncodeTag chunked for this
// connection's ChunkSize on NetStream streamID, in one system call where
// the kernel allows. tags are the messages' tags, or one of each tag type
// among them: all the connection needs to know is which chunk streams
// carried messages its chunk writer did not see. WriteEncoded may modify
// the encoded slice itself (not the bytes it points to).
func (s *ServerConn) WriteEncoded(streamID uint32, tags []flv.Tag, encoded [][]byte) error {
	c := s.c
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.flushPendingLocked(); err != nil {
		return err
	}
	c.armWriteDeadline()
	// c.vec lives in the conn, so that WriteTo's pointer receiver does not
	// move a fresh slice header to the heap on every call.
	c.vec = encoded
	_, err := c.vec.WriteTo(c.nc)
	c.vec = nil
	if err != nil {
		c.werr = wrapWriteErr(err)
		return c.werr
	}
	for _, t := range tags {
		c.bypassed(streamID, t)
	}
	return nil
}

// bypassed notes that t went out on its chunk stream without the chunk
// writer; the caller holds wmu. The writer forgets that stream's header
// state before its next message there (see forgetBypassed): noting a bit
// here is cheaper, on every direct write, than updating the writer.
func (c *conn) bypassed(streamID uint32, t flv.Tag) {
	csid := message.ChunkStreamFor(message.Type(t.Type), streamID)
	if csid >= 8 {
		c.w.Forget(csid) // not a conventional id (ChunkStreamFor gives 2 to 7)
		return
	}
	c.bypassedStreams |= 1 << csid
}

// forgetBypassed makes the chunk writer forget the state of the chunk
// streams that carried messages without it; the caller holds wmu and
// writes with the writer next.
func (c *conn) forgetBypassed() {
	for csid := uint32(0); c.bypassedStreams != 0; csid++ {
		if c.bypassedStreams&(1<<csid) != 0 {
			c.w.Forget(csid)
			c.bypassedStreams &^= 1 << csid
		}
	}
}
