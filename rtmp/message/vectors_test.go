package message_test

import (
	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// vector is one message on the wire and decoded. The same table feeds the
// decode test, the encode test and the fuzz seeds.
type vector struct {
	name    string
	typeID  message.Type
	payload []byte          // as received; each field's bytes commented
	want    message.Message // what Parse returns
	// encoded is what AppendPayload writes when it differs from payload
	// (trailing bytes dropped, a missing AMF3 prefix added); nil means payload.
	encoded []byte
}

// join concatenates byte slices; b and s spell bytes and ASCII text.
func join(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func b(v ...byte) []byte   { return v }
func s(text string) []byte { return []byte(text) }

var controlVectors = []vector{
	{
		name:    "set chunk size 4096",
		typeID:  message.TypeSetChunkSize,
		payload: b(0x00, 0x00, 0x10, 0x00), // 0 bit + chunk size 4096
		want:    message.SetChunkSize{Size: 4096},
	},
	{
		name:    "set chunk size 31-bit maximum",
		typeID:  message.TypeSetChunkSize,
		payload: b(0x7f, 0xff, 0xff, 0xff), // 0 bit + chunk size 2^31-1
		want:    message.SetChunkSize{Size: message.MaxChunkSize},
	},
	{
		name:   "set chunk size with trailing byte",
		typeID: message.TypeSetChunkSize,
		payload: join(
			b(0x00, 0x00, 0x00, 0x80), // chunk size 128
			b(0xff),                   // trailing byte, ignored
		),
		want:    message.SetChunkSize{Size: 128},
		encoded: b(0x00, 0x00, 0x00, 0x80),
	},
	{
		name:    "abort chunk stream 3",
		typeID:  message.TypeAbort,
		payload: b(0x00, 0x00, 0x00, 0x03), // chunk stream id 3
		want:    message.Abort{ChunkStreamID: 3},
	},
	{
		name:    "acknowledgement",
		typeID:  message.TypeAck,
		payload: b(0x01, 0x02, 0x03, 0x04), // sequence number 0x01020304
		want:    message.Acknowledgement{SequenceNumber: 0x01020304},
	},
	{
		name:    "window ack size 2500000",
		typeID:  message.TypeWindowAckSize,
		payload: b(0x00, 0x26, 0x25, 0xa0), // window size 2500000
		want:    message.WindowAckSize{Size: 2500000},
	},
	{
		name:   "set peer bandwidth hard",
		typeID: message.TypeSetPeerBandwidth,
		payload: join(
			b(0x00, 0x26, 0x25, 0xa0), // window size 2500000
			b(0x00),                   // limit type hard
		),
		want: message.SetPeerBandwidth{Size: 2500000, Limit: message.LimitHard},
	},
	{
		name:   "set peer bandwidth soft",
		typeID: message.TypeSetPeerBandwidth,
		payload: join(
			b(0x00, 0x4c, 0x4b, 0x40), // window size 5000000
			b(0x01),                   // limit type soft
		),
		want: message.SetPeerBandwidth{Size: 5000000, Limit: message.LimitSoft},
	},
	{
		name:   "set peer bandwidth dynamic",
		typeID: message.TypeSetPeerBandwidth,
		payload: join(
			b(0x00, 0x26, 0x25, 0xa0), // window size 2500000
			b(0x02),                   // limit type dynamic
		),
		want: message.SetPeerBandwidth{Size: 2500000, Limit: message.LimitDynamic},
	},
}

var userControlVectors = []vector{
	{
		name:   "stream begin 1",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x00),             // event type 0 StreamBegin
			b(0x00, 0x00, 0x00, 0x01), // stream id 1
		),
		want: message.StreamBegin(1),
	},
	{
		name:   "stream EOF 1",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x01),             // event type 1 StreamEOF
			b(0x00, 0x00, 0x00, 0x01), // stream id 1
		),
		want: message.StreamEOF(1),
	},
	{
		name:   "stream dry 2",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x02),             // event type 2 StreamDry
			b(0x00, 0x00, 0x00, 0x02), // stream id 2
		),
		want: message.StreamDry(2),
	},
	{
		name:   "set buffer length 3000 ms",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x03),             // event type 3 SetBufferLength
			b(0x00, 0x00, 0x00, 0x01), // stream id 1
			b(0x00, 0x00, 0x0b, 0xb8), // buffer length 3000 ms
		),
		want: message.SetBufferLength(1, 3000),
	},
	{
		name:   "stream is recorded 1",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x04),             // event type 4 StreamIsRecorded
			b(0x00, 0x00, 0x00, 0x01), // stream id 1
		),
		want: message.StreamIsRecorded(1),
	},
	{
		name:   "ping request",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x06),             // event type 6 PingRequest
			b(0x00, 0x01, 0x23, 0x45), // timestamp 0x12345
		),
		want: message.PingRequest(0x12345),
	},
	{
		name:   "ping response",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x07),             // event type 7 PingResponse
			b(0x00, 0x01, 0x23, 0x45), // timestamp 0x12345
		),
		want: message.PingResponse(0x12345),
	},
	{
		name:   "ping response with trailing bytes",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x07),             // event type 7 PingResponse
			b(0x00, 0x00, 0x00, 0x2a), // timestamp 42
			b(0xde, 0xad),             // trailing bytes, ignored
		),
		want:    message.PingResponse(42),
		encoded: b(0x00, 0x07, 0x00, 0x00, 0x00, 0x2a),
	},
	{
		name:   "buffer empty (non-spec, kept raw)",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x1f),             // event type 31 BufferEmpty
			b(0x00, 0x00, 0x00, 0x01), // stream id 1, kept as raw data
		),
		want: message.UserControl{Event: message.EventBufferEmpty, Data: b(0x00, 0x00, 0x00, 0x01)},
	},
	{
		name:   "buffer ready (non-spec, kept raw)",
		typeID: message.TypeUserControl,
		payload: join(
			b(0x00, 0x20),             // event type 32 BufferReady
			b(0x00, 0x00, 0x00, 0x01), // stream id 1, kept as raw data
		),
		want: message.UserControl{Event: message.EventBufferReady, Data: b(0x00, 0x00, 0x00, 0x01)},
	},
	{
		name:    "SWF verify request without data",
		typeID:  message.TypeUserControl,
		payload: b(0x00, 0x1a), // event type 26 SWFVerifyRequest, no data
		want:    message.UserControl{Event: message.EventSWFVerifyRequest},
	},
	{
		name:    "unassigned event 5",
		typeID:  message.TypeUserControl,
		payload: b(0x00, 0x05, 0xab), // event type 5, one raw byte
		want:    message.UserControl{Event: 5, Data: b(0xab)},
	},
}

