package chunk

import "errors"

// Errors returned by the Reader and the Writer. The Reader's errors are
// sticky: after one, the position in the stream is lost and the connection
// should be closed.
var (
	// ErrChunkSize reports a chunk size of 0 or with the high bit set
	// (§5.4.1).
	ErrChunkSize = errors.New("chunk: invalid chunk size")

	// ErrMessageTooLarge reports a message longer than the configured
	// maximum (reading) or than the 24-bit length field (writing).
	ErrMessageTooLarge = errors.New("chunk: message too large")

	// ErrTooManyChunkStreams reports more chunk streams with a partly
	// assembled message than ReaderConfig.MaxActiveChunkStreams.
	ErrTooManyChunkStreams = errors.New("chunk: too many chunk streams with a partial message")

	// ErrBufferBudget reports more bytes in partly assembled messages than
	// ReaderConfig.MaxBufferedBytes.
	ErrBufferBudget = errors.New("chunk: buffered message bytes over budget")

	// ErrLengthChanged reports a header in the middle of a message that
	// changes its length or type id, or restarts it with a type 0 header
	// (the class of ffmpeg's CVE-2016-10191).
	ErrLengthChanged = errors.New("chunk: message header changed in the middle of a message")

	// ErrNoPreviousHeader reports a type 2 or 3 header on a chunk stream
	// that has not had a full header yet.
	ErrNoPreviousHeader = errors.New("chunk: compressed header without a previous header")

	// ErrChunkStreamID reports a chunk stream id outside 2..65599 given to
	// the Writer.
	ErrChunkStreamID = errors.New("chunk: invalid chunk stream id")
)
