package server

import (
	"fmt"
	"testing"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// describe renders a message in a form the flow tests compare.
func describe(m message.Message, streamID uint32) string {
	switch v := m.(type) {
	case message.Command:
		if v.Name == "onStatus" || v.Name == "_result" && len(v.Args) > 0 {
			if code, ok := amf.GetString(arg0(v), "code"); ok {
				return fmt.Sprintf("%s(%d) %s", v.Name, streamID, code)
			}
		}
		return fmt.Sprintf("%s(%d)", v.Name, streamID)
	case message.Data:
		return fmt.Sprintf("data(%d) %s", streamID, v.Handler())
	case message.UserControl:
		return fmt.Sprintf("%v %d", v.Event, v.StreamID)
	case message.Media:
		return fmt.Sprintf("%v(%d) % x", v.TypeID, streamID, v.Payload[:2])
	}
	return m.Type().String()
}

// TestPlayFlow asserts the connect, createStream and play exchange message
// by message, with a publisher already live.
func TestPlayFlow(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	pid := pub.publish("live", "cam")
	pub.send(message.Data{Values: []amf.Value{"@setDataFrame", "onMetaData", amf.ECMAArray{{Key: "width", Value: 320.0}}}}, pid, 0)
	for _, tag := range []flv.Tag{avcSequenceHeader(0), aacSequenceHeader(0), avcFrame(0, true, 1), aacFrame(10, 2), avcFrame(40, false, 3)} {
		pub.sendTag(pid, tag)
	}
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "cam")); return ok && s.PacketsIn >= 6 })

	c := dialRaw(t, ts.addr)
	c.call("connect", 1, 0, amf.Object{{Key: "app", Value: "live"}, {Key: "objectEncoding", Value: 0.0}})
	wantMessages(t, c, []string{
		"WindowAckSize",
		"SetPeerBandwidth",
		"StreamBegin 0",
		"_result(0) NetConnection.Connect.Success",
		"onBWDone(0)",
	})
	c.call("createStream", 2, 0, nil)
	m, _ := c.next()
	if cmd, ok := m.(message.Command); !ok || cmd.Name != "_result" || cmd.TransactionID != 2 || len(cmd.Args) != 1 || cmd.Args[0] != 1.0 {
		t.Fatalf("createStream answer: %#v", m)
	}
	c.call("play", 3, 1, nil, "cam", -2.0, -1.0, true)
	wantMessages(t, c, []string{
		"SetChunkSize",
		"StreamBegin 1",
		"onStatus(1) NetStream.Play.Reset",
		"onStatus(1) NetStream.Play.Start",
		"data(1) |RtmpSampleAccess",
		"data(1) onMetaData",
		"Video(1) 17 00",
		"Audio(1) af 00",
		"Video(1) 17 01",
		"Audio(1) af 01",
		"Video(1) 27 01",
	})
}

func wantMessages(t *testing.T, c *rawClient, want []string) {
	t.Helper()
	for i, w := range want {
		m, cm := c.next()
		if got := describe(m, cm.StreamID); got != w {
			t.Fatalf("message %d: got %q, want %q", i, got, w)
		}
	}
}
