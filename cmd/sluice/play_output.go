package main

import (
	"bufio"
	"io"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
)

// Bounds on the tags held back before the FLV header is written, when
// neither metadata nor both kinds of media have said which streams exist:
// a few dozen tags or a second of media is enough to see both, and keeps
// the delay (for `| ffplay -`) and the memory small.
const (
	maxHeldTags   = 64
	maxHeldMillis = 1000
)

// flvOutput writes what a player receives as an FLV file. Its header's
// audio and video flags are taken from the metadata or from the first
// tags, and timestamps start at 0 and stay continuous across
// reconnections (servers restart theirs, or send absolute ones).
type flvOutput struct {
	bw *bufio.Writer
	fw *flv.Writer

	headerDone         bool
	held               []flv.Tag
	metaAudio          bool // the metadata names an audio codec
	metaVideo          bool // the metadata names a video codec
	metaKnown          bool
	sawAudio, sawVideo bool

	// Timestamps: out = in - base + offset, per connection.
	base, offset uint32
	baseSet      bool
	last         uint32 // the last timestamp written
	written      bool   // a media tag has been written
}

func newFLVOutput(w io.Writer) *flvOutput {
	bw := bufio.NewWriterSize(w, 64<<10)
	return &flvOutput{bw: bw, fw: flv.NewWriter(bw)}
}

// newSession prepares for the tags of a new connection: they continue
// one millisecond after the last tag written.
func (o *flvOutput) newSession() {
	o.baseSet = false
	if o.written {
		o.offset = o.last + 1
	}
}

// rebase maps a received timestamp to the output's timeline. The first
// audio or video tag of a connection sets the base; earlier timestamps
// (metadata at 0, audio a little before video) are held at the offset.
func (o *flvOutput) rebase(t flv.Tag) uint32 {
	if !o.baseSet {
		if t.Type == flv.TagScript {
			return o.offset
		}
		o.base, o.baseSet = t.Timestamp, true
	}
	if int32(t.Timestamp-o.base) < 0 {
		return o.offset
	}
	return t.Timestamp - o.base + o.offset
}

// write writes (or holds) a tag, rebased, and flushes it so that a pipe
// reader gets it at once.
func (o *flvOutput) write(t flv.Tag) error {
	t.Timestamp = o.rebase(t)
	switch t.Type {
	case flv.TagAudio:
		o.sawAudio = true
	case flv.TagVideo:
		o.sawVideo = true
	case flv.TagScript:
		o.noteMetadata(t)
	}
	if t.Type != flv.TagScript {
		// The largest, not the latest: audio may trail video a little, and
		// the next connection must start after both.
		o.last, o.written = max(o.last, t.Timestamp), true
	}
	if !o.headerDone {
		o.held = append(o.held, t)
		if !o.headerDecided() {
			return nil
		}
		return o.flushHeld()
	}
	if err := o.fw.WriteTag(t); err != nil {
		return err
	}
	return o.bw.Flush()
}

// noteMetadata reads the codecs onMetaData announces, before the header.
func (o *flvOutput) noteMetadata(t flv.Tag) {
	if o.headerDone || o.metaKnown {
		return
	}
	sd, err := flv.ParseScriptData(t.Data)
	if err != nil || sd.Name != "onMetaData" || len(sd.Values) == 0 {
		return
	}
	_, o.metaVideo = amf.Lookup(sd.Values[0], "videocodecid")
	_, o.metaAudio = amf.Lookup(sd.Values[0], "audiocodecid")
	o.metaKnown = o.metaVideo || o.metaAudio
}

// headerDecided reports whether the header's flags are known.
func (o *flvOutput) headerDecided() bool {
	if o.metaKnown && (o.sawAudio || o.sawVideo) {
		return true
	}
	if o.sawAudio && o.sawVideo || len(o.held) >= maxHeldTags {
		return true
	}
	return o.written && o.last >= maxHeldMillis
}

// flushHeld writes the header and the tags held for it.
func (o *flvOutput) flushHeld() error {
	h := flv.Header{HasAudio: o.sawAudio, HasVideo: o.sawVideo}
	if o.metaKnown {
		h.HasAudio, h.HasVideo = o.metaAudio || o.sawAudio, o.metaVideo || o.sawVideo
	}
	if !h.HasAudio && !h.HasVideo {
		h.HasAudio, h.HasVideo = true, true // nothing known: let the reader find out
	}
	if err := o.fw.WriteHeader(h); err != nil {
		return err
	}
	o.headerDone = true
	for _, t := range o.held {
		if err := o.fw.WriteTag(t); err != nil {
			return err
		}
	}
	o.held = nil
	return o.bw.Flush()
}

// close writes what is held (a stream shorter than the holding bounds)
// and flushes.
func (o *flvOutput) close() error {
	if !o.headerDone {
		return o.flushHeld()
	}
	return o.bw.Flush()
}
