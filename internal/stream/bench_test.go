package stream

import (
	"fmt"
	"testing"

	"github.com/sluicemedia/sluice/flv"
)

// BenchmarkPublisherWrite measures one Write fanned out to n subscribers
// whose writers keep up (each drains every keptUpDrain packets, inside the
// loop). The Packet is the only allocation per Write.
func BenchmarkPublisherWrite(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("subscribers=%d", n), func(b *testing.B) {
			h := NewHub(Config{})
			defer h.Close()
			p := mustPublish(b, h, testKey)
			subs := make([]*Subscriber, n)
			for i := range subs {
				subs[i] = mustSubscribe(b, h, testKey, SubscriberOptions{})
			}
			tags := testStream(60) // a 60-packet GOP, frames of 8-16 bytes
			write(b, p, avcHeader(0), aacHeader(0))
			var items []Item
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				tag := tags[i%len(tags)]
				tag.Timestamp = uint32(i)
				if err := p.Write(tag); err != nil {
					b.Fatal(err)
				}
				if i++; i%keptUpDrain == 0 {
					for _, sub := range subs {
						items = sub.Drain(items[:0])
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/subscriber")
		})
	}
}

// BenchmarkPublisherWriteStalled measures Write when no subscriber drains:
// every queue sits at its bound and the drop policy runs, amortized over a
// quarter queue per shed.
func BenchmarkPublisherWriteStalled(b *testing.B) {
	const n = 100
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(b, h, testKey)
	for range n {
		mustSubscribe(b, h, testKey, SubscriberOptions{})
	}
	tags := testStream(60)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tag := tags[i%len(tags)]
		tag.Timestamp = uint32(i)
		if err := p.Write(tag); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/subscriber")
}

// BenchmarkDrain measures taking 256 queued items at once.
func BenchmarkDrain(b *testing.B) {
	h := NewHub(Config{})
	defer h.Close()
	sub := mustSubscribe(b, h, testKey, SubscriberOptions{})
	queued := make([]Item, 256)
	for i := range queued {
		queued[i] = Item{Packet: NewPacket(inter(uint32(i)))}
	}
	var items []Item
	b.ReportAllocs()
	for b.Loop() {
		sub.mu.Lock()
		sub.items = append(sub.items, queued...)
		sub.mu.Unlock()
		items = sub.Drain(items[:0])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(queued)), "ns/item")
}

// BenchmarkEncodedHit measures an output finding its cached encoding.
func BenchmarkEncodedHit(b *testing.B) {
	p := NewPacket(keyframe(0))
	var key any = chunkKey{4096, 1}
	encode := func(flv.Tag) []byte { return make([]byte, 64) }
	p.Encoded(chunkKey{128, 1}, encode)
	p.Encoded(key, encode)
	b.ReportAllocs()
	for b.Loop() {
		p.Encoded(key, encode)
	}
}

// BenchmarkNewPacket measures the publisher's per-tag classification.
func BenchmarkNewPacket(b *testing.B) {
	for _, tag := range []flv.Tag{inter(0), audio(0), metadata(0)} {
		b.Run(name(Item{Packet: NewPacket(tag)}), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewPacket(tag)
			}
		})
	}
}
