package server

import (
	"bytes"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// TestHeldMessageGoesOutWhileThePublisherWaits: a message whose fan-out
// saw the next one arriving is held back in the players' sockets for it
// (stream.DirectWriter's more). Here the next one never completes: the
// publisher sends a frame and the first chunks of another in one write,
// then waits. The player must get the frame while the server waits for
// the rest, not when (or if) it comes.
func TestHeldMessageGoesOutWhileThePublisherWaits(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	pid := pub.publish("live", "cam")
	pub.sendTag(pid, avcSequenceHeader(0))
	pub.sendTag(pid, avcFrame(0, true, 1))

	c := dialRaw(t, ts.addr)
	c.connect("live")
	id := c.createStream()
	c.call("play", 3, id, nil, "cam")
	readVideo(t, c, 0) // sequence header
	readVideo(t, c, 0) // keyframe
	// Frames one at a time, each read before the next: the player's
	// writer has nothing left, so the publisher writes to it directly.
	for i := range 5 {
		ts := uint32(40 * (i + 1))
		pub.sendTag(pid, avcFrame(ts, false, byte(i)))
		readVideo(t, c, ts)
	}

	// The kernel sends what a socket holds back after 200 ms at the latest
	// (TCP's minimum retransmission timeout), so the frame comes anyway:
	// the test asks that it come well before, in the best of three tries
	// (a slow machine may take long once, never three times).
	fastest := time.Hour
	for i := range 3 {
		ts := uint32(240 + 80*i)
		frame := pub.encode(tagMedia(avcFrame(ts, false, 9)), pid, ts)
		// 1000 bytes: eight chunks at the raw client's 128-byte chunk size.
		big := pub.encode(tagMedia(flv.Tag{Type: flv.TagVideo,
			Data: append([]byte{0x27, 0x01, 0, 0, 0}, bytes.Repeat([]byte{7}, 995)...)}), pid, ts+40)
		start := time.Now()
		if _, err := pub.nc.Write(append(frame, big[:300]...)); err != nil {
			t.Fatal(err)
		}
		readVideo(t, c, ts)
		fastest = min(fastest, time.Since(start))
		if _, err := pub.nc.Write(big[300:]); err != nil {
			t.Fatal(err)
		}
		readVideo(t, c, ts+40)
	}
	if fastest > 100*time.Millisecond {
		t.Errorf("the frame came %v after it was sent, at best: it was held for the next one", fastest)
	}
}

// readVideo reads until a video message and checks its timestamp.
func readVideo(t *testing.T, c *rawClient, ts uint32) {
	t.Helper()
	for {
		m, cm, err := c.read()
		if err != nil {
			t.Fatalf("waiting for the video frame at %d ms: %v", ts, err)
		}
		if v, ok := m.(message.Media); ok && v.TypeID == message.TypeVideo {
			if cm.Timestamp != ts {
				t.Fatalf("video at %d ms, want %d", cm.Timestamp, ts)
			}
			return
		}
	}
}
