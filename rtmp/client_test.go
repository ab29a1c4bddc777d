package rtmp_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/testprog"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/handshake"
)

// serverSide is what the ServerConn of a client test saw.
type serverSide struct {
	handshake handshake.Result
	connect   *rtmp.ConnectRequest
	play      *rtmp.PlayRequest
	publish   *rtmp.PublishRequest
	tags      []flv.Tag // what a publisher sent
	closes    []rtmp.CloseReason
}

// runServerConn accepts one connection with Sluice's own ServerConn,
// performs the handshake and accepts connect, then runs flow on it.
func runServerConn(t *testing.T, flow func(ctx context.Context, sc *rtmp.ServerConn, s *serverSide) error) (addr string, result <-chan error, side *serverSide) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	done := make(chan error, 1)
	side = &serverSide{}
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			done <- err
			return
		}
		sc := rtmp.NewServerConn(nc, rtmp.ServerConfig{})
		defer sc.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if side.handshake, err = sc.Handshake(ctx); err != nil {
			done <- err
			return
		}
		if side.connect, err = sc.ReadConnect(ctx); err != nil {
			done <- err
			return
		}
		done <- flow(ctx, sc, side)
	}()
	return ln.Addr().String(), done, side
}

// nextRequest reads until a request of type T.
func nextRequest[T rtmp.Request](ctx context.Context, sc *rtmp.ServerConn) (T, error) {
	for {
		req, err := sc.ReadRequest(ctx)
		if err != nil {
			var zero T
			return zero, err
		}
		if r, ok := req.(T); ok {
			return r, nil
		}
	}
}

// servePlay plays tags to the first play request, then ends the stream
// with StreamEOF and NetStream.Play.Stop.
func servePlay(tags []flv.Tag) func(context.Context, *rtmp.ServerConn, *serverSide) error {
	return func(ctx context.Context, sc *rtmp.ServerConn, s *serverSide) error {
		if err := sc.AcceptConnect(s.connect); err != nil {
			return err
		}
		var err error
		if s.play, err = nextRequest[*rtmp.PlayRequest](ctx, sc); err != nil {
			return err
		}
		if err := sc.StartPlay(s.play); err != nil {
			return err
		}
		for _, tag := range tags {
			if err := sc.WriteTag(s.play.StreamID, tag); err != nil {
				return err
			}
		}
		if err := sc.StreamEOF(s.play.StreamID); err != nil {
			return err
		}
		stop := rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodePlayStop, Description: "Stopped."}
		if err := sc.SendStatus(s.play.StreamID, stop); err != nil {
			return err
		}
		drainRequests(ctx, sc)
		return nil
	}
}

// drainRequests reads until the client hangs up: closing with its
// acknowledgements unread would reset the connection and discard what it
// has not read yet.
func drainRequests(ctx context.Context, sc *rtmp.ServerConn) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	for {
		if _, err := sc.ReadRequest(ctx); err != nil {
			return
		}
	}
}

