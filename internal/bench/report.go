package bench

import (
	"fmt"
	"io"
	"time"
)

// maxReportedErrors is how many connection errors a report lists: the
// first few name the cause; thousands of copies would bury it.
const maxReportedErrors = 5

// Report is what a run measured. Times are in milliseconds, CPU in
// seconds, memory in KiB.
type Report struct {
	Mode    Mode   `json:"mode"`
	URL     string `json:"url"`
	Players int    `json:"players"` // connections asked for

	Connected int      `json:"connected"` // finished their setup
	Failed    int      `json:"failed"`    // did not
	Dropped   int      `json:"dropped"`   // connected, then lost before the end
	Errors    []string `json:"errors,omitempty"`

	WindowSeconds float64 `json:"window_s"` // the measurement window

	// Play mode.
	FirstKeyframe  Percentiles  `json:"first_keyframe"`    // from dialling to the first video keyframe
	NoKeyframe     int          `json:"no_keyframe"`       // connected players that got none
	Latency        *Percentiles `json:"latency,omitempty"` // publish to play, with Publish, in the window
	Behind         int          `json:"behind"`            // fell more than a second behind the stream
	DeliveredBytes uint64       `json:"delivered_bytes"`   // read by players in the window
	DeliveredMbps  float64      `json:"delivered_mbps"`    // the same per second, in Mbit/s
	PublishError   string       `json:"publish_error,omitempty"`

	Server *ServerUsage `json:"server,omitempty"` // with PID
	// LoadCPUSeconds is the load generator's own CPU time in the window.
	LoadCPUSeconds float64 `json:"load_cpu_s"`
}

// ServerUsage is the server process's cost, from /proc.
type ServerUsage struct {
	PID        int     `json:"pid"`
	CPUSeconds float64 `json:"cpu_s"` // user plus system, in the window
	// CPUNsPerByte is the server's CPU time per byte delivered to players
	// in the window (play mode).
	CPUNsPerByte float64 `json:"cpu_ns_per_byte,omitempty"`
	RSSBaseKiB   uint64  `json:"rss_base_kib"` // before the first connection (publisher warmed up)
	RSSEndKiB    uint64  `json:"rss_end_kib"`  // at the end of the window
	// RSSPerConnKiB is the growth from RSSBaseKiB per connected player or
	// idle connection.
	RSSPerConnKiB float64 `json:"rss_per_conn_kib"`
	Error         string  `json:"error,omitempty"`
}

// report summarizes the players' results and the window's samples.
func (r *run) report(results []playerResult, base, begin, end snapshot) *Report {
	window := end.at.Sub(begin.at)
	rep := &Report{
		Mode:           r.cfg.Mode,
		URL:            r.cfg.URL,
		Players:        r.cfg.Players,
		WindowSeconds:  window.Seconds(),
		DeliveredBytes: end.bytes - begin.bytes,
		LoadCPUSeconds: (end.self.CPU - begin.self.CPU).Seconds(),
	}
	if window > 0 {
		rep.DeliveredMbps = float64(rep.DeliveredBytes) * 8 / window.Seconds() / 1e6
	}
	var firstKeys []time.Duration
	for _, res := range results {
		rep.count(res, end.at)
		if res.firstKey > 0 {
			firstKeys = append(firstKeys, res.firstKey)
		}
	}
	if r.cfg.Mode == ModePlay {
		rep.FirstKeyframe = exactPercentiles(firstKeys)
		rep.NoKeyframe = rep.Connected - len(firstKeys)
	}
	if r.sends != nil {
		p := r.latency.percentiles()
		rep.Latency = &p
	}
	if r.cfg.PID != 0 {
		rep.Server = serverUsage(r.cfg.PID, rep, base, begin, end)
	}
	return rep
}

// count adds one connection's result. A player still connected at the
// end whose last media arrived more than behindLimit before it had
// stalled, so it is behind too.
func (rep *Report) count(res playerResult, end time.Time) {
	switch {
	case !res.connected:
		rep.Failed++
	default:
		rep.Connected++
		if res.err != nil {
			rep.Dropped++
		}
	}
	if res.err != nil && len(rep.Errors) < maxReportedErrors {
		rep.Errors = append(rep.Errors, res.err.Error())
	}
	stalled := res.connected && res.err == nil && end.Sub(res.last) > behindLimit
	if rep.Mode == ModePlay && (res.behind || stalled) {
		rep.Behind++
	}
}

func serverUsage(pid int, rep *Report, base, begin, end snapshot) *ServerUsage {
	u := &ServerUsage{PID: pid}
	for _, s := range []snapshot{base, begin, end} {
		if s.err != nil {
			u.Error = s.err.Error()
			return u
		}
	}
	cpu := end.server.CPU - begin.server.CPU
	u.CPUSeconds = cpu.Seconds()
	if rep.DeliveredBytes > 0 {
		u.CPUNsPerByte = float64(cpu.Nanoseconds()) / float64(rep.DeliveredBytes)
	}
	u.RSSBaseKiB, u.RSSEndKiB = base.server.RSSKiB, end.server.RSSKiB
	if rep.Connected > 0 {
		u.RSSPerConnKiB = (float64(u.RSSEndKiB) - float64(u.RSSBaseKiB)) / float64(rep.Connected)
	}
	return u
}

// WriteText writes the report for people.
func (rep *Report) WriteText(w io.Writer) error {
	p := &printer{w: w}
	p.f("mode %s, %s: %d connections asked, %d connected, %d failed, %d dropped\n",
		rep.Mode, rep.URL, rep.Players, rep.Connected, rep.Failed, rep.Dropped)
	for _, e := range rep.Errors {
		p.f("  error: %s\n", e)
	}
	p.f("window %.1f s\n", rep.WindowSeconds)
	if rep.Mode == ModePlay {
		k := rep.FirstKeyframe
		p.f("first keyframe ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (%d players, %d without)\n",
			k.P50, k.P95, k.P99, k.Max, k.Count, rep.NoKeyframe)
		if l := rep.Latency; l != nil {
			p.f("latency ms: p50 %.2f  p99 %.2f  max %.2f  (%d messages)\n", l.P50, l.P99, l.Max, l.Count)
		}
		p.f("behind by more than 1 s: %d\n", rep.Behind)
		p.f("delivered: %.1f Mbit/s (%d bytes)\n", rep.DeliveredMbps, rep.DeliveredBytes)
	}
	if rep.PublishError != "" {
		p.f("publisher error: %s\n", rep.PublishError)
	}
	if s := rep.Server; s != nil {
		if s.Error != "" {
			p.f("server %d: %s\n", s.PID, s.Error)
		} else {
			p.f("server %d: cpu %.2f s (%.3f ns per delivered byte), rss %d -> %d KiB (%.1f KiB per connection)\n",
				s.PID, s.CPUSeconds, s.CPUNsPerByte, s.RSSBaseKiB, s.RSSEndKiB, s.RSSPerConnKiB)
		}
	}
	p.f("load generator cpu: %.2f s\n", rep.LoadCPUSeconds)
	return p.err
}

// printer keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
