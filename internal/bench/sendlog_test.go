package bench

import "testing"

func TestSendLog(t *testing.T) {
	var l sendLog
	if _, ok := l.lookup(0); ok {
		t.Error("empty log found timestamp 0")
	}
	l.record(0, 0)     // stored as 1 µs: a zero slot is empty
	l.record(40, 1500) // video
	l.record(40, 1600) // audio with the same timestamp: the first send counts
	l.record(40+sendLogSlots, 9000)
	for _, c := range []struct {
		ts   uint32
		want uint32
		ok   bool
	}{
		{0, 1, true},
		{40, 0, false}, // overwritten by the timestamp one lap later
		{40 + sendLogSlots, 9000, true},
		{41, 0, false},
	} {
		got, ok := l.lookup(c.ts)
		if got != c.want || ok != c.ok {
			t.Errorf("lookup(%d) = %d, %v; want %d, %v", c.ts, got, ok, c.want, c.ok)
		}
	}
}