var mediaVectors = []vector{
	{
		name:    "audio AAC sequence header",
		typeID:  message.TypeAudio,
		payload: b(0xaf, 0x00, 0x12, 0x10), // FLV audio tag body, untouched
		want:    message.Media{TypeID: message.TypeAudio, Payload: b(0xaf, 0x00, 0x12, 0x10)},
	},
	{
		name:    "video AVC keyframe",
		typeID:  message.TypeVideo,
		payload: b(0x17, 0x01, 0x00, 0x00, 0x00, 0x65), // FLV video tag body, untouched
		want:    message.Media{TypeID: message.TypeVideo, Payload: b(0x17, 0x01, 0x00, 0x00, 0x00, 0x65)},
	},
	{
		name:    "empty audio",
		typeID:  message.TypeAudio,
		payload: b(),
		want:    message.Media{TypeID: message.TypeAudio, Payload: b()},
	},
	{
		name:    "aggregate, split by Aggregate",
		typeID:  message.TypeAggregate,
		payload: threeSubAggregate,
		want:    message.Media{TypeID: message.TypeAggregate, Payload: threeSubAggregate},
	},
}

// AMF0 numbers used below, big-endian IEEE 754 doubles after marker 0x00.
var (
	num0    = b(0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00) // 0
	num1    = b(0x00, 0x3f, 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00) // 1
	num2    = b(0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00) // 2
	num5    = b(0x00, 0x40, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00) // 5
	num15   = b(0x00, 0x40, 0x2e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00) // 15
	num31   = b(0x00, 0x40, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00) // 31
	num252  = b(0x00, 0x40, 0x6f, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00) // 252
	num4071 = b(0x00, 0x40, 0xaf, 0xce, 0x00, 0x00, 0x00, 0x00, 0x00) // 4071
	num1280 = b(0x00, 0x40, 0x94, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00) // 1280
	num720  = b(0x00, 0x40, 0x86, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00) // 720
)

