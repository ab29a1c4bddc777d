package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// TestPlayDuration: play's duration argument (milliseconds) ends the playback
// with NetStream.Play.Stop once that much media has been sent.
func TestPlayDuration(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	pid := pub.publish("live", "d")
	pub.sendTag(pid, avcFrame(0, true, 0))
	p := dialRaw(t, ts.addr)
	p.connect("live")
	id := p.createStream()
	p.call("play", 3, id, nil, "d", -2.0, 1000.0) // one second
	for i := 1; i <= 50; i++ {
		pub.sendTag(pid, avcFrame(uint32(i*40), false, byte(i)))
	}
	frames := 0
	for {
		m, cm := p.next()
		if _, ok := m.(message.Media); ok {
			frames++
			if cm.Timestamp >= 1000 {
				t.Fatalf("frame at %d ms sent past the 1 s duration", cm.Timestamp)
			}
		}
		if cmd, ok := m.(message.Command); ok {
			if code, _ := getCode(cmd); code == "NetStream.Play.Stop" {
				break
			}
		}
	}
	if frames != 25 {
		t.Fatalf("%d frames in one second at 25 fps", frames)
	}
}

// TestEnhancedRTMP: a connect with fourCcList is answered with it, and an
// HEVC stream in Enhanced RTMP form passes through with its sequence
// header cached for a late joiner.
func TestEnhancedRTMP(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	list := amf.StrictArray{"hvc1", "av01", "vp09", "Opus"}
	pub.call("connect", 1, 0, amf.Object{{Key: "app", Value: "live"}, {Key: "fourCcList", Value: list},
		{Key: "videoFourCcInfoMap", Value: amf.Object{{Key: "hvc1", Value: 4.0}}}, {Key: "capsEx", Value: 2.0}})
	for {
		m, _ := pub.next()
		cmd, ok := m.(message.Command)
		if !ok || cmd.Name != "_result" {
			continue
		}
		// Enhanced RTMP: the answer is in the properties object.
		got, _ := amf.Lookup(cmd.Object, "fourCcList")
		if gl, ok := got.(amf.StrictArray); !ok || len(gl) != len(list) {
			t.Fatalf("fourCcList answer %#v", got)
		}
		if caps, _ := amf.GetNumber(cmd.Object, "capsEx"); caps != 0x0E {
			t.Errorf("capsEx %v", caps)
		}
		infoMap, _ := amf.Lookup(cmd.Object, "videoFourCcInfoMap")
		if fwd, _ := amf.GetNumber(infoMap, "*"); fwd != 4 {
			t.Errorf("videoFourCcInfoMap %#v", infoMap)
		}
		if _, ok := amf.Lookup(cmd.Object, "audioFourCcInfoMap"); ok {
			t.Error("audioFourCcInfoMap answered though not asked")
		}
		break
	}
	id := pub.createStream()
	pub.call("publish", 3, id, nil, "enhanced", "live")
	if code := pub.status(); code != "NetStream.Publish.Start" {
		t.Fatal(code)
	}
	var sent []flv.Tag
	for i, tc := range enhancedTags() {
		for _, tag := range tc.tags {
			tag.Timestamp = uint32(i * 40)
			pub.sendTag(id, tag)
			sent = append(sent, tag)
		}
	}
	waitFor(t, func() bool {
		s, ok := ts.hub.Stream(keyOf("live", "enhanced"))
		return ok && s.PacketsIn == uint64(len(sent))
	})
	p := dialRaw(t, ts.addr)
	p.play("live", "enhanced")
	// A late joiner gets the newest sequence header of each kind first (the
	// VP9 one replaced the earlier video headers, and dropped their GOP),
	// then the GOP from the VP9 keyframe on.
	st, _ := ts.hub.Stream(keyOf("live", "enhanced"))
	if st.VideoCodec == "" || st.AudioCodec != "Opus" {
		t.Errorf("codecs %q %q", st.VideoCodec, st.AudioCodec)
	}
	cases := enhancedTags()
	vp9, opus := cases[3].tags, cases[2].tags
	headers := map[string]bool{string(vp9[0].Data): true, string(opus[0].Data): true}
	for range 2 {
		m, _ := p.nextMedia()
		if !headers[string(m.Payload)] {
			t.Fatalf("got % x, want the VP9 and Opus sequence headers first", m.Payload)
		}
		delete(headers, string(m.Payload))
	}
	for _, want := range vp9[1:] {
		if m, _ := p.nextMedia(); string(m.Payload) != string(want.Data) {
			t.Fatalf("got % x, want % x", m.Payload, want.Data)
		}
	}
}

