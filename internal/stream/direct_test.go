package stream

import (
	"strings"
	"testing"
)

// directRecorder is a DirectWriter that takes packets while open, records
// what it took (a packet it may hold back for the next with "+") and its
// pushes, and can leave its next take unfinished. With order set, it
// also appends its id there on each take: the order of a fan-out.
type directRecorder struct {
	open       bool
	unfinished bool
	took       []string
	id         int
	order      *[]int
}

func (d *directRecorder) TryWrite(p *Packet, more bool) (taken, unfinished bool) {
	if !d.open {
		return false, false
	}
	took := name(Item{Event: EventPacket, Packet: p})
	if more {
		took += "+"
	}
	d.took = append(d.took, took)
	if d.order != nil {
		*d.order = append(*d.order, d.id)
	}
	u := d.unfinished
	d.unfinished = false
	return true, u
}

func (d *directRecorder) Push() { d.took = append(d.took, "push") }

func (d *directRecorder) got() string {
	s := strings.Join(d.took, " ")
	d.took = nil
	return s
}

// directSubscriber subscribes to testKey with an open directRecorder,
// once the writer has drained what joining queued (and drained again,
// finding nothing, as a writer does).
func directSubscriber(t *testing.T, h *Hub, opts SubscriberOptions) (*Subscriber, *directRecorder) {
	t.Helper()
	sub := mustSubscribe(t, h, testKey, opts)
	drained(sub)
	drained(sub)
	d := &directRecorder{open: true}
	sub.SetDirect(d)
	return sub, d
}

// notified reports whether sub's Notify has a signal, consuming it.
func notified(sub *Subscriber) bool {
	select {
	case <-sub.Notify():
		return true
	default:
		return false
	}
}

func TestDirectWritesKeepOrder(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, startOfStream()...)
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{})
	d := &directRecorder{open: true}
	sub.SetDirect(d)

	// The join burst is queued: live packets queue behind it, not direct.
	write(t, p, inter(40))
	if got := d.got(); got != "" {
		t.Fatalf("direct while the join burst was queued: %s", got)
	}
	if got, want := drained(sub), "publish meta@0 vseq@0 aseq@0 key@0 audio@0 video@40"; got != want {
		t.Fatalf("burst: got %s, want %s", got, want)
	}
	// Drained but not yet confirmed written (the writer has not drained
	// again): still queued.
	write(t, p, audio(50))
	if got := d.got(); got != "" {
		t.Fatalf("direct while drained items may be unwritten: %s", got)
	}
	if got, want := drained(sub), "audio@50"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if got := drained(sub); got != "" { // the writer's empty drain
		t.Fatalf("empty drain got %s", got)
	}
	notified(sub)

	// Idle queue: straight to the writer, no signal.
	write(t, p, inter(80), audio(90))
	if got, want := d.got(), "video@80 audio@90"; got != want {
		t.Fatalf("direct: got %s, want %s", got, want)
	}
	if notified(sub) {
		t.Error("a direct write signalled the writer")
	}

	// A refused packet is queued, and everything after it follows it
	// through the queue even once the writer could take again.
	d.open = false
	write(t, p, inter(120))
	d.open = true
	write(t, p, audio(130))
	if got := d.got(); got != "" {
		t.Fatalf("direct past a queued packet: %s", got)
	}
	if got, want := drained(sub), "video@120 audio@130"; got != want {
		t.Fatalf("queued: got %s, want %s", got, want)
	}
	drained(sub)

	// Unfinished: taken, and the writer is woken to finish it.
	d.unfinished = true
	write(t, p, keyframe(160))
	if got, want := d.got(), "key@160"; got != want {
		t.Fatalf("unfinished: got %s, want %s", got, want)
	}
	if !notified(sub) {
		t.Error("an unfinished direct write did not wake the writer")
	}

	// Events go through the queue, and packets after them too.
	p.Close()
	p = mustPublish(t, h, testKey)
	write(t, p, avcHeader(200), keyframe(200))
	if got := d.got(); got != "" {
		t.Fatalf("direct past queued events: %s", got)
	}
	if got, want := drained(sub), "unpublish publish vseq@200 key@200"; got != want {
		t.Fatalf("republish: got %s, want %s", got, want)
	}
}

