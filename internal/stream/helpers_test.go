package stream

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

// Tag builders. Each body starts with the real header bytes (annotated) and
// pads the payload to size with a marker byte so tags can be told apart.

func payload(size int) []byte { return bytes.Repeat([]byte{0xAB}, size) }

// avcHeader is a legacy AVC sequence header (FLV v10.1 §E.4.3.1).
func avcHeader(ts uint32) flv.Tag {
	data := []byte{
		0x17,             // FrameType 1 (key) | CodecID 7 (AVC)
		0x00,             // AVCPacketType 0: sequence header
		0x00, 0x00, 0x00, // CompositionTime 0
		0x01, 0x64, 0x00, 0x1f, // AVCDecoderConfigurationRecord start (version 1, High, level 3.1)
	}
	return flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: data}
}

// avcFrame is a legacy AVC NALU tag: a keyframe or an inter frame.
func avcFrame(ts uint32, key bool, size int) flv.Tag {
	first := byte(0x27) // FrameType 2 (inter) | CodecID 7
	if key {
		first = 0x17 // FrameType 1 (key) | CodecID 7
	}
	data := append([]byte{
		first,
		0x01,             // AVCPacketType 1: NALU
		0x00, 0x00, 0x00, // CompositionTime 0
	}, payload(size)...)
	return flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: data}
}

func keyframe(ts uint32) flv.Tag { return avcFrame(ts, true, 16) }
func inter(ts uint32) flv.Tag    { return avcFrame(ts, false, 8) }

// aacHeader is a legacy AAC sequence header (FLV v10.1 §E.4.2.1).
func aacHeader(ts uint32) flv.Tag {
	data := []byte{
		0xAF,       // SoundFormat 10 (AAC) | 44 kHz | 16-bit | stereo
		0x00,       // AACPacketType 0: sequence header
		0x12, 0x10, // AudioSpecificConfig: AAC-LC, 44.1 kHz, stereo
	}
	return flv.Tag{Type: flv.TagAudio, Timestamp: ts, Data: data}
}

// audio is a raw AAC frame.
func audio(ts uint32) flv.Tag {
	data := append([]byte{
		0xAF, // SoundFormat 10 (AAC) | 44 kHz | 16-bit | stereo
		0x01, // AACPacketType 1: raw
	}, payload(6)...)
	return flv.Tag{Type: flv.TagAudio, Timestamp: ts, Data: data}
}

// metadata is an onMetaData script tag (AMF0 string then an empty ECMA
// array).
func metadata(ts uint32) flv.Tag {
	data := []byte{
		0x02, 0x00, 0x0a, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a', // AMF0 string "onMetaData"
		0x08, 0x00, 0x00, 0x00, 0x00, // AMF0 ECMA array, count 0
		0x00, 0x00, 0x09, // object end
	}
	return flv.Tag{Type: flv.TagScript, Timestamp: ts, Data: data}
}

// name describes an item for order assertions: the event name, or the
// packet's kind and timestamp ("key@40").
func name(it Item) string {
	if it.Event != EventPacket {
		return it.Event.String()
	}
	p := it.Packet
	kind := "script"
	switch {
	case p.IsMetadata():
		kind = "meta"
	case p.IsSequenceHeader() && p.Type() == flv.TagVideo:
		kind = "vseq"
	case p.IsSequenceHeader():
		kind = "aseq"
	case p.IsKeyframe():
		kind = "key"
	case p.Type() == flv.TagVideo:
		kind = "video"
	case p.Type() == flv.TagAudio:
		kind = "audio"
	}
	return fmt.Sprintf("%s@%d", kind, p.Timestamp())
}

func names(items []Item) string {
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = name(it)
	}
	return strings.Join(s, " ")
}

// drained drains sub and describes what it got.
func drained(sub *Subscriber) string { return names(sub.Drain(nil)) }

func mustPublish(t testing.TB, h *Hub, key Key) *Publisher {
	t.Helper()
	p, err := h.Publish(key, PublisherInfo{ID: "pub"})
	if err != nil {
		t.Fatalf("Publish(%v): %v", key, err)
	}
	return p
}

func mustSubscribe(t testing.TB, h *Hub, key Key, opts SubscriberOptions) *Subscriber {
	t.Helper()
	sub, err := h.Subscribe(key, opts)
	if err != nil {
		t.Fatalf("Subscribe(%v): %v", key, err)
	}
	return sub
}

func write(t testing.TB, p *Publisher, tags ...flv.Tag) {
	t.Helper()
	for _, tag := range tags {
		if err := p.Write(tag); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
}

// startOfStream is what an encoder sends first: metadata, headers, a GOP.
func startOfStream() []flv.Tag {
	return []flv.Tag{metadata(0), avcHeader(0), aacHeader(0), keyframe(0), audio(0)}
}

var testKey = Key{App: "live", Name: "cam"}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
