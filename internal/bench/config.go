package bench

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/sluicemedia/sluice/rtmp"
)

// Mode is what the connections of a run do.
type Mode string

const (
	// ModePlay plays the stream: handshake, connect, createStream, play.
	ModePlay Mode = "play"
	// ModeIdle connects and stays idle (no stream), to measure a server's
	// memory per idle connection.
	ModeIdle Mode = "idle"
)

// Defaults for Config.
const (
	DefaultPlayers      = 100
	DefaultRamp         = 5 * time.Second
	DefaultDuration     = 30 * time.Second
	DefaultWarmup       = 2 * time.Second // a GOP or so: the server's cache holds a keyframe
	DefaultReadBuffer   = 64 << 10        // one big read holds many messages
	DefaultSetupTimeout = 10 * time.Second
)

// Bounds of Config.
const (
	// MaxDuration bounds a whole run (warm-up, ramp and measurement): the
	// latency log packs send times as 32-bit microseconds, which wrap
	// after 71 minutes.
	MaxDuration = time.Hour
	// MaxPlayers bounds the connections of a run: twice the 10000 a
	// default Sluice accepts, within a raised file descriptor limit.
	MaxPlayers = 20000
	// MaxReadBuffer bounds a player's read buffer: 1 MiB times thousands
	// of players is already gigabytes.
	MaxReadBuffer = 1 << 20
)

var (
	// ErrConfig reports an invalid Config.
	ErrConfig = errors.New("bench: invalid config")
	// ErrNotLoopback reports a target that is not a loopback address: the
	// load generator only ever loads servers on this machine.
	ErrNotLoopback = errors.New("bench: target is not a loopback address")
)

// Config describes a run. The zero value of each field but URL means its
// default.
type Config struct {
	// URL is the stream: rtmp://127.0.0.1:1935/live/bench. Its host must
	// be a loopback address or "localhost".
	URL string
	// Mode is ModePlay (default) or ModeIdle.
	Mode Mode
	// Players is the number of connections; default DefaultPlayers.
	Players int
	// Ramp spreads the connections' starts evenly over this time; default
	// DefaultRamp.
	Ramp time.Duration
	// Duration is the measurement window, which starts when the ramp
	// ends; default DefaultDuration.
	Duration time.Duration
	// Publish is an FLV file to publish to URL in real time, looping,
	// before the players start; "" plays a stream someone else publishes
	// (and measures no publish-to-play latency). Play mode only.
	Publish string
	// Warmup is the time between the start of publishing and the first
	// player; default DefaultWarmup. Only with Publish.
	Warmup time.Duration
	// PID is the server process whose CPU time and memory are read from
	// /proc; 0 reads none.
	PID int
	// ReadBuffer is each player's read buffer; default DefaultReadBuffer.
	ReadBuffer int
	// SetupTimeout bounds each connection's handshake, connect,
	// createStream and play; default DefaultSetupTimeout.
	SetupTimeout time.Duration
}

// normalized returns c with defaults filled in, the parsed URL, or an
// error naming every problem.
func (c Config) normalized() (Config, *rtmp.URL, error) {
	c.Mode = orDefault(c.Mode, ModePlay)
	c.Players = orDefault(c.Players, DefaultPlayers)
	c.Ramp = orDefault(c.Ramp, DefaultRamp)
	c.Duration = orDefault(c.Duration, DefaultDuration)
	c.Warmup = orDefault(c.Warmup, DefaultWarmup)
	c.ReadBuffer = orDefault(c.ReadBuffer, DefaultReadBuffer)
	c.SetupTimeout = orDefault(c.SetupTimeout, DefaultSetupTimeout)
	if c.Publish == "" || c.Mode == ModeIdle {
		c.Warmup = 0
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrConfig}, args...)...))
	}
	u, err := targetURL(c.URL)
	if err != nil {
		errs = append(errs, err)
	}
	if c.Mode != ModePlay && c.Mode != ModeIdle {
		bad("mode %q: want %q or %q", c.Mode, ModePlay, ModeIdle)
	}
	if c.Mode == ModeIdle && c.Publish != "" {
		bad("publish is for play mode only")
	}
	if c.Players < 0 || c.Players > MaxPlayers {
		bad("players %d outside 1..%d", c.Players, MaxPlayers)
	}
	if c.Ramp < 0 || c.Duration < 0 || c.Warmup < 0 || c.SetupTimeout < 0 {
		bad("negative duration")
	}
	if total := c.Warmup + c.Ramp + c.Duration; total > MaxDuration {
		bad("warm-up, ramp and duration add up to %v, more than %v", total, MaxDuration)
	}
	if c.ReadBuffer < minReadBuffer || c.ReadBuffer > MaxReadBuffer {
		bad("read buffer %d outside %d..%d", c.ReadBuffer, minReadBuffer, MaxReadBuffer)
	}
	return c, u, errors.Join(errs...)
}

// orDefault returns v, or def when v is the zero value.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// targetURL parses an rtmp:// URL with a stream name on a loopback host.
func targetURL(raw string) (*rtmp.URL, error) {
	u, err := rtmp.ParseURL(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if u.Scheme != "rtmp" {
		return nil, fmt.Errorf("%w: scheme %s: only rtmp:// on loopback", ErrConfig, u.Scheme)
	}
	if u.Stream == "" {
		return nil, fmt.Errorf("%w: %s has no stream name", ErrConfig, raw)
	}
	if !isLoopback(u.Host) {
		return nil, fmt.Errorf("%w: %s", ErrNotLoopback, u.Host)
	}
	return u, nil
}

// isLoopback accepts "localhost" and literal loopback addresses, never a
// name that would need a DNS lookup.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
