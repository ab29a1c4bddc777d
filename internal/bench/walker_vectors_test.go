package bench

import "bytes"

// walkerCase is a chunk stream and the messages (or the error) a walker
// reads from it. One table feeds the walker tests and the fuzz seeds.
type walkerCase struct {
	name string
	wire []byte
	want []Msg
	err  error
}

// join concatenates byte slices: headers annotated field by field, and
// payloads.
func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// filler returns n payload bytes counting up from start.
func filler(start byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = start + byte(i)
	}
	return b
}

// avcKey is the head of an AVC keyframe: FLV video tag header (FLV v10.1
// §E.4.3.1) then the payload's first bytes.
var avcKey = join(
	[]byte{0x17},             // frame type 1 (key), codec 7 (AVC)
	[]byte{0x01},             // AVCPacketType 1: NALU
	[]byte{0x00, 0x00, 0x00}, // composition time 0
)

var video200 = join(avcKey, filler(0x40, 195)) // a 200-byte video message

var walkerCases = []walkerCase{
	{
		name: "type 0 audio in one chunk",
		wire: join(
			[]byte{0x04},                   // fmt 0, cs id 4
			[]byte{0x00, 0x03, 0xE8},       // timestamp 1000
			[]byte{0x00, 0x00, 0x04},       // message length 4
			[]byte{0x08},                   // type 8: audio
			[]byte{0x01, 0x00, 0x00, 0x00}, // message stream id 1 (little-endian)
			[]byte{0xAF, 0x01, 0x21, 0x10}, // payload: AAC raw
		),
		want: []Msg{{TypeID: 8, StreamID: 1, Timestamp: 1000, Length: 4, Head: []byte{0xAF, 0x01, 0x21, 0x10}}},
	},
	{
		name: "type 0 video over two chunks of the default 128 bytes",
		wire: join(
			[]byte{0x06},                   // fmt 0, cs id 6
			[]byte{0x00, 0x00, 0x28},       // timestamp 40
			[]byte{0x00, 0x00, 0xC8},       // message length 200
			[]byte{0x09},                   // type 9: video
			[]byte{0x01, 0x00, 0x00, 0x00}, // message stream id 1
			video200[:128],                 // first chunk
			[]byte{0xC6},                   // fmt 3, cs id 6: continuation
			video200[128:],                 // the other 72 bytes
		),
		want: []Msg{{TypeID: 9, StreamID: 1, Timestamp: 40, Length: 200, Head: video200[:headSize]}},
	},
	{
		name: "type 1, 2 and 3 headers add deltas to the previous",
		wire: join(
			[]byte{0x04},                   // fmt 0, cs id 4
			[]byte{0x00, 0x00, 0x64},       // timestamp 100
			[]byte{0x00, 0x00, 0x02},       // length 2
			[]byte{0x08},                   // audio
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			[]byte{0xAF, 0x00},             // payload
			[]byte{0x44},                   // fmt 1, cs id 4
			[]byte{0x00, 0x00, 0x14},       // delta 20: timestamp 120
			[]byte{0x00, 0x00, 0x03},       // length 3
			[]byte{0x08},                   // audio
			[]byte{0xAF, 0x01, 0x01},       // payload
			[]byte{0x84},                   // fmt 2, cs id 4
			[]byte{0x00, 0x00, 0x1E},       // delta 30: timestamp 150
			[]byte{0xAF, 0x01, 0x02},       // payload, length 3 as before
			[]byte{0xC4},                   // fmt 3, cs id 4: delta 30 again, timestamp 180
			[]byte{0xAF, 0x01, 0x03},       // payload
		),
		want: []Msg{
			{TypeID: 8, StreamID: 1, Timestamp: 100, Length: 2, Head: []byte{0xAF, 0x00}},
			{TypeID: 8, StreamID: 1, Timestamp: 120, Length: 3, Head: []byte{0xAF, 0x01, 0x01}},
			{TypeID: 8, StreamID: 1, Timestamp: 150, Length: 3, Head: []byte{0xAF, 0x01, 0x02}},
			{TypeID: 8, StreamID: 1, Timestamp: 180, Length: 3, Head: []byte{0xAF, 0x01, 0x03}},
		},
	},
	{
		name: "2 and 3 byte basic headers",
		wire: join(
			[]byte{0x00, 0x06},             // fmt 0, cs id 0: 2-byte form, id 6 + 64 = 70
			[]byte{0x00, 0x00, 0x01},       // timestamp 1
			[]byte{0x00, 0x00, 0x01},       // length 1
			[]byte{0x08},                   // audio
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			[]byte{0xA1},                   // payload
			[]byte{0x01, 0x00, 0x01},       // fmt 0, cs id 1: 3-byte form, id 0x0100 + 64 = 320
			[]byte{0x00, 0x00, 0x02},       // timestamp 2
			[]byte{0x00, 0x00, 0x01},       // length 1
			[]byte{0x08},                   // audio
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			[]byte{0xA2},                   // payload
		),
		want: []Msg{
			{TypeID: 8, StreamID: 1, Timestamp: 1, Length: 1, Head: []byte{0xA1}},
			{TypeID: 8, StreamID: 1, Timestamp: 2, Length: 1, Head: []byte{0xA2}},
		},
	},
	{
		name: "extended timestamp repeated on the continuation chunk (ffmpeg)",
		wire: join(
			[]byte{0x06},                   // fmt 0, cs id 6
			[]byte{0xFF, 0xFF, 0xFF},       // timestamp: extended
			[]byte{0x00, 0x00, 0x8C},       // length 140
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			[]byte{0x01, 0x00, 0x00, 0x00}, // extended timestamp 0x01000000
			video200[:128],                 // first chunk
			[]byte{0xC6},                   // fmt 3 continuation
			[]byte{0x01, 0x00, 0x00, 0x00}, // the extended timestamp again
			video200[128:140],              // the last 12 bytes
		),
		want: []Msg{{TypeID: 9, StreamID: 1, Timestamp: 0x01000000, Length: 140, Head: video200[:headSize]}},
	},
	{
		name: "extended timestamp not repeated on the continuation chunk (librtmp)",
		wire: join(
			[]byte{0x06},                   // fmt 0, cs id 6
			[]byte{0xFF, 0xFF, 0xFF},       // timestamp: extended
			[]byte{0x00, 0x00, 0x8C},       // length 140
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			[]byte{0x01, 0x00, 0x00, 0x00}, // extended timestamp 0x01000000
			video200[:128],                 // first chunk
			[]byte{0xC6},                   // fmt 3 continuation, no field
			video200[128:140],              // the last 12 bytes
		),
		want: []Msg{{TypeID: 9, StreamID: 1, Timestamp: 0x01000000, Length: 140, Head: video200[:headSize]}},
	},
	{
		name: "Set Chunk Size applies to the next chunk",
		wire: join(
			[]byte{0x02},                   // fmt 0, cs id 2: protocol control
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0x04},       // length 4
			[]byte{0x01},                   // type 1: Set Chunk Size
			[]byte{0x00, 0x00, 0x00, 0x00}, // stream 0
			[]byte{0x00, 0x00, 0x10, 0x00}, // chunk size 4096
			[]byte{0x06},                   // fmt 0, cs id 6
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0xC8},       // length 200
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			video200,                       // one chunk
		),
		want: []Msg{
			{TypeID: 1, Length: 4, Head: []byte{0, 0, 0x10, 0}, Body: []byte{0, 0, 0x10, 0}},
			{TypeID: 9, StreamID: 1, Length: 200, Head: video200[:headSize]},
		},
	},
	{
		name: "command body assembled, zero-length message",
		wire: join(
			[]byte{0x03},                   // fmt 0, cs id 3
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0x0A},       // length 10
			[]byte{0x14},                   // type 20: AMF0 command
			[]byte{0x00, 0x00, 0x00, 0x00}, // stream 0
			[]byte{0x02, 0x00, 0x07},       // AMF0 string marker, length 7
			[]byte("_result"),              // the string
			[]byte{0x43},                   // fmt 1, cs id 3
			[]byte{0x00, 0x00, 0x00},       // delta 0
			[]byte{0x00, 0x00, 0x00},       // length 0
			[]byte{0x14},                   // AMF0 command, empty
		),
		want: []Msg{
			{TypeID: 20, Length: 10, Head: []byte("\x02\x00\x07_result"), Body: []byte("\x02\x00\x07_result")},
			{TypeID: 20, Length: 0, Head: []byte{}, Body: []byte{}},
		},
	},
	{
		name: "Abort drops the partial message",
		wire: join(
			[]byte{0x06},                   // fmt 0, cs id 6
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0xC8},       // length 200
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			video200[:128],                 // first chunk only
			[]byte{0x02},                   // fmt 0, cs id 2
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0x04},       // length 4
			[]byte{0x02},                   // type 2: Abort
			[]byte{0x00, 0x00, 0x00, 0x00}, // stream 0
			[]byte{0x00, 0x00, 0x00, 0x06}, // chunk stream id 6
			[]byte{0x06},                   // fmt 0, cs id 6: a new message
			[]byte{0x00, 0x00, 0x21},       // timestamp 33
			[]byte{0x00, 0x00, 0x01},       // length 1
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			[]byte{0x27},                   // payload
		),
		want: []Msg{
			{TypeID: 2, Length: 4, Head: []byte{0, 0, 0, 6}, Body: []byte{0, 0, 0, 6}},
			{TypeID: 9, StreamID: 1, Timestamp: 33, Length: 1, Head: []byte{0x27}},
		},
	},
	{
		name: "type 2 header on a new chunk stream",
		wire: join(
			[]byte{0x84},             // fmt 2, cs id 4: nothing to expand against
			[]byte{0x00, 0x00, 0x01}, // delta 1
		),
		err: errNoPreviousHeader,
	},
	{
		name: "type 0 header in the middle of a message",
		wire: join(
			[]byte{0x06},                   // fmt 0, cs id 6
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0xC8},       // length 200
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			video200[:128],                 // first chunk
			[]byte{0x06},                   // fmt 0 again before the message ends
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0x01},       // length 1
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
		),
		err: errHeaderChanged,
	},
	{
		name: "type 1 header changing the length in the middle of a message",
		wire: join(
			[]byte{0x06},                   // fmt 0, cs id 6
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0xC8},       // length 200
			[]byte{0x09},                   // video
			[]byte{0x01, 0x00, 0x00, 0x00}, // stream 1
			video200[:128],                 // first chunk
			[]byte{0x46},                   // fmt 1, cs id 6
			[]byte{0x00, 0x00, 0x00},       // delta 0
			[]byte{0xFF, 0xFF, 0xFF},       // length 16 MiB - 1: changed
			[]byte{0x09},                   // video
		),
		err: errHeaderChanged,
	},
	{
		name: "command longer than maxBodySize",
		wire: join(
			[]byte{0x03},                   // fmt 0, cs id 3
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x01, 0x00, 0x01},       // length 65537
			[]byte{0x14},                   // AMF0 command
			[]byte{0x00, 0x00, 0x00, 0x00}, // stream 0
		),
		err: errBodyTooLarge,
	},
	{
		name: "Set Chunk Size 0",
		wire: join(
			[]byte{0x02},                   // fmt 0, cs id 2
			[]byte{0x00, 0x00, 0x00},       // timestamp 0
			[]byte{0x00, 0x00, 0x04},       // length 4
			[]byte{0x01},                   // Set Chunk Size
			[]byte{0x00, 0x00, 0x00, 0x00}, // stream 0
			[]byte{0x00, 0x00, 0x00, 0x00}, // chunk size 0: invalid
		),
		err: errChunkSize,
	},
	{
		name: "more chunk streams than maxChunkStreams",
		wire: manyChunkStreams(maxChunkStreams + 1),
		want: make([]Msg, maxChunkStreams),
		err:  errChunkStreams,
	},
}

// manyChunkStreams is n one-byte audio messages, each on its own chunk
// stream id from 3 up.
func manyChunkStreams(n int) []byte {
	var b []byte
	for i := range n {
		b = append(b,
			byte(3+i),        // fmt 0, cs id 3+i
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // length 1
			0x08,                   // audio
			0x01, 0x00, 0x00, 0x00, // stream 1
			0xAF, // payload
		)
	}
	return b
}