// servePublish accepts a publish and records the tags until the client
// deletes the stream.
func servePublish(ctx context.Context, sc *rtmp.ServerConn, s *serverSide) error {
	if err := sc.AcceptConnect(s.connect); err != nil {
		return err
	}
	for {
		req, err := sc.ReadRequest(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch r := req.(type) {
		case *rtmp.PublishRequest:
			s.publish = r
			if err := sc.AcceptPublish(r); err != nil {
				return err
			}
		case *rtmp.Media:
			r.Tag.Data = bytes.Clone(r.Tag.Data)
			s.tags = append(s.tags, r.Tag)
		case *rtmp.CloseStream:
			s.closes = append(s.closes, r.Reason)
		}
	}
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// syntheticTags is a small stream that needs no ffmpeg: metadata, AVC and
// AAC sequence headers, then frames, with a timestamp past 2^24 ms to
// exercise extended timestamps.
func syntheticTags() []flv.Tag {
	meta := []byte{0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a',
		0x08, 0, 0, 0, 1, // ECMA array, 1 entry
		0x00, 0x05, 'w', 'i', 'd', 't', 'h', 0x00, 0x40, 0x74, 0, 0, 0, 0, 0, 0, // width: 320
		0x00, 0x00, 0x09} // object end
	tags := []flv.Tag{
		{Type: flv.TagScript, Data: meta},
		{Type: flv.TagVideo, Data: []byte{0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, 0xFF, 0xE0, 0x00}},
		{Type: flv.TagAudio, Data: []byte{0xAF, 0, 0x12, 0x10}},
	}
	for i := range 40 {
		ts := uint32(i * 40)
		if i >= 20 {
			ts += 0xFFFFFF
		}
		frame := bytes.Repeat([]byte{byte(i)}, 100+i*300) // some span several chunks
		tags = append(tags,
			flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: append([]byte{0x27, 1, 0, 0, 0}, frame...)},
			flv.Tag{Type: flv.TagAudio, Timestamp: ts, Data: append([]byte{0xAF, 1}, frame[:20]...)})
	}
	return tags
}

func TestClientPlaysFromServerConn(t *testing.T) {
	tags := syntheticTags()
	addr, result, side := runServerConn(t, servePlay(tags))
	ctx := testContext(t)
	cc, err := rtmp.Dial(ctx, "rtmp://"+addr+"/live/inst/cam1?token=x", rtmp.ClientOptions{PageURL: "http://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	var events []string
	ps, err := cc.Play(ctx, rtmp.PlayOptions{OnEvent: func(ev rtmp.Event) { events = append(events, ev.String()) }})
	if err != nil {
		t.Fatal(err)
	}
	var got []flv.Tag
	for {
		tag, err := ps.ReadTag(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, tag)
	}
	if err := ps.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if err := <-result; err != nil {
		t.Fatalf("server: %v", err)
	}
	if !slices.EqualFunc(got, tags, tagsEqual) {
		t.Errorf("received %d tags, sent %d; first difference at %d", len(got), len(tags), firstDiff(got, tags))
	}
	c := side.connect
	if c.App != "live/inst" || c.TCURL != "rtmp://"+addr+"/live/inst" || c.FlashVer != rtmp.FlashVerPlay || c.PageURL != "http://example.com/" {
		t.Errorf("connect: app %q tcUrl %q flashVer %q pageUrl %q", c.App, c.TCURL, c.FlashVer, c.PageURL)
	}
	if !slices.Equal(c.FourCCList, rtmp.DefaultFourCCList) {
		t.Errorf("fourCcList %q", c.FourCCList)
	}
	if side.play.Name != "cam1" || side.play.Query != "token=x" || side.play.Start != -2 || side.play.Duration != -1 {
		t.Errorf("play request %+v", side.play)
	}
	if !side.handshake.PeerDigestOK {
		t.Errorf("the server did not validate our digest C1: %+v", side.handshake)
	}
	if r := cc.Result(); !r.Handshake.PeerDigestOK || !r.Handshake.EchoOK || r.Info.Code != rtmp.CodeConnectSuccess {
		t.Errorf("connect result %+v", r)
	}
	// Stream EOF ends the stream: the Play.Stop after it is not read.
	want := []string{"StreamBegin", rtmp.CodePlayReset, rtmp.CodePlayStart, "data |RtmpSampleAccess", "StreamEOF"}
	if !containsInOrder(events, want) {
		t.Errorf("events %q, want %q in order", events, want)
	}
}

func tagsEqual(a, b flv.Tag) bool {
	return a.Type == b.Type && a.Timestamp == b.Timestamp && bytes.Equal(a.Data, b.Data)
}

func firstDiff(a, b []flv.Tag) int {
	for i := range min(len(a), len(b)) {
		if !tagsEqual(a[i], b[i]) {
			return i
		}
	}
	return min(len(a), len(b))
}

// containsInOrder reports whether every prefix of want appears in events in
// order, each matched as a prefix of an event (descriptions may follow).
func containsInOrder(events, want []string) bool {
	i := 0
	for _, ev := range events {
		if i < len(want) && len(ev) >= len(want[i]) && ev[:len(want[i])] == want[i] {
			i++
		}
	}
	return i == len(want)
}

func TestClientPublishesToServerConn(t *testing.T) {
	tags := syntheticTags()
	addr, result, side := runServerConn(t, servePublish)
	ctx := testContext(t)
	cc, err := rtmp.Dial(ctx, "rtmp://"+addr+"/app/key", rtmp.ClientOptions{Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := cc.Publish(ctx, "", rtmp.PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range tags {
		if err := ps.WriteTag(tag); err != nil {
			t.Fatal(err)
		}
	}
	if err := ps.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if err := <-result; err != nil {
		t.Fatalf("server: %v", err)
	}
	if side.connect.FlashVer != rtmp.FlashVerPublish || side.publish.Name != "key" || side.publish.Type != "live" {
		t.Errorf("connect flashVer %q, publish %+v", side.connect.FlashVer, side.publish)
	}
	// The server strips "@setDataFrame": the metadata arrives as it was.
	if !slices.EqualFunc(side.tags, tags, tagsEqual) {
		t.Errorf("server received %d tags, sent %d; first difference at %d", len(side.tags), len(tags), firstDiff(side.tags, tags))
	}
	if !slices.Contains(side.closes, rtmp.CloseFCUnpublish) || !slices.Contains(side.closes, rtmp.CloseDeleteStream) {
		t.Errorf("close requests %v, want FCUnpublish and deleteStream", side.closes)
	}
}

func TestClientConnectRejected(t *testing.T) {
	addr, result, _ := runServerConn(t, func(ctx context.Context, sc *rtmp.ServerConn, s *serverSide) error {
		return sc.RejectConnect(s.connect, "bad key")
	})
	_, err := rtmp.Dial(testContext(t), "rtmp://"+addr+"/app/x", rtmp.ClientOptions{})
	var se *rtmp.StatusError
	if !errors.As(err, &se) || se.Command != "connect" || se.Status.Code != rtmp.CodeConnectRejected || se.Status.Description != "bad key" {
		t.Fatalf("err = %v, want a connect StatusError with the server's code and description", err)
	}
	if err := <-result; err != nil {
		t.Fatalf("server: %v", err)
	}
}

func TestClientStreamNotFound(t *testing.T) {
	addr, result, _ := runServerConn(t, func(ctx context.Context, sc *rtmp.ServerConn, s *serverSide) error {
		if err := sc.AcceptConnect(s.connect); err != nil {
			return err
		}
		req, err := nextRequest[*rtmp.PlayRequest](ctx, sc)
		if err != nil {
			return err
		}
		if err := sc.RejectPlay(req, rtmp.CodePlayStreamNotFound, "no such stream"); err != nil {
			return err
		}
		drainRequests(ctx, sc)
		return nil
	})
	ctx := testContext(t)
	cc, err := rtmp.Dial(ctx, "rtmp://"+addr+"/app/missing", rtmp.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	_, err = cc.Play(ctx, rtmp.PlayOptions{})
	var se *rtmp.StatusError
	if !errors.As(err, &se) || se.Status.Code != rtmp.CodePlayStreamNotFound || se.Command != "play" {
		t.Fatalf("err = %v, want StreamNotFound", err)
	}
	cc.Close()
	if err := <-result; err != nil {
		t.Fatalf("server: %v", err)
	}
}

func TestClientPublishBadName(t *testing.T) {
	addr, result, _ := runServerConn(t, func(ctx context.Context, sc *rtmp.ServerConn, s *serverSide) error {
		if err := sc.AcceptConnect(s.connect); err != nil {
			return err
		}
		req, err := nextRequest[*rtmp.PublishRequest](ctx, sc)
		if err != nil {
			return err
		}
		if err := sc.RejectPublish(req, rtmp.CodePublishBadName, "already publishing"); err != nil {
			return err
		}
		drainRequests(ctx, sc)
		return nil
	})
	ctx := testContext(t)
	cc, err := rtmp.Dial(ctx, "rtmp://"+addr+"/app/busy", rtmp.ClientOptions{Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cc.Publish(ctx, "", rtmp.PublishOptions{})
	var se *rtmp.StatusError
	if !errors.As(err, &se) || se.Status.Code != rtmp.CodePublishBadName || se.Status.Description != "already publishing" {
		t.Fatalf("err = %v, want BadName", err)
	}
	cc.Close()
	if err := <-result; err != nil {
		t.Fatalf("server: %v", err)
	}
}

// TestClientPlaysClip plays a real H.264/AAC clip from ServerConn.
func TestClientPlaysClip(t *testing.T) {
	tags := testprog.ReadTags(t, testprog.MakeClip(t, testprog.Clip{Seconds: 1}))
	addr, result, _ := runServerConn(t, servePlay(tags))
	ctx := testContext(t)
	cc, err := rtmp.Dial(ctx, "rtmp://"+addr+"/app/clip", rtmp.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := cc.Play(ctx, rtmp.PlayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []flv.Tag
	for {
		tag, err := ps.ReadTag(ctx)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			break
		}
		got = append(got, tag)
	}
	ps.Close()
	if err := <-result; err != nil {
		t.Fatalf("server: %v", err)
	}
	if !slices.EqualFunc(got, tags, tagsEqual) {
		t.Errorf("received %d tags, sent %d; first difference at %d", len(got), len(tags), firstDiff(got, tags))
	}
}

// TestClientRTMPS: rtmps:// runs the same flow over TLS.
func TestClientRTMPS(t *testing.T) {
	cert := selfSignedCert(t)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	tags := syntheticTags()[:5]
	done := make(chan error, 1)
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			done <- err
			return
		}
		sc := rtmp.NewServerConn(nc, rtmp.ServerConfig{})
		defer sc.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s := &serverSide{}
		if _, err := sc.Handshake(ctx); err != nil {
			done <- err
			return
		}
		if s.connect, err = sc.ReadConnect(ctx); err != nil {
			done <- err
			return
		}
		done <- servePlay(tags)(ctx, sc, s)
	}()
	pool := x509.NewCertPool()
	pool.AddCert(cert.Leaf)
	ctx := testContext(t)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	cc, err := rtmp.Dial(ctx, "rtmps://localhost:"+port+"/app/x", rtmp.ClientOptions{TLSConfig: &tls.Config{RootCAs: pool}})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := cc.Play(ctx, rtmp.PlayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for ; ; n++ {
		if _, err := ps.ReadTag(ctx); err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			break
		}
	}
	ps.Close()
	if err := <-done; err != nil {
		t.Fatalf("server: %v", err)
	}
	if n != len(tags) {
		t.Errorf("received %d tags over TLS, sent %d", n, len(tags))
	}
}

// selfSignedCert makes a certificate for localhost.
func selfSignedCert(t *testing.T) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "localhost"},
		DNSNames:     []string{"localhost"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}
}
