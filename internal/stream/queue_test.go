package stream

import (
	"strings"
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

// smallQueue holds 8 packets; its GOP bound is small enough to allow it.
var smallQueue = Config{GOPMaxFrames: 4, GOPMaxBytes: 64, SubscriberQueue: 8, SubscriberQueueBytes: 1 << 20}

func TestDropPolicy(t *testing.T) {
	tests := []struct {
		name  string
		cfg   Config
		sent  []flv.Tag
		want  string // queue after "publish"
		drops uint64
	}{
		{
			name:  "fits",
			cfg:   smallQueue,
			sent:  []flv.Tag{keyframe(0), inter(1), audio(2), inter(3), audio(4), inter(5), audio(6), inter(7)},
			want:  "key@0 video@1 audio@2 video@3 audio@4 video@5 audio@6 video@7",
			drops: 0,
		},
		{
			name:  "video before the newest keyframe goes first",
			cfg:   smallQueue,
			sent:  []flv.Tag{keyframe(0), inter(1), inter(2), audio(3), keyframe(4), inter(5), audio(6), inter(7), inter(8)},
			want:  "audio@3 key@4 video@5 audio@6 video@7 video@8",
			drops: 3,
		},
		{
			name: "then all video, and video up to the next keyframe",
			cfg:  smallQueue,
			sent: []flv.Tag{
				keyframe(0), audio(1), inter(2), audio(3), inter(4), audio(5), inter(6), audio(7),
				inter(8), audio(9), inter(10), keyframe(11), inter(12),
			},
			want:  "audio@1 audio@3 audio@5 audio@7 audio@9 key@11 video@12",
			drops: 4 + 1 + 1, // queued video, then inter 8 and 10
		},
		{
			name:  "audio alone: the oldest go, down to three quarters of the queue",
			cfg:   smallQueue,
			sent:  []flv.Tag{audio(1), audio(2), audio(3), audio(4), audio(5), audio(6), audio(7), audio(8), audio(9), audio(10)},
			want:  "audio@4 audio@5 audio@6 audio@7 audio@8 audio@9 audio@10",
			drops: 3, // audio 9 found 8 queued: 3 go so that it is the 6th
		},
		{
			name:  "headers outlive frames",
			cfg:   smallQueue,
			sent:  []flv.Tag{metadata(0), aacHeader(0), audio(1), audio(2), audio(3), audio(4), audio(5), audio(6), audio(7)},
			want:  "meta@0 aseq@0 audio@4 audio@5 audio@6 audio@7",
			drops: 3,
		},
		{
			name:  "a flood of headers: the oldest goes",
			cfg:   smallQueue,
			sent:  []flv.Tag{aacHeader(1), aacHeader(2), aacHeader(3), aacHeader(4), aacHeader(5), aacHeader(6), aacHeader(7), aacHeader(8), aacHeader(9)},
			want:  "aseq@4 aseq@5 aseq@6 aseq@7 aseq@8 aseq@9",
			drops: 3,
		},
		{
			name: "byte bound",
			cfg:  Config{GOPMaxFrames: 4, GOPMaxBytes: 64, SubscriberQueueBytes: 64},
			// keyframe 21 bytes, inter 13, audio 8
			sent:  []flv.Tag{keyframe(0), inter(1), inter(2), audio(3), keyframe(4)},
			want:  "audio@3 key@4",
			drops: 3,
		},
		{
			name:  "a packet larger than the queue is dropped alone, video then waits",
			cfg:   Config{GOPMaxFrames: 4, GOPMaxBytes: 64, SubscriberQueueBytes: 64},
			sent:  []flv.Tag{audio(0), avcFrame(1, true, 100), audio(2), inter(3), keyframe(4)},
			want:  "audio@0 audio@2 key@4",
			drops: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHub(tc.cfg)
			defer h.Close()
			sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
			p := mustPublish(t, h, testKey)
			write(t, p, tc.sent...)
			if got := drained(sub); got != "publish "+tc.want {
				t.Errorf("got  %s\nwant publish %s", got, tc.want)
			}
			if got := sub.Stats().Drops; got != tc.drops {
				t.Errorf("subscriber drops %d, want %d", got, tc.drops)
			}
			if st, _ := h.Stream(testKey); st.Drops != tc.drops {
				t.Errorf("stream drops %d, want %d", st.Drops, tc.drops)
			}
		})
	}
}

