package stream

import "github.com/sluicemedia/sluice/flv"

// headerTrack names what a sequence header configures: the track it belongs
// to and its codec. A tag that is not multitrack is track 0 (Enhanced RTMP
// v2: track 0 is the default track). For a multitrack message that carries
// several tracks' headers, the first track names it.
//
// The codec is the Enhanced RTMP FourCC as text ("avc1", "hvc1", "av01",
// "mp4a", "Opus"). Legacy headers map to the FourCC of the same codec: only
// AVC (CodecID 7, FLV v10.1 §E.4.3.1) and AAC (SoundFormat 10, §E.4.2.1)
// have sequence headers there. A tag whose header does not parse gets
// track 0 and no codec.
func headerTrack(tag flv.Tag) (track uint8, codec string) {
	switch tag.Type {
	case flv.TagVideo:
		h, err := flv.ParseVideoHeader(tag.Data)
		switch {
		case err != nil:
			return 0, ""
		case h.Enhanced:
			return h.TrackID, h.FourCC.String()
		}
		return 0, flv.FourCCAVC.String()
	case flv.TagAudio:
		h, err := flv.ParseAudioHeader(tag.Data)
		switch {
		case err != nil:
			return 0, ""
		case h.Enhanced:
			return h.TrackID, h.FourCC.String()
		}
		return 0, flv.FourCCAAC.String()
	}
	return 0, ""
}
