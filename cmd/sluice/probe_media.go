package main

import (
	"fmt"

	"github.com/sluicemedia/sluice/codec"
	"github.com/sluicemedia/sluice/flv"
)

var chromaNames = [4]string{"4:0:0", "4:2:0", "4:2:2", "4:4:4"}

// videoCodecName names the codec of a video tag header.
func videoCodecName(h flv.VideoHeader) string {
	if h.Enhanced {
		switch h.FourCC {
		case flv.FourCCAVC:
			return "H.264"
		case flv.FourCCHEVC:
			return "H.265"
		case flv.FourCCAV1:
			return "AV1"
		case flv.FourCCVP9:
			return "VP9"
		case flv.FourCCVP8:
			return "VP8"
		}
		return h.FourCC.String()
	}
	switch h.CodecID {
	case flv.CodecIDAVC:
		return "H.264"
	case flv.CodecIDSorensonH263:
		return "Sorenson H.263"
	case flv.CodecIDVP6, flv.CodecIDVP6Alpha:
		return "VP6"
	case flv.CodecIDScreen, flv.CodecIDScreenV2:
		return "Screen video"
	}
	return fmt.Sprintf("video codec %d", h.CodecID)
}

// describeVideoConfig says what a video sequence header configures: for
// H.264 and H.265 the profile, level, picture size, chroma format and bit
// depth from its configuration record and SPS.
func describeVideoConfig(t flv.Tag) (string, []field) {
	h, err := flv.ParseVideoHeader(t.Data)
	if err != nil {
		return "video sequence header: " + err.Error(), nil
	}
	name := videoCodecName(h)
	fields := []field{{"codec", name}}
	payload := t.Data[h.HeaderLen:]
	switch name {
	case "H.264":
		cfg, err := codec.ParseAVCConfig(payload)
		if err != nil || len(cfg.SPS) == 0 {
			return fmt.Sprintf("%s sequence header: no SPS (%v)", name, err), fields
		}
		sps, err := codec.ParseAVCSPS(cfg.SPS[0])
		if err != nil {
			return fmt.Sprintf("%s sequence header: SPS: %v", name, err), fields
		}
		level := fmt.Sprintf("%d.%d", sps.Level/10, sps.Level%10)
		fields = append(fields, field{"profile", codec.AVCProfileName(sps.Profile)}, field{"level", level},
			field{"width", sps.Width}, field{"height", sps.Height}, field{"chroma", chromaNames[sps.ChromaFormat]}, field{"bit_depth", int(sps.BitDepth)})
		return fmt.Sprintf("video: H.264 %s, level %s, %dx%d, %s, %d bit", codec.AVCProfileName(sps.Profile), level,
			sps.Width, sps.Height, chromaNames[sps.ChromaFormat], sps.BitDepth), fields
	case "H.265":
		cfg, err := codec.ParseHEVCConfig(payload)
		if err != nil || len(cfg.SPS) == 0 {
			return fmt.Sprintf("%s sequence header: no SPS (%v)", name, err), fields
		}
		sps, err := codec.ParseHEVCSPS(cfg.SPS[0])
		if err != nil {
			return fmt.Sprintf("%s sequence header: SPS: %v", name, err), fields
		}
		level := fmt.Sprintf("%g", float64(sps.Level)/30)
		tier := [2]string{"Main", "High"}[sps.Tier&1]
		fields = append(fields, field{"profile", codec.HEVCProfileName(sps.Profile)}, field{"tier", tier}, field{"level", level},
			field{"width", sps.Width}, field{"height", sps.Height}, field{"chroma", chromaNames[sps.ChromaFormat]}, field{"bit_depth", int(sps.BitDepth)})
		return fmt.Sprintf("video: H.265 %s, %s tier, level %s, %dx%d, %s, %d bit", codec.HEVCProfileName(sps.Profile), tier, level,
			sps.Width, sps.Height, chromaNames[sps.ChromaFormat], sps.BitDepth), fields
	}
	return fmt.Sprintf("video: %s sequence header, %d bytes", name, len(payload)), fields
}

