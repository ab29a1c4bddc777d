package stream

import (
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/sluicemedia/sluice/flv"
)

// tagCases feeds the classification and codec tests: each body is a real
// header, annotated per field (FLV v10.1 §E.4.2.1 and §E.4.3.1, Enhanced
// RTMP v2 ExAudioTagHeader and ExVideoTagHeader).
var tagCases = []struct {
	name     string
	tag      flv.Tag
	keyframe bool
	header   bool
	metadata bool
	track    uint8  // headers only
	codec    string // headers only
}{
	{name: "avc sequence header", tag: avcHeader(0), header: true, codec: "avc1"},
	{name: "avc keyframe", tag: keyframe(0), keyframe: true},
	{name: "avc inter frame", tag: inter(0)},
	{name: "aac sequence header", tag: aacHeader(0), header: true, codec: "mp4a"},
	{name: "aac frame", tag: audio(0)},
	{name: "metadata", tag: metadata(0), metadata: true},
	{name: "mp3 frame", tag: flv.Tag{Type: flv.TagAudio, Data: []byte{
		0x2F,       // SoundFormat 2 (MP3) | 44 kHz | 16-bit | stereo
		0xFF, 0xFB, // MPEG audio frame sync
	}}},
	{name: "avc command frame", tag: flv.Tag{Type: flv.TagVideo, Data: []byte{
		0x57, // FrameType 5 (command) | CodecID 7
		0x00, // VideoCommand StartSeek
	}}},
	{name: "hevc SequenceStart", header: true, codec: "hvc1", tag: flv.Tag{Type: flv.TagVideo, Data: []byte{
		0x90,               // IsExHeader | FrameType 1 (key) | PacketType 0 (SequenceStart)
		'h', 'v', 'c', '1', // FourCC
		0x01, // hvcC start
	}}},
	{name: "hevc CodedFrames keyframe", keyframe: true, tag: flv.Tag{Type: flv.TagVideo, Data: []byte{
		0x91,               // IsExHeader | FrameType 1 (key) | PacketType 1 (CodedFrames)
		'h', 'v', 'c', '1', // FourCC
		0x00, 0x00, 0x00, // CompositionTime 0
		0xAB, // payload
	}}},
	{name: "av1 CodedFramesX inter", tag: flv.Tag{Type: flv.TagVideo, Data: []byte{
		0xA3,               // IsExHeader | FrameType 2 (inter) | PacketType 3 (CodedFramesX)
		'a', 'v', '0', '1', // FourCC
		0xAB, // payload
	}}},
	{name: "multitrack av1 SequenceStart track 2", header: true, track: 2, codec: "av01", tag: flv.Tag{Type: flv.TagVideo, Data: []byte{
		0x96,               // IsExHeader | FrameType 1 (key) | PacketType 6 (Multitrack)
		0x00,               // MultitrackType 0 (OneTrack) | PacketType 0 (SequenceStart)
		'a', 'v', '0', '1', // FourCC
		0x02, // TrackId 2
		0x81, // av1C start
	}}},
	{name: "opus SequenceStart", header: true, codec: "Opus", tag: flv.Tag{Type: flv.TagAudio, Data: []byte{
		0x90,               // SoundFormat 9 (ExHeader) | PacketType 0 (SequenceStart)
		'O', 'p', 'u', 's', // FourCC
		'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', // OpusHead
	}}},
	{name: "multitrack aac SequenceStart track 1", header: true, track: 1, codec: "mp4a", tag: flv.Tag{Type: flv.TagAudio, Data: []byte{
		0x95,               // SoundFormat 9 (ExHeader) | PacketType 5 (Multitrack)
		0x00,               // MultitrackType 0 (OneTrack) | PacketType 0 (SequenceStart)
		'm', 'p', '4', 'a', // FourCC
		0x01,       // TrackId 1
		0x12, 0x10, // AudioSpecificConfig
	}}},
	{name: "onCuePoint", tag: flv.Tag{Type: flv.TagScript, Data: []byte{
		0x02, 0x00, 0x0a, 'o', 'n', 'C', 'u', 'e', 'P', 'o', 'i', 'n', 't', // AMF0 string "onCuePoint"
	}}},
	{name: "empty video", tag: flv.Tag{Type: flv.TagVideo}},
	{name: "truncated metadata name", tag: flv.Tag{Type: flv.TagScript, Data: []byte{
		0x02, 0x00, 0x0a, 'o', 'n', 'M', 'e', 't', 'a', // AMF0 string cut short
	}}},
}