// enhancedTag cases: Enhanced RTMP v1/v2 headers for each FourCC. Video:
// IsExHeader (0x80) | frame type << 4 | packet type, then the FourCC.
// Audio: SoundFormat 9 (ExHeader) << 4 | packet type, then the FourCC.
type enhancedCase struct {
	name string
	tags []flv.Tag
}

func exVideo(frameType, packetType byte, fourcc string, body ...byte) flv.Tag {
	return flv.Tag{Type: flv.TagVideo, Data: append([]byte{0x80 | frameType<<4 | packetType, fourcc[0], fourcc[1], fourcc[2], fourcc[3]}, body...)}
}

func exAudio(packetType byte, fourcc string, body ...byte) flv.Tag {
	return flv.Tag{Type: flv.TagAudio, Data: append([]byte{9<<4 | packetType, fourcc[0], fourcc[1], fourcc[2], fourcc[3]}, body...)}
}

func enhancedTags() []enhancedCase {
	return []enhancedCase{
		// hvc1: SequenceStart (0), CodedFrames (1) with a 24-bit composition time.
		{"hevc", []flv.Tag{exVideo(1, 0, "hvc1", 1, 2), exVideo(1, 1, "hvc1", 0, 0, 0, 0xAA)}},
		// av01: SequenceStart, CodedFrames (no composition time).
		{"av1", []flv.Tag{exVideo(1, 0, "av01", 0x81), exVideo(1, 1, "av01", 0x12)}},
		// Opus: SequenceStart then CodedFrames.
		{"opus", []flv.Tag{exAudio(0, "Opus", 'O', 'p', 'u', 's'), exAudio(1, "Opus", 0xFC)}},
		// vp09: SequenceStart, CodedFrames keyframe, CodedFrames inter frame.
		{"vp9", []flv.Tag{exVideo(1, 0, "vp09", 1), exVideo(1, 1, "vp09", 0x82), exVideo(2, 1, "vp09", 0x86)}},
	}
}

// TestEnhancedMultitrack: a multitrack video message (Enhanced RTMP v2,
// packet type 6, OneTrack) passes through byte for byte.
func TestEnhancedMultitrack(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	id := pub.publish("live", "mt")
	// 0x80|1<<4|6 multitrack keyframe, then AvMultitrackType OneTrack (0)<<4 |
	// packet type SequenceStart (0), FourCC, track id 1, then the config.
	seq := flv.Tag{Type: flv.TagVideo, Data: []byte{0x80 | 1<<4 | 6, 0x00, 'a', 'v', 'c', '1', 1, 0x01, 0x42}}
	// OneTrack, CodedFrames (1), FourCC, track id 1, composition time 0, data.
	frame := flv.Tag{Type: flv.TagVideo, Timestamp: 40, Data: []byte{0x80 | 1<<4 | 6, 0x01, 'a', 'v', 'c', '1', 1, 0, 0, 0, 0xEE}}
	pub.sendTag(id, seq)
	pub.sendTag(id, frame)
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "mt")); return ok && s.PacketsIn == 2 })
	p := dialRaw(t, ts.addr)
	p.play("live", "mt")
	for _, want := range []flv.Tag{seq, frame} {
		m, _ := p.nextMedia()
		if string(m.Payload) != string(want.Data) {
			t.Fatalf("got % x, want % x", m.Payload, want.Data)
		}
	}
}

// TestSeveralNetStreams: one connection publishes on one NetStream and
// plays another stream on a second.
func TestSeveralNetStreams(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	other := dialRaw(t, ts.addr)
	oid := other.publish("live", "b")
	other.sendTag(oid, avcFrame(0, true, 7))

	c := dialRaw(t, ts.addr)
	c.connect("live")
	pubID, playID := c.createStream(), c.createStream()
	if pubID == playID {
		t.Fatal("same stream id twice")
	}
	c.call("publish", 3, pubID, nil, "a", "live")
	if code := c.status(); code != "NetStream.Publish.Start" {
		t.Fatal(code)
	}
	c.call("play", 4, playID, nil, "b")
	m, stamp := c.nextMedia()
	if stamp != 0 || m.Payload[len(m.Payload)-1] != 7 {
		t.Fatalf("played % x", m.Payload)
	}
	c.sendTag(pubID, avcFrame(0, true, 8))
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "a")); return ok && s.PacketsIn == 1 })
}

