package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/message"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// received collects what a test server's publishers sent, per connection.
type received struct {
	mu       sync.Mutex
	sessions [][]flv.Tag
}

func (r *received) add(session int, t flv.Tag) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.sessions) <= session {
		r.sessions = append(r.sessions, nil)
	}
	r.sessions[session] = append(r.sessions[session], t)
}

func (r *received) get() [][]flv.Tag {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.sessions)
}

// publishServer accepts publishers and records their tags; a connection
// whose number is in dropAfter is cut after that many tags.
func publishServer(t *testing.T, dropAfter map[int]int) (*rtmptest.Server, *received) {
	rec := &received{}
	var mu sync.Mutex
	conns := 0
	srv := rtmptest.NewServer(t, func(c *rtmptest.Conn) {
		mu.Lock()
		n := conns
		conns++
		mu.Unlock()
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		if cmd, err := c.AcceptStream(); err != nil || cmd.Name != "publish" {
			return
		}
		c.Status(1, rtmp.LevelStatus, rtmp.CodePublishStart, "go")
		count := 0
		for {
			m, err := c.ReadMessage()
			if err != nil {
				return
			}
			switch message.Type(m.TypeID) {
			case message.TypeAudio, message.TypeVideo, message.TypeDataAMF0:
				rec.add(n, flv.Tag{Type: flv.TagType(m.TypeID), Timestamp: m.Timestamp, Data: m.Payload})
				count++
			}
			if limit, ok := dropAfter[n]; ok && count >= limit {
				return
			}
		}
	})
	return srv, rec
}

