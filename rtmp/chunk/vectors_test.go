package chunk

// One table of annotated chunk streams feeds the decode test, the encode
// test and the fuzz seeds (seeds_test.go). Byte comments name each field of
// RTMP 1.0 §5.3.1: basic header (fmt, cs id), message header (timestamp or
// delta, length, type id, stream id), extended timestamp, payload.

// seq returns n bytes of a recognizable pattern, the payload of a message.
func seq(n int, start byte) []byte {
	p := make([]byte, n)
	for i := range p {
		p[i] = start + byte(i)
	}
	return p
}

// join concatenates wire fragments.
func join(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// resize changes the chunk size of both sides after message `after` (the
// count of messages already read or written).
type resize struct {
	after int
	size  uint32
}

type vector struct {
	name     string
	resizes  []resize // chunk size changes; the size starts at 128
	msgs     []Message
	wire     []byte
	readOnly bool // the Writer chooses other headers (or cannot interleave): decode only
}

var (
	payload307 = seq(307, 0)
	interA     = seq(6, 0xA0)
	interB     = seq(10, 0xB0)
)

var vectors = []vector{
	{
		name: "basic header 1 byte csid 2",
		msgs: []Message{{ChunkStreamID: 2, TypeID: 1, Payload: []byte{0, 0, 0x10, 0}}},
		wire: []byte{
			0x02,             // fmt 0, cs id 2 (1 byte form)
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x04, // message length 4
			0x01,                   // type id 1 (Set Chunk Size)
			0x00, 0x00, 0x00, 0x00, // message stream id 0
			0x00, 0x00, 0x10, 0x00, // payload: chunk size 4096
		},
	},
	{
		name: "basic header 1 byte csid 63",
		msgs: []Message{{ChunkStreamID: 63, TypeID: 8, StreamID: 1, Payload: []byte{0xAF}}},
		wire: []byte{
			0x3F,             // fmt 0, cs id 63 (largest 1 byte form)
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // message length 1
			0x08,                   // type id 8 (audio)
			0x01, 0x00, 0x00, 0x00, // message stream id 1 (little-endian)
			0xAF, // payload
		},
	},
	{
		name:    "basic header 2 byte csid 64 with continuation",
		resizes: []resize{{0, 4}},
		msgs:    []Message{{ChunkStreamID: 64, TypeID: 9, StreamID: 1, Timestamp: 1, Payload: seq(5, 0)}},
		wire: []byte{
			0x00, 0x00, // fmt 0, cs id field 0 (2 byte form), 64-64 = 0
			0x00, 0x00, 0x01, // timestamp 1
			0x00, 0x00, 0x05, // message length 5
			0x09,                   // type id 9 (video)
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x00, 0x01, 0x02, 0x03, // payload [0:4] (chunk size 4)
			0xC0, 0x00, // fmt 3, cs id field 0, 64-64 = 0
			0x04, // payload [4:5]
		},
	},
	{
		name: "basic header 2 byte csid 319",
		msgs: []Message{{ChunkStreamID: 319, TypeID: 18, StreamID: 1, Payload: []byte{0x05}}},
		wire: []byte{
			0x00, 0xFF, // fmt 0, 2 byte form, 319-64 = 255
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // message length 1
			0x12,                   // type id 18 (data AMF0)
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x05, // payload
		},
	},
	{
		name:    "basic header 3 byte csid 320 with continuation",
		resizes: []resize{{0, 4}},
		msgs:    []Message{{ChunkStreamID: 320, TypeID: 9, StreamID: 1, Payload: seq(5, 0x10)}},
		wire: []byte{
			0x01, 0x00, 0x01, // fmt 0, cs id field 1 (3 byte form), 320-64 = 256 (LE 00 01)
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x05, // message length 5
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x10, 0x11, 0x12, 0x13, // payload [0:4]
			0xC1, 0x00, 0x01, // fmt 3, 3 byte form, 256
			0x14, // payload [4:5]
		},
	},
	{
		name: "basic header 3 byte csid 65599",
		msgs: []Message{{ChunkStreamID: 65599, TypeID: 20, Payload: []byte{0x05}}},
		wire: []byte{
			0x01, 0xFF, 0xFF, // fmt 0, 3 byte form, 65599-64 = 65535
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // message length 1
			0x14,                   // type id 20 (command AMF0)
			0x00, 0x00, 0x00, 0x00, // message stream id 0
			0x05, // payload
		},
	},
	{
		name:     "basic header 3 byte form for small ids",
		readOnly: true, // the Writer uses the shortest form
		msgs: []Message{
			{ChunkStreamID: 64, TypeID: 8, Payload: []byte{0x01}},
			{ChunkStreamID: 100, TypeID: 8, Payload: []byte{0x02}},
		},
		wire: []byte{
			0x01, 0x00, 0x00, // fmt 0, 3 byte form, 64-64 = 0
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // message length 1
			0x08,                   // type id 8
			0x00, 0x00, 0x00, 0x00, // message stream id 0
			0x01,             // payload
			0x01, 0x24, 0x00, // fmt 0, 3 byte form, 100-64 = 36
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // message length 1
			0x08,                   // type id 8
			0x00, 0x00, 0x00, 0x00, // message stream id 0
			0x02, // payload
		},
	},
	{
		name: "message header formats 0 1 2 3",
		msgs: []Message{
			{ChunkStreamID: 4, TypeID: 8, StreamID: 12345, Timestamp: 1000, Payload: []byte{1, 2, 3}},
			{ChunkStreamID: 4, TypeID: 8, StreamID: 12345, Timestamp: 1020, Payload: []byte{4, 5, 6}},
			{ChunkStreamID: 4, TypeID: 8, StreamID: 12345, Timestamp: 1040, Payload: []byte{7, 8, 9}},
			{ChunkStreamID: 4, TypeID: 8, StreamID: 12345, Timestamp: 1060, Payload: seq(5, 0x20)},
			{ChunkStreamID: 4, TypeID: 9, StreamID: 12345, Timestamp: 1080, Payload: seq(5, 0x30)},
			{ChunkStreamID: 4, TypeID: 9, StreamID: 12345, Timestamp: 500, Payload: seq(5, 0x40)},
			{ChunkStreamID: 4, TypeID: 9, StreamID: 12346, Timestamp: 520, Payload: seq(5, 0x50)},
			{ChunkStreamID: 4, TypeID: 9, StreamID: 12346, Timestamp: 1040, Payload: seq(5, 0x60)},
		},
		wire: join([]byte{
			0x04,             // fmt 0, cs id 4: first message on the chunk stream
			0x00, 0x03, 0xE8, // timestamp 1000
			0x00, 0x00, 0x03, // message length 3
			0x08,                   // type id 8
			0x39, 0x30, 0x00, 0x00, // message stream id 12345 (LE)
			1, 2, 3, // payload
			0x84,             // fmt 2, cs id 4: same length and type, new delta
			0x00, 0x00, 0x14, // timestamp delta 20 -> 1020
			4, 5, 6, // payload
			0xC4,    // fmt 3, cs id 4: same delta 20 -> 1040
			7, 8, 9, // payload
			0x44,             // fmt 1, cs id 4: new length
			0x00, 0x00, 0x14, // timestamp delta 20 -> 1060
			0x00, 0x00, 0x05, // message length 5
			0x08, // type id 8
		}, seq(5, 0x20), []byte{
			0x44,             // fmt 1, cs id 4: new type id
			0x00, 0x00, 0x14, // timestamp delta 20 -> 1080
			0x00, 0x00, 0x05, // message length 5
			0x09, // type id 9
		}, seq(5, 0x30), []byte{
			0x04,             // fmt 0: the timestamp goes backwards
			0x00, 0x01, 0xF4, // timestamp 500
			0x00, 0x00, 0x05, // message length 5
			0x09,                   // type id 9
			0x39, 0x30, 0x00, 0x00, // message stream id 12345
		}, seq(5, 0x40), []byte{
			0x04,             // fmt 0: the message stream id changes
			0x00, 0x02, 0x08, // timestamp 520
			0x00, 0x00, 0x05, // message length 5
			0x09,                   // type id 9
			0x3A, 0x30, 0x00, 0x00, // message stream id 12346
		}, seq(5, 0x50), []byte{
			0xC4, // fmt 3 after fmt 0: delta = the type 0 timestamp, 520 -> 1040 (§5.3.1.2.4)
		}, seq(5, 0x60)),
	},
	{
		name: "spec example 2: message split into chunks",
		msgs: []Message{{ChunkStreamID: 4, TypeID: 9, StreamID: 12346, Timestamp: 1000, Payload: payload307}},
		wire: join([]byte{
			0x04,             // fmt 0, cs id 4
			0x00, 0x03, 0xE8, // timestamp 1000
			0x00, 0x01, 0x33, // message length 307
			0x09,                   // type id 9
			0x3A, 0x30, 0x00, 0x00, // message stream id 12346
		}, payload307[:128], []byte{
			0xC4, // fmt 3: continuation
		}, payload307[128:256], []byte{
			0xC4, // fmt 3: continuation
		}, payload307[256:]),
	},
	{
		name: "zero length messages",
		msgs: []Message{
			{ChunkStreamID: 3, TypeID: 20, Payload: []byte{}},
			{ChunkStreamID: 3, TypeID: 20, Payload: []byte{}},
		},
		wire: []byte{
			0x03,             // fmt 0, cs id 3
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x00, // message length 0: no payload, no more chunks
			0x14,                   // type id 20
			0x00, 0x00, 0x00, 0x00, // message stream id 0
			0xC3, // fmt 3: a new empty message, delta 0
		},
	},
	{
		name: "extended timestamp fmt 0",
		msgs: []Message{
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0xFFFFFE, Payload: []byte{0xAA}},
			{ChunkStreamID: 7, TypeID: 9, StreamID: 1, Timestamp: 0xFFFFFF, Payload: []byte{0xBB}},
			{ChunkStreamID: 8, TypeID: 9, StreamID: 1, Timestamp: 0xFFFFFFFF, Payload: []byte{0xCC}},
		},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0xFF, 0xFF, 0xFE, // timestamp 0xFFFFFE: largest without extension
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0xAA,             // payload
			0x07,             // fmt 0, cs id 7
			0xFF, 0xFF, 0xFF, // timestamp marker: extended
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x00, 0xFF, 0xFF, 0xFF, // extended timestamp 0xFFFFFF
			0xBB,             // payload
			0x08,             // fmt 0, cs id 8
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0xFF, 0xFF, 0xFF, 0xFF, // extended timestamp 0xFFFFFFFF
			0xCC, // payload
		},
	},
	{
		name:    "extended timestamp repeated on continuation chunks",
		resizes: []resize{{0, 4}},
		msgs:    []Message{{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x01000000, Payload: seq(10, 0)}},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x0A, // message length 10
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x01, 0x00, 0x00, 0x00, // extended timestamp 0x01000000
			0x00, 0x01, 0x02, 0x03, // payload [0:4]
			0xC6,                   // fmt 3: continuation
			0x01, 0x00, 0x00, 0x00, // extended timestamp repeated (spec, ffmpeg)
			0x04, 0x05, 0x06, 0x07, // payload [4:8]
			0xC6,                   // fmt 3: continuation
			0x01, 0x00, 0x00, 0x00, // extended timestamp repeated
			0x08, 0x09, // payload [8:10], shorter than the field
		},
	},
	{
		name:     "extended timestamp not repeated on continuation chunks",
		readOnly: true, // librtmp's writer; the Writer repeats it
		resizes:  []resize{{0, 4}},
		msgs:     []Message{{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x01000000, Payload: seq(10, 0)}},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x0A, // message length 10
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x01, 0x00, 0x00, 0x00, // extended timestamp 0x01000000
			0x00, 0x01, 0x02, 0x03, // payload [0:4]
			0xC6,                   // fmt 3: continuation, no extended timestamp
			0x04, 0x05, 0x06, 0x07, // payload [4:8]
			0xC6,       // fmt 3: continuation
			0x08, 0x09, // payload [8:10]
		},
	},
	{
		name:     "extended timestamp not repeated, payload starts like it",
		readOnly: true,
		resizes:  []resize{{0, 4}},
		msgs:     []Message{{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x01000000, Payload: []byte{0, 0, 0, 0, 1, 0, 0, 9}}},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x08, // message length 8
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0x01, 0x00, 0x00, 0x00, // extended timestamp 0x01000000
			0x00, 0x00, 0x00, 0x00, // payload [0:4]
			0xC6,                   // fmt 3: continuation, no extended timestamp
			0x01, 0x00, 0x00, 0x09, // payload [4:8]: shares 3 bytes with the field, not 4
		},
	},
	{
		name: "extended delta fmt 2, fmt 3 and fmt 1",
		msgs: []Message{
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0, Payload: []byte{1}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x01000000, Payload: []byte{2}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x02000000, Payload: []byte{3}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x02000010, Payload: []byte{4, 5}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x03000010, Payload: []byte{6, 7, 8}},
		},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			1,                // payload
			0x86,             // fmt 2
			0xFF, 0xFF, 0xFF, // delta marker
			0x01, 0x00, 0x00, 0x00, // extended delta 0x01000000
			2,                      // payload
			0xC6,                   // fmt 3 starting a message: same delta
			0x01, 0x00, 0x00, 0x00, // its extended field (§5.3.1.3) -> 0x02000000
			3,                // payload
			0x46,             // fmt 1
			0x00, 0x00, 0x10, // delta 16, no longer extended
			0x00, 0x00, 0x02, // message length 2
			0x09, // type id 9
			4, 5, // payload
			0x46,             // fmt 1
			0xFF, 0xFF, 0xFF, // delta marker
			0x00, 0x00, 0x03, // message length 3
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // extended delta 0x01000000 -> 0x03000010
			6, 7, 8, // payload
		},
	},
	{
		name:     "fmt 3 starting a message with a new extended delta",
		readOnly: true, // ffmpeg sends this when both deltas need the extension
		msgs: []Message{
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0, Payload: []byte{1}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x01000000, Payload: []byte{2}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x02000005, Payload: []byte{3}},
		},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			1,                // payload
			0x86,             // fmt 2
			0xFF, 0xFF, 0xFF, // delta marker
			0x01, 0x00, 0x00, 0x00, // extended delta 0x01000000
			2,                      // payload
			0xC6,                   // fmt 3 starting a message
			0x01, 0x00, 0x00, 0x05, // extended field with a new delta -> 0x02000005
			3, // payload
		},
	},
	{
		name: "stream crossing 0xFFFFFF",
		msgs: []Message{
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0xFFFFF0, Payload: []byte{1}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x1000010, Payload: []byte{2}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x1000030, Payload: []byte{3}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 2, Timestamp: 0x1000050, Payload: []byte{4}},
		},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0xFF, 0xFF, 0xF0, // timestamp 0xFFFFF0
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			1,                // payload
			0x86,             // fmt 2
			0x00, 0x00, 0x20, // delta 32 -> 0x1000010: the delta fits, no extension
			2,                // payload
			0xC6,             // fmt 3: delta 32 -> 0x1000030
			3,                // payload
			0x06,             // fmt 0: new message stream id, absolute time needs the extension
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x02, 0x00, 0x00, 0x00, // message stream id 2
			0x01, 0x00, 0x00, 0x50, // extended timestamp 0x1000050
			4, // payload
		},
	},
	{
		name:     "delta wraps modulo 2^32",
		readOnly: true, // the Writer sends a type 0 when the timestamp wraps
		msgs: []Message{
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0xFFFFFFF0, Payload: []byte{1}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 0x10, Payload: []byte{2}},
		},
		wire: []byte{
			0x06,             // fmt 0, cs id 6
			0xFF, 0xFF, 0xFF, // timestamp marker
			0x00, 0x00, 0x01, // message length 1
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
			0xFF, 0xFF, 0xFF, 0xF0, // extended timestamp 0xFFFFFFF0
			1,                // payload
			0x86,             // fmt 2
			0x00, 0x00, 0x20, // delta 32 -> 0x10 modulo 2^32
			2, // payload
		},
	},
	{
		name:     "librtmp type 1 header on a fresh chunk stream",
		readOnly: true, // the Writer starts chunk streams with type 0
		msgs: []Message{{ChunkStreamID: 2, TypeID: 4, Payload: []byte{
			0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x0B, 0xB8}}},
		wire: []byte{
			0x42,             // fmt 1, cs id 2, nothing before on cs id 2
			0x00, 0x00, 0x00, // timestamp delta 0 from 0
			0x00, 0x00, 0x0A, // message length 10
			0x04,       // type id 4 (user control); stream id taken as 0
			0x00, 0x03, // payload: event 3 SetBufferLength
			0x00, 0x00, 0x00, 0x01, // stream 1
			0x00, 0x00, 0x0B, 0xB8, // 3000 ms
		},
	},
	{
		name:     "interleaved chunk streams",
		readOnly: true, // the Writer writes one message at a time
		resizes:  []resize{{0, 4}},
		msgs: []Message{
			{ChunkStreamID: 4, TypeID: 8, StreamID: 1, Timestamp: 10, Payload: interA},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Timestamp: 20, Payload: interB},
		},
		wire: join([]byte{
			0x04,             // fmt 0, cs id 4
			0x00, 0x00, 0x0A, // timestamp 10
			0x00, 0x00, 0x06, // message length 6
			0x08,                   // type id 8
			0x01, 0x00, 0x00, 0x00, // message stream id 1
		}, interA[:4], []byte{
			0x06,             // fmt 0, cs id 6
			0x00, 0x00, 0x14, // timestamp 20
			0x00, 0x00, 0x0A, // message length 10
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
		}, interB[:4], []byte{
			0xC6, // fmt 3, cs id 6: continues the video
		}, interB[4:8], []byte{
			0xC4, // fmt 3, cs id 4: completes the audio
		}, interA[4:], []byte{
			0x86,             // fmt 2, cs id 6, mid-message with the same length: continues it
			0x00, 0x00, 0x99, // delta ignored inside a message
		}, interB[8:]),
	},
	{
		name:    "chunk size changes both ways",
		resizes: []resize{{1, 2}, {2, 1000}},
		msgs: []Message{
			{ChunkStreamID: 3, TypeID: 20, Payload: seq(6, 0)},
			{ChunkStreamID: 3, TypeID: 20, Payload: seq(5, 0x10)},
			{ChunkStreamID: 3, TypeID: 20, Payload: payload307},
		},
		wire: join([]byte{
			0x03,             // fmt 0, cs id 3
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x06, // message length 6 (one chunk of 128)
			0x14,                   // type id 20
			0x00, 0x00, 0x00, 0x00, // message stream id 0
		}, seq(6, 0), []byte{
			// chunk size 2 from here
			0x43,             // fmt 1, cs id 3
			0x00, 0x00, 0x00, // delta 0
			0x00, 0x00, 0x05, // message length 5
			0x14,       // type id 20
			0x10, 0x11, // payload [0:2]
			0xC3,       // fmt 3: continuation
			0x12, 0x13, // payload [2:4]
			0xC3, // fmt 3: continuation
			0x14, // payload [4:5]
			// chunk size 1000 from here
			0x43,             // fmt 1, cs id 3
			0x00, 0x00, 0x00, // delta 0
			0x00, 0x01, 0x33, // message length 307, one chunk
			0x14, // type id 20
		}, payload307),
	},
	{
		name:     "chunk size change inside another chunk stream's message",
		readOnly: true,
		resizes:  []resize{{0, 4}, {1, 8}},
		msgs: []Message{
			{ChunkStreamID: 2, TypeID: 1, Payload: []byte{0, 0, 0, 8}},
			{ChunkStreamID: 6, TypeID: 9, StreamID: 1, Payload: interB},
		},
		wire: join([]byte{
			0x06,             // fmt 0, cs id 6
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x0A, // message length 10
			0x09,                   // type id 9
			0x01, 0x00, 0x00, 0x00, // message stream id 1
		}, interB[:4], []byte{ // chunk size 4
			0x02,             // fmt 0, cs id 2
			0x00, 0x00, 0x00, // timestamp 0
			0x00, 0x00, 0x04, // message length 4
			0x01,                   // type id 1 (Set Chunk Size)
			0x00, 0x00, 0x00, 0x00, // message stream id 0
			0x00, 0x00, 0x00, 0x08, // chunk size 8, applied from the next chunk
			0xC6, // fmt 3, cs id 6: the rest of the video in one chunk of 8
		}, interB[4:]),
	},
}
