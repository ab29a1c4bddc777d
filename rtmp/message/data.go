package message

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
)

// MaxDataValues bounds the values of a data message. Metadata is sent as
// three ("@setDataFrame", "onMetaData", an ECMA array) and cue points as
// two; 64 leaves room for application data while keeping a payload of
// one-byte AMF0 nulls from expanding into millions of values.
const MaxDataValues = 64

// Data is a data message (RTMP 1.0 §7.1.2): metadata or user data, a
// sequence of AMF values whose first is by convention a handler name such
// as "@setDataFrame" or "onMetaData". Type 15 (AMF3) carries the byte 0x00
// and then AMF0 values, as commands of type 17 do.
type Data struct {
	AMF3   bool // sent as type 15 rather than 18
	Values []amf.Value
}

// ParseData decodes a data payload; amf3 is true for message type 15, whose
// leading 0x00 is skipped when present. (A type 15 payload without it whose
// first value is an AMF0 number would be misread; no peer is known to send
// one, and librtmp and SRS skip the byte unconditionally.)
func ParseData(payload []byte, amf3 bool, lim amf.Limits) (Data, error) {
	if amf3 {
		payload = stripAMF3Prefix(payload)
	}
	values, err := decodeValues(amf.NewDecoder(payload, lim), MaxDataValues, "data values")
	if err != nil {
		return Data{}, err
	}
	return Data{AMF3: amf3, Values: values}, nil
}

// Handler returns the first value when it is a string (the handler name,
// such as "@setDataFrame" or "onMetaData"), or "".
func (m Data) Handler() string {
	if len(m.Values) == 0 {
		return ""
	}
	name, _ := m.Values[0].(string)
	return name
}

// Type returns TypeDataAMF3 or TypeDataAMF0.
func (m Data) Type() Type {
	if m.AMF3 {
		return TypeDataAMF3
	}
	return TypeDataAMF0
}

// AppendPayload appends the values as AMF0, after the 0x00 byte when
// m.AMF3 is set. More than MaxDataValues values is ErrInvalid.
func (m Data) AppendPayload(dst []byte) ([]byte, error) {
	if len(m.Values) > MaxDataValues {
		return dst, fmt.Errorf("message: data has %d values, at most %d: %w", len(m.Values), MaxDataValues, ErrInvalid)
	}
	if m.AMF3 {
		dst = append(dst, amf3Prefix)
	}
	var e amf.Encoder
	return appendValues(&e, dst, m.Values...)
}
