package amf

import "testing"

// BenchmarkDecodeConnect decodes an ffmpeg connect command body: command
// name, transaction id and the connect object.
func BenchmarkDecodeConnect(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(connectWire)))
	for b.Loop() {
		if _, err := DecodeAMF0All(connectWire, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeResult encodes the _result reply to connect into a reused
// buffer.
func BenchmarkEncodeResult(b *testing.B) {
	var e Encoder
	buf := make([]byte, 0, 512)
	var err error
	for _, v := range resultValues {
		if buf, err = e.AppendAMF0(buf, v); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		e.Reset()
		buf = buf[:0]
		for _, v := range resultValues {
			buf, _ = e.AppendAMF0(buf, v)
		}
	}
}