func TestNewPacketClassifies(t *testing.T) {
	for _, tc := range tagCases {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPacket(tc.tag)
			if p.IsKeyframe() != tc.keyframe || p.IsSequenceHeader() != tc.header || p.IsMetadata() != tc.metadata {
				t.Errorf("keyframe, header, metadata = %v, %v, %v; want %v, %v, %v",
					p.IsKeyframe(), p.IsSequenceHeader(), p.IsMetadata(), tc.keyframe, tc.header, tc.metadata)
			}
			if p.Type() != tc.tag.Type || p.Timestamp() != tc.tag.Timestamp || unsafe.SliceData(p.Data()) != unsafe.SliceData(tc.tag.Data) {
				t.Errorf("packet does not carry the tag unchanged and uncopied")
			}
		})
	}
}

func TestHeaderTrack(t *testing.T) {
	for _, tc := range tagCases {
		if !tc.header {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			track, codec := headerTrack(tc.tag)
			if track != tc.track || codec != tc.codec {
				t.Errorf("headerTrack = %d, %q; want %d, %q", track, codec, tc.track, tc.codec)
			}
		})
	}
}

func TestHeaderTrackOfUnparsableTags(t *testing.T) {
	for _, tag := range []flv.Tag{{Type: flv.TagVideo}, {Type: flv.TagAudio}, metadata(0)} {
		if track, codec := headerTrack(tag); track != 0 || codec != "" {
			t.Errorf("headerTrack(%v) = %d, %q", tag, track, codec)
		}
	}
}

func TestPacketAtCopiesOnlyWhenNeeded(t *testing.T) {
	p := NewPacket(avcHeader(0))
	if p.at(0) != p {
		t.Error("at(same timestamp) made a copy")
	}
	q := p.at(40)
	if q == p || q.Timestamp() != 40 || p.Timestamp() != 0 || !q.IsSequenceHeader() || q.seq != 0 {
		t.Errorf("at(40) = ts %d header %v seq %d; original ts %d", q.Timestamp(), q.IsSequenceHeader(), q.seq, p.Timestamp())
	}
}

type chunkKey struct {
	chunkSize int
	streamID  uint32
}

func TestEncodedCachesPerKey(t *testing.T) {
	p := NewPacket(keyframe(0))
	calls := 0
	enc := func(b byte) func(flv.Tag) []byte {
		return func(flv.Tag) []byte { calls++; return []byte{b} }
	}
	a1 := p.Encoded(chunkKey{128, 1}, enc(1))
	a2 := p.Encoded(chunkKey{128, 1}, enc(9))
	b := p.Encoded(chunkKey{4096, 1}, enc(2))
	if calls != 2 || a1[0] != 1 || a2[0] != 1 || b[0] != 2 || &a1[0] != &a2[0] {
		t.Fatalf("calls %d, a1 %v a2 %v b %v: want 2 calls, one shared encoding per key", calls, a1, a2, b)
	}
}

func TestEncodedBoundsTheCache(t *testing.T) {
	p := NewPacket(keyframe(0))
	calls := 0
	encode := func(flv.Tag) []byte { calls++; return []byte{0} }
	for k := range maxEncodings + 2 {
		p.Encoded(k, encode)
	}
	if calls != maxEncodings+2 {
		t.Fatalf("first round: %d encodes, want %d", calls, maxEncodings+2)
	}
	calls = 0
	for k := range maxEncodings + 2 {
		p.Encoded(k, encode)
	}
	if calls != 2 {
		t.Errorf("second round: %d encodes, want 2 (only the keys beyond the bound)", calls)
	}
}

func TestEncodedConcurrentCallersShareOneEncode(t *testing.T) {
	p := NewPacket(keyframe(0))
	var calls atomic.Int32
	var wg sync.WaitGroup
	results := make([][]byte, 64)
	for i := range results {
		wg.Go(func() {
			key := chunkKey{128 << (i % 3), 1}
			results[i] = p.Encoded(key, func(flv.Tag) []byte {
				calls.Add(1)
				return []byte{byte(key.chunkSize >> 7)}
			})
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 3 {
		t.Errorf("%d encodes for 3 keys", n)
	}
	for i, r := range results {
		if want := byte(1 << (i % 3)); r[0] != want {
			t.Errorf("caller %d got %v, want %d", i, r, want)
		}
	}
}

func TestEncodedHitDoesNotAllocate(t *testing.T) {
	p := NewPacket(keyframe(0))
	var key any = chunkKey{4096, 1} // boxed once, as an output keeps it
	encode := func(flv.Tag) []byte { return []byte{1} }
	p.Encoded(key, encode)
	if n := testing.AllocsPerRun(100, func() { p.Encoded(key, encode) }); n != 0 {
		t.Errorf("cache hit allocates %v times", n)
	}
}
