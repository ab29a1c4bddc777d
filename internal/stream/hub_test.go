package stream

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

func TestPublishThenSubscribeGetsEverythingInOrder(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	if got := drained(sub); got != "publish" {
		t.Fatalf("before any media: %q", got)
	}
	write(t, p, startOfStream()...)
	write(t, p, inter(40), audio(43), keyframe(80))
	want := "meta@0 vseq@0 aseq@0 key@0 audio@0 video@40 audio@43 key@80"
	if got := drained(sub); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	p.Close()
	if got := drained(sub); got != "unpublish" {
		t.Errorf("after Close: %q", got)
	}
}

func TestSubscribeBeforePublish(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	select {
	case <-sub.Notify():
		t.Fatal("notified with no publisher")
	default:
	}
	p := mustPublish(t, h, testKey)
	<-sub.Notify()
	write(t, p, startOfStream()...)
	if got, want := drained(sub), "publish meta@0 vseq@0 aseq@0 key@0 audio@0"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSecondPublisherIsBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(Config{})
		defer h.Close()
		p := mustPublish(t, h, testKey)
		for range 10 { // live: media every second, never idle for 3 s
			time.Sleep(time.Second)
			write(t, p, audio(0))
			if _, err := h.Publish(testKey, PublisherInfo{ID: "second"}); !errors.Is(err, ErrBusy) {
				t.Fatalf("second Publish: %v, want ErrBusy", err)
			}
		}
		if p.Err() != nil {
			t.Errorf("live publisher ended: %v", p.Err())
		}
		if _, err := h.Publish(Key{App: "live", Name: "other"}, PublisherInfo{}); err != nil {
			t.Errorf("Publish on another key: %v", err)
		}
	})
}

func TestIdlePublisherIsTakenOver(t *testing.T) {
	tests := []struct {
		name     string
		idle     time.Duration // Config.IdleTakeover
		wait     time.Duration // silence before the second publisher
		takeover bool
	}{
		{"default, silent 2.9s", 0, 2900 * time.Millisecond, false},
		{"default, silent 3s", 0, 3 * time.Second, true},
		{"1s, silent 1s", time.Second, time.Second, true},
		{"disabled, silent 1h", -1, time.Hour, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				h := NewHub(Config{IdleTakeover: tc.idle})
				defer h.Close()
				old := mustPublish(t, h, testKey)
				sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
				write(t, old, startOfStream()...)
				sub.Drain(nil)
				time.Sleep(tc.wait)
				p, err := h.Publish(testKey, PublisherInfo{ID: "new"})
				if !tc.takeover {
					if !errors.Is(err, ErrBusy) {
						t.Fatalf("Publish: %v, want ErrBusy", err)
					}
					return
				}
				if err != nil {
					t.Fatalf("Publish: %v, want takeover", err)
				}
				select {
				case <-old.Done():
				default:
					t.Fatal("old publisher's Done is open")
				}
				if !errors.Is(old.Err(), ErrTakenOver) || !errors.Is(old.Write(audio(1)), ErrTakenOver) {
					t.Errorf("old publisher: Err %v, Write %v; want ErrTakenOver", old.Err(), old.Write(audio(1)))
				}
				write(t, p, avcHeader(5000), keyframe(5000))
				if got, want := drained(sub), "unpublish publish vseq@5000 key@5000"; got != want {
					t.Errorf("subscriber: got %q, want %q", got, want)
				}
				old.Close() // must not end the new publication
				if p.Err() != nil {
					t.Errorf("old Close ended the new publisher: %v", p.Err())
				}
			})
		})
	}
}

func TestMetadataDoesNotKeepAPublisherAlive(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(Config{})
		defer h.Close()
		p := mustPublish(t, h, testKey)
		time.Sleep(2 * time.Second)
		write(t, p, metadata(0)) // not media
		time.Sleep(time.Second)
		if _, err := h.Publish(testKey, PublisherInfo{}); err != nil {
			t.Errorf("Publish after 3 s without media: %v", err)
		}
	})
}

