package server

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/internal/testprog"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// countMedia reads until NetStream.Play.UnpublishNotify and returns the
// audio and video messages received.
func (c *rawClient) countMedia() (int, error) {
	n := 0
	for {
		m, _, err := c.read()
		if err != nil {
			return n, err
		}
		switch v := m.(type) {
		case message.Media:
			n++
		case message.Command:
			if code, _ := getCode(v); code == "NetStream.Play.UnpublishNotify" {
				return n, nil
			}
		}
	}
}

func getCode(cmd message.Command) (string, bool) {
	if cmd.Name != "onStatus" || len(cmd.Args) == 0 {
		return "", false
	}
	return amfString(cmd.Args[0], "code")
}

func clipMediaTags(t *testing.T, path string) int {
	t.Helper()
	n := 0
	for _, tag := range testprog.ReadTags(t, path) {
		if tag.Type != flv.TagScript {
			n++
		}
	}
	return n
}

// TestFiftyPlayers: 50 players on one stream all receive every frame of a
// 10-second clip published by ffmpeg, while one more player that never
// reads changes nothing for the publisher or the others.
func TestFiftyPlayers(t *testing.T) {
	clip := testprog.MakeClip(t, testprog.Clip{Seconds: 10})
	want := clipMediaTags(t, clip)
	for _, mode := range writeModes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			cfg := Config{WriteCoalesce: mode.window}
			cfg.RTMP.WriteTimeout = 2 * time.Second
			fiftyPlayers(t, startServer(t, cfg, testHubConfig()), clip, want)
		})
	}
}

// writeModes are the server's two ways of writing to players: direct
// writes as soon as media arrives, and throughput mode's write clock.
var writeModes = []struct {
	name   string
	window time.Duration
}{
	{"default", 0},
	{"throughput", 50 * time.Millisecond},
}

func fiftyPlayers(t *testing.T, ts *testServer, clip string, want int) {

	stalled := dialRaw(t, ts.addr)
	stalled.play("live", "fan") // and never read again

	const n = 50
	counts := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		c := dialRaw(t, ts.addr)
		c.play("live", "fan")
		wg.Go(func() { counts[i], errs[i] = c.countMedia() })
	}
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "fan")); return ok && s.Subscribers == n+1 })
	if err := publishFFmpeg(t, clip, fmt.Sprintf("rtmp://%s/live/fan", ts.addr))(); err != nil {
		t.Fatalf("publisher: %v", err)
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || counts[i] != want {
			t.Errorf("player %d: %d of %d frames, err %v", i, counts[i], want, errs[i])
		}
	}
}

// TestStalledPlayer: a publisher pushes 12 MB as fast as it can; a player
// that reads gets every frame, one that never reads loses frames to the
// drop policy (or its connection), and the publisher is never held up.
func TestStalledPlayer(t *testing.T) {
	for _, mode := range writeModes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			cfg := Config{WriteCoalesce: mode.window}
			cfg.RTMP.WriteTimeout = time.Second
			// In throughput mode a window's media waits in the queue,
			// which must hold it: 64 KiB per window/10 is 640 KiB.
			gap := max(time.Millisecond, mode.window/10)
			stalledPlayer(t, startServer(t, cfg, stream.Config{GOPMaxBytes: 2 << 20, SubscriberQueueBytes: 2 << 20}), gap)
		})
	}
}

func stalledPlayer(t *testing.T, ts *testServer, gap time.Duration) {
	stalled := dialRaw(t, ts.addr)
	stalled.play("live", "big")
	reader := dialRaw(t, ts.addr)
	reader.play("live", "big")
	var got int
	var readErr error
	var wg sync.WaitGroup
	wg.Go(func() { got, readErr = reader.countMedia() })
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "big")); return ok && s.Subscribers == 2 })

	pub := dialRaw(t, ts.addr)
	id := pub.publish("live", "big")
	const frames = 200
	frame := make([]byte, 64<<10)
	for i := range frames {
		frame[0] = 0x27 // inter frame, AVC
		if i%10 == 0 {
			frame[0] = 0x17 // keyframe every 10 frames
		}
		frame[1] = 1
		pub.sendTag(id, flv.Tag{Type: flv.TagVideo, Timestamp: uint32(i * 40), Data: frame})
		time.Sleep(gap)
	}
	pub.call("FCUnpublish", 4, 0, nil, "big")
	pub.call("deleteStream", 5, 0, nil, float64(id))
	wg.Wait()
	if readErr != nil || got != frames {
		t.Fatalf("reading player: %d of %d frames, err %v", got, frames, readErr)
	}
}