var (
	amfNull   = b(0x05)             // AMF0 null
	objectEnd = b(0x00, 0x00, 0x09) // empty key + object-end marker
)

// ffmpegConnectPublish is the connect command ffmpeg sends to publish
// (libavformat/rtmpproto.c gen_connect, output mode).
var ffmpegConnectPublish = join(
	b(0x02, 0x00, 0x07), s("connect"), // string, length 7
	num1,                    // transaction id 1
	b(0x03),                 // object
	b(0x00, 0x03), s("app"), // key, length 3
	b(0x02, 0x00, 0x04), s("live"), // string, length 4
	b(0x00, 0x04), s("type"), // key, length 4
	b(0x02, 0x00, 0x0a), s("nonprivate"), // string, length 10
	b(0x00, 0x08), s("flashVer"), // key, length 8
	b(0x02, 0x00, 0x23), s("FMLE/3.0 (compatible; Lavf61.7.100)"), // string, length 35
	b(0x00, 0x05), s("tcUrl"), // key, length 5
	b(0x02, 0x00, 0x1a), s("rtmp://127.0.0.1:1935/live"), // string, length 26
	objectEnd,
)

// ffmpegConnectPlay is the connect command ffmpeg sends to play
// (gen_connect, input mode: adds fpad, capabilities and codec flags).
var ffmpegConnectPlay = join(
	b(0x02, 0x00, 0x07), s("connect"), // string, length 7
	num1,                    // transaction id 1
	b(0x03),                 // object
	b(0x00, 0x03), s("app"), // key, length 3
	b(0x02, 0x00, 0x04), s("live"), // string, length 4
	b(0x00, 0x08), s("flashVer"), // key, length 8
	b(0x02, 0x00, 0x0d), s("LNX 9,0,124,2"), // string, length 13
	b(0x00, 0x05), s("tcUrl"), // key, length 5
	b(0x02, 0x00, 0x1a), s("rtmp://127.0.0.1:1935/live"), // string, length 26
	b(0x00, 0x04), s("fpad"), // key, length 4
	b(0x01, 0x00),                    // boolean false
	b(0x00, 0x0c), s("capabilities"), // key, length 12
	num15,
	b(0x00, 0x0b), s("audioCodecs"), // key, length 11
	num4071,
	b(0x00, 0x0b), s("videoCodecs"), // key, length 11
	num252,
	b(0x00, 0x0d), s("videoFunction"), // key, length 13
	num1,
	objectEnd,
)

// connectResult is a server's _result to connect (the nginx-rtmp and SRS
// form): properties object, then information object.
var connectResult = join(
	b(0x02, 0x00, 0x07), s("_result"), // string, length 7
	num1,                       // transaction id 1
	b(0x03),                    // properties object
	b(0x00, 0x06), s("fmsVer"), // key, length 6
	b(0x02, 0x00, 0x0d), s("FMS/3,0,1,123"), // string, length 13
	b(0x00, 0x0c), s("capabilities"), // key, length 12
	num31,
	objectEnd,
	b(0x03),                   // information object
	b(0x00, 0x05), s("level"), // key, length 5
	b(0x02, 0x00, 0x06), s("status"), // string, length 6
	b(0x00, 0x04), s("code"), // key, length 4
	b(0x02, 0x00, 0x1d), s("NetConnection.Connect.Success"), // string, length 29
	b(0x00, 0x0b), s("description"), // key, length 11
	b(0x02, 0x00, 0x15), s("Connection succeeded."), // string, length 21
	b(0x00, 0x0e), s("objectEncoding"), // key, length 14
	num0,
	objectEnd,
)

