package amf_test

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
)

// Decoding the body of an RTMP connect command sent by ffmpeg.
func Example_decode() {
	body := []byte{
		0x02, 0x00, 0x07, 'c', 'o', 'n', 'n', 'e', 'c', 't', // string "connect"
		0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // number 1: transaction id
		0x03,                      // object
		0x00, 0x03, 'a', 'p', 'p', // key "app"
		0x02, 0x00, 0x04, 'l', 'i', 'v', 'e', // string "live"
		0x00, 0x0c, 'c', 'a', 'p', 'a', 'b', 'i', 'l', 'i', 't', 'i', 'e', 's', // key
		0x00, 0x40, 0x2e, 0, 0, 0, 0, 0, 0, // number 15
		0x00, 0x00, 0x09, // object end
	}
	values, err := amf.DecodeAMF0All(body, amf.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	name, _ := values[0].(string)
	app, _ := amf.GetString(values[2], "app")
	caps, _ := amf.GetNumber(values[2], "capabilities")
	fmt.Println(name, values[1], app, caps)
	// Output: connect 1 live 15
}

// Encoding the _result reply to connect: one Encoder for the whole body.
func Example_encode() {
	var e amf.Encoder
	var body []byte
	for _, v := range []amf.Value{
		"_result",
		1.0,
		amf.Object{{Key: "fmsVer", Value: "FMS/3,0,1,123"}},
		amf.Object{}.
			Append("level", "status").
			Append("code", "NetConnection.Connect.Success"),
	} {
		var err error
		if body, err = e.AppendAMF0(body, v); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Printf("%d bytes: % x ...\n", len(body), body[:10])
	// Output: 105 bytes: 02 00 07 5f 72 65 73 75 6c 74 ...
}