var soundFormatNames = map[flv.SoundFormat]string{
	flv.SoundFormatPCM: "PCM", flv.SoundFormatADPCM: "ADPCM", flv.SoundFormatMP3: "MP3",
	flv.SoundFormatPCMLittleEndian: "PCM little-endian", flv.SoundFormatNellymoser16kHz: "Nellymoser 16 kHz",
	flv.SoundFormatNellymoser8kHz: "Nellymoser 8 kHz", flv.SoundFormatNellymoser: "Nellymoser",
	flv.SoundFormatG711ALaw: "G.711 A-law", flv.SoundFormatG711MuLaw: "G.711 mu-law", flv.SoundFormatAAC: "AAC",
	flv.SoundFormatSpeex: "Speex", flv.SoundFormatMP38kHz: "MP3 8 kHz", flv.SoundFormatDeviceSpecific: "device-specific",
}

// audioCodecName names the codec of an audio tag header.
func audioCodecName(h flv.AudioHeader) string {
	if h.Enhanced {
		switch h.FourCC {
		case flv.FourCCAAC:
			return "AAC"
		case flv.FourCCOpus:
			return "Opus"
		case flv.FourCCFLAC:
			return "FLAC"
		case flv.FourCCAC3:
			return "AC-3"
		case flv.FourCCEAC3:
			return "E-AC-3"
		case flv.FourCCMP3:
			return "MP3"
		}
		return h.FourCC.String()
	}
	if n, ok := soundFormatNames[h.SoundFormat]; ok {
		return n
	}
	return fmt.Sprintf("sound format %d", h.SoundFormat)
}

// describeAudioConfig says what an audio sequence header configures: for
// AAC the object type, sample rate and channels of its
// AudioSpecificConfig.
func describeAudioConfig(t flv.Tag) (string, []field) {
	h, err := flv.ParseAudioHeader(t.Data)
	if err != nil {
		return "audio sequence header: " + err.Error(), nil
	}
	name := audioCodecName(h)
	fields := []field{{"codec", name}}
	payload := t.Data[h.HeaderLen:]
	if name != "AAC" {
		return fmt.Sprintf("audio: %s sequence header, %d bytes", name, len(payload)), fields
	}
	asc, err := codec.ParseAudioSpecificConfig(payload)
	if err != nil {
		return "audio: AAC sequence header: " + err.Error(), fields
	}
	rate := asc.SampleRate
	if asc.SBR {
		rate = asc.ExtensionSampleRate
	}
	object := codec.AACObjectTypeName(asc.ObjectType)
	if asc.PS {
		object = "HE-AAC v2"
	} else if asc.SBR {
		object = "HE-AAC"
	}
	fields = append(fields, field{"profile", object}, field{"sample_rate", rate}, field{"channels", asc.Channels()})
	return fmt.Sprintf("audio: AAC %s, %d Hz, %d channels", object, rate, asc.Channels()), fields
}

var soundRates = [4]int{5512, 11025, 22050, 44100}

// describeFirstFrame says what the first coded frame of a kind is. For
// legacy audio without a sequence header (MP3, Nellymoser...) its header
// is all there is to say.
func describeFirstFrame(t flv.Tag) (string, []field) {
	fields := []field{{"timestamp_ms", t.Timestamp}, {"bytes", len(t.Data)}}
	if t.Type == flv.TagVideo {
		h, err := flv.ParseVideoHeader(t.Data)
		if err != nil {
			return "first video frame: " + err.Error(), fields
		}
		kind := "inter frame"
		if h.IsKeyframe() {
			kind = "keyframe"
		}
		fields = append(fields, field{"codec", videoCodecName(h)}, field{"keyframe", h.IsKeyframe()})
		return fmt.Sprintf("first video frame: %s %s at %d ms, %d bytes", videoCodecName(h), kind, t.Timestamp, len(t.Data)), fields
	}
	h, err := flv.ParseAudioHeader(t.Data)
	if err != nil {
		return "first audio frame: " + err.Error(), fields
	}
	fields = append(fields, field{"codec", audioCodecName(h)})
	if h.Enhanced || h.SoundFormat == flv.SoundFormatAAC {
		return fmt.Sprintf("first audio frame: %s at %d ms, %d bytes", audioCodecName(h), t.Timestamp, len(t.Data)), fields
	}
	channels := int(h.SoundType) + 1
	fields = append(fields, field{"sample_rate", soundRates[h.SoundRate&3]}, field{"channels", channels})
	return fmt.Sprintf("first audio frame: %s, %d Hz, %d channels, at %d ms, %d bytes",
		audioCodecName(h), soundRates[h.SoundRate&3], channels, t.Timestamp, len(t.Data)), fields
}
