package stream

import (
	"fmt"
	"sync"
	"testing"
)

// TestFanOutToManySubscribers runs 1000 subscribers, each draining on its
// own goroutine as a writer would, while the publisher writes; every one
// must get every packet in order.
func TestFanOutToManySubscribers(t *testing.T) {
	const subscribers, packets = 1000, 150
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	errs := make(chan error, subscribers)
	var wg sync.WaitGroup
	for i := range subscribers {
		sub := mustSubscribe(t, h, testKey, SubscriberOptions{ID: fmt.Sprint(i)})
		wg.Go(func() { errs <- receiveAll(sub, packets) })
	}
	for _, tag := range testStream(packets) {
		write(t, p, tag)
	}
	p.Close()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// receiveAll drains sub until EventUnpublish and checks it got publish,
// then packets stamped 0..n-1.
func receiveAll(sub *Subscriber, n int) error {
	var items []Item
	for range sub.Notify() {
		items = sub.Drain(items)
		if len(items) > 0 && items[len(items)-1].Event == EventUnpublish {
			break
		}
	}
	if len(items) != n+2 || items[0].Event != EventPublish {
		return fmt.Errorf("subscriber %s: %d items, want %d", sub.opts.ID, len(items), n+2)
	}
	for i, it := range items[1 : n+1] {
		if it.Packet == nil || it.Packet.Timestamp() != uint32(i) {
			return fmt.Errorf("subscriber %s: item %d is %s", sub.opts.ID, i, name(it))
		}
	}
	if d := sub.Stats().Drops; d != 0 {
		return fmt.Errorf("subscriber %s dropped %d", sub.opts.ID, d)
	}
	return nil
}

// keptUpDrain is how many packets a subscriber that keeps up finds queued
// at most in the allocation test and benchmark: below retainedQueueItems,
// whose queue capacity survives a Drain.
const keptUpDrain = 16

// TestPublisherWriteAllocatesOnlyThePacket fans packets out to subscribers
// that keep up and checks that a Write allocates its Packet and nothing per
// subscriber: the steady state of a live stream.
func TestPublisherWriteAllocatesOnlyThePacket(t *testing.T) {
	for _, n := range []int{1, 100} {
		h := NewHub(Config{})
		p := mustPublish(t, h, testKey)
		subs := make([]*Subscriber, n)
		for i := range subs {
			subs[i] = mustSubscribe(t, h, testKey, SubscriberOptions{})
		}
		tags := testStream(keptUpDrain)
		items := make([]Item, 0, keptUpDrain+4)
		run := func() {
			write(t, p, tags...)
			for _, sub := range subs {
				items = sub.Drain(items[:0])
			}
		}
		run() // the first GOP starts every subscriber's queue
		perWrite := testing.AllocsPerRun(50, run) / keptUpDrain
		if perWrite > 1 {
			t.Errorf("%d subscribers: %.2f allocations per Write, want at most 1 (the Packet)", n, perWrite)
		}
		h.Close()
	}
}
