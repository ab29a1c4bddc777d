package message_test

import (
	"testing"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/message"
)

func BenchmarkParseCommandConnect(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(ffmpegConnectPlay)))
	for b.Loop() {
		if _, err := message.ParseCommand(ffmpegConnectPlay, false, amf.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendCommandConnect(b *testing.B) {
	cmd, err := message.ParseCommand(ffmpegConnectPlay, false, amf.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	b.SetBytes(int64(len(ffmpegConnectPlay)))
	for b.Loop() {
		if buf, err = cmd.AppendPayload(buf[:0]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseUserControl(b *testing.B) {
	payload := []byte{0x00, 0x06, 0x00, 0x01, 0x23, 0x45} // PingRequest
	b.ReportAllocs()
	b.SetBytes(int64(len(payload)))
	for b.Loop() {
		if _, err := message.ParseUserControl(payload); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAggregate(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(threeSubAggregate)))
	for b.Loop() {
		for _, err := range message.Aggregate(threeSubAggregate, 5000) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
