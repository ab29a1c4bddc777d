package bench

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp"
)

// procRoot is where process statistics are read.
const procRoot = "/proc"

// run is the state of one run that its connections share.
type run struct {
	cfg       Config
	url       *rtmp.URL
	addr      string
	epoch     time.Time
	amfLimits amf.Limits

	sends     *sendLog // nil without a publisher
	latency   histogram
	measuring atomic.Bool   // the measurement window is open
	bytes     atomic.Uint64 // bytes the players have read
	published atomic.Uint64 // media payload bytes the publisher has sent
}

// sinceEpoch is t in microseconds since the run began.
func (r *run) sinceEpoch(t time.Time) int64 { return t.Sub(r.epoch).Microseconds() }

// Run runs the load described by cfg and reports what it measured. It
// returns after cfg's warm-up, ramp and duration, or earlier when ctx
// ends, having closed every connection it opened; the report then covers
// the time until ctx ended.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg, u, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	r := &run{cfg: cfg, url: u, addr: u.Addr(), epoch: time.Now()}
	var c *clip
	if cfg.Publish != "" {
		if c, err = loadClip(cfg.Publish); err != nil {
			return nil, err
		}
		r.sends = new(sendLog)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var pubErr error
	var pub sync.WaitGroup
	if c != nil {
		ready := make(chan error, 1)
		pub.Go(func() { pubErr = r.publish(ctx, c, ready) })
		if err := <-ready; err != nil {
			pub.Wait()
			return nil, err
		}
		sleepCtx(ctx, cfg.Warmup)
	}
	rep := r.load(ctx)
	cancel()
	pub.Wait()
	if pubErr != nil {
		rep.PublishError = pubErr.Error()
	}
	return rep, nil
}

// load opens the connections over the ramp, measures during the window,
// then closes them all and reports.
func (r *run) load(ctx context.Context) *Report {
	base := r.sample()
	results := make([]playerResult, r.cfg.Players)
	connCtx, closeConns := context.WithCancel(ctx)
	var conns sync.WaitGroup
	r.ramp(connCtx, &conns, results)

	begin := r.sample()
	r.measuring.Store(true)
	sleepCtx(ctx, r.cfg.Duration)
	r.measuring.Store(false)
	end := r.sample()

	closeConns()
	conns.Wait()
	return r.report(results, base, begin, end)
}

// ramp starts the connections evenly over the ramp time.
func (r *run) ramp(ctx context.Context, wg *sync.WaitGroup, results []playerResult) {
	connect := r.play
	if r.cfg.Mode == ModeIdle {
		connect = r.idle
	}
	start := time.Now()
	step := r.cfg.Ramp / time.Duration(max(1, len(results)))
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for i := range results {
		if sleepUntil(ctx, timer, start.Add(time.Duration(i)*step)) != nil {
			return
		}
		wg.Go(func() { results[i] = connect(ctx) })
	}
	sleepUntil(ctx, timer, start.Add(r.cfg.Ramp))
}

// snapshot is what is sampled at the edges of the measurement window.
type snapshot struct {
	at     time.Time
	bytes  uint64
	server ProcSample
	self   ProcSample
	err    error // reading the server's /proc files
}

func (r *run) sample() snapshot {
	s := snapshot{at: time.Now(), bytes: r.bytes.Load()}
	s.self, _ = sampleProc(procRoot, os.Getpid())
	if r.cfg.PID != 0 {
		s.server, s.err = sampleProc(procRoot, r.cfg.PID)
	}
	return s
}

// sleepCtx waits for d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