func TestLimits(t *testing.T) {
	cfg := Config{MaxConnections: 2}
	cfg.RTMP.MaxStreams = 2
	cfg.RTMP.HandshakeTimeout = 300 * time.Millisecond
	ts := startServer(t, cfg, testHubConfig())

	c := dialRaw(t, ts.addr)
	c.connect("live")
	c.createStream()
	c.createStream()
	c.call("createStream", 9, 0, nil)
	m, _ := c.next()
	if cmd, ok := m.(message.Command); !ok || cmd.Name != "_error" {
		t.Fatalf("third createStream: %#v", m)
	}

	// A peer that never sends its handshake is cut off at the deadline.
	silent, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	silent.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); err == nil || isTimeout(err) {
		t.Fatalf("silent peer: %v, want the server to close", err)
	}
	waitFor(t, func() bool { return ts.srv.Connections() == 1 })

	// Beyond MaxConnections a connection is closed at once.
	second := dialRaw(t, ts.addr)
	_ = second
	third, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	third.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := third.Read(make([]byte, 1)); err == nil || isTimeout(err) {
		t.Fatalf("connection over the cap: %v, want closed", err)
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// TestGracefulStop: when the server stops, every player gets an onStatus
// and a clean close, even with large frames in flight to it.
func TestGracefulStop(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hub := stream.NewHub(stream.Config{})
	defer hub.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- New(Config{}, hub).Serve(ctx, ln) }()
	pub := dialRaw(t, ln.Addr().String())
	pid := pub.publish("live", "g")
	pub.sendTag(pid, avcFrame(0, true, 1))
	const players = 8
	stopped := make(chan error, players)
	for range players {
		p := dialRaw(t, ln.Addr().String())
		p.play("live", "g")
		p.nextMedia()
		go func() { stopped <- p.untilPlayStop() }()
	}
	frame := make([]byte, 64<<10)
	frame[0], frame[1] = 0x27, 1
	var wg sync.WaitGroup
	wg.Go(func() { // keep large frames flowing while the server stops
		for i := 1; ctx.Err() == nil && i < 2000; i++ {
			b, err := pub.w.AppendMessage(nil, &chunk.Message{ChunkStreamID: 6, TypeID: 9, StreamID: pid, Timestamp: uint32(i * 40), Payload: frame})
			if err != nil {
				return
			}
			if _, err := pub.nc.Write(b); err != nil {
				return
			}
		}
	})
	time.Sleep(100 * time.Millisecond)
	cancel()
	for range players {
		if err := <-stopped; err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// untilPlayStop reads until NetStream.Play.Stop; an error or a close
// before it is returned.
func (c *rawClient) untilPlayStop() error {
	for {
		m, _, err := c.read()
		if err != nil {
			return fmt.Errorf("connection ended before NetStream.Play.Stop: %w", err)
		}
		if cmd, ok := m.(message.Command); ok {
			if code, _ := getCode(cmd); code == "NetStream.Play.Stop" {
				return nil
			}
		}
	}
}

// TestAMF3Client: a client that connects with an AMF3 command (type 17)
// and objectEncoding 3 gets its answers as type 17 with objectEncoding 3.
func TestAMF3Client(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	c := dialRaw(t, ts.addr)
	c.send(message.Command{AMF3: true, Name: "connect", TransactionID: 1,
		Object: amf.Object{{Key: "app", Value: "live"}, {Key: "objectEncoding", Value: 3.0}}}, 0, 0)
	for {
		m, cm := c.next()
		cmd, ok := m.(message.Command)
		if !ok || cmd.Name != "_result" {
			continue
		}
		if cm.TypeID != uint8(message.TypeCommandAMF3) {
			t.Errorf("answer type %d", cm.TypeID)
		}
		if enc, _ := amf.GetNumber(arg0(cmd), "objectEncoding"); enc != 3 {
			t.Errorf("objectEncoding %v", enc)
		}
		return
	}
}

// TestServerAcknowledges: after the client announces a window, the server
// sends an Acknowledgement for each window of bytes received, counting the
// handshake (RTMP 1.0 §5.4.3).
func TestServerAcknowledges(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	c := dialRaw(t, ts.addr)
	c.send(message.WindowAckSize{Size: 4000}, 0, 0)
	id := c.publish("live", "ack")
	frame := make([]byte, 3000)
	frame[0], frame[1] = 0x17, 1
	for i := range 4 {
		c.sendTag(id, flv.Tag{Type: flv.TagVideo, Timestamp: uint32(i * 40), Data: frame})
	}
	var last uint32
	for acks := 0; acks < 2; {
		m, _ := c.next()
		if ack, ok := m.(message.Acknowledgement); ok {
			if ack.SequenceNumber <= last || ack.SequenceNumber < 4000*uint32(acks+1) {
				t.Fatalf("ack %d after %d", ack.SequenceNumber, last)
			}
			last = ack.SequenceNumber
			acks++
		}
	}
}

// TestWriteCoalescing: in throughput mode every frame still arrives, in
// order.
func TestWriteCoalescing(t *testing.T) {
	ts := startServer(t, Config{WriteCoalesce: 50 * time.Millisecond}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	id := pub.publish("live", "co")
	pub.sendTag(id, avcFrame(0, true, 0))
	p := dialRaw(t, ts.addr)
	p.play("live", "co")
	for i := 1; i <= 40; i++ {
		pub.sendTag(id, avcFrame(uint32(i*10), false, byte(i)))
		if i%10 == 0 {
			time.Sleep(30 * time.Millisecond)
		}
	}
	for i := 0; i <= 40; i++ {
		m, stamp := p.nextMedia()
		if got := m.Payload[len(m.Payload)-1]; got != byte(i) || stamp != uint32(i*10) {
			t.Fatalf("frame %d: got frame %d at %d ms", i, got, stamp)
		}
	}
}

func TestAcceptBackoff(t *testing.T) {
	emfile := &net.OpError{Op: "accept", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	cases := []struct {
		prev time.Duration
		err  error
		want time.Duration
	}{
		{0, emfile, 5 * time.Millisecond},
		{5 * time.Millisecond, emfile, 10 * time.Millisecond},
		{800 * time.Millisecond, emfile, time.Second},
		{0, errors.New("use of closed network connection"), 0},
	}
	for _, c := range cases {
		if got := acceptBackoff(c.prev, c.err); got != c.want {
			t.Errorf("acceptBackoff(%v, %v) = %v, want %v", c.prev, c.err, got, c.want)
		}
	}
}

// TestAggregatePublish: an aggregate message (RTMP 1.0 §7.1.6) is split
// into its sub-messages; metadata inside it loses "@setDataFrame" too.
func TestAggregatePublish(t *testing.T) {
	ts := startServer(t, Config{}, testHubConfig())
	pub := dialRaw(t, ts.addr)
	id := pub.publish("live", "agg")
	meta, err := message.Data{Values: []amf.Value{"@setDataFrame", "onMetaData", amf.ECMAArray{{Key: "width", Value: 64.0}}}}.AppendPayload(nil)
	if err != nil {
		t.Fatal(err)
	}
	key := avcFrame(0, true, 1)
	inter := avcFrame(40, false, 2)
	agg, err := message.AppendAggregate(nil,
		message.SubMessage{Type: message.TypeDataAMF0, Payload: meta},
		message.SubMessage{Type: message.TypeVideo, Payload: key.Data},
		message.SubMessage{Type: message.TypeVideo, Timestamp: 40, Payload: inter.Data})
	if err != nil {
		t.Fatal(err)
	}
	pub.send(message.Media{TypeID: message.TypeAggregate, Payload: agg}, id, 1000)
	waitFor(t, func() bool { s, ok := ts.hub.Stream(keyOf("live", "agg")); return ok && s.PacketsIn >= 3 })
	p := dialRaw(t, ts.addr)
	p.play("live", "agg")
	var got []string
	for len(got) < 3 {
		m, cm := p.next()
		switch v := m.(type) {
		case message.Data:
			if v.Handler() != "|RtmpSampleAccess" {
				got = append(got, fmt.Sprintf("data %s %d", v.Handler(), len(v.Values)))
			}
		case message.Media:
			got = append(got, fmt.Sprintf("video %d at %d", v.Payload[len(v.Payload)-1], cm.Timestamp))
		}
	}
	want := []string{"data onMetaData 2", "video 1 at 1000", "video 2 at 1040"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// TestEncodingKeys: players with the same chunk size and NetStream id
// share an encoding key; any other pair has its own.
func TestEncodingKeys(t *testing.T) {
	var keys encodingKeys
	a := keys.get(4096, 1)
	cases := []struct {
		chunkSize, streamID uint32
		same                bool
	}{
		{4096, 1, true},
		{4096, 2, false},
		{128, 1, false},
	}
	for _, c := range cases {
		if got := keys.get(c.chunkSize, c.streamID) == a; got != c.same {
			t.Errorf("get(%d, %d) shared with get(4096, 1): %v, want %v", c.chunkSize, c.streamID, got, c.same)
		}
	}
	if len(keys.keys) != 3 {
		t.Errorf("%d keys boxed, want 3", len(keys.keys))
	}
}
