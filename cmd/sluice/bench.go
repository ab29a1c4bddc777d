package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/sluicemedia/sluice/internal/bench"
)

// parseBenchFlags reads the flags of `sluice bench` and its URL argument.
func parseBenchFlags(args []string, stderr io.Writer) (bench.Config, bool, error) {
	var cfg bench.Config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: sluice bench [flags] rtmp://127.0.0.1[:port]/app/stream")
		fmt.Fprintln(stderr, "Loads a server on this machine with players (or idle connections) and reports.")
		fs.PrintDefaults()
	}
	mode := fs.String("mode", string(bench.ModePlay), "play: players play the stream; idle: connections connect and stay idle")
	fs.IntVar(&cfg.Players, "players", bench.DefaultPlayers, "number of players (or idle connections)")
	fs.DurationVar(&cfg.Ramp, "ramp", bench.DefaultRamp, "spread the connections' starts over this time")
	fs.DurationVar(&cfg.Duration, "duration", bench.DefaultDuration, "measurement window after the ramp")
	fs.StringVar(&cfg.Publish, "publish", "", "FLV file to publish to the URL in real time, looping (play mode)")
	fs.DurationVar(&cfg.Warmup, "warmup", bench.DefaultWarmup, "with -publish: time between publishing and the first player")
	fs.IntVar(&cfg.PID, "pid", 0, "server process to read CPU time and memory of from /proc")
	fs.IntVar(&cfg.ReadBuffer, "read-buffer", bench.DefaultReadBuffer, "read buffer per player, in bytes")
	fs.DurationVar(&cfg.SetupTimeout, "setup-timeout", bench.DefaultSetupTimeout, "deadline for each connection's handshake through play")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := fs.Parse(args); err != nil {
		return cfg, false, err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return cfg, false, fmt.Errorf("want one URL, got %d arguments", fs.NArg())
	}
	cfg.URL = fs.Arg(0)
	cfg.Mode = bench.Mode(*mode)
	return cfg, *asJSON, nil
}

// runBench runs the load generator and prints its report.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, asJSON, err := parseBenchFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintln(stderr, "sluice bench:", err)
		return 2
	}
	rep, err := bench.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "sluice bench:", err)
		return 1
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "sluice bench:", err)
		return 1
	}
	return 0
}
