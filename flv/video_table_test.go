package flv

// The video tag header cases: one table feeds the decode test, the encode
// test and the FuzzVideoHeader seeds. Each wire vector is a whole tag body;
// the bytes after HeaderLen are payload. Comments name each field so the
// bytes can be checked against FLV v10.1 §E.4.3.1 and Enhanced RTMP v2.

type videoCase struct {
	name string
	wire []byte
	want VideoHeader
	// tracks, when set, is what Tracks must yield; otherwise one track with
	// the header's FourCC and CompositionTime and the bytes after HeaderLen.
	tracks []Track
}

var videoCases = []videoCase{
	// Legacy codecs: one byte of header.
	{
		name: "H.263 inter frame",
		wire: []byte{
			0x22,       // FrameType 2 inter | CodecID 2 Sorenson H.263
			0xde, 0xad, // payload
		},
		want: VideoHeader{FrameType: FrameTypeInter, CodecID: CodecIDSorensonH263, HeaderLen: 1},
	},
	{
		name: "screen video key frame",
		wire: []byte{
			0x13, // FrameType 1 key | CodecID 3 screen video
			0x01, // payload
		},
		want: VideoHeader{FrameType: FrameTypeKey, CodecID: CodecIDScreen, HeaderLen: 1},
	},
	{
		name: "VP6 disposable inter frame",
		wire: []byte{
			0x34,       // FrameType 3 disposable inter | CodecID 4 On2 VP6
			0x00, 0x01, // payload (VP6 adjustment byte, data)
		},
		want: VideoHeader{FrameType: FrameTypeDisposableInter, CodecID: CodecIDVP6, HeaderLen: 1},
	},
	{
		name: "VP6 alpha key frame",
		wire: []byte{
			0x15,       // FrameType 1 key | CodecID 5 On2 VP6 with alpha
			0x00, 0x02, // payload
		},
		want: VideoHeader{FrameType: FrameTypeKey, CodecID: CodecIDVP6Alpha, HeaderLen: 1},
	},
	{
		name: "screen video v2 inter frame",
		wire: []byte{
			0x26, // FrameType 2 inter | CodecID 6 screen video v2
			0x03, // payload
		},
		want: VideoHeader{FrameType: FrameTypeInter, CodecID: CodecIDScreenV2, HeaderLen: 1},
	},
	// Legacy AVC: five bytes of header.
	{
		name: "AVC sequence header",
		wire: []byte{
			0x17,             // FrameType 1 key | CodecID 7 AVC
			0x00,             // AVCPacketType 0 sequence header
			0x00, 0x00, 0x00, // CompositionTime 0
			0x01, 0x64, 0x00, 0x1f, // payload: AVCDecoderConfigurationRecord start
		},
		want: VideoHeader{FrameType: FrameTypeKey, CodecID: CodecIDAVC, AVCPacketType: AVCSequenceHeader, HeaderLen: 5},
	},
	{
		name: "AVC NALU key frame, composition time +66",
		wire: []byte{
			0x17,             // FrameType 1 key | CodecID 7 AVC
			0x01,             // AVCPacketType 1 NALU
			0x00, 0x00, 0x42, // CompositionTime +66
			0x00, 0x00, 0x00, 0x01, 0x65, // payload: NALU length 1, IDR slice
		},
		want: VideoHeader{FrameType: FrameTypeKey, CodecID: CodecIDAVC, AVCPacketType: AVCNALU, CompositionTime: 66, HeaderLen: 5},
	},
	{
		name: "AVC NALU inter frame, composition time -33",
		wire: []byte{
			0x27,             // FrameType 2 inter | CodecID 7 AVC
			0x01,             // AVCPacketType 1 NALU
			0xff, 0xff, 0xdf, // CompositionTime -33 (two's complement)
			0x00, 0x00, 0x00, 0x01, 0x41, // payload: NALU length 1, non-IDR slice
		},
		want: VideoHeader{FrameType: FrameTypeInter, CodecID: CodecIDAVC, AVCPacketType: AVCNALU, CompositionTime: -33, HeaderLen: 5},
	},
	{
		name: "AVC NALU, composition time most negative",
		wire: []byte{
			0x27,             // FrameType 2 inter | CodecID 7 AVC
			0x01,             // AVCPacketType 1 NALU
			0x80, 0x00, 0x00, // CompositionTime -8388608
		},
		want: VideoHeader{FrameType: FrameTypeInter, CodecID: CodecIDAVC, AVCPacketType: AVCNALU, CompositionTime: -1 << 23, HeaderLen: 5},
	},
	{
		name: "AVC end of sequence",
		wire: []byte{
			0x17,             // FrameType 1 key | CodecID 7 AVC
			0x02,             // AVCPacketType 2 end of sequence
			0x00, 0x00, 0x00, // CompositionTime 0
		},
		want: VideoHeader{FrameType: FrameTypeKey, CodecID: CodecIDAVC, AVCPacketType: AVCEndOfSequence, HeaderLen: 5},
	},
	{
		name: "AVC generated key frame",
		wire: []byte{
			0x47,             // FrameType 4 generated key | CodecID 7 AVC
			0x01,             // AVCPacketType 1 NALU
			0x00, 0x00, 0x00, // CompositionTime 0
			0x65, // payload
		},
		want: VideoHeader{FrameType: FrameTypeGeneratedKey, CodecID: CodecIDAVC, AVCPacketType: AVCNALU, HeaderLen: 5},
	},
	{
		name: "legacy command frame, start of seek",
		wire: []byte{
			0x57, // FrameType 5 command | CodecID 7 AVC
			0x00, // VideoCommand 0 start seek
		},
		want: VideoHeader{FrameType: FrameTypeCommand, CodecID: CodecIDAVC, Command: VideoCommandStartSeek, HeaderLen: 2},
	},
	// Enhanced RTMP: IsExHeader bit set.
	{
		name: "hvc1 SequenceStart",
		wire: []byte{
			0x90,               // IsExHeader 1 | FrameType 1 key | PacketType 0 SequenceStart
			'h', 'v', 'c', '1', // FourCC
			0x01, 0x01, // payload: HEVCDecoderConfigurationRecord start
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketSequenceStart, FourCC: FourCCHEVC, HeaderLen: 5},
	},
	{
		name: "hvc1 CodedFrames, composition time -2",
		wire: []byte{
			0x91,               // IsExHeader 1 | FrameType 1 key | PacketType 1 CodedFrames
			'h', 'v', 'c', '1', // FourCC
			0xff, 0xff, 0xfe, // CompositionTime -2
			0x00, 0x00, 0x00, 0x01, 0x26, // payload
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFrames, FourCC: FourCCHEVC, CompositionTime: -2, HeaderLen: 8},
	},
	{
		name: "avc1 CodedFramesX inter frame",
		wire: []byte{
			0xa3,               // IsExHeader 1 | FrameType 2 inter | PacketType 3 CodedFramesX
			'a', 'v', 'c', '1', // FourCC (no composition time: implied 0)
			0x00, 0x00, 0x00, 0x01, 0x41, // payload
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeInter, PacketType: VideoPacketCodedFramesX, FourCC: FourCCAVC, HeaderLen: 5},
	},
	{
		name: "av01 CodedFrames has no composition time",
		wire: []byte{
			0x91,               // IsExHeader 1 | FrameType 1 key | PacketType 1 CodedFrames
			'a', 'v', '0', '1', // FourCC
			0x12, 0x00, 0x0a, // payload: OBUs
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFrames, FourCC: FourCCAV1, HeaderLen: 5},
	},
	{
		name: "vp09 SequenceEnd",
		wire: []byte{
			0x92,               // IsExHeader 1 | FrameType 1 key | PacketType 2 SequenceEnd
			'v', 'p', '0', '9', // FourCC
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketSequenceEnd, FourCC: FourCCVP9, HeaderLen: 5},
	},
	{
		name: "av01 MPEG2TSSequenceStart",
		wire: []byte{
			0x95,               // IsExHeader 1 | FrameType 1 key | PacketType 5 MPEG2TSSequenceStart
			'a', 'v', '0', '1', // FourCC
			0x80, 0x04, // payload: AV1VideoDescriptor start
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketMPEG2TSSequenceStart, FourCC: FourCCAV1, HeaderLen: 5},
	},
	{
		name: "Metadata with command frame type is not a command",
		wire: []byte{
			0xd4,               // IsExHeader 1 | FrameType 5 (ignored for Metadata) | PacketType 4 Metadata
			'h', 'v', 'c', '1', // FourCC
			0x02, 0x00, 0x09, 'c', 'o', 'l', 'o', 'r', 'I', 'n', 'f', 'o', // payload: AMF0 "colorInfo"
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeCommand, PacketType: VideoPacketMetadata, FourCC: FourCCHEVC, HeaderLen: 5},
	},
	{
		name: "enhanced command frame, end of seek",
		wire: []byte{
			0xd1, // IsExHeader 1 | FrameType 5 command | PacketType 1 (no FourCC follows)
			0x01, // VideoCommand 1 end seek
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeCommand, PacketType: VideoPacketCodedFrames, Command: VideoCommandEndSeek, HeaderLen: 2},
	},
	// ModEx.
	{
		name: "ModEx TimestampOffsetNano on hvc1 CodedFrames",
		wire: []byte{
			0x97,             // IsExHeader 1 | FrameType 1 key | PacketType 7 ModEx
			0x02,             // modExDataSize - 1 = 2
			0x0f, 0x42, 0x3f, // modExData: TimestampOffsetNano 999999
			0x01,               // ModExType 0 TimestampOffsetNano | PacketType 1 CodedFrames
			'h', 'v', 'c', '1', // FourCC
			0x00, 0x00, 0x21, // CompositionTime +33
			0x26, // payload
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFrames, FourCC: FourCCHEVC, CompositionTime: 33,
			ModEx: ModEx{HasTimestampOffsetNano: true, TimestampOffsetNano: 999999}, HeaderLen: 13},
	},
	// Multitrack.
	{
		name: "Multitrack OneTrack avc1 CodedFrames",
		wire: []byte{
			0x96,               // IsExHeader 1 | FrameType 1 key | PacketType 6 Multitrack
			0x01,               // AvMultitrackType 0 OneTrack | PacketType 1 CodedFrames
			'a', 'v', 'c', '1', // FourCC (shared)
			0x02,             // TrackId 2
			0x00, 0x00, 0x10, // CompositionTime +16
			0x65, 0x88, // payload to the end of the message
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFrames, FourCC: FourCCAVC, CompositionTime: 16,
			Multitrack: true, MultitrackType: MultitrackOneTrack, TrackID: 2, HeaderLen: 10},
		tracks: []Track{{ID: 2, FourCC: FourCCAVC, CompositionTime: 16, Data: []byte{0x65, 0x88}}},
	},
	{
		name: "Multitrack ManyTracks hvc1 CodedFrames",
		wire: []byte{
			0xa6,               // IsExHeader 1 | FrameType 2 inter | PacketType 6 Multitrack
			0x11,               // AvMultitrackType 1 ManyTracks | PacketType 1 CodedFrames
			'h', 'v', 'c', '1', // FourCC (shared)
			0x00,             // TrackId 0
			0x00, 0x00, 0x05, // sizeOfVideoTrack 5
			0xff, 0xff, 0xff, // CompositionTime -1
			0xa0, 0xa1, // payload of track 0
			0x01,             // TrackId 1
			0x00, 0x00, 0x04, // sizeOfVideoTrack 4
			0x00, 0x00, 0x02, // CompositionTime +2
			0xb0, // payload of track 1
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeInter, PacketType: VideoPacketCodedFrames, FourCC: FourCCHEVC, CompositionTime: -1,
			Multitrack: true, MultitrackType: MultitrackManyTracks, TrackID: 0, TrackSize: 5, HeaderLen: 13},
		tracks: []Track{
			{ID: 0, FourCC: FourCCHEVC, CompositionTime: -1, Data: []byte{0xa0, 0xa1}},
			{ID: 1, FourCC: FourCCHEVC, CompositionTime: 2, Data: []byte{0xb0}},
		},
	},
	{
		name: "Multitrack ManyTracksManyCodecs SequenceStart",
		wire: []byte{
			0x96,               // IsExHeader 1 | FrameType 1 key | PacketType 6 Multitrack
			0x20,               // AvMultitrackType 2 ManyTracksManyCodecs | PacketType 0 SequenceStart
			'a', 'v', 'c', '1', // FourCC of track 0
			0x00,             // TrackId 0
			0x00, 0x00, 0x02, // sizeOfVideoTrack 2
			0x01, 0x64, // payload of track 0: avcC start
			'a', 'v', '0', '1', // FourCC of track 1
			0x01,             // TrackId 1
			0x00, 0x00, 0x01, // sizeOfVideoTrack 1
			0x81, // payload of track 1: av1C start
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketSequenceStart, FourCC: FourCCAVC,
			Multitrack: true, MultitrackType: MultitrackManyTracksManyCodecs, TrackID: 0, TrackSize: 2, HeaderLen: 10},
		tracks: []Track{
			{ID: 0, FourCC: FourCCAVC, Data: []byte{0x01, 0x64}},
			{ID: 1, FourCC: FourCCAV1, Data: []byte{0x81}},
		},
	},
	{
		name: "Multitrack ManyTracksManyCodecs CodedFrames, composition time only for avc1",
		wire: []byte{
			0x96,               // IsExHeader 1 | FrameType 1 key | PacketType 6 Multitrack
			0x21,               // AvMultitrackType 2 ManyTracksManyCodecs | PacketType 1 CodedFrames
			'v', 'p', '0', '8', // FourCC of track 0
			0x00,             // TrackId 0
			0x00, 0x00, 0x01, // sizeOfVideoTrack 1
			0x9d,               // payload of track 0
			'a', 'v', 'c', '1', // FourCC of track 1
			0x01,             // TrackId 1
			0x00, 0x00, 0x04, // sizeOfVideoTrack 4
			0x00, 0x00, 0x03, // CompositionTime +3
			0x65, // payload of track 1
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFrames, FourCC: FourCCVP8,
			Multitrack: true, MultitrackType: MultitrackManyTracksManyCodecs, TrackID: 0, TrackSize: 1, HeaderLen: 10},
		tracks: []Track{
			{ID: 0, FourCC: FourCCVP8, Data: []byte{0x9d}},
			{ID: 1, FourCC: FourCCAVC, CompositionTime: 3, Data: []byte{0x65}},
		},
	},
	{
		name: "ModEx then Multitrack",
		wire: []byte{
			0x97,             // IsExHeader 1 | FrameType 1 key | PacketType 7 ModEx
			0x02,             // modExDataSize - 1 = 2
			0x00, 0x01, 0xf4, // modExData: TimestampOffsetNano 500
			0x06,               // ModExType 0 TimestampOffsetNano | PacketType 6 Multitrack
			0x13,               // AvMultitrackType 1 ManyTracks | PacketType 3 CodedFramesX
			'h', 'v', 'c', '1', // FourCC (shared)
			0x07,             // TrackId 7
			0x00, 0x00, 0x01, // sizeOfVideoTrack 1
			0x26, // payload of track 7
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFramesX, FourCC: FourCCHEVC,
			Multitrack: true, MultitrackType: MultitrackManyTracks, TrackID: 7, TrackSize: 1,
			ModEx: ModEx{HasTimestampOffsetNano: true, TimestampOffsetNano: 500}, HeaderLen: 15},
		tracks: []Track{{ID: 7, FourCC: FourCCHEVC, Data: []byte{0x26}}},
	},
}

