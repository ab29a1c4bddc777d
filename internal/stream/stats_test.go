package stream

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestStreamStats(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(Config{})
		defer h.Close()
		started := time.Now()
		info := PublisherInfo{ID: "c1", RemoteAddr: "192.0.2.1:50000"}
		p, err := h.Publish(testKey, info)
		if err != nil {
			t.Fatal(err)
		}
		mustSubscribe(t, h, testKey, SubscriberOptions{})
		mustSubscribe(t, h, testKey, SubscriberOptions{})
		write(t, p, avcHeader(0), aacHeader(0)) // 9 + 4 bytes
		// 1000-byte frames every 100 ms: 80 kbit/s.
		for i := range 20 {
			time.Sleep(100 * time.Millisecond)
			write(t, p, avcFrame(uint32(100*i), i == 0, 995))
		}
		st, ok := h.Stream(testKey)
		want := StreamStats{
			Key:         testKey,
			Live:        true,
			Publisher:   info,
			Started:     started,
			BytesIn:     9 + 4 + 20*1000,
			PacketsIn:   22,
			Bitrate:     80000,
			VideoCodec:  "avc1",
			AudioCodec:  "mp4a",
			Subscribers: 2,
		}
		if !ok || st != want {
			t.Errorf("Stream:\n got  %+v\n want %+v", st, want)
		}
		time.Sleep(2 * time.Second)
		if st, _ := h.Stream(testKey); st.Bitrate != 0 {
			t.Errorf("bitrate %d after 2 s without data", st.Bitrate)
		}
	})
}

func TestStreamsSnapshot(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	mustPublish(t, h, Key{"live", "b"})
	mustPublish(t, h, Key{"live", "a"})
	mustSubscribe(t, h, Key{"app", "waiting"}, SubscriberOptions{})
	got := h.Streams()
	want := []Key{{"app", "waiting"}, {"live", "a"}, {"live", "b"}}
	if len(got) != len(want) {
		t.Fatalf("%d streams, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Key != want[i] || got[i].Live == (i == 0) {
			t.Errorf("stream %d: %+v, want key %v", i, got[i], want[i])
		}
	}
	if _, ok := h.Stream(Key{"live", "none"}); ok {
		t.Error("Stream of an unknown key reported ok")
	}
}