func TestRegistryRemovesUnusedStreams(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	count := func() int { return len(h.Streams()) }

	p := mustPublish(t, h, testKey)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	p.Close()
	if count() != 1 {
		t.Fatal("stream removed while a subscriber remains")
	}
	sub.Close()
	sub.Close() // idempotent
	if count() != 0 {
		t.Fatal("stream kept with neither publisher nor subscriber")
	}

	sub = mustSubscribe(t, h, testKey, SubscriberOptions{})
	p = mustPublish(t, h, testKey)
	sub.Close()
	if count() != 1 {
		t.Fatal("stream removed while its publisher remains")
	}
	p.Close()
	p.Close() // idempotent
	if count() != 0 {
		t.Fatal("stream kept after its publisher closed")
	}

	// A closed subscriber of a removed stream does not touch the new
	// stream of the same key.
	old := mustSubscribe(t, h, testKey, SubscriberOptions{})
	old.Close()
	p = mustPublish(t, h, testKey)
	old.Close()
	if st, ok := h.Stream(testKey); !ok || !st.Live {
		t.Errorf("stream after a stale Close: %+v, %v", st, ok)
	}
	p.Close()
}

func TestKeysAreIndependent(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	a := mustPublish(t, h, Key{"live", "a"})
	mustPublish(t, h, Key{"other", "a"})
	subA := mustSubscribe(t, h, Key{"live", "a"}, SubscriberOptions{})
	subB := mustSubscribe(t, h, Key{"other", "a"}, SubscriberOptions{})
	if a.Key() != (Key{"live", "a"}) || subB.Key() != (Key{"other", "a"}) || subB.Key().String() != "other/a" {
		t.Errorf("keys: %v, %v", a.Key(), subB.Key())
	}
	write(t, a, keyframe(7))
	if got := drained(subA); got != "publish key@7" {
		t.Errorf("live/a subscriber: %q", got)
	}
	if got := drained(subB); got != "publish" {
		t.Errorf("other/a subscriber: %q", got)
	}
}

func TestHubClose(t *testing.T) {
	h := NewHub(Config{})
	p := mustPublish(t, h, testKey)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	waiting := mustSubscribe(t, h, Key{"live", "later"}, SubscriberOptions{})
	write(t, p, keyframe(0))
	h.Close()
	h.Close()

	<-p.Done()
	if !errors.Is(p.Err(), ErrHubClosed) || !errors.Is(p.Write(keyframe(1)), ErrHubClosed) {
		t.Errorf("publisher after Close: Err %v", p.Err())
	}
	if got := drained(sub); got != "publish key@0 closed" {
		t.Errorf("subscriber: %q", got)
	}
	if got := drained(waiting); got != "closed" {
		t.Errorf("waiting subscriber: %q", got)
	}
	write := p.Write(keyframe(2))
	if got := drained(sub); got != "" || write == nil {
		t.Errorf("after closed: %q, Write %v", got, write)
	}
	if _, err := h.Publish(testKey, PublisherInfo{}); !errors.Is(err, ErrHubClosed) {
		t.Errorf("Publish after Close: %v", err)
	}
	if _, err := h.Subscribe(testKey, SubscriberOptions{}); !errors.Is(err, ErrHubClosed) {
		t.Errorf("Subscribe after Close: %v", err)
	}
	if len(h.Streams()) != 0 {
		t.Errorf("streams after Close: %v", h.Streams())
	}
	p.Close()
	sub.Close()
}

func TestPublisherClose(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	p.Close()
	<-p.Done()
	if !errors.Is(p.Err(), ErrClosed) || !errors.Is(p.Write(keyframe(0)), ErrClosed) {
		t.Errorf("Err %v after Close", p.Err())
	}
}

func TestSubscriberCloseQueuesClosed(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	write(t, p, keyframe(0))
	sub.Close()
	write(t, p, inter(40))
	if got := drained(sub); got != "publish key@0 closed" {
		t.Errorf("got %q", got)
	}
	if st, _ := h.Stream(testKey); st.Subscribers != 0 {
		t.Errorf("%d subscribers after Close", st.Subscribers)
	}
}
