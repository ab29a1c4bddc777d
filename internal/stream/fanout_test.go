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
