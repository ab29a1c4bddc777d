package server

import (
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// player connects, creates a stream and plays name.
func (c *rawClient) play(app, name string) uint32 {
	c.t.Helper()
	c.connect(app)
	id := c.createStream()
	c.call("play", 3, id, nil, name)
	return id
}

// nextMedia skips to the next audio or video message.
func (c *rawClient) nextMedia() (message.Media, uint32) {
	c.t.Helper()
	for {
		m, cm := c.next()
		if media, ok := m.(message.Media); ok {
			return media, cm.Timestamp
		}
	}
}

func sendGOP(c *rawClient, id uint32, ts uint32, n byte) {
	c.sendTag(id, avcSequenceHeader(ts))
	c.sendTag(id, aacSequenceHeader(ts))
	c.sendTag(id, avcFrame(ts, true, n))
	c.sendTag(id, aacFrame(ts+10, n))
}

func TestUnpublishRepublish(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	pid := pub.publish("live", "s")
	sendGOP(pub, pid, 0, 1)

	player := dialRaw(t, ts.addr)
	player.play("live", "s")
	if code := player.status(); code != "NetStream.Play.Reset" {
		t.Fatalf("got %s", code)
	}
	if m, _ := player.nextMedia(); m.Payload[1] != 0 {
		t.Fatalf("first media is not a sequence header: % x", m.Payload)
	}
	pub.call("FCUnpublish", 4, 0, nil, "s")
	pub.call("deleteStream", 5, 0, nil, float64(pid))
	wantEvent(t, player, message.EventStreamEOF)
	if code := player.status(); code != "NetStream.Play.UnpublishNotify" {
		t.Fatalf("got %s", code)
	}

	pub2 := dialRaw(t, ts.addr)
	pid2 := pub2.publish("live", "s")
	sendGOP(pub2, pid2, 5000, 9)
	wantEvent(t, player, message.EventStreamBegin)
	if code := player.status(); code != "NetStream.Play.PublishNotify" {
		t.Fatalf("got %s", code)
	}
	for _, want := range []string{"17 00", "af 00", "17 01"} {
		m, _ := player.nextMedia()
		if got := hex2(m.Payload); got != want {
			t.Fatalf("after republish got %s, want %s", got, want)
		}
	}
}

func hex2(b []byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b[0]>>4], digits[b[0]&15], ' ', digits[b[1]>>4], digits[b[1]&15]})
}

func wantEvent(t *testing.T, c *rawClient, ev message.EventType) {
	t.Helper()
	for {
		m, _ := c.next()
		if uc, ok := m.(message.UserControl); ok && uc.Event == ev {
			return
		}
		if _, ok := m.(message.Media); ok {
			continue
		}
	}
}

func TestPlayBeforePublish(t *testing.T) {
	ts := startServer(t, Config{PlayWait: 5 * time.Second}, testHubConfig())
	player := dialRaw(t, ts.addr)
	player.play("live", "later")
	time.Sleep(100 * time.Millisecond)
	pub := dialRaw(t, ts.addr)
	pid := pub.publish("live", "later")
	sendGOP(pub, pid, 0, 1)
	if code := player.status(); code != "NetStream.Play.Reset" {
		t.Fatalf("got %s", code)
	}
	if code := player.status(); code != "NetStream.Play.Start" {
		t.Fatalf("got %s", code)
	}
	if m, _ := player.nextMedia(); hex2(m.Payload) != "17 00" {
		t.Fatalf("first media % x", m.Payload)
	}
}

func TestPlayNotFound(t *testing.T) {
	ts := startServer(t, Config{PlayWait: 200 * time.Millisecond}, testHubConfig())
	player := dialRaw(t, ts.addr)
	player.play("live", "never")
	if code := player.status(); code != "NetStream.Play.StreamNotFound" {
		t.Fatalf("got %s", code)
	}
	// The connection stays usable.
	player.call("createStream", 9, 0, nil)
}

func TestBusyNameAndIdleTakeover(t *testing.T) {
	ts := startServer(t, Config{}, stream.Config{IdleTakeover: 300 * time.Millisecond})
	first := dialRaw(t, ts.addr)
	fid := first.publish("live", "key")
	first.sendTag(fid, avcFrame(0, true, 1))

	second := dialRaw(t, ts.addr)
	second.connect("live")
	sid := second.createStream()
	second.call("publish", 3, sid, nil, "key", "live")
	if code := second.status(); code != "NetStream.Publish.BadName" {
		t.Fatalf("busy name: got %s", code)
	}

	time.Sleep(400 * time.Millisecond) // the first publisher is now idle, as after a network break
	third := dialRaw(t, ts.addr)
	third.publish("live", "key")
	// The replaced publisher's connection is closed.
	first.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		if _, _, err := first.read(); err != nil {
			break
		}
	}
}

func TestTwoApps(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	a := dialRaw(t, ts.addr)
	aid := a.publish("app1", "s")
	b := dialRaw(t, ts.addr)
	bid := b.publish("app2", "s") // same name, other app: not busy
	a.sendTag(aid, avcFrame(0, true, 1))
	b.sendTag(bid, avcFrame(0, true, 2))
	for app, want := range map[string]byte{"app1": 1, "app2": 2} {
		p := dialRaw(t, ts.addr)
		p.play(app, "s")
		m, _ := p.nextMedia()
		if m.Payload[len(m.Payload)-1] != want {
			t.Errorf("%s: got frame %d", app, m.Payload[len(m.Payload)-1])
		}
	}
}

func TestUnknownCommandKeepsConnection(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	c := dialRaw(t, ts.addr)
	c.connect("live")
	c.call("noSuchCommand", 7, 0, nil)
	m, _ := c.next()
	cmd, ok := m.(message.Command)
	if !ok || cmd.Name != "_error" || cmd.TransactionID != 7 {
		t.Fatalf("got %#v", m)
	}
	if code, _ := amf.GetString(arg0(cmd), "code"); code != "NetConnection.Call.Failed" {
		t.Fatalf("code %q", code)
	}
	if id := c.createStream(); id != 1 {
		t.Fatalf("createStream after _error: %d", id)
	}
}

func TestMetadataStripsSetDataFrame(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	pid := pub.publish("live", "m")
	pub.send(message.Data{Values: []amf.Value{"@setDataFrame", "onMetaData", amf.ECMAArray{{Key: "width", Value: 640.0}}}}, pid, 0)
	pub.sendTag(pid, avcFrame(0, true, 1))
	p := dialRaw(t, ts.addr)
	p.play("live", "m")
	for {
		m, _ := p.next()
		d, ok := m.(message.Data)
		if !ok || d.Handler() == "|RtmpSampleAccess" {
			continue
		}
		if d.Handler() != "onMetaData" || len(d.Values) != 2 {
			t.Fatalf("metadata %#v", d.Values)
		}
		if w, _ := amf.GetNumber(d.Values[1], "width"); w != 640 {
			t.Fatalf("width %v", w)
		}
		return
	}
}