// writeFLV writes tags as an FLV file and returns its path.
func writeFLV(t *testing.T, tags []flv.Tag) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.flv")
	var b bytes.Buffer
	w := flv.NewWriter(&b)
	if err := w.WriteHeader(flv.Header{HasAudio: true, HasVideo: true}); err != nil {
		t.Fatal(err)
	}
	for _, tag := range tags {
		if err := w.WriteTag(tag); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// withoutSetDataFrame drops the "@setDataFrame" a publisher puts before
// onMetaData.
func withoutSetDataFrame(t flv.Tag) flv.Tag {
	if sd, err := flv.ParseScriptData(t.Data); err == nil && sd.SetDataFrame {
		sd.SetDataFrame = false
		t.Data, _ = sd.AppendTo(nil)
	}
	return t
}

func TestPublishFile(t *testing.T) {
	tags := testTags()
	srv, rec := publishServer(t, nil)
	in := writeFLV(t, tags)
	start := time.Now()
	code, _, stderr := runCmd(context.Background(), runPublish, in, srv.URL("live/key"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// 25 frames 40 ms apart, paced: about a second.
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("took %v: not paced", d)
	}
	if !strings.Contains(stderr, "100%") || !strings.Contains(stderr, "kbit/s") {
		t.Errorf("no progress on stderr: %q", stderr)
	}
	waitSessions(t, rec, 1, len(tags))
	got := rec.get()[0]
	for i := range tags {
		g := withoutSetDataFrame(got[i])
		if g.Type != tags[i].Type || g.Timestamp != tags[i].Timestamp || !bytes.Equal(g.Data, tags[i].Data) {
			t.Fatalf("tag %d: got %+v, want %+v", i, g, tags[i])
		}
	}
}

// waitSessions waits until the server has seen n tags in session s.
func waitSessions(t *testing.T, rec *received, sessions, lastCount int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		got := rec.get()
		if len(got) >= sessions && len(got[sessions-1]) >= lastCount {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("server got %d sessions, want %d with %d tags in the last", len(rec.get()), sessions, lastCount)
}

func TestPublishStdin(t *testing.T) {
	tags := testTags()
	srv, rec := publishServer(t, nil)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = stdin; r.Close() }()
	b, err := os.ReadFile(writeFLV(t, tags))
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.Write(b); w.Close() }()
	start := time.Now()
	code, _, stderr := runCmd(context.Background(), runPublish, "-", srv.URL("live/key"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if d := time.Since(start); d > 800*time.Millisecond {
		t.Errorf("took %v: stdin is not paced by default", d)
	}
	waitSessions(t, rec, 1, len(tags))
}

// TestPublishLoop: --loop sends the file again and again with timestamps
// that keep increasing, and the metadata once.
func TestPublishLoop(t *testing.T) {
	tags := testTags()
	srv, rec := publishServer(t, nil)
	in := writeFLV(t, tags)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for len(rec.get()) == 0 || len(rec.get()[0]) < 3*len(tags) {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	code, _, stderr := runCmd(ctx, runPublish, "-q", "--loop", "--pace=false", in, srv.URL("live/key"))
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, exitInterrupted, stderr)
	}
	got := rec.get()[0]
	var last uint32
	metadata := 0
	for i, tag := range got {
		if tag.Type == flv.TagScript {
			metadata++
			continue
		}
		if tag.Timestamp < last {
			t.Fatalf("tag %d at %d after %d: timestamps went back", i, tag.Timestamp, last)
		}
		last = tag.Timestamp
	}
	if metadata != 1 {
		t.Errorf("metadata sent %d times, want once", metadata)
	}
	if span := last - tags[1].Timestamp; span < 2*960 {
		t.Errorf("timestamps span %d ms over 3 passes of a 960 ms file", span)
	}
}

// TestPublishReconnects: with --reconnect a cut connection is replaced;
// the new one gets the metadata and sequence headers again and the
// timestamps go on from where they were.
func TestPublishReconnects(t *testing.T) {
	tags := testTags()
	srv, rec := publishServer(t, map[int]int{0: 20})
	in := writeFLV(t, tags)
	// Paced, so that the client is still sending when the server cuts.
	code, _, stderr := runCmd(context.Background(), runPublish, "--reconnect", in, srv.URL("live/key"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sessions := rec.get()
	if len(sessions) != 2 {
		t.Fatalf("%d sessions, want 2; stderr %q", len(sessions), stderr)
	}
	second := sessions[1]
	if len(second) < 3 || second[0].Type != flv.TagScript || !flv.IsSequenceHeader(second[1]) || !flv.IsSequenceHeader(second[2]) {
		t.Fatalf("second session starts with %+v, want metadata and sequence headers", second[:min(3, len(second))])
	}
	lastFirst := sessions[0][len(sessions[0])-1].Timestamp
	if second[0].Timestamp < lastFirst-40 || second[len(second)-1].Timestamp != tags[len(tags)-1].Timestamp {
		t.Errorf("second session from %d to %d; first ended at %d, file at %d",
			second[0].Timestamp, second[len(second)-1].Timestamp, lastFirst, tags[len(tags)-1].Timestamp)
	}
}

func TestPublishExitCodes(t *testing.T) {
	in := writeFLV(t, testTags())
	notFLV := filepath.Join(t.TempDir(), "x.txt")
	os.WriteFile(notFLV, []byte("hello, this is no video"), 0o644)
	badName := rtmptest.NewServer(t, func(c *rtmptest.Conn) {
		if _, err := c.AcceptConnect(); err != nil {
			return
		}
		if _, err := c.AcceptStream(); err != nil {
			return
		}
		c.Status(1, rtmp.LevelError, rtmp.CodePublishBadName, "already publishing")
		c.Drain()
	})
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"one argument", []string{in}, exitUsage},
		{"loop on stdin", []string{"--loop", "-", "rtmp://a/b/c"}, exitUsage},
		{"missing file", []string{"/nonexistent.flv", "rtmp://a/b/c"}, exitUsage},
		{"not an FLV file", []string{notFLV, "rtmp://a/b/c"}, exitUsage},
		{"nothing listening", []string{"-q", in, "rtmp://" + rtmptest.FreeAddr(t) + "/app/x"}, exitNoConnect},
		{"bad name", []string{"-q", in, badName.URL("app/x")}, exitRejected},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(context.Background(), runPublish, tc.args...)
			if code != tc.want {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.want, stderr)
			}
		})
	}
}
