package stream

import (
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

func TestGOPBounds(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		sent    []flv.Tag
		wantGOP string
	}{
		{
			name:    "within bounds",
			cfg:     Config{GOPMaxFrames: 4},
			sent:    []flv.Tag{keyframe(0), audio(1), inter(2), audio(3)},
			wantGOP: "key@0 audio@1 video@2 audio@3",
		},
		{
			name:    "too many frames: dropped",
			cfg:     Config{GOPMaxFrames: 4},
			sent:    []flv.Tag{keyframe(0), audio(1), inter(2), audio(3), inter(4)},
			wantGOP: "",
		},
		{
			name:    "dropped until the next keyframe",
			cfg:     Config{GOPMaxFrames: 4},
			sent:    []flv.Tag{keyframe(0), audio(1), inter(2), audio(3), inter(4), audio(5), keyframe(6), inter(7)},
			wantGOP: "key@6 video@7",
		},
		{
			name:    "too many bytes: dropped",
			cfg:     Config{GOPMaxBytes: 59},
			sent:    []flv.Tag{keyframe(0), inter(1), inter(2), inter(3)}, // 21 + 13 + 13 + 13 = 60 bytes
			wantGOP: "",
		},
		{
			name:    "keyframe alone over the byte bound: not cached",
			cfg:     Config{GOPMaxBytes: 20},
			sent:    []flv.Tag{keyframe(0), inter(1)},
			wantGOP: "",
		},
		{
			name:    "audio before the first keyframe is not cached",
			cfg:     Config{},
			sent:    []flv.Tag{audio(0), audio(1), keyframe(2), audio(3)},
			wantGOP: "key@2 audio@3",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHub(tc.cfg)
			defer h.Close()
			p := mustPublish(t, h, testKey)
			write(t, p, tc.sent...)
			s := p.s
			s.mu.Lock()
			got := gopNames(s.cache.gop)
			s.mu.Unlock()
			if got != tc.wantGOP {
				t.Errorf("GOP %q, want %q", got, tc.wantGOP)
			}
		})
	}
}

func gopNames(gop []*Packet) string {
	items := make([]Item, len(gop))
	for i, p := range gop {
		items[i] = Item{Packet: p}
	}
	return names(items)
}

// TestStreamWithoutKeyframesStaysBounded is the attack that took one
// server down: a publisher that never sends a keyframe.
func TestStreamWithoutKeyframesStaysBounded(t *testing.T) {
	cfg := Config{GOPMaxFrames: 100, GOPMaxBytes: 4096}
	h := NewHub(cfg)
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, keyframe(0))
	for i := range uint32(3000) {
		write(t, p, inter(i+1))
		if i%1000 == 0 {
			s := p.s
			s.mu.Lock()
			n, b := len(s.cache.gop), s.cache.gopBytes
			s.mu.Unlock()
			if n > cfg.GOPMaxFrames || b > cfg.GOPMaxBytes {
				t.Fatalf("after %d frames the GOP holds %d packets, %d bytes", i, n, b)
			}
		}
	}
}

func TestUnpublishClearsTheCache(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, startOfStream()...)
	waiting := mustSubscribe(t, h, testKey, SubscriberOptions{}) // keeps the stream
	p.Close()
	p = mustPublish(t, h, testKey)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	if got := drained(sub); got != "publish" {
		t.Errorf("joiner of a new publication got the old cache: %q", got)
	}
	write(t, p, avcHeader(9000), keyframe(9000))
	if got, want := drained(waiting), "publish meta@0 vseq@0 aseq@0 key@0 audio@0 unpublish publish vseq@9000 key@9000"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestConfigDefaults(t *testing.T) {
	got := Config{}.normalized()
	if got.IdleTakeover != DefaultIdleTakeover || got.GOPMaxFrames != DefaultGOPMaxFrames ||
		got.GOPMaxBytes != DefaultGOPMaxBytes || got.SubscriberQueue != DefaultSubscriberQueue ||
		got.SubscriberQueueBytes != DefaultSubscriberQueueBytes || got.Logger == nil {
		t.Errorf("zero Config normalized to %+v", got)
	}
	raised := Config{GOPMaxFrames: 5000, SubscriberQueue: 10, SubscriberQueueBytes: 10}.normalized()
	if raised.SubscriberQueue != 5000 || raised.SubscriberQueueBytes != DefaultGOPMaxBytes {
		t.Errorf("queue bounds not raised to the GOP bounds: %d packets, %d bytes", raised.SubscriberQueue, raised.SubscriberQueueBytes)
	}
	if d := (Config{IdleTakeover: -1}).normalized().IdleTakeover; d >= 0 {
		t.Errorf("negative IdleTakeover normalized to %v", d)
	}
}
