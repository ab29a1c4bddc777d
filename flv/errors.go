package flv

import (
	"errors"
	"fmt"
)

// Errors callers branch on. Parse errors wrap one of them with detail.
var (
	// ErrSignature means the bytes do not start with "FLV".
	ErrSignature = errors.New("flv: not an FLV file")
	// ErrShortBody means a header or tag body ends before its fixed-size
	// fields do.
	ErrShortBody = errors.New("flv: body shorter than its header")
	// ErrMalformed means a field holds a value the format forbids (a nested
	// multitrack, a track larger than its message, an undersized ModEx).
	ErrMalformed = errors.New("flv: malformed")
	// ErrUnsupported means a reserved or unknown value in a field that
	// decides how the rest is laid out (reserved packet or multitrack
	// types), or an encrypted tag. Enhanced RTMP v2 asks receivers to fail
	// on these in a controlled way rather than guess.
	ErrUnsupported = errors.New("flv: unsupported")
	// ErrPreviousTagSize means a PreviousTagSize field disagrees with the
	// size of the tag before it.
	ErrPreviousTagSize = errors.New("flv: PreviousTagSize does not match the tag")
	// ErrTagTooLarge means tag data longer than MaxTagSize was given to a
	// Writer.
	ErrTagTooLarge = errors.New("flv: tag data larger than MaxTagSize")
)

// Pre-built errors for the allocation-free header parsers.
var (
	errShortAudio     = fmt.Errorf("%w: audio tag header", ErrShortBody)
	errShortVideo     = fmt.Errorf("%w: video tag header", ErrShortBody)
	errShortModEx     = fmt.Errorf("%w: ModEx", ErrShortBody)
	errShortTrack     = fmt.Errorf("%w: multitrack track header", ErrShortBody)
	errModExNano      = fmt.Errorf("%w: TimestampOffsetNano ModEx shorter than 3 bytes", ErrMalformed)
	errTrackSize      = fmt.Errorf("%w: track size larger than the rest of the message", ErrMalformed)
	errNestedTrack    = fmt.Errorf("%w: packet type inside a multitrack message is Multitrack or ModEx", ErrMalformed)
	errMultitrackType = fmt.Errorf("%w: reserved AvMultitrackType", ErrUnsupported)
	errAudioPacket    = fmt.Errorf("%w: reserved AudioPacketType", ErrUnsupported)
	errVideoPacket    = fmt.Errorf("%w: reserved VideoPacketType", ErrUnsupported)
)
