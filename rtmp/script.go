package rtmp

import (
	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// setDataFrame is the handler encoders put before onMetaData in a data
// message, asking the server to keep the metadata for players.
const setDataFrame = "@setDataFrame"

// scriptBody returns a data message payload in the form FLV files and
// players expect: AMF0, without a leading "@setDataFrame". An AMF0 payload
// that needs no change is returned as it is, without decoding.
func scriptBody(payload []byte, amf3 bool, lim amf.Limits) ([]byte, error) {
	if !amf3 && !leadingAMF0String(payload, setDataFrame) {
		return payload, nil
	}
	d, err := message.ParseData(payload, amf3, lim)
	if err != nil {
		return nil, err
	}
	values := d.Values
	if d.Handler() == setDataFrame {
		values = values[1:]
	}
	return message.Data{Values: values}.AppendPayload(nil)
}

// leadingAMF0String reports whether an AMF0 payload starts with the string
// s (marker 0x02, 16-bit length, the bytes).
func leadingAMF0String(p []byte, s string) bool {
	n := len(s)
	return len(p) >= 3+n && p[0] == 0x02 && int(p[1])<<8|int(p[2]) == n && string(p[3:3+n]) == s
}