func TestDirectWritesFollowFiltersAndKeyframes(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	sub, d := directSubscriber(t, h, SubscriberOptions{NoAudio: true})

	// Video starts at a keyframe, audio is filtered: the direct path
	// applies the same rules as the queue.
	write(t, p, inter(0), audio(10), keyframe(40), inter(80))
	if got, want := d.got(), "key@40 video@80"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}

	sub.Pause()
	write(t, p, inter(120))
	if got := d.got(); got != "" {
		t.Fatalf("direct while paused: %s", got)
	}

	sub.SetDirect(nil)
	sub.Resume()
	drained(sub)
	drained(sub)
	write(t, p, inter(160))
	if got := d.got(); got != "" {
		t.Fatalf("direct after SetDirect(nil): %s", got)
	}
	if got, want := drained(sub), "video@160"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	if n := sub.Stats().Drops; n != 0 {
		t.Errorf("%d drops", n)
	}
}

func TestWriteQueuedSkipsDirectWriters(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	sub, d := directSubscriber(t, h, SubscriberOptions{})

	if err := p.WriteQueued(keyframe(0)); err != nil {
		t.Fatal(err)
	}
	write(t, p, inter(40)) // behind the queued packet: queued too
	if got := d.got(); got != "" {
		t.Fatalf("a queued write went direct: %s", got)
	}
	if !notified(sub) {
		t.Error("WriteQueued did not wake the writer")
	}
	if got, want := drained(sub), "key@0 video@40"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	drained(sub)
	write(t, p, inter(80))
	if got, want := d.got(), "video@80"; got != want {
		t.Fatalf("after the queue emptied: got %s, want %s", got, want)
	}
}

// TestSubscriberWake: with a Wake function, queuing calls it in place of
// the Notify signal, once for what is queued between two Drains; a direct
// write calls it only when it left the packet unfinished.
func TestSubscriberWake(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	p := mustPublish(t, h, testKey)
	write(t, p, startOfStream()...)
	wakes := 0
	sub := mustSubscribe(t, h, testKey, SubscriberOptions{Wake: func() { wakes++ }})
	if wakes == 0 {
		t.Fatal("the join burst was queued without a wake")
	}
	if notified(sub) {
		t.Fatal("Notify signalled with Wake set")
	}
	drained(sub)
	drained(sub)
	d := &directRecorder{open: true}
	sub.SetDirect(d)
	cases := []struct {
		name       string
		open       bool
		unfinished bool
		wantWake   bool
	}{
		{"taken whole", true, false, false},
		{"taken in part", true, true, true},
		{"refused, so queued", false, false, true},
	}
	for i, c := range cases {
		wakes = 0
		d.open, d.unfinished = c.open, c.unfinished
		write(t, p, inter(uint32(40*(i+1))))
		if got := wakes > 0; got != c.wantWake {
			t.Errorf("%s: woken %v, want %v", c.name, got, c.wantWake)
		}
		drained(sub)
		drained(sub)
	}
	sub.SetDirect(nil)
	wakes = 0
	for i := range 3 {
		write(t, p, inter(uint32(400+40*i)))
	}
	if wakes != 1 {
		t.Errorf("three packets queued: %d wakes, want 1 (one per Drain)", wakes)
	}
	drained(sub)
	write(t, p, inter(520))
	if wakes != 2 {
		t.Errorf("a packet queued after a Drain: %d wakes in all, want 2", wakes)
	}
	drained(sub)
	wakes = 0
	sub.Close()
	if wakes != 1 {
		t.Errorf("Close: %d wakes, want 1 (EventClosed)", wakes)
	}
}
