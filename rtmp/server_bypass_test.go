package rtmp

import (
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// TestWritesAfterSharedBytes: the chunk writer compresses a message's
// header against the last one it wrote on that chunk stream. Shared bytes
// (TryWriteEncoded, WriteEncoded) go out without it, so its next message
// there must not compress against what it wrote before them: the reader
// would apply the header to the shared message instead.
func TestWritesAfterSharedBytes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(sc *ServerConn, tag flv.Tag, enc []byte) bool
	}{
		{"TryWriteEncoded", func(sc *ServerConn, tag flv.Tag, enc []byte) bool {
			ok, _ := sc.TryWriteEncoded(1, tag, enc, false)
			return ok
		}},
		{"WriteEncoded", func(sc *ServerConn, tag flv.Tag, enc []byte) bool {
			return sc.WriteEncoded(1, []flv.Tag{tag}, [][]byte{enc}) == nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := rtmptest.TCPPair(t)
			sc := NewServerConn(s, ServerConfig{})
			// Same type and length: with the shared one unseen, the third
			// would compress against the first (a delta of 80 ms), and be
			// read as 80 ms after the shared message's 1000.
			tags := []flv.Tag{videoTag(1, 100), videoTag(2, 100), videoTag(3, 100)}
			tags[1].Timestamp = 1000
			if err := sc.WriteTag(1, tags[0]); err != nil {
				t.Fatal(err)
			}
			if !tc.write(sc, tags[1], EncodeTag(nil, 1, chunk.DefaultChunkSize, tags[1])) {
				t.Fatal("shared write failed")
			}
			if err := sc.WriteTag(1, tags[2]); err != nil {
				t.Fatal(err)
			}
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			r := chunk.NewReader(c, chunk.ReaderConfig{})
			for i, want := range tags {
				m, err := r.ReadMessage()
				if err != nil {
					t.Fatalf("message %d: %v", i, err)
				}
				if m.Timestamp != want.Timestamp {
					t.Errorf("message %d at %d ms, want %d", i, m.Timestamp, want.Timestamp)
				}
			}
		})
	}
}