var commandVectors = []vector{
	{
		name:    "ffmpeg connect (publish)",
		typeID:  message.TypeCommandAMF0,
		payload: ffmpegConnectPublish,
		want: message.Command{Name: "connect", TransactionID: 1, Object: amf.Object{
			{Key: "app", Value: "live"},
			{Key: "type", Value: "nonprivate"},
			{Key: "flashVer", Value: "FMLE/3.0 (compatible; Lavf61.7.100)"},
			{Key: "tcUrl", Value: "rtmp://127.0.0.1:1935/live"},
		}},
	},
	{
		name:    "ffmpeg connect (play)",
		typeID:  message.TypeCommandAMF0,
		payload: ffmpegConnectPlay,
		want: message.Command{Name: "connect", TransactionID: 1, Object: amf.Object{
			{Key: "app", Value: "live"},
			{Key: "flashVer", Value: "LNX 9,0,124,2"},
			{Key: "tcUrl", Value: "rtmp://127.0.0.1:1935/live"},
			{Key: "fpad", Value: false},
			{Key: "capabilities", Value: 15.0},
			{Key: "audioCodecs", Value: 4071.0},
			{Key: "videoCodecs", Value: 252.0},
			{Key: "videoFunction", Value: 1.0},
		}},
	},
	{
		name:    "connect _result",
		typeID:  message.TypeCommandAMF0,
		payload: connectResult,
		want: message.Command{
			Name: "_result", TransactionID: 1,
			Object: amf.Object{
				{Key: "fmsVer", Value: "FMS/3,0,1,123"},
				{Key: "capabilities", Value: 31.0},
			},
			Args: []amf.Value{amf.Object{
				{Key: "level", Value: "status"},
				{Key: "code", Value: "NetConnection.Connect.Success"},
				{Key: "description", Value: "Connection succeeded."},
				{Key: "objectEncoding", Value: 0.0},
			}},
		},
	},
	{
		name:   "createStream",
		typeID: message.TypeCommandAMF0,
		payload: join(
			b(0x02, 0x00, 0x0c), s("createStream"), // string, length 12
			num2,    // transaction id 2
			amfNull, // command object
		),
		want: message.Command{Name: "createStream", TransactionID: 2},
	},
	{
		name:   "createStream _result",
		typeID: message.TypeCommandAMF0,
		payload: join(
			b(0x02, 0x00, 0x07), s("_result"), // string, length 7
			num2,    // transaction id 2
			amfNull, // command object
			num1,    // stream id 1
		),
		want: message.Command{Name: "_result", TransactionID: 2, Args: []amf.Value{1.0}},
	},
	{
		name:   "publish",
		typeID: message.TypeCommandAMF0,
		payload: join(
			b(0x02, 0x00, 0x07), s("publish"), // string, length 7
			num5,                             // transaction id 5
			amfNull,                          // command object
			b(0x02, 0x00, 0x06), s("stream"), // publishing name
			b(0x02, 0x00, 0x04), s("live"), // publishing type
		),
		want: message.Command{Name: "publish", TransactionID: 5, Args: []amf.Value{"stream", "live"}},
	},
	{
		name:   "name and transaction id only",
		typeID: message.TypeCommandAMF0,
		payload: join(
			b(0x02, 0x00, 0x08), s("onBWDone"), // string, length 8
			num0, // transaction id 0
		),
		want:    message.Command{Name: "onBWDone"},
		encoded: join(b(0x02, 0x00, 0x08), s("onBWDone"), num0, amfNull),
	},
	{
		name:   "undefined command object",
		typeID: message.TypeCommandAMF0,
		payload: join(
			b(0x02, 0x00, 0x04), s("call"), // string, length 4
			num0,    // transaction id 0
			b(0x06), // undefined
		),
		want: message.Command{Name: "call", Object: amf.Undefined{}},
	},
	{
		name:   "AMF3 command (type 17)",
		typeID: message.TypeCommandAMF3,
		payload: join(
			b(0x00),                                // AMF3 command prefix
			b(0x02, 0x00, 0x0c), s("createStream"), // string, length 12
			num2,    // transaction id 2
			amfNull, // command object
		),
		want: message.Command{AMF3: true, Name: "createStream", TransactionID: 2},
	},
	{
		name:   "AMF3 command without the 0x00 prefix",
		typeID: message.TypeCommandAMF3,
		payload: join(
			b(0x02, 0x00, 0x0c), s("createStream"), // string, length 12
			num2,    // transaction id 2
			amfNull, // command object
		),
		want:    message.Command{AMF3: true, Name: "createStream", TransactionID: 2},
		encoded: join(b(0x00), b(0x02, 0x00, 0x0c), s("createStream"), num2, amfNull),
	},
	{
		name:   "AMF3 integer transaction id via avmplus",
		typeID: message.TypeCommandAMF3,
		payload: join(
			b(0x00),                        // AMF3 command prefix
			b(0x02, 0x00, 0x04), s("play"), // string, length 4
			b(0x11, 0x04, 0x03),              // avmplus, AMF3 integer 3
			amfNull,                          // command object
			b(0x02, 0x00, 0x06), s("stream"), // stream name
		),
		want: message.Command{AMF3: true, Name: "play", TransactionID: 3, Args: []amf.Value{"stream"}},
		encoded: join(
			b(0x00), b(0x02, 0x00, 0x04), s("play"),
			b(0x00, 0x40, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00), // AMF0 number 3
			amfNull, b(0x02, 0x00, 0x06), s("stream"),
		),
	},
}

