package bench

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
)

// writeFLV writes tags into an FLV file in a temporary directory.
func writeFLV(t *testing.T, tags []flv.Tag) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clip.flv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := flv.NewWriter(f)
	if err := w.WriteHeader(flv.Header{Version: 1, HasAudio: true, HasVideo: true, DataOffset: flv.HeaderSize}); err != nil {
		t.Fatal(err)
	}
	for _, tag := range tags {
		if err := w.WriteTag(tag); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestLoadClip(t *testing.T) {
	meta, err := flv.ScriptData{Name: "onMetaData", Values: []amf.Value{amf.ECMAArray{{Key: "width", Value: 320.0}}}}.AppendTo(nil)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFLV(t, []flv.Tag{
		{Type: flv.TagScript, Timestamp: 0, Data: meta},
		{Type: flv.TagVideo, Timestamp: 1000, Data: []byte{0x17, 0x00, 0, 0, 0}}, // AVC sequence header
		{Type: flv.TagAudio, Timestamp: 1000, Data: []byte{0xAF, 0x00, 0x12, 0x10}},
		{Type: flv.TagVideo, Timestamp: 1000, Data: []byte{0x17, 0x01, 0, 0, 0}}, // keyframe
		{Type: flv.TagVideo, Timestamp: 1040, Data: []byte{0x27, 0x01, 0, 0, 0}},
		{Type: flv.TagAudio, Timestamp: 1046, Data: []byte{0xAF, 0x01, 0x21}},
		{Type: flv.TagVideo, Timestamp: 1080, Data: []byte{0x27, 0x01, 0, 0, 0}},
	})
	c, err := loadClip(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.tags) != 6 || c.tags[0].Timestamp != 0 || c.tags[5].Timestamp != 80 {
		t.Errorf("tags %+v", c.tags)
	}
	// Span 80 ms plus the last video interval of 40 ms.
	if c.loop != 120 {
		t.Errorf("loop %d ms, want 120", c.loop)
	}
	sd, err := flv.ParseScriptData(c.meta)
	if err != nil || !sd.SetDataFrame || sd.Name != "onMetaData" {
		t.Errorf("metadata %+v, %v", sd, err)
	}
}

func TestLoadClipErrors(t *testing.T) {
	if _, err := loadClip(filepath.Join(t.TempDir(), "missing.flv")); err == nil {
		t.Error("missing file loaded")
	}
	if _, err := loadClip(writeFLV(t, nil)); err == nil {
		t.Error("clip without tags loaded")
	}
	bad := filepath.Join(t.TempDir(), "bad.flv")
	os.WriteFile(bad, []byte("not an flv file"), 0o644)
	if _, err := loadClip(bad); err == nil {
		t.Error("non-FLV loaded")
	}
}
