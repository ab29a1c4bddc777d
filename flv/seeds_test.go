package flv

import (
	"fmt"
	"testing"

	"github.com/sluicemedia/sluice/internal/fuzztest"
)

// TestFuzzSeedsCommitted keeps the committed corpora in step with every
// case table's wire vectors (run with -write-seeds to rewrite them).
func TestFuzzSeedsCommitted(t *testing.T) {
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
	fuzztest.Sync(t, "FuzzVideoHeader", numbered(video))
	fuzztest.Sync(t, "FuzzAudioHeader", numbered(audio))
	fuzztest.Sync(t, "FuzzScriptData", numbered(script))
	fuzztest.Sync(t, "FuzzReader", numbered(files))
}

// numbered names inputs by their index.
func numbered(inputs [][]byte) []fuzztest.Seed {
	seeds := make([]fuzztest.Seed, len(inputs))
	for i, in := range inputs {
		seeds[i] = fuzztest.Seed{Name: fmt.Sprintf("%03d", i), Args: []any{in}}
	}
	return seeds
}
