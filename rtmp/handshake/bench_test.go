package handshake

import (
	"bytes"
	"testing"
)

// replayConn replays a recorded input and discards what is written.
type replayConn struct{ *bytes.Reader }

func (replayConn) Write(p []byte) (int, error) { return len(p), nil }

func BenchmarkServer(b *testing.B) {
	for _, s := range []Scheme{SchemeSimple, SchemeDigest0} {
		b.Run(s.String(), func(b *testing.B) {
			conv, scfg, _ := recorded(b, s, false)
			r := bytes.NewReader(conv.fromClient)
			b.ReportAllocs()
			b.SetBytes(int64(len(conv.fromClient) + len(conv.fromServer)))
			for b.Loop() {
				r.Reset(conv.fromClient)
				if _, err := Server(replayConn{r}, scfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkClient(b *testing.B) {
	for _, s := range []Scheme{SchemeSimple, SchemeDigest0} {
		b.Run(s.String(), func(b *testing.B) {
			conv, _, ccfg := recorded(b, s, false)
			r := bytes.NewReader(conv.fromServer)
			b.ReportAllocs()
			b.SetBytes(int64(len(conv.fromClient) + len(conv.fromServer)))
			for b.Loop() {
				r.Reset(conv.fromServer)
				if _, err := Client(replayConn{r}, ccfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
