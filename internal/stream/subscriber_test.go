package stream

import (
	"bytes"
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

func TestPauseResume(t *testing.T) {
	tests := []struct {
		name   string
		cfg    Config
		paused []flv.Tag // written while paused
		want   string    // queued by Resume
	}{
		{
			name:   "same GOP: continues where it stopped",
			paused: []flv.Tag{inter(40), audio(50)},
			want:   "video@40 audio@50",
		},
		{
			name:   "new GOP: restarts at its keyframe (headers unchanged, not repeated)",
			paused: []flv.Tag{inter(40), keyframe(2000), audio(2010), inter(2040)},
			want:   "key@2000 audio@2010 video@2040",
		},
		{
			name:   "header changed: headers again, then the rest of the GOP",
			paused: []flv.Tag{inter(40), aacHeader(50), audio(60)},
			want:   "meta@40 vseq@40 aseq@40 video@40 audio@60",
		},
		{
			name:   "GOP dropped: video waits for the next keyframe",
			cfg:    Config{GOPMaxFrames: 4},
			paused: []flv.Tag{inter(40), inter(80), inter(120), inter(160)},
			want:   "",
		},
		{
			name: "nothing missed",
			want: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHub(tc.cfg)
			defer h.Close()
			p := mustPublish(t, h, testKey)
			sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
			write(t, p, startOfStream()...)
			sub.Drain(nil)
			sub.Pause()
			write(t, p, tc.paused...)
			if got := drained(sub); got != "" || !sub.Stats().Paused {
				t.Fatalf("paused subscriber got %q", got)
			}
			sub.Resume()
			sub.Resume() // no-op
			if got := drained(sub); got != tc.want {
				t.Errorf("resumed with  %s\nwant          %s", got, tc.want)
			}
			write(t, p, keyframe(9000))
			if got := drained(sub); got != "key@9000" {
				t.Errorf("live after resume: %q", got)
			}
			if d := sub.Stats().Drops; d != 0 {
				t.Errorf("pause counted %d drops", d)
			}
		})
	}
}

func TestPauseKeepsQueuedPacketsAndEvents(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	write(t, p, keyframe(0))
	sub.Pause()
	write(t, p, inter(40))
	p.Close()
	p = mustPublish(t, h, testKey)
	write(t, p, avcHeader(5000), keyframe(5000))
	if got := drained(sub); got != "publish key@0 unpublish publish" {
		t.Errorf("while paused: %q", got)
	}
	sub.Resume()
	if got := drained(sub); got != "vseq@5000 key@5000" {
		t.Errorf("resumed into the new publication: %q", got)
	}
}

func TestReceiveFilters(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{NoVideo: true})
	write(t, p, startOfStream()...)
	write(t, p, inter(40), audio(50))
	if got, want := drained(sub), "publish meta@0 aseq@0 audio@0 audio@50"; got != want {
		t.Errorf("no video: got %s, want %s", got, want)
	}

	sub.SetReceiveVideo(true)
	sub.SetReceiveVideo(true) // no change, no second header
	write(t, p, inter(80), audio(90), keyframe(120))
	if got, want := drained(sub), "vseq@50 audio@90 key@120"; got != want {
		t.Errorf("video on: got %s, want %s", got, want)
	}

	sub.SetReceiveAudio(false)
	write(t, p, audio(130), inter(160))
	sub.SetReceiveAudio(true)
	write(t, p, audio(170))
	if got, want := drained(sub), "video@160 aseq@160 audio@170"; got != want {
		t.Errorf("audio off and on: got %s, want %s", got, want)
	}
	if d := sub.Stats().Drops; d != 0 {
		t.Errorf("filters counted %d drops", d)
	}
}

func TestRepublishSendsTheNewHeaders(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	first := mustPublish(t, h, testKey)
	write(t, first, avcHeader(0), keyframe(0))
	first.Close()

	second := mustPublish(t, h, testKey)
	newHeader := avcHeader(0)
	newHeader.Data = append(newHeader.Data, 0x42) // a different configuration
	write(t, second, newHeader, keyframe(0))
	items := sub.Drain(nil)
	if got, want := names(items), "publish vseq@0 key@0 unpublish publish vseq@0 key@0"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if !bytes.Equal(items[5].Packet.Data(), newHeader.Data) {
		t.Error("second publication's header is not the new one")
	}
	late := mustSubscribe(t, h, testKey, SubscriberOptions{}).Drain(nil)
	if !bytes.Equal(late[1].Packet.Data(), newHeader.Data) {
		t.Error("a late joiner got the old header")
	}
}

// TestFilterToggleStaysBounded: a subscriber that never drains and toggles
// receiveVideo in a loop keeps within its queue bound.
func TestFilterToggleStaysBounded(t *testing.T) {
	h := NewHub(Config{SubscriberQueue: 10, GOPMaxFrames: 10})
	defer h.Close()
	key := Key{App: "live", Name: "toggle"}
	pub, err := h.Publish(key, PublisherInfo{})
	if err != nil {
		t.Fatal(err)
	}
	pub.Write(flv.Tag{Type: flv.TagVideo, Data: []byte{0x17, 0, 0, 0, 0, 1}})
	sub, err := h.Subscribe(key, SubscriberOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for range 10000 {
		sub.SetReceiveVideo(false)
		sub.SetReceiveVideo(true)
	}
	if q := sub.Stats().Queued; q > 10 {
		t.Fatalf("%d items queued, bound 10", q)
	}
}
