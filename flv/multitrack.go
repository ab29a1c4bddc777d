package flv

import "iter"

// MultitrackType is the Enhanced RTMP v2 AvMultitrackType: how the tracks of
// a multitrack audio or video message are laid out.
type MultitrackType uint8

// Multitrack types (Enhanced RTMP v2, enum AvMultitrackType); 3-15 are
// reserved.
const (
	// MultitrackOneTrack carries one track, with no size field: it runs to
	// the end of the message.
	MultitrackOneTrack MultitrackType = 0
	// MultitrackManyTracks carries tracks of one codec, each with a size.
	MultitrackManyTracks MultitrackType = 1
	// MultitrackManyTracksManyCodecs carries tracks each with its own
	// FourCC and a size.
	MultitrackManyTracksManyCodecs MultitrackType = 2
)

// Track is one track of an audio or video message. A message that is not
// multitrack has a single track with ID 0.
type Track struct {
	ID              uint8
	FourCC          FourCC // zero for legacy (non-Enhanced) headers
	CompositionTime int32  // video CodedFrames of avc1 and hvc1 only
	Data            []byte // codec payload, aliasing the message
}

// trackPrefix is what precedes each track's body in a multitrack message.
//
// Enhanced RTMP v2, ExAudioTagBody and ExVideoTagBody:
//
//	if (multitrackType == ManyTracksManyCodecs)
//	  fourCc = FOURCC
//	trackId = UI8
//	if (multitrackType != OneTrack)
//	  sizeOfTrack = UI24   // bytes after this field up to the next track
type trackPrefix struct {
	fourCC FourCC
	id     uint8
	size   uint32 // 0 for OneTrack
	body   []byte // the track's bytes, aliasing the message
}

// readTrackPrefix reads one track prefix and slices out the track's body,
// which must fit in the message; it leaves c at the start of the body.
// shared is the message's FourCC, used unless each track names its own.
func readTrackPrefix(c *cursor, mt MultitrackType, shared FourCC) (trackPrefix, error) {
	p := trackPrefix{fourCC: shared}
	var ok bool
	if mt == MultitrackManyTracksManyCodecs {
		var f uint32
		if f, ok = c.u32(); !ok {
			return p, errShortTrack
		}
		p.fourCC = FourCC(f)
	}
	if p.id, ok = c.u8(); !ok {
		return p, errShortTrack
	}
	bodyLen := c.remaining()
	if mt != MultitrackOneTrack {
		if p.size, ok = c.u24(); !ok {
			return p, errShortTrack
		}
		if int(p.size) > c.remaining() {
			return p, errTrackSize
		}
		bodyLen = int(p.size)
	}
	p.body = c.b[c.off : c.off+bodyLen]
	return p, nil
}

// trackPrefixLen is the size of a track prefix for mt.
func trackPrefixLen(mt MultitrackType) int {
	switch mt {
	case MultitrackOneTrack:
		return 1
	case MultitrackManyTracks:
		return 1 + 3
	default:
		return 4 + 1 + 3
	}
}

func appendTrackPrefix(dst []byte, mt MultitrackType, fourCC FourCC, id uint8, size uint32) []byte {
	if mt == MultitrackManyTracksManyCodecs {
		dst = appendFourCC(dst, fourCC)
	}
	dst = append(dst, id)
	if mt != MultitrackOneTrack {
		dst = appendU24(dst, size)
	}
	return dst
}

func appendFourCC(dst []byte, f FourCC) []byte {
	return append(dst, byte(f>>24), byte(f>>16), byte(f>>8), byte(f))
}

// walkTracks yields the tracks of a multitrack message whose first track
// prefix starts at off. codedFrames says the message is video CodedFrames,
// whose avc1 and hvc1 tracks start with a composition time. Every track
// takes at least one byte of data, so the walk is bounded by len(data); a
// OneTrack message has exactly one.
func walkTracks(data []byte, off int, mt MultitrackType, shared FourCC, codedFrames bool) iter.Seq2[Track, error] {
	return func(yield func(Track, error) bool) {
		if off < 0 || off > len(data) {
			yield(Track{}, errShortTrack)
			return
		}
		c := cursor{b: data, off: off}
		for c.remaining() > 0 {
			t, err := readTrack(&c, mt, shared, codedFrames)
			if !yield(t, err) || err != nil || mt == MultitrackOneTrack {
				return
			}
		}
	}
}

func readTrack(c *cursor, mt MultitrackType, shared FourCC, codedFrames bool) (Track, error) {
	p, err := readTrackPrefix(c, mt, shared)
	if err != nil {
		return Track{}, err
	}
	c.off += len(p.body)
	t := Track{ID: p.id, FourCC: p.fourCC, Data: p.body}
	if codedFrames && hasCompositionTime(p.fourCC) {
		if len(t.Data) < 3 {
			return Track{}, errShortTrack
		}
		t.CompositionTime = si24(getU24(t.Data))
		t.Data = t.Data[3:]
	}
	return t, nil
}

// appendTracks writes tracks after a multitrack header's shared part; a
// OneTrack message takes only tracks[0]. With ManyTracksManyCodecs each
// track's FourCC is written, else shared applies to all.
func appendTracks(dst []byte, mt MultitrackType, shared FourCC, codedFrames bool, tracks []Track) []byte {
	for i, t := range tracks {
		if mt == MultitrackOneTrack && i > 0 {
			break
		}
		f := shared
		if mt == MultitrackManyTracksManyCodecs {
			f = t.FourCC
		}
		withCT := codedFrames && hasCompositionTime(f)
		size := len(t.Data)
		if withCT {
			size += 3
		}
		dst = appendTrackPrefix(dst, mt, f, t.ID, uint32(size))
		if withCT {
			dst = appendU24(dst, uint32(t.CompositionTime))
		}
		dst = append(dst, t.Data...)
	}
	return dst
}

// singleTrack yields the one track of a message that is not multitrack.
func singleTrack(data []byte, headerLen int, f FourCC, ct int32) iter.Seq2[Track, error] {
	return func(yield func(Track, error) bool) {
		if headerLen < 0 || headerLen > len(data) {
			yield(Track{}, errShortTrack)
			return
		}
		yield(Track{FourCC: f, CompositionTime: ct, Data: data[headerLen:]}, nil)
	}
}
