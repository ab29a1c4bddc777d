package bench

import (
	"math"
	"math/bits"
	"slices"
	"sync/atomic"
	"time"
)

// Percentiles summarizes a distribution of durations, in milliseconds.
type Percentiles struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P95   float64 `json:"p95_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
}

// rank is the nearest-rank position (1-based) of quantile q among n
// samples: the smallest rank whose share of samples at or below it is at
// least q.
func rank(q float64, n int) int {
	return max(1, min(n, int(math.Ceil(q*float64(n)))))
}

// exactPercentiles summarizes a few thousand samples (one per player)
// exactly; it sorts d.
func exactPercentiles(d []time.Duration) Percentiles {
	if len(d) == 0 {
		return Percentiles{}
	}
	slices.Sort(d)
	at := func(q float64) float64 { return millis(d[rank(q, len(d))-1]) }
	return Percentiles{Count: len(d), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: millis(d[len(d)-1])}
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Histogram layout: values below linearLimit microseconds have a bucket
// each; above, every power of two is cut into subBuckets buckets, so a
// bucket spans at most 1/subBuckets of its value (about 3 %, well below
// the run-to-run spread of a latency percentile).
const (
	subBucketBits = 5
	subBuckets    = 1 << subBucketBits     // 32
	linearLimit   = 2 * subBuckets         // 64 µs
	maxShift      = 40 - subBucketBits - 1 // values up to 2^40 µs (12 days)
	numBuckets    = linearLimit + maxShift*subBuckets
)

// histogram counts microsecond values in log-linear buckets. It is safe
// for concurrent use: players on every goroutine add to one histogram.
type histogram struct {
	counts [numBuckets]atomic.Uint64
	n      atomic.Uint64
	max    atomic.Uint64
}

// bucketOf returns the bucket index of v.
func bucketOf(v uint64) int {
	if v < linearLimit {
		return int(v)
	}
	shift := min(bits.Len64(v)-subBucketBits-1, maxShift)
	sub := min(v>>shift, 2*subBuckets-1) - subBuckets
	return linearLimit + (shift-1)*subBuckets + int(sub)
}

// bucketValue is the value a bucket stands for: its own value below
// linearLimit, else the middle of its range.
func bucketValue(i int) uint64 {
	if i < linearLimit {
		return uint64(i)
	}
	shift := (i-linearLimit)/subBuckets + 1
	lo := uint64((i-linearLimit)%subBuckets+subBuckets) << shift
	return lo + (uint64(1)<<shift)/2
}

func (h *histogram) add(us uint64) {
	h.counts[bucketOf(us)].Add(1)
	h.n.Add(1)
	for {
		m := h.max.Load()
		if us <= m || h.max.CompareAndSwap(m, us) {
			return
		}
	}
}

// quantile returns the value at quantile q (nearest rank), 0 when empty.
func (h *histogram) quantile(q float64) uint64 {
	n := h.n.Load()
	if n == 0 {
		return 0
	}
	want := uint64(rank(q, int(n)))
	var seen uint64
	for i := range h.counts {
		seen += h.counts[i].Load()
		if seen >= want {
			return min(bucketValue(i), h.max.Load())
		}
	}
	return h.max.Load()
}

// percentiles summarizes the histogram.
func (h *histogram) percentiles() Percentiles {
	ms := func(us uint64) float64 { return float64(us) / 1000 }
	return Percentiles{
		Count: int(h.n.Load()),
		P50:   ms(h.quantile(0.50)),
		P95:   ms(h.quantile(0.95)),
		P99:   ms(h.quantile(0.99)),
		Max:   ms(h.max.Load()),
	}
}
