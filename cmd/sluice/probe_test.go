package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// probeTags is a stream with real decoder configuration: metadata, an
// H.264 Main 1920x1080 sequence header (libx264's avcC), an AAC LC 44.1 kHz
// stereo one, then a keyframe and an audio frame.
func probeTags(t *testing.T) []flv.Tag {
	avcC, err := hex.DecodeString("014d4028ffe1001a674d4028eca03c0113f2e022000003000200000300641e30632c01000568ebe3cb20")
	if err != nil {
		t.Fatal(err)
	}
	tags := testTags()[:1] // the metadata
	return append(tags,
		flv.Tag{Type: flv.TagVideo, Data: append([]byte{0x17, 0, 0, 0, 0}, avcC...)},
		flv.Tag{Type: flv.TagAudio, Data: []byte{0xAF, 0, 0x12, 0x10}},
		flv.Tag{Type: flv.TagVideo, Timestamp: 0, Data: []byte{0x17, 1, 0, 0, 0, 0, 0, 0, 1, 0x65}},
		flv.Tag{Type: flv.TagAudio, Timestamp: 0, Data: []byte{0xAF, 1, 0x21}})
}

func TestProbeText(t *testing.T) {
	srv := rtmptest.NewServer(t, playScript(probeTags(t), false))
	code, stdout, stderr := runCmd(context.Background(), runProbe, srv.URL("live/x"))
	if code != exitOK {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	for _, want := range []string{
		"tcp       connected to",
		"C0+C1 sent: RTMP version 3, digest0 C1",
		"S0+S1 received: digest handshake",
		"digest valid",
		"S2 received: answers our C1",
		"C2 sent",
		"send      Set Chunk Size 4096",
		"send      connect {\"app\":\"live\"",
		"recv      Window Acknowledgement Size 2500000",
		"recv      Set Peer Bandwidth 2500000 (Dynamic)",
		"recv      StreamBegin stream 0",
		"_result to connect",
		"NetConnection.Connect.Success",
		"_result to createStream 1",
		"send      play \"x\" -2 -1",
		"onStatus NetStream.Play.Start",
		"videocodecid = 7",
		"video: H.264 Main, level 4.0, 1920x1080, 4:2:0, 8 bit",
		"audio: AAC LC, 44100 Hz, 2 channels",
		"first video frame: H.264 keyframe at 0 ms",
		"first audio frame: AAC at 0 ms",
		"time to first frame",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
}

func TestProbeJSON(t *testing.T) {
	srv := rtmptest.NewServer(t, playScript(probeTags(t), false))
	code, stdout, stderr := runCmd(context.Background(), runProbe, "--json", srv.URL("live/x"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	steps := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if _, ok := m["t_ms"].(float64); !ok {
			t.Errorf("no t_ms: %s", line)
		}
		step, _ := m["step"].(string)
		steps[step] = true
		if step == "media" && m["codec"] == "H.264" && m["width"] != nil && m["width"] != float64(1920) {
			t.Errorf("width %v: %s", m["width"], line)
		}
	}
	for _, want := range []string{"tcp", "handshake", "send", "recv", "meta", "media", "result"} {
		if !steps[want] {
			t.Errorf("no %q step in:\n%s", want, stdout)
		}
	}
}

func TestProbeExitCodes(t *testing.T) {
	notFound := rtmptest.NewServer(t, rejectPlayScript(rtmp.CodePlayStreamNotFound))
	noMedia := rtmptest.NewServer(t, playScript(nil, false))
	cases := []struct {
		name string
		args []string
		want int
		says string
	}{
		{"no URL", nil, exitUsage, ""},
		{"nothing listening", []string{"rtmp://" + rtmptest.FreeAddr(t) + "/app/x"}, exitNoConnect, "error"},
		{"stream not found", []string{notFound.URL("app/x")}, exitNotFound, "NetStream.Play.StreamNotFound"},
		{"no media", []string{"--wait", "300ms", noMedia.URL("app/x")}, exitOK, "the stream ended"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(context.Background(), runProbe, tc.args...)
			if code != tc.want || !strings.Contains(stdout, tc.says) {
				t.Errorf("exit %d, want %d; stdout %q, stderr %q", code, tc.want, stdout, stderr)
			}
		})
	}
}