// videoDecodeOnlyCases parse but do not re-encode to the same bytes: AppendTo
// writes ModEx in its shortest form and drops unknown modifiers.
var videoDecodeOnlyCases = []videoCase{
	{
		name: "ModEx size in the 16-bit form",
		wire: []byte{
			0x97,       // IsExHeader 1 | FrameType 1 key | PacketType 7 ModEx
			0xff,       // modExDataSize - 1 = 255: a UI16 size follows
			0x00, 0x03, // modExDataSize - 1 = 3
			0x00, 0x00, 0x64, 0x00, // modExData: TimestampOffsetNano 100 (4th byte unused)
			0x03,               // ModExType 0 TimestampOffsetNano | PacketType 3 CodedFramesX
			'a', 'v', '0', '1', // FourCC
			0x12, // payload
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFramesX, FourCC: FourCCAV1,
			ModEx: ModEx{HasTimestampOffsetNano: true, TimestampOffsetNano: 100}, HeaderLen: 13},
	},
	{
		name: "unknown ModEx type is skipped",
		wire: []byte{
			0x97,               // IsExHeader 1 | FrameType 1 key | PacketType 7 ModEx
			0x00,               // modExDataSize - 1 = 0
			0xab,               // modExData
			0x53,               // ModExType 5 (unknown) | PacketType 3 CodedFramesX
			'v', 'p', '0', '8', // FourCC
			0x9d, // payload
		},
		want: VideoHeader{Enhanced: true, FrameType: FrameTypeKey, PacketType: VideoPacketCodedFramesX, FourCC: FourCCVP8, HeaderLen: 8},
	},
}

