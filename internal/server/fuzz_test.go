package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/fuzztest"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// FuzzSession sends a server arbitrary bytes after a valid handshake, on
// one connection: chunks, control messages, commands and media in any
// order (the seeds are whole conversations of publishers and players), to
// a server in the default write mode or, with throughput, in throughput
// mode. Invariants: the server never panics, not even in a recovered way
// (it logs those, and the test's logger counts them); once the input has
// ended, it closes the connection within a bound and ends the session.
func FuzzSession(f *testing.F) {
	panics := &panicLog{}
	cfg := Config{PlayWait: 100 * time.Millisecond, Logger: slog.New(panics)}
	direct := startServer(f, cfg, testHubConfig())
	cfg.WriteCoalesce = 20 * time.Millisecond
	clocked := startServer(f, cfg, testHubConfig())
	f.Fuzz(func(t *testing.T, throughput bool, input []byte) {
		ts := direct
		if throughput {
			ts = clocked
		}
		nc, br := dialHandshaken(t, ts.addr)
		var wg sync.WaitGroup
		wg.Go(func() {
			nc.Write(input) // the server may close before it has read everything
			nc.CloseWrite()
		})
		_, err := io.Copy(io.Discard, br)
		wg.Wait()
		if errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatal("the server did not close the connection after the input ended")
		}
		waitFor(t, func() bool { return ts.srv.active.Load() == 0 })
		if p := panics.first(); p != "" {
			t.Fatalf("the server panicked: %s", p)
		}
	})
}

// panicLog is a slog handler that keeps the first record about a panic.
type panicLog struct {
	mu    sync.Mutex
	panic string
}

func (h *panicLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (h *panicLog) WithAttrs([]slog.Attr) slog.Handler           { return h }
func (h *panicLog) WithGroup(string) slog.Handler                { return h }

func (h *panicLog) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.panic != "" {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "panic" || a.Key == "stack" {
			h.panic += fmt.Sprintf("%s: %v\n", a.Key, a.Value)
		}
		return true
	})
	return nil
}

func (h *panicLog) first() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.panic
}

// TestFuzzSeedsCommitted keeps FuzzSession's seed corpus in step with
// sessionSeeds (run with -write-seeds to rewrite it).
func TestFuzzSeedsCommitted(t *testing.T) {
	var seeds []fuzztest.Seed
	for name, input := range sessionSeeds(t) {
		seeds = append(seeds, fuzztest.Seed{Name: name, Args: []any{false, input}},
			fuzztest.Seed{Name: name + " throughput", Args: []any{true, input}})
	}
	fuzztest.Sync(t, "FuzzSession", seeds)
}

// sessionSeeds are what clients send after the handshake, chunked as they
// would send it.
func sessionSeeds(t *testing.T) map[string][]byte {
	seeds := map[string][]byte{}
	for name, script := range seedScripts() {
		seeds[name] = chunkScript(t, script)
	}
	return seeds
}

// seedScripts are conversations of publishers and players.
func seedScripts() map[string][]sent {
	connect := message.Command{Name: "connect", TransactionID: 1, Object: amf.Object{
		{Key: "app", Value: "live"}, {Key: "tcUrl", Value: "rtmp://127.0.0.1/live"},
		{Key: "fourCcList", Value: amf.StrictArray{"hvc1", "av01", "Opus"}}}}
	createStream := message.Command{Name: "createStream", TransactionID: 2}
	publish := message.Command{Name: "publish", TransactionID: 3, Args: []amf.Value{"s", "live"}}
	play := message.Command{Name: "play", TransactionID: 3, Args: []amf.Value{"s", -2.0}}
	metadata := message.Data{Values: []amf.Value{"@setDataFrame", "onMetaData",
		amf.ECMAArray{{Key: "width", Value: 320.0}, {Key: "height", Value: 240.0}}}}
	media := []message.Message{metadata, tagMedia(aacSequenceHeader(0)),
		tagMedia(avcSequenceHeader(0)), tagMedia(avcFrame(0, true, 1)), tagMedia(aacFrame(23, 2)),
		tagMedia(avcFrame(40, false, 3))}
	enhanced := []message.Message{}
	for _, c := range enhancedTags() {
		for _, tag := range c.tags {
			enhanced = append(enhanced, tagMedia(tag))
		}
	}
	onStream := func(id uint32, ms ...message.Message) []sent {
		out := make([]sent, len(ms))
		for i, m := range ms {
			out[i] = sent{m, id}
		}
		return out
	}
	begin := []sent{{message.SetChunkSize{Size: 4096}, 0}, {message.WindowAckSize{Size: 2500000}, 0},
		{connect, 0}, {createStream, 0}}
	return map[string][]sent{
		"connect": {{connect, 0}},
		"publish": slices.Concat(begin, onStream(1, publish), onStream(1, media...),
			onStream(0, message.Command{Name: "FCUnpublish", TransactionID: 4, Args: []amf.Value{"s"}},
				message.Command{Name: "deleteStream", TransactionID: 5, Args: []amf.Value{1.0}})),
		"play-and-publish": slices.Concat(begin, onStream(1, play), onStream(0, createStream), onStream(2, publish),
			onStream(2, media...), onStream(0, message.UserControl{Event: message.EventSetBufferLength, StreamID: 1, BufferLength: 3000},
				message.Acknowledgement{SequenceNumber: 5000}, message.UserControl{Event: message.EventPingResponse, Timestamp: 7})),
		"enhanced": slices.Concat(begin, onStream(1, publish), onStream(1, enhanced...)),
		"aggregate": slices.Concat(begin, onStream(1, publish), onStream(1, message.Media{TypeID: message.TypeAggregate,
			Payload: aggregateOf(avcSequenceHeader(0), avcFrame(0, true, 1))})),
		"amf3-connect": {{message.Command{AMF3: true, Name: "connect", TransactionID: 1,
			Object: amf.Object{{Key: "app", Value: "live"}, {Key: "objectEncoding", Value: 3.0}}}, 0}},
	}
}

// chunkScript chunks a script's messages as a client would send them.
func chunkScript(t *testing.T, script []sent) []byte {
	w := chunk.NewWriter()
	var b []byte
	for _, s := range script {
		cm, err := message.Marshal(s.m, s.streamID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if b, err = w.AppendMessage(b, cm); err != nil {
			t.Fatal(err)
		}
		if sc, ok := s.m.(message.SetChunkSize); ok {
			if err := w.SetChunkSize(sc.Size); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b
}

// sent is a message of a seed script and its message stream id.
type sent struct {
	m        message.Message
	streamID uint32
}

// aggregateOf packs tags into an aggregate message body (RTMP 1.0
// §7.1.6): each as an FLV tag with its back pointer.
func aggregateOf(tags ...flv.Tag) []byte {
	var b []byte
	for _, tag := range tags {
		b = flv.AppendTag(b, tag)
	}
	return b
}
