package stream

import (
	"fmt"
	"sync"
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

func TestJoinBurst(t *testing.T) {
	tests := []struct {
		name string
		sent []flv.Tag
		opts SubscriberOptions
		want string // after "publish"
	}{
		{
			name: "nothing sent yet",
			want: "",
		},
		{
			name: "headers, no keyframe yet: stamped with the newest packet, video waits",
			sent: []flv.Tag{metadata(0), avcHeader(0), aacHeader(0), audio(20), inter(40)},
			want: "meta@40 vseq@40 aseq@40",
		},
		{
			name: "GOP from its keyframe, headers stamped with it",
			sent: []flv.Tag{metadata(0), avcHeader(0), aacHeader(0), audio(10), keyframe(20), audio(30), inter(40), keyframe(2000), audio(2010), inter(2040)},
			want: "meta@2000 vseq@2000 aseq@2000 key@2000 audio@2010 video@2040",
		},
		{
			name: "new metadata and header replace the old",
			sent: []flv.Tag{metadata(0), avcHeader(0), aacHeader(0), keyframe(0), metadata(500), aacHeader(600), audio(700)},
			want: "meta@0 vseq@0 aseq@0 key@0 audio@700",
		},
		{
			name: "a new video header drops the GOP it cannot decode",
			sent: []flv.Tag{avcHeader(0), keyframe(0), inter(40), avcHeader(80), inter(120)},
			want: "vseq@120",
		},
		{
			name: "no audio",
			sent: startOfStream(),
			opts: SubscriberOptions{NoAudio: true},
			want: "meta@0 vseq@0 key@0",
		},
		{
			name: "no video",
			sent: startOfStream(),
			opts: SubscriberOptions{NoVideo: true},
			want: "meta@0 aseq@0 audio@0",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHub(Config{})
			defer h.Close()
			p := mustPublish(t, h, testKey)
			write(t, p, tc.sent...)
			sub := mustSubscribe(t, h, testKey, tc.opts)
			want := "publish"
			if tc.want != "" {
				want += " " + tc.want
			}
			if got := drained(sub); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestJoinBurstThenLiveWithoutGapOrDuplicate(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, avcHeader(0), keyframe(0), inter(40))
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	write(t, p, inter(80))
	if got, want := drained(sub), "publish vseq@0 key@0 video@40 video@80"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestJoinWaitsForKeyframeWithoutGOP(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, avcHeader(0), aacHeader(0), inter(40))
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	write(t, p, inter(80), audio(90), keyframe(120), inter(160))
	if got, want := drained(sub), "publish vseq@40 aseq@40 audio@90 key@120 video@160"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestJoinersShareRestampedHeaders(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, avcHeader(0), keyframe(1000))
	a := mustSubscribe(t, h, testKey, SubscriberOptions{}).Drain(nil)
	b := mustSubscribe(t, h, testKey, SubscriberOptions{}).Drain(nil)
	if a[1].Packet != b[1].Packet || a[1].Packet.Timestamp() != 1000 {
		t.Errorf("joiners of one GOP got different header packets (%p, %p)", a[1].Packet, b[1].Packet)
	}
	write(t, p, keyframe(2000))
	c := mustSubscribe(t, h, testKey, SubscriberOptions{}).Drain(nil)
	if c[1].Packet == a[1].Packet || c[1].Packet.Timestamp() != 2000 {
		t.Errorf("joiner of the next GOP got header at %d", c[1].Packet.Timestamp())
	}
}

// TestJoinWhilePublishing joins subscribers while the publisher writes on
// another goroutine: each must see a contiguous run of the stream's
// packets after its burst.
func TestJoinWhilePublishing(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, avcHeader(0), keyframe(0))
	const frames = 1000
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := uint32(1); i <= frames; i++ {
			tag := inter(i)
			if i%100 == 0 {
				tag = keyframe(i)
			}
			write(t, p, tag)
		}
	})
	subs := make([]*Subscriber, 20)
	for i := range subs {
		subs[i] = mustSubscribe(t, h, testKey, SubscriberOptions{})
	}
	wg.Wait()
	for i, sub := range subs {
		if err := checkContiguous(sub.Drain(nil), frames); err != nil {
			t.Errorf("subscriber %d: %v", i, err)
		}
	}
}

// checkContiguous checks publish, a header, then video frames whose
// timestamps start at a keyframe and increase by one up to last.
func checkContiguous(items []Item, last uint32) error {
	if len(items) < 3 || items[0].Event != EventPublish || !items[1].Packet.IsSequenceHeader() || !items[2].Packet.IsKeyframe() {
		return fmt.Errorf("starts %s", names(items[:min(3, len(items))]))
	}
	next := items[2].Packet.Timestamp()
	for _, it := range items[2:] {
		if it.Packet == nil || it.Packet.Timestamp() != next {
			return fmt.Errorf("got %s, want timestamp %d", name(it), next)
		}
		next++
	}
	if next != last+1 {
		return fmt.Errorf("ends before %d, want %d", next, last+1)
	}
	return nil
}

func TestMultitrackHeadersAreBounded(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	for track := range 3 * maxTrackHeaders {
		write(t, p, multitrackHeader(uint8(track), 0))
	}
	write(t, p, multitrackHeader(maxTrackHeaders*3-1, 1)) // replaces the same track
	items := mustSubscribe(t, h, testKey, SubscriberOptions{}).Drain(nil)
	if got := len(items) - 1; got != maxTrackHeaders {
		t.Fatalf("burst has %d headers, want %d", got, maxTrackHeaders)
	}
	for i, it := range items[1:] {
		track, _ := headerTrack(it.Packet.Tag())
		if want := uint8(2*maxTrackHeaders + i); track != want {
			t.Errorf("header %d is track %d, want %d (newest tracks kept, in order)", i, track, want)
		}
	}
	if last := items[len(items)-1].Packet.Data(); last[len(last)-1] != 1 {
		t.Error("a track's newer header did not replace its older one")
	}
}

// multitrackHeader is an Enhanced RTMP v2 OneTrack av01 SequenceStart for
// track, whose last byte is version.
func multitrackHeader(track uint8, version byte) flv.Tag {
	return flv.Tag{Type: flv.TagVideo, Data: []byte{
		0x96,               // IsExHeader | FrameType 1 (key) | PacketType 6 (Multitrack)
		0x00,               // MultitrackType 0 (OneTrack) | PacketType 0 (SequenceStart)
		'a', 'v', '0', '1', // FourCC
		track,   // TrackId
		version, // av1C stand-in
	}}
}
