package chunk

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
)

// fmt0Header returns an annotated-by-construction type 0 chunk header:
// fmt 0 and cs id (1 byte form), timestamp 0, the given length and type id,
// message stream id 1.
func fmt0Header(csid byte, length uint32, typeID byte) []byte {
	return []byte{
		csid,             // fmt 0, cs id
		0x00, 0x00, 0x00, // timestamp 0
		byte(length >> 16), byte(length >> 8), byte(length), // message length
		typeID,                 // type id
		0x01, 0x00, 0x00, 0x00, // message stream id 1
	}
}

func TestReaderErrors(t *testing.T) {
	small := ReaderConfig{MaxMessageSize: 200, MaxActiveChunkStreams: 2, MaxBufferedBytes: 300}
	for _, tc := range []struct {
		name string
		cfg  ReaderConfig
		wire []byte
		want error
	}{
		{"message over the limit at its type 0 header", small,
			fmt0Header(3, 201, 9), ErrMessageTooLarge},
		{"message over the limit at a type 1 header", small, join(
			fmt0Header(3, 1, 9), []byte{0x00}, // payload
			[]byte{
				0x43,             // fmt 1, cs id 3
				0x00, 0x00, 0x00, // delta 0
				0x00, 0x00, 0xC9, // message length 201
				0x09, // type id 9
			}), ErrMessageTooLarge},
		{"third partial message", ReaderConfig{MaxActiveChunkStreams: 2}, join(
			fmt0Header(3, 200, 9), seq(128, 0),
			fmt0Header(4, 200, 9), seq(128, 0),
			fmt0Header(5, 200, 9)), ErrTooManyChunkStreams},
		{"partial messages over the byte budget", ReaderConfig{MaxMessageSize: 200, MaxBufferedBytes: 300}, join(
			fmt0Header(3, 200, 9), seq(128, 0),
			fmt0Header(4, 200, 9), seq(128, 0),
			fmt0Header(5, 200, 9)), ErrBufferBudget},
		{"type 1 header changes the length mid-message", ReaderConfig{}, join(
			fmt0Header(3, 200, 9), seq(128, 0),
			[]byte{
				0x43,             // fmt 1, cs id 3, mid-message
				0x00, 0x00, 0x00, // delta 0
				0x00, 0x10, 0x00, // message length 4096: changed
				0x09, // type id 9
			}), ErrLengthChanged},
		{"type 1 header changes the type id mid-message", ReaderConfig{}, join(
			fmt0Header(3, 200, 9), seq(128, 0),
			[]byte{
				0x43,             // fmt 1, cs id 3, mid-message
				0x00, 0x00, 0x00, // delta 0
				0x00, 0x00, 0xC8, // message length 200: same
				0x08, // type id 8: changed
			}), ErrLengthChanged},
		{"type 0 header mid-message", ReaderConfig{}, join(
			fmt0Header(3, 200, 9), seq(128, 0),
			fmt0Header(3, 200, 9)), ErrLengthChanged},
		{"type 2 header on a fresh chunk stream", ReaderConfig{}, []byte{
			0x83,             // fmt 2, cs id 3, never seen
			0x00, 0x00, 0x00, // delta 0
		}, ErrNoPreviousHeader},
		{"type 3 header on a fresh chunk stream", ReaderConfig{}, []byte{
			0xC3, // fmt 3, cs id 3, never seen
		}, ErrNoPreviousHeader},
		{"truncated 2 byte basic header", ReaderConfig{}, []byte{
			0x00, // fmt 0, 2 byte form, second byte missing
		}, io.ErrUnexpectedEOF},
		{"truncated 3 byte basic header", ReaderConfig{}, []byte{
			0x01, 0x05, // fmt 0, 3 byte form, third byte missing
		}, io.ErrUnexpectedEOF},
		{"truncated message header", ReaderConfig{}, fmt0Header(3, 1, 9)[:7], io.ErrUnexpectedEOF},
		{"truncated extended timestamp", ReaderConfig{}, []byte{
			0x03,             // fmt 0, cs id 3
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x01, 0x00, // extended timestamp cut short
		}, io.ErrUnexpectedEOF},
		{"truncated payload", ReaderConfig{}, join(fmt0Header(3, 10, 9), seq(5, 0)), io.ErrUnexpectedEOF},
		{"stream ends between chunks of a message", ReaderConfig{}, join(
			fmt0Header(3, 200, 9), seq(128, 0)), io.ErrUnexpectedEOF},
		{"stream ends inside a repeated extended timestamp", ReaderConfig{}, join([]byte{
			0x03,             // fmt 0, cs id 3
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x81, // message length 129
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x01, 0x00, 0x00, 0x00, // extended timestamp
		}, seq(128, 0), []byte{
			0xC3,       // fmt 3: continuation
			0x01, 0x00, // the repeated field, cut short: taken as the last payload byte
		}), io.ErrUnexpectedEOF},
		{"empty stream", ReaderConfig{}, nil, io.EOF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(tc.wire), tc.cfg)
			var err error
			for err == nil {
				_, err = r.ReadMessage()
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if tc.want == io.EOF && err != io.EOF {
				t.Errorf("clean end wrapped: %v", err)
			}
			if _, again := r.ReadMessage(); again != err {
				t.Errorf("error not sticky: then %v", again)
			}
		})
	}
}

// TestReaderStreamErrorPropagates checks that a transport error other than
// io.EOF (a deadline, a reset) reaches the caller unchanged.
func TestReaderStreamErrorPropagates(t *testing.T) {
	boom := errors.New("connection reset")
	r := NewReader(io.MultiReader(bytes.NewReader(fmt0Header(3, 10, 9)), errReader{boom}), ReaderConfig{})
	if _, err := r.ReadMessage(); !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// TestReaderHostileDeclaredLengths replays the attack from FIELD-NOTES.md:
// maximal declared lengths on many chunk streams, a few bytes each. The
// Reader must refuse it while allocating in proportion to the bytes sent,
// not the bytes declared (61 x 16 MiB).
func TestReaderHostileDeclaredLengths(t *testing.T) {
	var wire []byte
	for id := byte(3); id <= maxCSID1Byte; id++ { // 61 chunk streams
		wire = append(wire, fmt0Header(id, MaxMessageLength, 9)...)
		wire = append(wire, 0xAB) // one payload byte of 16 MiB
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := NewReader(bytes.NewReader(wire), ReaderConfig{MaxActiveChunkStreams: 100})
	if err := r.SetChunkSize(1); err != nil {
		t.Fatal(err)
	}
	_, err := r.ReadMessage()
	runtime.ReadMemStats(&after)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want io.ErrUnexpectedEOF", err)
	}
	if r.active != 61 || r.buffered != 61 {
		t.Errorf("active %d buffered %d, want 61 and 61", r.active, r.buffered)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 1<<20 {
		t.Errorf("allocated %d bytes for a %d-byte input", grown, len(wire))
	}
}
