// Package chunk implements the RTMP chunk stream: it splits messages into
// chunks with compressed headers on the way out, and reassembles them on the
// way in, with limits that keep a hostile peer from making it hold more
// memory than it has sent.
//
// It implements, from Adobe's RTMP 1.0 specification (December 2012):
//
//   - §5.3.1.1 the chunk basic header in its 1, 2 and 3 byte forms
//     (chunk stream ids 2 to 65599);
//   - §5.3.1.2 the chunk message header formats 0 to 3, with per chunk
//     stream header state and timestamp deltas accumulated modulo 2^32;
//   - §5.3.1.3 the extended timestamp, including on format 3 chunks, where
//     real peers disagree (see [Reader] and [Writer]);
//   - §5.4.1 Set Chunk Size and §5.4.2 Abort Message, as the effects that
//     [Reader.SetChunkSize], [Writer.SetChunkSize] and [Reader.Abort] have
//     on the chunk stream (decoding those messages is package message's job);
//   - §5.4.3 and §5.4.4 acknowledgements, by counting the bytes consumed
//     from the wire ([Reader.BytesRead]).
//
// A [Reader] returns one complete [Message] at a time; its payload is
// allocated for the caller and grows with the bytes that actually arrive,
// never with the length a header declares. [ReaderConfig] bounds the message
// size, the number of chunk streams holding a partly assembled message, and
// the bytes held in such messages.
//
// A [Writer] appends the chunks of a message to a byte slice, choosing the
// smallest header the previous message on the same chunk stream allows;
// [AppendMessageFmt0] writes self-contained chunks that do not depend on any
// previous header, for bytes shared by many connections. Neither allocates
// when the destination has room.
//
// Readers and Writers are not safe for concurrent use; a connection has one
// of each, used by its reading and its writing goroutine respectively.
package chunk
