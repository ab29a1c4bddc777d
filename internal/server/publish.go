package server

import (
	"errors"
	"fmt"

	"github.com/sluicemedia/sluice/internal/stream"
	"github.com/sluicemedia/sluice/rtmp"
)

// publication is a NetStream that publishes into the hub.
type publication struct {
	pub  *stream.Publisher
	name string
}

// publish maps a publish request onto the hub. A busy name gets
// NetStream.Publish.BadName; the connection stays up.
func (s *session) publish(r *rtmp.PublishRequest) error {
	if r.Name == "" {
		return s.sc.RejectPublish(r, rtmp.CodePublishBadName, "a stream name is required")
	}
	if _, dup := s.pubs[r.StreamID]; dup {
		return s.sc.RejectPublish(r, rtmp.CodePublishBadName, "this NetStream is already publishing")
	}
	if _, playing := s.subs[r.StreamID]; playing {
		return s.sc.RejectPublish(r, rtmp.CodePublishBadName, "this NetStream is playing")
	}
	key := stream.Key{App: s.app, Name: r.Name}
	pub, err := s.srv.hub.Publish(key, stream.PublisherInfo{ID: s.id, RemoteAddr: s.sc.RemoteAddr().String()})
	if errors.Is(err, stream.ErrBusy) {
		s.log.Info("publish refused: name busy", "stream", r.Name)
		return s.sc.RejectPublish(r, rtmp.CodePublishBadName, fmt.Sprintf("stream %s is already being published", r.Name))
	}
	if err != nil {
		return s.sc.RejectPublish(r, rtmp.CodePublishDenied, err.Error())
	}
	s.pubs[r.StreamID] = &publication{pub: pub, name: r.Name}
	if s.srv.cfg.WriteCoalesce <= 0 { // players are written to directly
		pub.SetInputPending(s.inputPending)
		s.sc.OnReadWait(s.pushHeld)
	}
	// A publisher replaced by a newcomer (an encoder reconnecting after a
	// network break) loses its connection, so that its writes stop.
	s.wg.Go(func() {
		select {
		case <-pub.Done():
			if errors.Is(pub.Err(), stream.ErrTakenOver) {
				s.log.Info("publisher replaced by a new connection", "stream", r.Name)
				s.sc.Close()
			}
		case <-s.ctx.Done():
		}
	})
	s.log.Info("publish", "stream", r.Name, "type", r.Type)
	return s.sc.AcceptPublish(r)
}

// media forwards audio, video and metadata to the hub.
func (s *session) media(m *rtmp.Media) error {
	p := s.pubs[m.StreamID]
	if p == nil {
		return nil // media on a stream that does not publish: ignored, as FMS does
	}
	write := p.pub.Write
	if s.sc.Backlog() > laggingBacklog {
		write = p.pub.WriteQueued
	}
	if err := write(m.Tag); err != nil {
		return fmt.Errorf("publish %s: %w", p.name, err)
	}
	return nil
}

// inputPending reports whether the publisher's next message has arrived,
// at least in part: the fan-out of this one then lets the players' sockets
// hold it back until the next one, which goes out with it in the same
// segment. A send the kernel holds back costs about a quarter of one it
// transmits (on loopback the transmit includes the receiving socket's
// processing and the reader's wake-up).
func (s *session) inputPending() bool { return s.sc.Backlog() > 0 }

// pushHeld sends what the players' sockets hold back for the next message
// (see inputPending), before the connection waits for the publisher.
func (s *session) pushHeld() {
	for _, p := range s.pubs {
		p.pub.Push()
	}
}

// laggingBacklog is the publisher input, received but not yet read, above
// which the server is behind: its messages then go to the players' queues
// rather than straight to their sockets, so that each player's writer
// sends what piled up in one system call. At one write per message and
// player, a core saturates with about 2000 players of a 2 Mbit/s stream;
// batching is what lets it catch up. 32 KiB is a few video frames at a few
// Mbit/s: a server that keeps up seldom finds that much waiting.
const laggingBacklog = 32 << 10

// endPublish ends the publication on a NetStream, if any.
func (s *session) endPublish(id uint32) bool {
	p := s.pubs[id]
	if p == nil {
		return false
	}
	delete(s.pubs, id)
	p.pub.Close()
	s.log.Info("unpublish", "stream", p.name)
	return true
}

// closeStream handles FCUnpublish, closeStream and deleteStream, for the
// NetStreams of this connection only.
func (s *session) closeStream(r *rtmp.CloseStream) error {
	if r.Reason == rtmp.CloseFCUnpublish {
		for id, p := range s.pubs {
			if p.name == r.Name {
				s.endPublish(id)
			}
		}
		return nil
	}
	if s.endPublish(r.StreamID) && r.Reason == rtmp.CloseCloseStream {
		return s.sc.SendStatus(r.StreamID, rtmp.Status{Level: rtmp.LevelStatus, Code: rtmp.CodeUnpublishSuccess,
			Description: "Stopped publishing."})
	}
	s.stopPlay(r.StreamID)
	return nil
}
