package message

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
)

// amf3Prefix is the byte that starts the payload of AMF3 command and data
// messages (types 17 and 15): the rest is AMF0, whose avmplus marker (0x11)
// switches single values to AMF3. It is absent from RTMP 1.0 but sent by
// Flash Player and expected by librtmp, Red5 and SRS.
const amf3Prefix = 0x00

// stripAMF3Prefix removes the leading 0x00 of an AMF3 command or data
// payload. A payload that starts with anything else is returned whole, to
// tolerate peers that omit the byte: for commands this is unambiguous,
// since a command starts with its name, an AMF0 string (marker 0x02).
func stripAMF3Prefix(payload []byte) []byte {
	if len(payload) > 0 && payload[0] == amf3Prefix {
		return payload[1:]
	}
	return payload
}

// decodeValues decodes the AMF0 values left in d, at most max of them, so
// that a payload of one-byte values cannot expand into millions of
// interface values. what names the values in errors.
func decodeValues(d *amf.Decoder, max int, what string) ([]amf.Value, error) {
	var values []amf.Value
	for d.Len() > 0 {
		if len(values) == max {
			return nil, fmt.Errorf("message: more than %d %s: %w", max, what, amf.ErrLimit)
		}
		v, err := d.DecodeAMF0()
		if err != nil {
			return nil, fmt.Errorf("message: %s %d: %w", what, len(values), err)
		}
		values = append(values, v)
	}
	return values, nil
}

// appendValues appends values as AMF0 in e's context. One Encoder per
// message mirrors the one Decoder per message of decodeValues, so AMF3
// references between values of a message keep their meaning.
func appendValues(e *amf.Encoder, dst []byte, values ...amf.Value) ([]byte, error) {
	for _, v := range values {
		var err error
		if dst, err = e.AppendAMF0(dst, v); err != nil {
			return dst, fmt.Errorf("message: %w", err)
		}
	}
	return dst, nil
}
