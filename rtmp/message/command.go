package message

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
)

// MaxCommandArgs bounds the optional arguments of a command after its
// command object. The commands of RTMP 1.0 §7.2 take at most four (play:
// stream name, start, duration, reset); 64 leaves room for application
// calls while keeping a payload of one-byte AMF0 nulls from expanding into
// millions of values.
const MaxCommandArgs = 64

// Command is a command message (RTMP 1.0 §7.1.1 and §7.2): a remote
// procedure call or its answer (_result, _error, onStatus).
//
//	+----------------+----------------+----------------+-------------
//	| Command Name   | Transaction ID | Command Object | Arguments...
//	| (AMF0 string)  | (AMF0 number)  | (object, null) |
//	+----------------+----------------+----------------+-------------
//
// Type 20 carries AMF0 values. Type 17 (AMF3) carries the byte 0x00 and
// then the same AMF0 values, any of which may switch to AMF3 through the
// avmplus marker.
type Command struct {
	AMF3          bool // sent as type 17 rather than 20
	Name          string
	TransactionID float64
	Object        amf.Value   // nil (null), or an object: see ParseCommand
	Args          []amf.Value // the values after the command object
}

// ParseCommand decodes a command payload; amf3 is true for message type 17.
//
// The name must be a string and the transaction id a number (an AMF0
// number, or an AMF3 integer behind the avmplus marker). The command object
// may be null, undefined, an AMF0 object, ECMA array or typed object, or an
// AMF3 object or array (what amf.Lookup reads properties from); anything
// else there is ErrInvalid. A command that ends after
// its transaction id (some servers' onBWDone) has a nil Object. For type
// 17 the leading 0x00 is skipped, and tolerated when missing.
//
// Decoded strings are copies: the command does not alias payload.
func ParseCommand(payload []byte, amf3 bool, lim amf.Limits) (Command, error) {
	c := Command{AMF3: amf3}
	if amf3 {
		payload = stripAMF3Prefix(payload)
	}
	d := amf.NewDecoder(payload, lim)
	var err error
	if c.Name, err = decodeCommandName(d); err != nil {
		return Command{}, err
	}
	if c.TransactionID, err = decodeTransactionID(d, c.Name); err != nil {
		return Command{}, err
	}
	if d.Len() == 0 {
		return c, nil
	}
	if c.Object, err = d.DecodeAMF0(); err != nil {
		return Command{}, fmt.Errorf("message: command %q object: %w", c.Name, err)
	}
	if !isCommandObject(c.Object) {
		return Command{}, fmt.Errorf("message: command %q object is %T: %w", c.Name, c.Object, ErrInvalid)
	}
	if c.Args, err = decodeValues(d, MaxCommandArgs, "command arguments"); err != nil {
		return Command{}, err
	}
	return c, nil
}

func decodeCommandName(d *amf.Decoder) (string, error) {
	if d.Len() == 0 {
		return "", fmt.Errorf("message: command has no name: %w", ErrShort)
	}
	v, err := d.DecodeAMF0()
	if err != nil {
		return "", fmt.Errorf("message: command name: %w", err)
	}
	name, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("message: command name is %T: %w", v, ErrInvalid)
	}
	return name, nil
}

func decodeTransactionID(d *amf.Decoder, name string) (float64, error) {
	if d.Len() == 0 {
		return 0, fmt.Errorf("message: command %q has no transaction id: %w", name, ErrShort)
	}
	v, err := d.DecodeAMF0()
	if err != nil {
		return 0, fmt.Errorf("message: command %q transaction id: %w", name, err)
	}
	switch id := v.(type) {
	case float64:
		return id, nil
	case int32:
		return float64(id), nil
	}
	return 0, fmt.Errorf("message: command %q transaction id is %T: %w", name, v, ErrInvalid)
}

// isCommandObject reports whether v may stand in the command object slot.
func isCommandObject(v amf.Value) bool {
	switch v.(type) {
	case nil, amf.Undefined, amf.Object, amf.ECMAArray, amf.TypedObject, amf.Object3, amf.Array:
		return true
	}
	return false
}

// Type returns TypeCommandAMF3 or TypeCommandAMF0.
func (c Command) Type() Type {
	if c.AMF3 {
		return TypeCommandAMF3
	}
	return TypeCommandAMF0
}

// AppendPayload appends the command as AMF0, after the 0x00 byte when
// c.AMF3 is set. An Object ParseCommand would refuse, or more than
// MaxCommandArgs arguments, is ErrInvalid.
func (c Command) AppendPayload(dst []byte) ([]byte, error) {
	if !isCommandObject(c.Object) {
		return dst, fmt.Errorf("message: command %q object is %T: %w", c.Name, c.Object, ErrInvalid)
	}
	if len(c.Args) > MaxCommandArgs {
		return dst, fmt.Errorf("message: command %q has %d arguments, at most %d: %w",
			c.Name, len(c.Args), MaxCommandArgs, ErrInvalid)
	}
	if c.AMF3 {
		dst = append(dst, amf3Prefix)
	}
	var e amf.Encoder
	dst, err := appendValues(&e, dst, c.Name, c.TransactionID, c.Object)
	if err != nil {
		return dst, err
	}
	return appendValues(&e, dst, c.Args...)
}
