package codec

import "errors"

// Errors callers branch on; parse errors wrap them with detail.
var (
	// ErrShort means the data ends before a field it must contain.
	ErrShort = errors.New("codec: data too short")
	// ErrInvalid means a field holds a value the specification forbids.
	ErrInvalid = errors.New("codec: invalid value")
	// ErrUnsupported means a valid but unhandled variant, such as a
	// configuration record version other than 1.
	ErrUnsupported = errors.New("codec: unsupported")
)
