package bench

import (
	"testing"
	"time"
)

func TestRank(t *testing.T) {
	cases := []struct {
		q    float64
		n    int
		want int
	}{
		{0.50, 1, 1},
		{0.50, 2, 1},   // ceil(1.0)
		{0.50, 3, 2},   // ceil(1.5)
		{0.95, 20, 19}, // ceil(19.0)
		{0.95, 21, 20}, // ceil(19.95)
		{0.99, 100, 99},
		{0.99, 1000, 990},
		{1.00, 7, 7},
		{0.00, 7, 1}, // never below the first
	}
	for _, c := range cases {
		if got := rank(c.q, c.n); got != c.want {
			t.Errorf("rank(%v, %d) = %d, want %d", c.q, c.n, got, c.want)
		}
	}
}

func TestExactPercentiles(t *testing.T) {
	var d []time.Duration
	for i := 100; i >= 1; i-- { // 100 ms down to 1 ms, unsorted
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	got := exactPercentiles(d)
	want := Percentiles{Count: 100, P50: 50, P95: 95, P99: 99, Max: 100}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := exactPercentiles(nil); got != (Percentiles{}) {
		t.Errorf("empty: %+v", got)
	}
}

// TestHistogramBuckets: every value lands in a bucket whose value is
// within 1/subBuckets of it, and bucket indexes grow with the value.
func TestHistogramBuckets(t *testing.T) {
	prev := -1
	for v := uint64(0); v < 1<<22; v += 1 + v/97 {
		i := bucketOf(v)
		if i < prev || i >= numBuckets {
			t.Fatalf("bucketOf(%d) = %d after %d", v, i, prev)
		}
		prev = i
		bv := bucketValue(i)
		if diff := max(bv, v) - min(bv, v); diff*subBuckets > v {
			t.Fatalf("bucketValue(bucketOf(%d)) = %d, off by %d", v, bv, diff)
		}
	}
	if i := bucketOf(1 << 63); i != numBuckets-1 {
		t.Errorf("huge value in bucket %d, want the last", i)
	}
}

func TestHistogramQuantiles(t *testing.T) {
	var h histogram
	for v := uint64(1); v <= 10000; v++ { // 1 µs .. 10 ms, uniform
		h.add(v)
	}
	p := h.percentiles()
	near := func(name string, got, want float64) {
		if got < want*0.97 || got > want*1.03 {
			t.Errorf("%s = %v ms, want about %v", name, got, want)
		}
	}
	near("p50", p.P50, 5)
	near("p95", p.P95, 9.5)
	near("p99", p.P99, 9.9)
	if p.Max != 10 || p.Count != 10000 {
		t.Errorf("max %v count %d", p.Max, p.Count)
	}
	var empty histogram
	if got := empty.percentiles(); got != (Percentiles{}) {
		t.Errorf("empty: %+v", got)
	}
}
