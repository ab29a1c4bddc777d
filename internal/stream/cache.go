package stream

import "github.com/sluicemedia/sluice/flv"

// maxTrackHeaders bounds the sequence headers kept per media type. The
// track id is a UI8, so a hostile publisher could otherwise pin 256
// headers per type; real multitrack publishers send a few renditions (one
// header each), well under this.
const maxTrackHeaders = 8

// mediaCache is what a stream remembers of its current publication so that
// a subscriber can start at once: the latest metadata, the latest sequence
// header of each track, and the last GOP. It belongs to a stream and is
// guarded by the stream's lock.
type mediaCache struct {
	maxFrames int // GOP bound in packets (Config.GOPMaxFrames)
	maxBytes  int // GOP bound in data bytes (Config.GOPMaxBytes)

	metadata *Packet
	video    headerSet
	audio    headerSet
	changed  uint64 // seq of the newest metadata or sequence header

	// gop holds the newest keyframe and every audio and video frame after
	// it; it is empty before the first keyframe and after it outgrew its
	// bounds, until the next keyframe.
	gop      []*Packet
	gopBytes int

	// joinHeaders is metadata then sequence headers restamped to
	// joinStamp, built by the first join of a GOP and shared by later
	// joins, so their encodings are shared too.
	joinHeaders []*Packet
	joinStamp   uint32
	joinValid   bool
}

// headerSet is the sequence headers of one media type, one per track, in
// the order their tracks first appeared.
type headerSet struct {
	entries []trackHeader
}

type trackHeader struct {
	track  uint8
	codec  string
	packet *Packet
}

// add records p, which the stream has just sequenced.
func (c *mediaCache) add(p *Packet) {
	switch {
	case p.IsMetadata():
		c.metadata = p
		c.headersChanged(p)
	case p.IsSequenceHeader():
		c.addHeader(p)
	case p.IsKeyframe():
		c.startGOP(p)
	case p.isMedia() && len(c.gop) > 0:
		c.appendGOP(p)
	}
}

func (c *mediaCache) addHeader(p *Packet) {
	track, codec := headerTrack(p.tag)
	if p.Type() == flv.TagVideo {
		c.video.put(trackHeader{track, codec, p})
		// A new video configuration starts a new decoding sequence: the
		// frames before it cannot be decoded with it.
		c.dropGOP()
	} else {
		c.audio.put(trackHeader{track, codec, p})
	}
	c.headersChanged(p)
}

func (c *mediaCache) headersChanged(p *Packet) {
	c.changed = p.seq
	c.joinValid = false
}

func (c *mediaCache) startGOP(p *Packet) {
	c.dropGOP()
	if len(p.Data()) <= c.maxBytes {
		c.gop = append(c.gop, p)
		c.gopBytes = len(p.Data())
	}
}

// appendGOP adds a frame to the GOP, or drops the whole GOP when the frame
// would take it over its bounds: a stream that stops sending keyframes
// must not grow the cache.
func (c *mediaCache) appendGOP(p *Packet) {
	if len(c.gop)+1 > c.maxFrames || c.gopBytes+len(p.Data()) > c.maxBytes {
		c.dropGOP()
		return
	}
	c.gop = append(c.gop, p)
	c.gopBytes += len(p.Data())
}

// dropGOP empties the GOP, keeping its backing array for the next one.
func (c *mediaCache) dropGOP() {
	clear(c.gop)
	c.gop = c.gop[:0]
	c.gopBytes = 0
	c.joinValid = false
}

// reset forgets the publication: a new publisher sends its own metadata
// and headers.
func (c *mediaCache) reset() {
	c.dropGOP()
	c.metadata = nil
	c.video.entries = nil
	c.audio.entries = nil
	c.joinHeaders = nil
}

// headersAt returns metadata, video headers and audio headers, in that
// order, each stamped with ts. The slice is the cache's: the caller copies
// the pointers out before the stream's lock is released.
func (c *mediaCache) headersAt(ts uint32) []*Packet {
	if c.joinValid && c.joinStamp == ts {
		return c.joinHeaders
	}
	h := c.joinHeaders[:0]
	if c.metadata != nil {
		h = append(h, c.metadata.at(ts))
	}
	h = c.video.appendAt(h, ts)
	h = c.audio.appendAt(h, ts)
	c.joinHeaders, c.joinStamp, c.joinValid = h, ts, true
	return h
}

// put stores h, replacing the header of the same track or, when the set is
// full, the oldest one.
func (s *headerSet) put(h trackHeader) {
	for i := range s.entries {
		if s.entries[i].track == h.track {
			s.entries[i] = h
			return
		}
	}
	if len(s.entries) == maxTrackHeaders {
		s.entries = append(s.entries[:0], s.entries[1:]...)
	}
	s.entries = append(s.entries, h)
}

func (s *headerSet) appendAt(dst []*Packet, ts uint32) []*Packet {
	for _, e := range s.entries {
		dst = append(dst, e.packet.at(ts))
	}
	return dst
}

// codec returns the codec of track 0, else of the first track.
func (s *headerSet) codec() string {
	for _, e := range s.entries {
		if e.track == 0 {
			return e.codec
		}
	}
	if len(s.entries) > 0 {
		return s.entries[0].codec
	}
	return ""
}
