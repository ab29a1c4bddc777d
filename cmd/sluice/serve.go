package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"time"

	"github.com/sluicemedia/sluice/internal/server"
	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/chunk"
)

// serveFlags are the flags of `sluice serve`; every limit has one.
type serveFlags struct {
	srv        server.Config
	hub        stream.Config
	httpAddr   string
	logFormat  string
	logLevel   string
	cpuProfile string
}

func parseServeFlags(args []string, stderr io.Writer) (*serveFlags, error) {
	f := &serveFlags{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.srv.Addr, "rtmp-addr", server.DefaultAddr, "RTMP listen address")
	fs.StringVar(&f.httpAddr, "http-addr", ":8080", "HTTP listen address (reserved for HTTP-FLV, HLS and the API)")
	chunkSize := fs.Uint("chunk-size", rtmp.DefaultChunkSize, "outgoing RTMP chunk size in bytes")
	fs.IntVar(&f.hub.GOPMaxFrames, "gop-max-frames", stream.DefaultGOPMaxFrames, "most packets kept in a stream's GOP cache")
	fs.IntVar(&f.hub.GOPMaxBytes, "gop-max-bytes", stream.DefaultGOPMaxBytes, "most bytes kept in a stream's GOP cache")
	fs.IntVar(&f.hub.SubscriberQueue, "player-queue", stream.DefaultSubscriberQueue, "packets queued per player before dropping to the next keyframe")
	fs.IntVar(&f.hub.SubscriberQueueBytes, "player-queue-bytes", stream.DefaultSubscriberQueueBytes, "bytes queued per player before dropping")
	fs.DurationVar(&f.hub.IdleTakeover, "idle-takeover", stream.DefaultIdleTakeover, "a publisher silent this long is replaced by a new one on the same name")
	fs.IntVar(&f.srv.MaxConnections, "max-connections", server.DefaultMaxConnections, "most concurrent connections")
	fs.IntVar(&f.srv.RTMP.MaxStreams, "max-streams-per-conn", rtmp.DefaultMaxStreams, "most NetStreams per connection")
	fs.DurationVar(&f.srv.RTMP.HandshakeTimeout, "handshake-timeout", rtmp.DefaultHandshakeTimeout, "deadline for handshake plus connect")
	fs.DurationVar(&f.srv.RTMP.WriteTimeout, "write-timeout", rtmp.DefaultWriteTimeout, "a player whose writes block this long is disconnected")
	fs.DurationVar(&f.srv.IdleTimeout, "idle-timeout", server.DefaultIdleTimeout, "close a connection that sends nothing for this long")
	fs.DurationVar(&f.srv.PingInterval, "ping-interval", server.DefaultPingInterval, "how often players are pinged")
	fs.DurationVar(&f.srv.WriteCoalesce, "write-coalesce", 0, "throughput mode: hold writes to a player until the next tick of a clock shared by all players, ticking this often (e.g. 190ms: windows under 200 ms save as much CPU as longer ones); 0 writes at once")
	fs.DurationVar(&f.srv.PlayWait, "play-wait", server.DefaultPlayWait, "how long a player waits for an unpublished stream")
	maxMsg := fs.Uint("max-message-size", chunk.DefaultMaxMessageSize, "largest RTMP message accepted, in bytes")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format: text or json")
	fs.StringVar(&f.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) to this file until the server stops")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	if *chunkSize < 128 || *chunkSize > 1<<24 {
		return nil, fmt.Errorf("-chunk-size %d is outside 128..16777216", *chunkSize)
	}
	f.srv.RTMP.ChunkSize = uint32(*chunkSize)
	f.srv.RTMP.Chunk.MaxMessageSize = uint32(*maxMsg)
	return f, nil
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("-log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("-log-format %q: want text or json", format)
}

// runServe runs the live server until SIGINT or SIGTERM, then stops
// gracefully: players get an onStatus and a clean close.
func runServe(ctx context.Context, args []string, _, stderr io.Writer) int {
	f, err := parseServeFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintln(stderr, "sluice serve:", err)
		return 2
	}
	log, err := newLogger(stderr, f.logFormat, f.logLevel)
	if err != nil {
		fmt.Fprintln(stderr, "sluice serve:", err)
		return 2
	}
	f.srv.Logger = log
	f.hub.Logger = log
	if f.cpuProfile != "" {
		stop, err := startCPUProfile(f.cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "sluice serve:", err)
			return 1
		}
		defer stop()
	}
	hub := stream.NewHub(f.hub)
	defer hub.Close()
	start := time.Now()
	err = server.New(f.srv, hub).ListenAndServe(ctx)
	if err != nil {
		log.Error("server stopped", "err", err)
		return 1
	}
	log.Info("server stopped", "uptime", time.Since(start).Round(time.Second).String())
	return 0
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
