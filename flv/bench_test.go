package flv

import (
	"bytes"
	"io"
	"strconv"
	"testing"
)

func BenchmarkParseVideoHeader(b *testing.B) {
	for _, name := range []string{
		"AVC NALU key frame, composition time +66",
		"hvc1 CodedFrames, composition time -2",
		"ModEx TimestampOffsetNano on hvc1 CodedFrames",
		"Multitrack ManyTracks hvc1 CodedFrames",
	} {
		var wire []byte
		for _, tc := range videoCases {
			if tc.name == name {
				wire = tc.wire
			}
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseVideoHeader(wire); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseAudioHeader(b *testing.B) {
	wire := []byte{0xaf, 0x01, 0x21, 0x00} // AAC raw
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseAudioHeader(wire); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReaderReadTag(b *testing.B) {
	for _, size := range []int{512, 16 << 10, 256 << 10} {
		tag := Tag{Type: TagVideo, Timestamp: 40, Data: bytes.Repeat([]byte{0x27}, size)}
		tags := make([]Tag, 64)
		for i := range tags {
			tags[i] = tag
		}
		file := writeFile(b, Header{HasVideo: true}, tags)
		b.Run(byteSize(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			src := bytes.NewReader(file)
			r := NewReader(src)
			if _, err := r.ReadHeader(); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				_, err := r.ReadTag()
				if err == io.EOF {
					src.Reset(file)
					if _, err := r.ReadHeader(); err != nil {
						b.Fatal(err)
					}
					_, err = r.ReadTag()
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWriterWriteTag(b *testing.B) {
	for _, size := range []int{512, 256 << 10} {
		tag := Tag{Type: TagVideo, Timestamp: 40, Data: bytes.Repeat([]byte{0x27}, size)}
		b.Run(byteSize(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			w := NewWriter(io.Discard)
			for b.Loop() {
				if err := w.WriteTag(tag); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkIsKeyframe(b *testing.B) {
	tag := Tag{Type: TagVideo, Data: []byte{0x91, 'h', 'v', 'c', '1', 0, 0, 0, 0x26}}
	b.ReportAllocs()
	for b.Loop() {
		if !IsKeyframe(tag) {
			b.Fatal("not a keyframe")
		}
	}
}

func byteSize(n int) string {
	if n >= 1<<10 {
		return strconv.Itoa(n>>10) + "KiB"
	}
	return strconv.Itoa(n) + "B"
}