var dataVectors = []vector{
	{
		name:   "@setDataFrame onMetaData",
		typeID: message.TypeDataAMF0,
		payload: join(
			b(0x02, 0x00, 0x0d), s("@setDataFrame"), // string, length 13
			b(0x02, 0x00, 0x0a), s("onMetaData"), // string, length 10
			b(0x08, 0x00, 0x00, 0x00, 0x02), // ECMA array, count 2
			b(0x00, 0x05), s("width"),       // key, length 5
			num1280,
			b(0x00, 0x06), s("height"), // key, length 6
			num720,
			objectEnd,
		),
		want: message.Data{Values: []amf.Value{"@setDataFrame", "onMetaData", amf.ECMAArray{
			{Key: "width", Value: 1280.0},
			{Key: "height", Value: 720.0},
		}}},
	},
	{
		name:    "empty data",
		typeID:  message.TypeDataAMF0,
		payload: b(),
		want:    message.Data{},
	},
	{
		name:   "AMF3 data (type 15)",
		typeID: message.TypeDataAMF3,
		payload: join(
			b(0x00),                              // AMF3 data prefix
			b(0x02, 0x00, 0x0a), s("onMetaData"), // string, length 10
			b(0x11, 0x06, 0x05), s("ab"), // avmplus, AMF3 string, length 2
		),
		want: message.Data{AMF3: true, Values: []amf.Value{"onMetaData", "ab"}},
		encoded: join(
			b(0x00), b(0x02, 0x00, 0x0a), s("onMetaData"),
			b(0x02, 0x00, 0x02), s("ab"), // re-encoded as an AMF0 string
		),
	},
}

var sharedObjectVectors = []vector{
	{
		name:   "shared object use and change",
		typeID: message.TypeSharedObjectAMF0,
		payload: join(
			b(0x00, 0x04), s("chat"), // name, length 4
			b(0x00, 0x00, 0x00, 0x01),                         // version 1
			b(0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00), // flags: persistent (Red5)
			b(0x01, 0x00, 0x00, 0x00, 0x00),                   // event Use, data length 0
			b(0x04, 0x00, 0x00, 0x00, 0x0b),                   // event Change, data length 11
			b(0x00, 0x03), s("foo"),                           // property name, length 3
			b(0x02, 0x00, 0x03), s("bar"), // AMF0 string value
		),
		want: message.SharedObject{Name: "chat", Version: 1, Flags: 2 << 32, Events: []message.SharedObjectEvent{
			{Type: message.SOUse},
			{Type: message.SOChange, Data: join(b(0x00, 0x03), s("foo"), b(0x02, 0x00, 0x03), s("bar"))},
		}},
	},
	{
		name:   "AMF3 shared object with AMF0 encoding byte",
		typeID: message.TypeSharedObjectAMF3,
		payload: join(
			b(0x00),               // encoding: AMF0 layout follows
			b(0x00, 0x01), s("x"), // name, length 1
			b(0x00, 0x00, 0x00, 0x00),                         // version 0
			b(0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00), // flags 16 (Flash Player)
			b(0x02, 0x00, 0x00, 0x00, 0x00),                   // event Release, data length 0
		),
		want: message.SharedObject{AMF3: true, Name: "x", Flags: 16 << 32, Events: []message.SharedObjectEvent{
			{Type: message.SORelease},
		}},
	},
}

// allVectors is every table above.
func allVectors() []vector {
	var all []vector
	for _, t := range [][]vector{controlVectors, userControlVectors, mediaVectors,
		commandVectors, dataVectors, sharedObjectVectors} {
		all = append(all, t...)
	}
	return all
}
