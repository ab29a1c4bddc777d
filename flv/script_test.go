package flv

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/sluicemedia/sluice/amf"
)

var scriptCases = []struct {
	name string
	wire []byte
	want ScriptData
}{
	{
		name: "onMetaData",
		wire: []byte{
			0x02, 0x00, 0x0a, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a', // string "onMetaData"
			0x08, 0x00, 0x00, 0x00, 0x02, // ECMA array, approximate count 2
			0x00, 0x05, 'w', 'i', 'd', 't', 'h', // key "width"
			0x00, 0x40, 0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // number 1280
			0x00, 0x0c, 'v', 'i', 'd', 'e', 'o', 'c', 'o', 'd', 'e', 'c', 'i', 'd', // key "videocodecid"
			0x00, 0x41, 0xd8, 0x5d, 0x8c, 0x0c, 0x40, 0x00, 0x00, // number 0x61763031 ("av01" as a FourCC)
			0x00, 0x00, 0x09, // object end
		},
		want: ScriptData{Name: "onMetaData", Values: []amf.Value{amf.ECMAArray{
			{Key: "width", Value: 1280.0},
			{Key: "videocodecid", Value: float64(FourCCAV1)},
		}}},
	},
	{
		name: "@setDataFrame from a publisher",
		wire: []byte{
			0x02, 0x00, 0x0d, '@', 's', 'e', 't', 'D', 'a', 't', 'a', 'F', 'r', 'a', 'm', 'e', // string "@setDataFrame"
			0x02, 0x00, 0x0a, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a', // string "onMetaData"
			0x03,                                     // object
			0x00, 0x06, 's', 't', 'e', 'r', 'e', 'o', // key "stereo"
			0x01, 0x01, // boolean true
			0x00, 0x00, 0x09, // object end
		},
		want: ScriptData{SetDataFrame: true, Name: "onMetaData", Values: []amf.Value{amf.Object{{Key: "stereo", Value: true}}}},
	},
	{
		name: "name only",
		wire: []byte{
			0x02, 0x00, 0x0a, 'o', 'n', 'C', 'u', 'e', 'P', 'o', 'i', 'n', 't', // string "onCuePoint"
		},
		want: ScriptData{Name: "onCuePoint"},
	},
	{
		name: "@setDataFrame alone is a name",
		wire: []byte{
			0x02, 0x00, 0x0d, '@', 's', 'e', 't', 'D', 'a', 't', 'a', 'F', 'r', 'a', 'm', 'e', // string "@setDataFrame"
			0x00, 0x3f, 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // number 1: not a name, so no prefix
		},
		want: ScriptData{Name: SetDataFrame, Values: []amf.Value{1.0}},
	},
}

func TestParseScriptData(t *testing.T) {
	for _, tc := range scriptCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseScriptData(tc.wire)
			if err != nil {
				t.Fatalf("ParseScriptData: %v", err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ParseScriptData =\n%#v\nwant\n%#v", got, tc.want)
			}
			enc, err := tc.want.AppendTo(nil)
			if err != nil || !bytes.Equal(enc, tc.wire) {
				t.Fatalf("AppendTo = % x, %v\nwant      % x", enc, err, tc.wire)
			}
		})
	}
}

func TestParseScriptDataErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		wire []byte
		want error
	}{
		{"empty", nil, ErrMalformed},
		{"name is a number", []byte{0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0}, ErrMalformed},
		{"truncated string", []byte{0x02, 0x00, 0x05, 'o', 'n'}, amf.ErrTruncated},
	} {
		if _, err := ParseScriptData(tc.wire); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestScriptDataStripSetDataFrame(t *testing.T) {
	s, err := ParseScriptData(scriptCases[1].wire)
	if err != nil {
		t.Fatal(err)
	}
	s.SetDataFrame = false
	out, err := s.AppendTo(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := scriptCases[1].wire[16:]; !bytes.Equal(out, want) {
		t.Fatalf("stripped = % x, want % x", out, want)
	}
}

func TestScriptDataAppendToError(t *testing.T) {
	dst := []byte{1, 2}
	out, err := ScriptData{Name: "x", Values: []amf.Value{struct{}{}}}.AppendTo(dst)
	if !errors.Is(err, amf.ErrUnencodable) || !bytes.Equal(out, dst) {
		t.Fatalf("AppendTo = % x, %v", out, err)
	}
}
