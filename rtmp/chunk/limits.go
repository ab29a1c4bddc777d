package chunk

// Limits of the chunk stream. Those fixed by the wire format come from the
// RTMP 1.0 specification; the others are defaults a [ReaderConfig] can
// change.
const (
	// DefaultChunkSize is the chunk size both directions start with, before
	// any Set Chunk Size message (§5.4.1).
	DefaultChunkSize = 128

	// MaxChunkSize is the largest chunk size Set Chunk Size can announce:
	// its 32-bit field must keep the high bit zero (§5.4.1). Sizes above
	// MaxMessageLength behave alike, since no chunk spans two messages.
	MaxChunkSize = 0x7FFFFFFF

	// MaxMessageLength is the largest message the chunk stream can carry:
	// the message length field of a type 0 or 1 header has 24 bits
	// (§5.3.1.2.1).
	MaxMessageLength = 0xFFFFFF

	// MinChunkStreamID and MaxChunkStreamID bound the chunk stream ids the
	// basic header can express (§5.3.1.1): ids 0 and 1 are the escape values
	// of the 2 and 3 byte forms, and the 3 byte form reaches 65535 + 64.
	MinChunkStreamID = 2
	MaxChunkStreamID = 65599

	// DefaultMaxMessageSize is the default ReaderConfig.MaxMessageSize.
	// Real 4K keyframes reach several MiB, and nginx-rtmp's 1 MiB default
	// dropped real 1080p and 4K keyframes (FIELD-NOTES.md); 16 MiB is above
	// the 24-bit wire limit, so by default every message the wire can carry
	// is accepted.
	DefaultMaxMessageSize = 16 << 20

	// DefaultMaxActiveChunkStreams is the default
	// ReaderConfig.MaxActiveChunkStreams: how many chunk streams may hold a
	// partly assembled message at once. Real peers interleave at most audio,
	// video and a command or data message (a few more with multitrack
	// Enhanced RTMP); 32 leaves ample room and stops the "partial message
	// on every chunk stream id" attack (FIELD-NOTES.md).
	DefaultMaxActiveChunkStreams = 32

	// DefaultMaxBufferedBytes is the default ReaderConfig.MaxBufferedBytes:
	// the bytes a connection may hold in partly assembled messages. Two
	// maximal messages fit, e.g. a large keyframe interleaved with a large
	// data message or a second video track.
	DefaultMaxBufferedBytes = 2 * DefaultMaxMessageSize

	// MaxChunkStreamStates bounds the header state a Reader keeps per chunk
	// stream id, so that a peer walking through all 65598 ids cannot grow it.
	// Real peers use fewer than ten ids; when a new id arrives and the bound
	// is reached, the state of an id without a partial message is dropped.
	MaxChunkStreamStates = 256

	// readBufferSize is the Reader's bufio buffer: small, so that an idle
	// connection costs little (thousands of players each hold one, and
	// read only a few acknowledgements and ping answers through it).
	// Headers and small messages are read through it; payload reads larger
	// than it go from the connection straight into the message buffer. A
	// publisher's small audio messages take a read system call per
	// kilobyte or so: a few hundred a second at most.
	readBufferSize = 1 << 10
)
