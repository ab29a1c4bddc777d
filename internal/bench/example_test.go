package bench_test

import (
	"os"

	"github.com/sluicemedia/sluice/internal/bench"
)

// A report as `sluice bench` prints it; bench.Run returns one, and
// `sluice bench -json` prints the same fields as JSON.
func ExampleReport_WriteText() {
	rep := &bench.Report{
		Mode: bench.ModePlay, URL: "rtmp://127.0.0.1:1935/live/bench",
		Players: 1000, Connected: 1000, WindowSeconds: 60,
		FirstKeyframe:  bench.Percentiles{Count: 1000, P50: 4.1, P95: 9.8, P99: 15.2, Max: 31},
		Latency:        &bench.Percentiles{Count: 4_380_000, P50: 2.05, P95: 5.1, P99: 8.9, Max: 40.2},
		DeliveredBytes: 15_600_000_000, DeliveredMbps: 2080,
		Server:         &bench.ServerUsage{PID: 4242, CPUSeconds: 8.3, CPUNsPerByte: 0.532, RSSBaseKiB: 20480, RSSEndKiB: 48128, RSSPerConnKiB: 27.6},
		LoadCPUSeconds: 31.5,
	}
	rep.WriteText(os.Stdout)
	// Output:
	// mode play, rtmp://127.0.0.1:1935/live/bench: 1000 connections asked, 1000 connected, 0 failed, 0 dropped
	// window 60.0 s
	// first keyframe ms: p50 4.1  p95 9.8  p99 15.2  max 31.0  (1000 players, 0 without)
	// latency ms: p50 2.05  p99 8.90  max 40.20  (4380000 messages)
	// behind by more than 1 s: 0
	// delivered: 2080.0 Mbit/s (15600000000 bytes)
	// server 4242: cpu 8.30 s (0.532 ns per delivered byte), rss 20480 -> 48128 KiB (27.6 KiB per connection)
	// load generator cpu: 31.50 s
}
