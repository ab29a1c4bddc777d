package flv

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
)

// SetDataFrame is the name under which RTMP publishers send metadata to a
// server ("@setDataFrame", "onMetaData", {...}); the server strips it and
// stores or forwards the rest, which is what FLV files and players carry.
const SetDataFrame = "@setDataFrame"

// ScriptData is the body of a script data tag, or of an RTMP AMF0 data
// message: a name, such as "onMetaData", and its values.
type ScriptData struct {
	// SetDataFrame reports that the body began with "@setDataFrame" before
	// the name. ParseScriptData removes that prefix and records it here, so
	// Name is "onMetaData" either way; AppendTo writes it back when set.
	// Clear it to turn a publisher's message into the form FLV files and
	// players use.
	SetDataFrame bool
	Name         string
	Values       []amf.Value
}

// ParseScriptData decodes a script tag body under amf's default limits:
// AMF0 values, the first of them a string naming the data. All values share
// one AMF0 context, so references may point across them.
//
// FLV v10.1 §E.4.4.1 SCRIPTTAGBODY:
//
//	+----------------------------+----------------------------------+
//	| Name SCRIPTDATAVALUE       | Value SCRIPTDATAVALUE ...        |
//	| (AMF0 string, type 2)      | (usually an ECMA array)          |
//	+----------------------------+----------------------------------+
func ParseScriptData(data []byte) (ScriptData, error) {
	values, err := amf.DecodeAMF0All(data, amf.Limits{})
	if err != nil {
		return ScriptData{}, fmt.Errorf("flv: script data: %w", err)
	}
	var s ScriptData
	if len(values) >= 2 && values[0] == SetDataFrame {
		if _, ok := values[1].(string); ok {
			s.SetDataFrame = true
			values = values[1:]
		}
	}
	if len(values) == 0 {
		return ScriptData{}, fmt.Errorf("%w: script data has no name", ErrMalformed)
	}
	name, ok := values[0].(string)
	if !ok {
		return ScriptData{}, fmt.Errorf("%w: script data name is %T, not a string", ErrMalformed, values[0])
	}
	s.Name = name
	if len(values) > 1 {
		s.Values = values[1:]
	}
	return s, nil
}

// AppendTo appends the AMF0 encoding of s (its SetDataFrame prefix if set,
// the name, then the values in one AMF0 context). On error it returns dst
// unchanged.
func (s ScriptData) AppendTo(dst []byte) ([]byte, error) {
	var e amf.Encoder
	out := dst
	var err error
	if s.SetDataFrame {
		if out, err = e.AppendAMF0(out, SetDataFrame); err != nil {
			return dst, fmt.Errorf("flv: script data: %w", err)
		}
	}
	if out, err = e.AppendAMF0(out, s.Name); err != nil {
		return dst, fmt.Errorf("flv: script data name: %w", err)
	}
	for i, v := range s.Values {
		if out, err = e.AppendAMF0(out, v); err != nil {
			return dst, fmt.Errorf("flv: script data value %d: %w", i, err)
		}
	}
	return out, nil
}
