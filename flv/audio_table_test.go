package flv

// The audio tag header cases: one table feeds the decode test, the encode
// test and the FuzzAudioHeader seeds. Each wire vector is a whole tag body;
// the bytes after HeaderLen are payload. Comments name each field so the
// bytes can be checked against FLV v10.1 §E.4.2.1 and Enhanced RTMP v2.
// First byte of a legacy header: SoundFormat<<4 | SoundRate<<2 |
// SoundSize<<1 | SoundType.

type audioCase struct {
	name   string
	wire   []byte
	want   AudioHeader
	tracks []Track // as in videoCase
}

var audioCases = []audioCase{
	// Every legacy sound format (9 is ExHeader, 12 and 13 are reserved).
	{
		name: "linear PCM platform endian",
		wire: []byte{
			0x0f,       // SoundFormat 0 | SoundRate 3 (44 kHz) | SoundSize 1 (16-bit) | SoundType 1 (stereo)
			0x01, 0x02, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatPCM, SoundRate: SoundRate44kHz, SoundSize: SoundSize16Bit, SoundType: SoundTypeStereo, HeaderLen: 1},
	},
	{
		name: "ADPCM",
		wire: []byte{
			0x1a, // SoundFormat 1 | SoundRate 2 (22 kHz) | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0x01, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatADPCM, SoundRate: SoundRate22kHz, SoundSize: SoundSize16Bit, SoundType: SoundTypeMono, HeaderLen: 1},
	},
	{
		name: "MP3",
		wire: []byte{
			0x2f,       // SoundFormat 2 | SoundRate 3 (44 kHz) | SoundSize 1 (16-bit) | SoundType 1 (stereo)
			0xff, 0xfb, // payload: MP3 frame sync
		},
		want: AudioHeader{SoundFormat: SoundFormatMP3, SoundRate: SoundRate44kHz, SoundSize: SoundSize16Bit, SoundType: SoundTypeStereo, HeaderLen: 1},
	},
	{
		name: "linear PCM little endian",
		wire: []byte{
			0x34, // SoundFormat 3 | SoundRate 1 (11 kHz) | SoundSize 0 (8-bit) | SoundType 0 (mono)
			0x80, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatPCMLittleEndian, SoundRate: SoundRate11kHz, SoundSize: SoundSize8Bit, SoundType: SoundTypeMono, HeaderLen: 1},
	},
	{
		name: "Nellymoser 16 kHz mono",
		wire: []byte{
			0x46, // SoundFormat 4 | SoundRate 1 (11 kHz) | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0x00, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatNellymoser16kHz, SoundRate: SoundRate11kHz, SoundSize: SoundSize16Bit, HeaderLen: 1},
	},
	{
		name: "Nellymoser 8 kHz mono",
		wire: []byte{
			0x52, // SoundFormat 5 | SoundRate 0 (5.5 kHz) | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0x00, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatNellymoser8kHz, SoundRate: SoundRate5_5kHz, SoundSize: SoundSize16Bit, HeaderLen: 1},
	},
	{
		name: "Nellymoser",
		wire: []byte{
			0x6e, // SoundFormat 6 | SoundRate 3 (44 kHz) | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0x00, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatNellymoser, SoundRate: SoundRate44kHz, SoundSize: SoundSize16Bit, HeaderLen: 1},
	},
	{
		name: "G.711 A-law",
		wire: []byte{
			0x72, // SoundFormat 7 | SoundRate 0 (5.5 kHz) | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0xd5, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatG711ALaw, SoundSize: SoundSize16Bit, HeaderLen: 1},
	},
	{
		name: "G.711 mu-law",
		wire: []byte{
			0x82, // SoundFormat 8 | SoundRate 0 (5.5 kHz) | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0xff, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatG711MuLaw, SoundSize: SoundSize16Bit, HeaderLen: 1},
	},
	{
		name: "AAC sequence header",
		wire: []byte{
			0xaf,       // SoundFormat 10 AAC | SoundRate 3 (44 kHz) | SoundSize 1 (16-bit) | SoundType 1 (stereo)
			0x00,       // AACPacketType 0 sequence header
			0x12, 0x10, // payload: AudioSpecificConfig (LC, 44.1 kHz, stereo)
		},
		want: AudioHeader{SoundFormat: SoundFormatAAC, SoundRate: SoundRate44kHz, SoundSize: SoundSize16Bit, SoundType: SoundTypeStereo,
			AACPacketType: AACSequenceHeader, HeaderLen: 2},
	},
	{
		name: "AAC raw",
		wire: []byte{
			0xaf,             // SoundFormat 10 AAC | SoundRate 3 (44 kHz) | SoundSize 1 (16-bit) | SoundType 1 (stereo)
			0x01,             // AACPacketType 1 raw
			0x21, 0x00, 0x49, // payload: raw AAC frame
		},
		want: AudioHeader{SoundFormat: SoundFormatAAC, SoundRate: SoundRate44kHz, SoundSize: SoundSize16Bit, SoundType: SoundTypeStereo,
			AACPacketType: AACRaw, HeaderLen: 2},
	},
	{
		name: "Speex",
		wire: []byte{
			0xb2, // SoundFormat 11 | SoundRate 0 | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0x36, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatSpeex, SoundSize: SoundSize16Bit, HeaderLen: 1},
	},
	{
		name: "MP3 8 kHz",
		wire: []byte{
			0xe2,       // SoundFormat 14 | SoundRate 0 | SoundSize 1 (16-bit) | SoundType 0 (mono)
			0xff, 0xe3, // payload
		},
		want: AudioHeader{SoundFormat: SoundFormatMP38kHz, SoundSize: SoundSize16Bit, HeaderLen: 1},
	},
	{
		name: "device-specific sound",
		wire: []byte{
			0xff, // SoundFormat 15 | SoundRate 3 | SoundSize 1 | SoundType 1
		},
		want: AudioHeader{SoundFormat: SoundFormatDeviceSpecific, SoundRate: SoundRate44kHz, SoundSize: SoundSize16Bit, SoundType: SoundTypeStereo, HeaderLen: 1},
	},
	// Enhanced RTMP: SoundFormat 9 ExHeader.
	{
		name: "Opus SequenceStart",
		wire: []byte{
			0x90,               // SoundFormat 9 ExHeader | PacketType 0 SequenceStart
			'O', 'p', 'u', 's', // FourCC
			'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', // payload: ID header
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketSequenceStart, FourCC: FourCCOpus, HeaderLen: 5},
	},
	{
		name: "FLAC CodedFrames",
		wire: []byte{
			0x91,               // SoundFormat 9 ExHeader | PacketType 1 CodedFrames
			'f', 'L', 'a', 'C', // FourCC
			0xff, 0xf8, // payload: FLAC frame sync
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketCodedFrames, FourCC: FourCCFLAC, HeaderLen: 5},
	},
	{
		name: "mp4a SequenceEnd",
		wire: []byte{
			0x92,               // SoundFormat 9 ExHeader | PacketType 2 SequenceEnd
			'm', 'p', '4', 'a', // FourCC
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketSequenceEnd, FourCC: FourCCAAC, HeaderLen: 5},
	},
	{
		name: "Opus MultichannelConfig",
		wire: []byte{
			0x94,               // SoundFormat 9 ExHeader | PacketType 4 MultichannelConfig
			'O', 'p', 'u', 's', // FourCC
			0x01,                   // payload: AudioChannelOrder 1 Native
			0x02,                   // payload: channelCount 2
			0x00, 0x00, 0x00, 0x03, // payload: audioChannelFlags FrontLeft|FrontRight
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketMultichannelConfig, FourCC: FourCCOpus, HeaderLen: 5},
	},
	{
		name: "ModEx TimestampOffsetNano on ac-3 CodedFrames",
		wire: []byte{
			0x97,             // SoundFormat 9 ExHeader | PacketType 7 ModEx
			0x02,             // modExDataSize - 1 = 2
			0x00, 0x03, 0xe8, // modExData: TimestampOffsetNano 1000
			0x01,               // ModExType 0 TimestampOffsetNano | PacketType 1 CodedFrames
			'a', 'c', '-', '3', // FourCC
			0x0b, 0x77, // payload: AC-3 sync word
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketCodedFrames, FourCC: FourCCAC3,
			ModEx: ModEx{HasTimestampOffsetNano: true, TimestampOffsetNano: 1000}, HeaderLen: 10},
	},
	{
		name: "Multitrack OneTrack mp4a CodedFrames",
		wire: []byte{
			0x95,               // SoundFormat 9 ExHeader | PacketType 5 Multitrack
			0x01,               // AvMultitrackType 0 OneTrack | PacketType 1 CodedFrames
			'm', 'p', '4', 'a', // FourCC (shared)
			0x03,       // TrackId 3
			0x21, 0x00, // payload to the end of the message
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketCodedFrames, FourCC: FourCCAAC,
			Multitrack: true, MultitrackType: MultitrackOneTrack, TrackID: 3, HeaderLen: 7},
		tracks: []Track{{ID: 3, FourCC: FourCCAAC, Data: []byte{0x21, 0x00}}},
	},
	{
		name: "Multitrack ManyTracks Opus CodedFrames",
		wire: []byte{
			0x95,               // SoundFormat 9 ExHeader | PacketType 5 Multitrack
			0x11,               // AvMultitrackType 1 ManyTracks | PacketType 1 CodedFrames
			'O', 'p', 'u', 's', // FourCC (shared)
			0x00,             // TrackId 0
			0x00, 0x00, 0x02, // sizeOfAudioTrack 2
			0xfc, 0xff, // payload of track 0
			0x01,             // TrackId 1
			0x00, 0x00, 0x00, // sizeOfAudioTrack 0
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketCodedFrames, FourCC: FourCCOpus,
			Multitrack: true, MultitrackType: MultitrackManyTracks, TrackID: 0, TrackSize: 2, HeaderLen: 10},
		tracks: []Track{
			{ID: 0, FourCC: FourCCOpus, Data: []byte{0xfc, 0xff}},
			{ID: 1, FourCC: FourCCOpus, Data: []byte{}},
		},
	},
	{
		name: "Multitrack ManyTracksManyCodecs SequenceStart",
		wire: []byte{
			0x95,               // SoundFormat 9 ExHeader | PacketType 5 Multitrack
			0x20,               // AvMultitrackType 2 ManyTracksManyCodecs | PacketType 0 SequenceStart
			'm', 'p', '4', 'a', // FourCC of track 0
			0x00,             // TrackId 0
			0x00, 0x00, 0x02, // sizeOfAudioTrack 2
			0x12, 0x10, // payload of track 0: AudioSpecificConfig
			'e', 'c', '-', '3', // FourCC of track 1
			0x01,             // TrackId 1
			0x00, 0x00, 0x01, // sizeOfAudioTrack 1
			0x0b, // payload of track 1
		},
		want: AudioHeader{Enhanced: true, SoundFormat: SoundFormatExHeader, PacketType: AudioPacketSequenceStart, FourCC: FourCCAAC,
			Multitrack: true, MultitrackType: MultitrackManyTracksManyCodecs, TrackID: 0, TrackSize: 2, HeaderLen: 10},
		tracks: []Track{
			{ID: 0, FourCC: FourCCAAC, Data: []byte{0x12, 0x10}},
			{ID: 1, FourCC: FourCCEAC3, Data: []byte{0x0b}},
		},
	},
}

// audioErrorCases must fail with the error they name.
var audioErrorCases = []struct {
	name string
	wire []byte
	want error
}{
	{"empty (silence message)", []byte{}, ErrShortBody},
	{"AAC without packet type", []byte{0xaf}, ErrShortBody},
	{"enhanced without full FourCC", []byte{0x91, 'O', 'p'}, ErrShortBody},
	{"reserved packet type 3", []byte{0x93, 'O', 'p', 'u', 's'}, ErrUnsupported},
	{"reserved packet type 6", []byte{0x96, 'O', 'p', 'u', 's'}, ErrUnsupported},
	{"reserved packet type 8", []byte{0x98, 'O', 'p', 'u', 's'}, ErrUnsupported},
	{"ModEx data past the end", []byte{0x97, 0x02, 0x00}, ErrShortBody},
	{"TimestampOffsetNano shorter than 3 bytes", []byte{0x97, 0x00, 0x00, 0x01, 'O', 'p', 'u', 's'}, ErrMalformed},
	{"Multitrack without type byte", []byte{0x95}, ErrShortBody},
	{"reserved multitrack type", []byte{0x95, 0xf1, 'O', 'p', 'u', 's', 0x00}, ErrUnsupported},
	{"Multitrack inside Multitrack", []byte{0x95, 0x05, 'O', 'p', 'u', 's', 0x00}, ErrMalformed},
	{"ModEx inside Multitrack", []byte{0x95, 0x07, 'O', 'p', 'u', 's', 0x00}, ErrMalformed},
	{"reserved packet type inside Multitrack", []byte{0x95, 0x03, 'O', 'p', 'u', 's', 0x00}, ErrUnsupported},
	{"Multitrack without track id", []byte{0x95, 0x01, 'O', 'p', 'u', 's'}, ErrShortBody},
	{"track size past the end", []byte{0x95, 0x11, 'O', 'p', 'u', 's', 0x00, 0x00, 0x00, 0x09}, ErrMalformed},
}
