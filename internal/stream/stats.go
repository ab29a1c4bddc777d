package stream

import (
	"cmp"
	"slices"
	"time"
)

// bitrateWindow is the span over which the current bitrate is measured:
// long enough to cover a GOP's burst of a keyframe and its small frames at
// common GOP lengths of 1-2 s, short enough to follow a changing encoder.
const bitrateWindow = time.Second

// StreamStats is a snapshot of one stream, copied out so that the caller
// formats it without holding any lock of the hub. Counters cover the
// current publication.
type StreamStats struct {
	Key         Key
	Live        bool          // a publisher is present
	Publisher   PublisherInfo // zero unless Live
	Started     time.Time     // when the publication started; zero unless Live
	BytesIn     uint64        // tag data bytes written
	PacketsIn   uint64        // tags written
	Bitrate     uint64        // bits per second over the last bitrateWindow; 0 when idle
	VideoCodec  string        // FourCC of the video sequence header ("avc1", "hvc1", "av01"), if any
	AudioCodec  string        // FourCC of the audio sequence header ("mp4a", "Opus"), if any
	Subscribers int
	Drops       uint64 // packets lost by all subscribers to the drop policy
}

// counters are a stream's statistics, guarded by the stream's lock.
type counters struct {
	started   time.Time
	lastMedia time.Time // last audio or video packet, or the start
	bytes     uint64
	packets   uint64
	drops     uint64

	window      time.Time // start of the current bitrate window
	windowBytes uint64
	bitrate     uint64 // bits per second over the last complete window
}

// count records p, written at now.
func (c *counters) count(p *Packet, now time.Time) {
	n := uint64(len(p.Data()))
	c.bytes += n
	c.packets++
	if p.isMedia() {
		c.lastMedia = now
	}
	if elapsed := now.Sub(c.window); elapsed >= bitrateWindow {
		c.bitrate = c.windowBytes * 8 * uint64(time.Second) / uint64(elapsed)
		c.window, c.windowBytes = now, 0
	}
	c.windowBytes += n
}

// idle reports no audio or video for d; d < 0 never idles.
func (c *counters) idle(now time.Time, d time.Duration) bool {
	return d > 0 && now.Sub(c.lastMedia) >= d
}

// currentBitrate is the last window's bitrate, or 0 when no window
// completed recently (the publisher stalled).
func (c *counters) currentBitrate(now time.Time) uint64 {
	if now.Sub(c.window) >= 2*bitrateWindow {
		return 0
	}
	return c.bitrate
}

// Streams returns a snapshot of every stream, sorted by key.
func (h *Hub) Streams() []StreamStats {
	h.mu.Lock()
	streams := make([]*stream, 0, len(h.streams))
	for _, s := range h.streams {
		streams = append(streams, s)
	}
	h.mu.Unlock()
	now := time.Now()
	out := make([]StreamStats, 0, len(streams))
	for _, s := range streams {
		out = append(out, s.snapshot(now))
	}
	slices.SortFunc(out, func(a, b StreamStats) int {
		return cmp.Or(cmp.Compare(a.Key.App, b.Key.App), cmp.Compare(a.Key.Name, b.Key.Name))
	})
	return out
}

// Stream returns a snapshot of the stream of key, if it exists.
func (h *Hub) Stream(key Key) (StreamStats, bool) {
	h.mu.Lock()
	s := h.streams[key]
	h.mu.Unlock()
	if s == nil {
		return StreamStats{}, false
	}
	return s.snapshot(time.Now()), true
}

func (s *stream) snapshot(now time.Time) StreamStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := StreamStats{Key: s.key, Subscribers: len(s.subs)}
	if s.pub == nil {
		return st
	}
	st.Live = true
	st.Publisher = s.pub.info
	st.Started = s.stats.started
	st.BytesIn = s.stats.bytes
	st.PacketsIn = s.stats.packets
	st.Bitrate = s.stats.currentBitrate(now)
	st.VideoCodec = s.cache.video.codec()
	st.AudioCodec = s.cache.audio.codec()
	st.Drops = s.stats.drops
	return st
}
