package server

import (
	"log/slog"
	"time"

	"github.com/sluicemedia/sluice/rtmp"
)

// Defaults for Config.
const (
	// DefaultAddr is the RTMP port registered with IANA.
	DefaultAddr = ":1935"
	// DefaultMaxConnections caps concurrent connections: enough for a
	// single-core fan-out far beyond what one machine's uplink carries,
	// low enough that a connection flood cannot exhaust file descriptors.
	DefaultMaxConnections = 10000
	// DefaultPlayWait is how long a player that asks for a stream not yet
	// published waits for it before NetStream.Play.StreamNotFound: an
	// encoder that starts a few seconds after its players still works.
	DefaultPlayWait = 10 * time.Second
	// DefaultIdleTimeout closes a connection from which nothing arrives
	// for this long: a publisher that stopped sending, or a player that no
	// longer answers pings.
	DefaultIdleTimeout = 30 * time.Second
	// DefaultPingInterval is how often an idle player is pinged, well
	// within DefaultIdleTimeout so that a live player always answers in time.
	DefaultPingInterval = 10 * time.Second
)

// Config configures a Server. The zero value works.
type Config struct {
	// Addr is the RTMP listen address; default DefaultAddr.
	Addr string
	// RTMP holds the connection settings: outgoing chunk size, timeouts
	// and protocol limits. RTMP.ReadTimeout defaults to IdleTimeout.
	RTMP rtmp.Config
	// MaxConnections caps concurrent connections; default
	// DefaultMaxConnections. Connections beyond it are closed at once.
	MaxConnections int
	// PlayWait bounds a player's wait for an unpublished stream; default
	// DefaultPlayWait.
	PlayWait time.Duration
	// IdleTimeout closes silent connections; default DefaultIdleTimeout.
	IdleTimeout time.Duration
	// PingInterval is how often players are pinged; default
	// DefaultPingInterval, and at most a third of IdleTimeout.
	PingInterval time.Duration
	// WriteCoalesce is the write-coalescing window: a player written to
	// since the last tick of a clock shared by all players, which ticks
	// this often, is written next at the next tick, so that it gets fewer,
	// larger writes (throughput mode, e.g. 20-350 ms, at up to that much
	// added latency; see writeClock). Default 0: write what is queued as
	// soon as the socket is free.
	WriteCoalesce time.Duration
	// Logger receives connection, publish and play events; nil discards them.
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.MaxConnections == 0 {
		c.MaxConnections = DefaultMaxConnections
	}
	if c.PlayWait <= 0 {
		c.PlayWait = DefaultPlayWait
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.PingInterval <= 0 {
		c.PingInterval = DefaultPingInterval
	}
	// A player at a low bitrate sends nothing but ping answers for long
	// stretches: pings must come well within the idle timeout.
	c.PingInterval = min(c.PingInterval, c.IdleTimeout/3)
	if c.RTMP.ReadTimeout == 0 {
		c.RTMP.ReadTimeout = c.IdleTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}
