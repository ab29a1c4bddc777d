package server

import (
	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
)

// Synthetic FLV tags (FLV v10.1 E.4.2.1 audio, E.4.3.1 video).
func avcSequenceHeader(ts uint32) flv.Tag {
	// frame type 1 | codec 7, AVC packet type 0, composition time 0, then a
	// minimal AVCDecoderConfigurationRecord (version 1, profile 66, level 30).
	return flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: []byte{0x17, 0x00, 0, 0, 0, 0x01, 0x42, 0x00, 0x1e, 0xff, 0xe0, 0x00}}
}

func avcFrame(ts uint32, key bool, n byte) flv.Tag {
	first := byte(0x27) // inter frame | AVC
	if key {
		first = 0x17
	}
	return flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: []byte{first, 0x01, 0, 0, 0, 0, 0, 0, 1, n}}
}

func aacSequenceHeader(ts uint32) flv.Tag {
	// AAC | 44 kHz | 16 bit | stereo, AAC packet type 0, AudioSpecificConfig LC 44.1 kHz stereo.
	return flv.Tag{Type: flv.TagAudio, Timestamp: ts, Data: []byte{0xaf, 0x00, 0x12, 0x10}}
}

func aacFrame(ts uint32, n byte) flv.Tag {
	return flv.Tag{Type: flv.TagAudio, Timestamp: ts, Data: []byte{0xaf, 0x01, 0x21, n}}
}

func metadataTag() flv.Tag {
	body, err := amf.AppendAMF0(nil, "onMetaData")
	if err != nil {
		panic(err)
	}
	body, err = amf.AppendAMF0(body, amf.ECMAArray{{Key: "width", Value: 320.0}, {Key: "height", Value: 240.0}})
	if err != nil {
		panic(err)
	}
	return flv.Tag{Type: flv.TagScript, Data: body}
}
