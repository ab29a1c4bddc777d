package chunk

import "fmt"

// chunkStream is a Reader's state for one chunk stream id: the header that
// compressed headers expand against (§5.3.1.2), and the message being
// assembled, if any.
type chunkStream struct {
	timestamp uint32 // absolute timestamp of the current or last message
	// tsField is the value of the last type 0, 1 or 2 timestamp field after
	// the extended escape (absolute for type 0, a delta for types 1 and 2),
	// or of the extended field of a type 3 header that started a message.
	// It is the delta a type 3 header starting a message applies, and the
	// value an extended field on a type 3 chunk repeats.
	tsField  uint32
	extended bool // the last type 0, 1 or 2 header used the extended timestamp (§5.3.1.3)
	length   uint32
	typeID   uint8
	streamID uint32

	assembling bool   // a message has started and is not complete
	payload    []byte // its bytes so far, grown as they arrive
}

// applyHeader updates the header state with a type 0, 1 or 2 header that
// starts a message; tsValue is its timestamp field after the extended
// escape.
func (cs *chunkStream) applyHeader(format byte, h messageHeader, tsValue uint32, extended bool) {
	if format == fmtFull {
		cs.timestamp = tsValue
		cs.streamID = h.streamID
	} else {
		cs.timestamp += tsValue // modulo 2^32
	}
	if format <= fmtSameMsgID {
		cs.length = h.length
		cs.typeID = h.typeID
	}
	cs.tsField = tsValue
	cs.extended = extended
}

// applyType3Start updates the header state for a type 3 header that starts
// a message: the previous delta applies again (§5.3.1.2.4), or the value of
// the extended field the header carries.
func (cs *chunkStream) applyType3Start(tsValue uint32) {
	cs.tsField = tsValue
	cs.timestamp += tsValue
}

// checkMidMessage vets a type 0, 1 or 2 header that arrives while a message
// is assembled: only a header that keeps the message's length and type id
// may continue it (ffmpeg CVE-2016-10191 grew a buffer by changing them).
func (cs *chunkStream) checkMidMessage(format byte, h messageHeader) error {
	switch {
	case format == fmtFull:
		return fmt.Errorf("%w: type 0 header after %d of %d bytes", ErrLengthChanged, len(cs.payload), cs.length)
	case format == fmtSameMsgID && (h.length != cs.length || h.typeID != cs.typeID):
		return fmt.Errorf("%w: length %d type %d, the message has length %d type %d",
			ErrLengthChanged, h.length, h.typeID, cs.length, cs.typeID)
	}
	return nil
}

// streamFor returns the state of chunk stream csid for a chunk of the given
// format, creating it for a type 0 or 1 header. When MaxChunkStreamStates
// ids are known, the state of one without a partial message is dropped
// first; there always is one, as MaxActiveChunkStreams is smaller.
func (r *Reader) streamFor(csid uint32, format byte) (*chunkStream, error) {
	if cs := r.streams[csid]; cs != nil {
		return cs, nil
	}
	if format == fmtDelta || format == fmtNone {
		return nil, fmt.Errorf("%w: type %d header on chunk stream %d", ErrNoPreviousHeader, format, csid)
	}
	if len(r.streams) >= MaxChunkStreamStates {
		r.evictIdleStream()
	}
	cs := &chunkStream{}
	r.streams[csid] = cs
	return cs, nil
}

// evictIdleStream drops the header state of one chunk stream that holds no
// partial message.
func (r *Reader) evictIdleStream() {
	for id, cs := range r.streams {
		if !cs.assembling {
			delete(r.streams, id)
			return
		}
	}
}
