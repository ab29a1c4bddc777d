package flv_test

import (
	"bytes"
	"fmt"
	"io"
	"log"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
)

// Write a tiny FLV file (metadata, an AVC sequence header, a key frame) and
// read it back.
func Example() {
	var file bytes.Buffer
	w := flv.NewWriter(&file)
	if err := w.WriteHeader(flv.Header{HasVideo: true}); err != nil {
		log.Fatal(err)
	}

	meta, err := flv.ScriptData{
		Name:   "onMetaData",
		Values: []amf.Value{amf.ECMAArray{{Key: "videocodecid", Value: 7.0}}},
	}.AppendTo(nil)
	if err != nil {
		log.Fatal(err)
	}
	seqHeader := flv.VideoHeader{FrameType: flv.FrameTypeKey, CodecID: flv.CodecIDAVC, AVCPacketType: flv.AVCSequenceHeader}
	frame := flv.VideoHeader{FrameType: flv.FrameTypeKey, CodecID: flv.CodecIDAVC, AVCPacketType: flv.AVCNALU, CompositionTime: 40}
	for _, tag := range []flv.Tag{
		{Type: flv.TagScript, Data: meta},
		{Type: flv.TagVideo, Data: append(seqHeader.AppendTo(nil), 0x01, 0x64, 0x00, 0x1f)},
		{Type: flv.TagVideo, Timestamp: 40, Data: append(frame.AppendTo(nil), 0x00, 0x00, 0x00, 0x01, 0x65)},
	} {
		if err := w.WriteTag(tag); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("file bytes:", file.Len())

	r := flv.NewReader(&file)
	h, err := r.ReadHeader()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("version %d, audio %v, video %v\n", h.Version, h.HasAudio, h.HasVideo)
	for {
		tag, err := r.ReadTag()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		switch tag.Type {
		case flv.TagScript:
			s, err := flv.ParseScriptData(tag.Data)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf("%d ms script %s %v\n", tag.Timestamp, s.Name, s.Values)
		case flv.TagVideo:
			v, err := flv.ParseVideoHeader(tag.Data)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Printf("%d ms video codec %d, sequence header %v, keyframe %v, cts %d, payload % x\n",
				tag.Timestamp, v.CodecID, flv.IsSequenceHeader(tag), flv.IsKeyframe(tag), v.CompositionTime, tag.Data[v.HeaderLen:])
		}
	}
	// Output:
	// file bytes: 121
	// version 1, audio false, video true
	// 0 ms script onMetaData [[{videocodecid 7}]]
	// 0 ms video codec 7, sequence header true, keyframe false, cts 0, payload 01 64 00 1f
	// 40 ms video codec 7, sequence header false, keyframe true, cts 40, payload 00 00 00 01 65
}
