package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"runtime/debug"
	"sync"

	"github.com/sluicemedia/sluice/rtmp"
)

// session is one RTMP connection: its NetStreams, each publishing or
// playing. The reading goroutine owns the maps and all session state (one
// at a time: each hands over to the next, see step); each player's writer
// goroutine, which runs while the player has something to write (see
// play_writer.go), is owned by the session, and close waits for it.
type session struct {
	srv  *Server
	sc   *rtmp.ServerConn
	id   string
	log  *slog.Logger
	app  string
	pubs map[uint32]*publication
	subs map[uint32]*playback
	wg   sync.WaitGroup
	// ctx ends the session's goroutines; cancel runs on close.
	ctx    context.Context
	cancel context.CancelFunc
}

func newSession(srv *Server, nc net.Conn, id string, log *slog.Logger) *session {
	return &session{
		srv:  srv,
		sc:   rtmp.NewServerConn(nc, rtmp.ServerConfig{Config: srv.cfg.RTMP}),
		id:   id,
		log:  log,
		pubs: map[uint32]*publication{},
		subs: map[uint32]*playback{},
	}
}

// step runs one part of the connection's life, f, on this goroutine. When
// f reports that the connection goes on, the rest runs on a fresh
// goroutine, owned by conns like this one: the handshake, connect and
// command handling need deep stacks (HMAC, AMF, logging), which this
// goroutine returns as it exits, so that a connection waiting for its next
// message holds a small stack, not the largest it ever needed (the runtime
// shrinks stacks only at garbage collection, which an idle server seldom
// runs). The last step closes the session; a panic is logged with its
// stack and closes this connection only.
func (s *session) step(parent context.Context, conns *sync.WaitGroup, f func(parent context.Context) bool) {
	next := false
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("panic in connection", "panic", v, "stack", string(debug.Stack()))
			next = false
		}
		if next {
			conns.Go(func() { s.step(parent, conns, s.serveRequests) })
			return
		}
		s.close()
		s.srv.active.Add(-1)
	}()
	next = f(parent)
}

// serveRequests reads and handles the peer's requests until the
// connection ends (false) or a command was handled (true: the session goes
// on, on a fresh goroutine). Media, which a publisher sends without pause,
// is handled here without a hand-over.
func (s *session) serveRequests(parent context.Context) bool {
	for {
		req, err := s.sc.ReadRequest(s.ctx)
		if err != nil {
			if parent.Err() != nil {
				s.shutdown()
			}
			s.logEnd(err)
			return false
		}
		if err := s.handle(req); err != nil {
			s.log.Info("connection closed", "err", err)
			return false
		}
		if _, media := req.(*rtmp.Media); !media {
			return true
		}
	}
}

// accept runs the handshake and connect, and reports whether the
// session goes on.
func (s *session) accept(context.Context) bool {
	if err := s.connect(); err != nil {
		s.log.Debug("connection ended before connect", "err", err)
		return false
	}
	return true
}

// connect runs the handshake and connect.
func (s *session) connect() error {
	hs, err := s.sc.Handshake(s.ctx)
	if err != nil {
		return err
	}
	req, err := s.sc.ReadConnect(s.ctx)
	if err != nil {
		return err
	}
	if req.App == "" {
		s.sc.RejectConnect(req, "an application name is required, as in rtmp://host/app/stream")
		return errors.New("connect without app")
	}
	if err := s.sc.AcceptConnect(req); err != nil {
		return err
	}
	s.app = req.App
	s.log = s.log.With("app", req.App)
	s.log.Info("connected", "handshake", hs.Scheme.String(), "flashVer", req.FlashVer, "tcUrl", req.TCURL)
	return nil
}

func (s *session) logEnd(err error) {
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, net.ErrClosed), errors.Is(err, context.Canceled):
		s.log.Info("disconnected")
	default:
		s.log.Info("disconnected", "err", err)
	}
}

// handle acts on one request from the peer.
func (s *session) handle(req rtmp.Request) error {
	switch r := req.(type) {
	case *rtmp.Media:
		return s.media(r)
	case *rtmp.PublishRequest:
		return s.publish(r)
	case *rtmp.PlayRequest:
		return s.play(r)
	case *rtmp.CloseStream:
		return s.closeStream(r)
	case *rtmp.Pause:
		return s.pause(r)
	case *rtmp.Seek:
		return s.seek(r)
	case *rtmp.ReceiveMedia:
		if p := s.subs[r.StreamID]; p != nil {
			p.receive(r)
		}
	case *rtmp.BufferLength:
		// A live server sends as fast as the network allows, so the
		// player's buffer length changes nothing here; it is accepted.
	}
	return nil
}

// shutdown tells players the server is going away and closes the
// connection. (The cancelled context has already interrupted the read;
// each write sets its own deadline, so these still go out.)
func (s *session) shutdown() {
	// Stop every writer first and wait for all of them, so that no status
	// lands in the middle of a half-written media message.
	for _, p := range s.subs {
		p.stop()
	}
	for id, p := range s.subs {
		<-p.done
		s.sc.SendStatus(id, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodePlayStop,
			Description: "The server is shutting down."})
	}
	s.sc.Close()
}

// close ends every publication and playback and waits for the writers.
func (s *session) close() {
	if s.cancel != nil {
		s.cancel()
	}
	s.sc.Close()
	for id := range s.pubs {
		s.endPublish(id)
	}
	for id := range s.subs {
		s.stopPlay(id)
	}
	s.wg.Wait()
}
