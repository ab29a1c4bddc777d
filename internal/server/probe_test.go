package server

import (
	"encoding/json"
	"os/exec"
	"strconv"
	"testing"

	"github.com/sluicemedia/sluice/internal/testprog"
)

// probed is what ffprobe reports of a file or URL.
type probed struct {
	Streams []struct {
		CodecType  string `json:"codec_type"`
		CodecName  string `json:"codec_name"`
		Width      int    `json:"width"`
		Height     int    `json:"height"`
		SampleRate string `json:"sample_rate"`
		Channels   int    `json:"channels"`
	} `json:"streams"`
	Packets []struct {
		CodecType string `json:"codec_type"`
		DTS       string `json:"dts_time"`
		Flags     string `json:"flags"`
	} `json:"packets"`
}

func ffprobe(t *testing.T, input string, packets bool) probed {
	t.Helper()
	args := []string{"-v", "error", "-rw_timeout", "15000000", "-of", "json",
		"-show_entries", "stream=codec_type,codec_name,width,height,sample_rate,channels"}
	if packets {
		args = append(args, "-show_entries", "packet=codec_type,dts_time,flags")
	}
	out, err := exec.Command(testprog.Path(t, "ffprobe"), append(args, input)...).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", input, err)
	}
	var p probed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantTracks checks codec parameters: H.264 320x240 and AAC 44.1 kHz.
func (p probed) wantTracks(t *testing.T, video, audio bool) {
	t.Helper()
	var gotVideo, gotAudio bool
	for _, s := range p.Streams {
		switch s.CodecType {
		case "video":
			gotVideo = true
			if s.CodecName != "h264" || s.Width != 320 || s.Height != 240 {
				t.Errorf("video stream %+v", s)
			}
		case "audio":
			gotAudio = true
			if s.CodecName != "aac" || s.SampleRate != "44100" {
				t.Errorf("audio stream %+v", s)
			}
		}
	}
	if gotVideo != video || gotAudio != audio {
		t.Errorf("tracks: video %v audio %v, want %v %v", gotVideo, gotAudio, video, audio)
	}
}

// wantPlayable checks the packets: some of each kind, decoding timestamps
// that never go backwards or jump, and a keyframe first.
func (p probed) wantPlayable(t *testing.T) {
	t.Helper()
	last := map[string]float64{}
	count := map[string]int{}
	for i, pk := range p.Packets {
		dts, err := strconv.ParseFloat(pk.DTS, 64)
		if err != nil {
			continue // a packet without a decoding time
		}
		if count[pk.CodecType] == 0 && pk.CodecType == "video" && pk.Flags[0] != 'K' {
			t.Errorf("first video packet is not a keyframe: flags %q", pk.Flags)
		}
		if prev, ok := last[pk.CodecType]; ok && (dts < prev || dts-prev > 1) {
			t.Errorf("packet %d (%s): dts %.3f after %.3f", i, pk.CodecType, dts, prev)
		}
		last[pk.CodecType] = dts
		count[pk.CodecType]++
	}
	if len(count) == 0 {
		t.Error("no packets")
	}
}
