package flv

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var updateSeeds = flag.Bool("update", false, "rewrite the fuzz seed corpora in testdata/fuzz from the case tables")

// TestWriteFuzzSeeds writes every case table's wire vectors as fuzz seeds,
// so the committed corpora follow the tables.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*updateSeeds {
		t.Skip("run with -update to rewrite testdata/fuzz")
	}
	var video, audio, script, files [][]byte
	for _, tc := range allVideoCases() {
		video = append(video, tc.wire)
	}
	for _, tc := range videoErrorCases {
		video = append(video, tc.wire)
	}
	for _, tc := range allAudioCases() {
		audio = append(audio, tc.wire)
	}
	for _, tc := range audioErrorCases {
		audio = append(audio, tc.wire)
	}
	for _, tc := range scriptCases {
		script = append(script, tc.wire)
	}
	tags := sampleTags()
	tags[3].Data = tags[3].Data[:64]
	files = append(files, writeFile(t, Header{HasAudio: true, HasVideo: true}, tags))
	for _, tc := range fileHeaderCases {
		f := append(append([]byte{}, tc.wire...), make([]byte, int(tc.want.DataOffset)-HeaderSize+4)...)
		files = append(files, AppendTag(f, Tag{Type: TagVideo, Timestamp: 1 << 24, Data: findVideoCase(t, "AVC NALU key frame, composition time +66").wire}))
	}
	writeSeeds(t, "FuzzVideoHeader", video)
	writeSeeds(t, "FuzzAudioHeader", audio)
	writeSeeds(t, "FuzzScriptData", script)
	writeSeeds(t, "FuzzReader", files)
}

func writeSeeds(t *testing.T, target string, seeds [][]byte) {
	dir := filepath.Join("testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, s := range seeds {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%03d", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