func TestEventsOfUnseenPublicationsFold(t *testing.T) {
	h := NewHub(smallQueue)
	defer h.Close()
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	for range 1000 { // a publisher reconnecting in a loop; nobody drains
		mustPublish(t, h, testKey).Close()
	}
	if got := drained(sub); got != "" {
		t.Errorf("got %q, want nothing: no publication had media", got)
	}

	p := mustPublish(t, h, testKey)
	write(t, p, keyframe(0))
	sub.Drain(nil) // the subscriber saw this publication start
	p.Close()
	for i := range 1000 {
		p = mustPublish(t, h, testKey)
		write(t, p, audio(uint32(i)))
		p.Close()
	}
	items := sub.Drain(nil)
	if len(items) > 3*smallQueue.SubscriberQueue+2 {
		t.Errorf("%d items queued, want them bounded by the packets", len(items))
	}
	if got := names(items); !strings.HasPrefix(got, "unpublish publish") || !strings.HasSuffix(got, "publish audio@999 unpublish") {
		t.Errorf("got %s", got)
	}
}

// TestSlowSubscriberDoesNotHoldAnyoneUp: the publisher writes to a fast
// subscriber and to one that never drains; it never blocks (the test would
// hang), the fast one gets every packet, the slow one a bounded, decodable
// subset.
func TestSlowSubscriberDoesNotHoldAnyoneUp(t *testing.T) {
	h := NewHub(Config{GOPMaxFrames: 30, SubscriberQueue: 64})
	defer h.Close()
	slow := mustSubscribe(t, h, testKey, SubscriberOptions{ID: "slow"})
	fast := mustSubscribe(t, h, testKey, SubscriberOptions{ID: "fast"})
	p := mustPublish(t, h, testKey)

	const total = 3000
	var got []Item
	for _, tag := range testStream(total) {
		write(t, p, tag)
		got = fast.Drain(got) // a writer that keeps up
		if q := slow.Stats().Queued; q > 64 {
			t.Fatalf("slow queue holds %d packets", q)
		}
	}
	st, _ := h.Stream(testKey)
	p.Close()
	got = fast.Drain(got)

	if len(got) != total+2 {
		t.Fatalf("fast subscriber got %d items, want %d", len(got), total+2)
	}
	for i, it := range got[1 : total+1] {
		if it.Packet == nil || it.Packet.Timestamp() != uint32(i) {
			t.Fatalf("fast subscriber item %d is %s", i, name(it))
		}
	}
	if d := fast.Stats().Drops; d != 0 {
		t.Errorf("fast subscriber dropped %d", d)
	}
	slowItems := slow.Drain(nil)
	if err := checkDecodable(slowItems[1 : len(slowItems)-1]); err != nil {
		t.Error(err)
	}
	if drops := slow.Stats().Drops; drops == 0 || st.Drops != drops {
		t.Errorf("slow subscriber drops %d, stream drops %d; want equal and not 0", drops, st.Drops)
	}
}

// testStream is n tags stamped 0..n-1: audio every third, video otherwise,
// a keyframe every 30.
func testStream(n int) []flv.Tag {
	tags := make([]flv.Tag, n)
	for i := range tags {
		ts := uint32(i)
		switch {
		case i%30 == 0:
			tags[i] = keyframe(ts)
		case i%3 == 1:
			tags[i] = audio(ts)
		default:
			tags[i] = inter(ts)
		}
	}
	return tags
}

// checkDecodable checks packets of testStream: in time order, and each
// video inter frame preceded by the video frame before it in the stream.
func checkDecodable(items []Item) error {
	prevTS, prevVideo := -1, -1
	for _, it := range items {
		p := it.Packet
		ts := int(p.Timestamp())
		if ts <= prevTS {
			return errorf("%s after timestamp %d", name(it), prevTS)
		}
		prevTS = ts
		if p.Type() != flv.TagVideo {
			continue
		}
		if !p.IsKeyframe() && prevVideo != previousVideo(ts) {
			return errorf("%s follows video@%d: undecodable", name(it), prevVideo)
		}
		prevVideo = ts
	}
	return nil
}

// previousVideo is the timestamp of the video frame before ts in
// testStream.
func previousVideo(ts int) int {
	ts--
	if ts%30 != 0 && ts%3 == 1 {
		ts--
	}
	return ts
}