// videoErrorCases must fail with the error they name.
var videoErrorCases = []struct {
	name string
	wire []byte
	want error
}{
	{"empty", []byte{}, ErrShortBody},
	{"AVC without packet type", []byte{0x17}, ErrShortBody},
	{"AVC without full composition time", []byte{0x17, 0x01, 0x00, 0x00}, ErrShortBody},
	{"legacy command without command byte", []byte{0x52}, ErrShortBody},
	{"enhanced without full FourCC", []byte{0x91, 'h', 'v', 'c'}, ErrShortBody},
	{"hvc1 CodedFrames without composition time", []byte{0x91, 'h', 'v', 'c', '1', 0x00, 0x00}, ErrShortBody},
	{"enhanced command without command byte", []byte{0xd0}, ErrShortBody},
	{"reserved packet type 8", []byte{0x98, 'a', 'v', '0', '1'}, ErrUnsupported},
	{"reserved packet type 15 after ModEx", []byte{0x97, 0x02, 0, 0, 0, 0x0f, 'a', 'v', '0', '1'}, ErrUnsupported},
	{"ModEx without size", []byte{0x97}, ErrShortBody},
	{"ModEx without 16-bit size", []byte{0x97, 0xff, 0x00}, ErrShortBody},
	{"ModEx data past the end", []byte{0x97, 0x04, 0, 0}, ErrShortBody},
	{"ModEx without type byte", []byte{0x97, 0x02, 0, 0, 0}, ErrShortBody},
	{"TimestampOffsetNano shorter than 3 bytes", []byte{0x97, 0x01, 0, 0, 0x01, 'a', 'v', '0', '1'}, ErrMalformed},
	{"Multitrack without type byte", []byte{0x96}, ErrShortBody},
	{"reserved multitrack type", []byte{0x96, 0x31, 'a', 'v', '0', '1', 0x00}, ErrUnsupported},
	{"Multitrack inside Multitrack", []byte{0x96, 0x06, 'a', 'v', '0', '1', 0x00}, ErrMalformed},
	{"ModEx inside Multitrack", []byte{0x96, 0x07, 'a', 'v', '0', '1', 0x00}, ErrMalformed},
	{"Multitrack without shared FourCC", []byte{0x96, 0x11, 'a', 'v'}, ErrShortBody},
	{"Multitrack without track id", []byte{0x96, 0x01, 'a', 'v', '0', '1'}, ErrShortBody},
	{"ManyTracks without track size", []byte{0x96, 0x11, 'a', 'v', '0', '1', 0x00, 0x00}, ErrShortBody},
	{"ManyTracksManyCodecs without track FourCC", []byte{0x96, 0x21, 'a', 'v'}, ErrShortBody},
	{"track size past the end", []byte{0x96, 0x11, 'a', 'v', '0', '1', 0x00, 0x00, 0x00, 0x02, 0xff}, ErrMalformed},
	{"track too small for its composition time", []byte{0x96, 0x11, 'a', 'v', 'c', '1', 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00}, ErrShortBody},
}
