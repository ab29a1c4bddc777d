// Package server is Sluice's RTMP listener: the accept loop, one goroutine
// per connection, deadlines and limits, and the mapping of publish and play
// onto the stream hub.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sluicemedia/sluice/internal/stream"
)

// Server accepts RTMP connections and connects them to a hub.
type Server struct {
	cfg    Config
	hub    *stream.Hub
	log    *slog.Logger
	nextID atomic.Uint64
	active atomic.Int64
	// clock writes the players in throughput mode; nil without a
	// write-coalescing window.
	clock *writeClock
	keys  encodingKeys // shared by the players' batches
}

// New returns a server that publishes into and plays from hub.
func New(cfg Config, hub *stream.Hub) *Server {
	cfg = cfg.withDefaults()
	s := &Server{cfg: cfg, hub: hub, log: cfg.Logger}
	if cfg.WriteCoalesce > 0 {
		s.clock = newWriteClock(cfg.WriteCoalesce)
	}
	return s
}

// ListenAndServe listens on Config.Addr and serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve accepts connections on ln until ctx ends, then closes ln, stops
// every connection (players get an onStatus first) and returns after all
// their goroutines have exited.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.log.Info("rtmp listening", "addr", ln.Addr().String())
	if s.clock != nil {
		s.clock.start()
		defer s.clock.release() // after the connections: a player may wait for a tick until it ends
	}
	var wg sync.WaitGroup // every connection's goroutine, successors included (see session.step)
	defer wg.Wait()       // runs after cancel has told every connection to stop
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer ln.Close()
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var backoff time.Duration
	for {
		nc, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if backoff = acceptBackoff(backoff, err); backoff > 0 {
				s.log.Warn("accept failed; retrying", "err", err, "in", backoff)
				if !sleepCtx(ctx, backoff) {
					return nil
				}
				continue
			}
			return fmt.Errorf("server: accept: %w", err)
		}
		backoff = 0
		if s.active.Add(1) > int64(s.cfg.MaxConnections) {
			s.active.Add(-1)
			s.log.Warn("connection refused: too many connections", "remote", nc.RemoteAddr().String(), "max", s.cfg.MaxConnections)
			nc.Close()
			continue
		}
		wg.Go(func() { s.serveConn(ctx, &wg, nc) })
	}
}

// acceptBackoff returns how long to wait after a failed Accept that may
// pass (a timeout, or running out of file descriptors under a connection
// flood: EMFILE, ENFILE), doubling from 5 ms to 1 s as net/http does; 0
// means the error is final.
func acceptBackoff(prev time.Duration, err error) time.Duration {
	var ne net.Error
	temporary := errors.As(err, &ne) && ne.Timeout() ||
		errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) || errors.Is(err, syscall.ENOBUFS) || errors.Is(err, syscall.ENOMEM)
	if !temporary {
		return 0
	}
	return min(max(2*prev, 5*time.Millisecond), time.Second)
}

// sleepCtx waits for d unless ctx ends first; it reports whether it slept.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// serveConn runs one connection; conns owns its goroutines.
func (s *Server) serveConn(ctx context.Context, conns *sync.WaitGroup, nc net.Conn) {
	id := fmt.Sprintf("c%d", s.nextID.Add(1))
	log := s.log.With("conn", id, "remote", nc.RemoteAddr().String())
	sess := newSession(s, nc, id, log)
	sess.ctx, sess.cancel = context.WithCancel(ctx)
	sess.step(ctx, conns, sess.accept)
}

// Connections is the number of open connections.
func (s *Server) Connections() int { return int(s.active.Load()) }
