package server

import (
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp"
)

// discardConn is a net.Conn whose writes succeed at once: the benchmark
// measures the server's work, not the kernel's.
type discardConn struct{ net.Conn }

func (discardConn) Write(b []byte) (int, error)      { return len(b), nil }
func (discardConn) Close() error                     { return nil }
func (discardConn) SetDeadline(time.Time) error      { return nil }
func (discardConn) SetWriteDeadline(time.Time) error { return nil }
func (discardConn) SetReadDeadline(time.Time) error  { return nil }
func (discardConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (discardConn) Read([]byte) (int, error)         { select {} }

// BenchmarkFanout publishes one 10 KB video message per op and delivers it
// to every player: hub fan-out, the shared chunk encoding (made once per
// op) and each player's batched write. Allocations per op must not grow
// with the number of players.
func BenchmarkFanout(b *testing.B) {
	for _, players := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("players=%d", players), func(b *testing.B) {
			hub := stream.NewHub(stream.Config{})
			defer hub.Close()
			name := stream.Key{App: "live", Name: "bench"}
			pub, err := hub.Publish(name, stream.PublisherInfo{})
			if err != nil {
				b.Fatal(err)
			}
			subs := make([]*stream.Subscriber, players)
			batches := make([]batch, players)
			var keys encodingKeys
			items := make([]stream.Item, 0, 64)
			for i := range subs {
				if subs[i], err = hub.Subscribe(name, stream.SubscriberOptions{}); err != nil {
					b.Fatal(err)
				}
				batches[i] = newBatch(rtmp.NewServerConn(discardConn{}, rtmp.ServerConfig{}), 1, &keys)
			}
			key := make([]byte, 10<<10)
			key[0], key[1] = 0x17, 1 // AVC keyframe: players start here
			if err := pub.Write(flv.Tag{Type: flv.TagVideo, Data: key}); err != nil {
				b.Fatal(err)
			}
			frame := make([]byte, 10<<10)
			frame[0], frame[1] = 0x27, 1 // AVC inter frame
			b.SetBytes(int64(len(frame) * players))
			b.ReportAllocs()
			ts := uint32(0)
			delivered := 0
			for b.Loop() {
				ts += 40
				if err := pub.Write(flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: frame}); err != nil {
					b.Fatal(err)
				}
				for i, sub := range subs {
					items = sub.Drain(items[:0])
					for _, it := range items {
						if it.Event == stream.EventPacket {
							if err := batches[i].add(it.Packet); err != nil {
								b.Fatal(err)
							}
							delivered++
						}
					}
					if err := batches[i].flush(); err != nil {
						b.Fatal(err)
					}
				}
			}
			if delivered < b.N*players {
				b.Fatalf("delivered %d packets, want %d", delivered, b.N*players)
			}
		})
	}
}
