package stream

import (
	"github.com/sluicemedia/sluice/flv"
	"slices"
	"testing"
)

// holdFixture is a publisher with n direct subscribers whose recorders
// log the fan-out order, and an input probe the test controls.
type holdFixture struct {
	p       *Publisher
	subs    []*Subscriber
	ds      []*directRecorder
	order   []int
	pending func(probe int) bool // answers the probe-th look at the input of a write
	probes  int
}

func newHoldFixture(t *testing.T, h *Hub, opts ...SubscriberOptions) *holdFixture {
	t.Helper()
	f := &holdFixture{p: mustPublish(t, h, testKey)}
	write(t, f.p, startOfStream()...)
	for i, o := range opts {
		sub, d := directSubscriber(t, h, o)
		d.id, d.order = i, &f.order
		f.subs, f.ds = append(f.subs, sub), append(f.ds, d)
	}
	f.p.SetInputPending(func() bool {
		f.probes++
		return f.pending != nil && f.pending(f.probes)
	})
	return f
}

// write writes tag, with the input pending from the probe-th look on (0:
// never), and returns the fan-out order.
func (f *holdFixture) write(t *testing.T, tag flv.Tag, pendingFrom int) []int {
	t.Helper()
	f.order, f.probes = nil, 0
	f.pending = func(probe int) bool { return pendingFrom > 0 && probe >= pendingFrom }
	write(t, f.p, tag)
	return f.order
}

// got returns what each subscriber's recorder took since the last call.
func (f *holdFixture) got() []string {
	var s []string
	for _, d := range f.ds {
		s = append(s, d.got())
	}
	return s
}

func same(n int, s string) []string { return slices.Repeat([]string{s}, n) }

// TestFanOutHoldsWhenInputIsPending: once the next packet is in, the rest
// of a fan-out is told more, and the next fan-out starts with those
// subscribers, its write (without more) sending both at once.
func TestFanOutHoldsWhenInputIsPending(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	const n = 2*inputProbeInterval + 8
	f := newHoldFixture(t, h, make([]SubscriberOptions, n)...)

	// Nothing pending: one look per inputProbeInterval subscribers, in
	// subscription order, nothing held.
	order := f.write(t, inter(40), 0)
	if !slices.Equal(order, seq(0, n)) {
		t.Fatalf("order %v", order)
	}
	if got := f.got(); !slices.Equal(got, same(n, "video@40")) {
		t.Fatalf("got %q", got)
	}
	if f.probes != 3 {
		t.Errorf("%d looks at the input for %d subscribers, want 3", f.probes, n)
	}

	// The next packet arrives during the fan-out, seen at the second look
	// (subscriber inputProbeInterval): the rest hold this one back.
	f.write(t, audio(50), 2)
	got := f.got()
	want := append(same(inputProbeInterval, "audio@50"), same(n-inputProbeInterval, "audio@50+")...)
	if !slices.Equal(got, want) {
		t.Fatalf("held fan-out: got %q, want %q", got, want)
	}

	// The next fan-out starts where the holding began: those subscribers
	// get the next packet first, and a plain write sends both.
	order = f.write(t, inter(80), 0)
	if want := append(seq(inputProbeInterval, n), seq(0, inputProbeInterval)...); !slices.Equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	if got := f.got(); !slices.Equal(got, same(n, "video@80")) {
		t.Fatalf("got %q (a push where the write sent it?)", got)
	}

	// Pending before the first send: the whole fan-out holds.
	f.write(t, audio(90), 1)
	if got := f.got(); !slices.Equal(got, same(n, "audio@90+")) {
		t.Fatalf("got %q", got)
	}
}

func seq(from, to int) []int {
	var s []int
	for i := from; i < to; i++ {
		s = append(s, i)
	}
	return s
}

// TestHeldPacketsArePushed: nothing stays held. Push sends what the
// writers hold; a fan-out that a held subscriber sits out (filtered)
// pushes it; so does the end of the publication and a change of writer.
func TestHeldPacketsArePushed(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	f := newHoldFixture(t, h, SubscriberOptions{}, SubscriberOptions{NoAudio: true}, SubscriberOptions{})

	f.write(t, inter(40), 1)
	f.p.Push()
	if got, want := f.got(), same(3, "video@40+ push"); !slices.Equal(got, want) {
		t.Fatalf("Push: got %q, want %q", got, want)
	}
	f.p.Push()
	if got := f.got(); !slices.Equal(got, same(3, "")) {
		t.Fatalf("second Push: got %q", got)
	}

	f.write(t, inter(80), 1)
	f.write(t, audio(90), 0)
	if got, want := f.got(), []string{"video@80+ audio@90", "video@80+ push", "video@80+ audio@90"}; !slices.Equal(got, want) {
		t.Fatalf("filtered: got %q, want %q", got, want)
	}

	f.write(t, inter(120), 1)
	f.subs[0].SetDirect(nil)
	if got, want := f.got(), []string{"video@120+ push", "video@120+", "video@120+"}; !slices.Equal(got, want) {
		t.Fatalf("SetDirect(nil): got %q, want %q", got, want)
	}

	f.p.Close()
	if got, want := f.got(), []string{"", "push", "push"}; !slices.Equal(got, want) {
		t.Fatalf("unpublish: got %q, want %q", got, want)
	}
}

// TestQueuedWritesNeverHold: WriteQueued does not look at the input, and
// a packet left unfinished is not held (the writer's finishing sends it).
func TestQueuedWritesNeverHold(t *testing.T) {
	h := NewHub(Config{})
	defer h.Close()
	f := newHoldFixture(t, h, SubscriberOptions{})
	f.pending = func(int) bool { return true }
	if err := f.p.WriteQueued(inter(40)); err != nil {
		t.Fatal(err)
	}
	if f.probes != 0 {
		t.Errorf("WriteQueued looked at the input %d times", f.probes)
	}
	drained(f.subs[0])
	drained(f.subs[0])
	f.ds[0].unfinished = true
	f.write(t, inter(80), 1)
	f.p.Push()
	if got, want := f.got(), []string{"video@80+"}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}
