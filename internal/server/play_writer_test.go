package server

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/rtmp/message"
)

// TestPlayerPings: a player is pinged every PingInterval while it waits
// for a stream, with no writer kept running between the pings.
func TestPlayerPings(t *testing.T) {
	ts := startServer(t, Config{PingInterval: 30 * time.Millisecond, PlayWait: time.Minute}, testHubConfig())
	player := dialRaw(t, ts.addr)
	player.play("live", "pinged")
	for pings := 0; pings < 3; {
		m, _ := player.next()
		if uc, ok := m.(message.UserControl); ok && uc.Event == message.EventPingRequest {
			pings++
		}
	}
}

// TestPlayersKeepNoWriterWhenIdle: a player that keeps up holds no writer
// goroutine once what was queued for it is written (its join burst and
// status messages); live frames reach it by direct writes, and a writer
// starts again when something is queued.
func TestPlayersKeepNoWriterWhenIdle(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	id := pub.publish("live", "idle")
	sendGOP(pub, id, 0, 1)
	players := make([]*rawClient, 10)
	for i := range players {
		players[i] = dialRaw(t, ts.addr)
		players[i].play("live", "idle")
	}
	for _, p := range players {
		if m, _ := p.nextMedia(); hex2(m.Payload) != "17 00" {
			t.Fatalf("first media % x", m.Payload)
		}
	}
	waitFor(t, func() bool { return runningWriters() == 0 })
	for i := byte(2); i < 12; i++ {
		pub.sendTag(id, avcFrame(uint32(i)*40, false, i))
	}
	for _, p := range players {
		for {
			m, _ := p.nextMedia()
			if m.Payload[len(m.Payload)-1] == 11 && m.Payload[0] == 0x27 {
				break
			}
		}
	}
	waitFor(t, func() bool { return runningWriters() == 0 })
	// A status message goes through the queue: a writer runs for it.
	pub.call("deleteStream", 0, 0, nil, float64(id))
	for _, p := range players {
		if code := p.status(); code != "NetStream.Play.UnpublishNotify" {
			t.Fatalf("got %s", code)
		}
	}
	waitFor(t, func() bool { return runningWriters() == 0 })
}

// runningWriters counts the goroutines in a playback's writer.
func runningWriters() int {
	buf := make([]byte, 1<<20)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), "server.(*playback).work(")
}
