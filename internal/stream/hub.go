package stream

import (
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Errors callers branch on.
var (
	// ErrBusy means the key has a live publisher that is not idle. The
	// RTMP server answers NetStream.Publish.BadName.
	ErrBusy = errors.New("stream: stream is already being published")
	// ErrHubClosed means the hub has shut down.
	ErrHubClosed = errors.New("stream: hub closed")
	// ErrClosed means the publisher was closed by its own Close.
	ErrClosed = errors.New("stream: publisher closed")
	// ErrTakenOver means an idle publisher was replaced by a new one on
	// the same key.
	ErrTakenOver = errors.New("stream: publisher taken over by a new publisher")
)

// Key names a stream. The query string of an RTMP stream name or URL is
// not part of it.
type Key struct {
	App  string
	Name string
}

// String returns "app/name".
func (k Key) String() string { return k.App + "/" + k.Name }

// Hub is the registry of live streams. A stream exists while it has a
// publisher or a subscriber: it is created by the first Publish or
// Subscribe on its key and removed when the last of them closes. Methods
// are safe for concurrent use.
type Hub struct {
	cfg Config
	log *slog.Logger

	mu      sync.Mutex // guards the fields below; taken before any stream's lock
	streams map[Key]*stream
	closed  bool
}

// NewHub returns a hub configured by cfg, whose zero fields take their
// defaults.
func NewHub(cfg Config) *Hub {
	cfg = cfg.normalized()
	return &Hub{cfg: cfg, log: cfg.Logger, streams: make(map[Key]*stream)}
}

// Publish makes a new publisher the one writer of key. If key already has
// a publisher, Publish returns ErrBusy, unless that publisher has sent no
// media for Config.IdleTakeover: then the new one replaces it (the old
// one's Done closes and its Err is ErrTakenOver) and subscribers see
// EventUnpublish then EventPublish.
func (h *Hub) Publish(key Key, info PublisherInfo) (*Publisher, error) {
	now := time.Now()
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil, ErrHubClosed
	}
	s := h.streamLocked(key)
	s.mu.Lock()
	old := s.pub
	if old != nil && !s.stats.idle(now, h.cfg.IdleTakeover) {
		s.mu.Unlock()
		h.mu.Unlock()
		h.log.Info("stream: publish refused, stream busy", "key", key, "id", info.ID, "current", old.info.ID)
		return nil, ErrBusy
	}
	if old != nil {
		s.endLocked(ErrTakenOver)
	}
	p := newPublisher(s, info, now)
	s.startLocked(p)
	s.mu.Unlock()
	h.mu.Unlock()
	if old != nil {
		h.log.Info("stream: idle publisher taken over", "key", key, "id", info.ID, "previous", old.info.ID)
	}
	h.log.Info("stream: published", "key", key, "id", info.ID, "remote", info.RemoteAddr)
	return p, nil
}

// Subscribe adds a subscriber to key. It succeeds whether or not the key
// has a publisher: a player may wait for one (the caller bounds the wait).
// If a publication is live, the queue starts with EventPublish and the
// join burst: metadata, sequence headers, then the cached GOP from its
// keyframe; live packets follow with no gap and no duplicate.
func (h *Hub) Subscribe(key Key, opts SubscriberOptions) (*Subscriber, error) {
	sub := &Subscriber{
		opts:       opts,
		notify:     make(chan struct{}, 1),
		maxPackets: h.cfg.SubscriberQueue,
		maxBytes:   h.cfg.SubscriberQueueBytes,
		noAudio:    opts.NoAudio,
		noVideo:    opts.NoVideo,
	}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil, ErrHubClosed
	}
	s := h.streamLocked(key)
	sub.s = s
	s.mu.Lock()
	s.addSubscriberLocked(sub)
	s.mu.Unlock()
	h.mu.Unlock()
	h.log.Debug("stream: subscriber joined", "key", key, "id", opts.ID, "remote", opts.RemoteAddr)
	return sub, nil
}

// Close shuts the hub down: every publisher ends with ErrHubClosed (its
// Done closes), every subscriber gets EventClosed, and later Publish and
// Subscribe calls fail with ErrHubClosed. The hub runs no goroutines, so
// nothing is left running when Close returns.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	for key, s := range h.streams {
		s.mu.Lock()
		s.shutdownLocked(ErrHubClosed)
		s.mu.Unlock()
		delete(h.streams, key)
	}
}

// streamLocked returns the stream of key, creating it if needed.
func (h *Hub) streamLocked(key Key) *stream {
	s := h.streams[key]
	if s == nil {
		s = newStream(h, key)
		h.streams[key] = s
	}
	return s
}

// removeIfUnusedLocked forgets s once it has neither publisher nor
// subscriber; the caller holds h.mu and s.mu.
func (h *Hub) removeIfUnusedLocked(s *stream) {
	if s.unused() && h.streams[s.key] == s {
		delete(h.streams, s.key)
	}
}
