package rtmp

import (
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// WriteTag sends an audio, video or script tag on a NetStream.
func (s *ServerConn) WriteTag(streamID uint32, t flv.Tag) error {
	return s.c.writeTag(streamID, message.Type(t.Type), t.Timestamp, t.Data)
}

// StreamBegin sends User Control Stream Begin for a NetStream.
func (s *ServerConn) StreamBegin(streamID uint32) error {
	return s.c.writeMessage(message.StreamBegin(streamID), 0, 0)
}

// StreamEOF sends User Control Stream EOF for a NetStream.
func (s *ServerConn) StreamEOF(streamID uint32) error {
	return s.c.writeMessage(message.StreamEOF(streamID), 0, 0)
}

// Ping sends a User Control Ping Request; the answer is consumed by
// ReadRequest and keeps the read deadline from expiring.
func (s *ServerConn) Ping(timestamp uint32) error {
	return s.c.writeMessage(message.PingRequest(timestamp), 0, 0)
}
