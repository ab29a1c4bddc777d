package rtmp

import (
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/chunk"
)

// Defaults for [Config]. Each is what the common servers and clients use, so
// peers see nothing unusual.
const (
	// DefaultChunkSize is the outgoing chunk size announced with Set Chunk
	// Size. ffmpeg, OBS and SRS use 4096 (nginx-rtmp 4096 too): large enough
	// that a typical audio frame and most commands fit in one chunk, small
	// enough that audio is not stuck behind a whole keyframe.
	DefaultChunkSize = 4096
	// DefaultWindowAckSize is the acknowledgement window announced to the
	// peer (RTMP 1.0 §5.4.4); 2.5 MB is what FMS, nginx-rtmp and SRS send.
	DefaultWindowAckSize = 2_500_000
	// DefaultPeerBandwidth is the Set Peer Bandwidth value a server sends
	// (RTMP 1.0 §5.4.5), the same 2.5 MB.
	DefaultPeerBandwidth = 2_500_000
	// DefaultReadTimeout bounds the wait for the next message. Players send
	// little (acknowledgements, ping responses), so the server pings idle
	// players well within this.
	DefaultReadTimeout = 60 * time.Second
	// DefaultWriteTimeout bounds one write: a peer that reads nothing for
	// this long is cut off instead of holding a goroutine and its buffers.
	DefaultWriteTimeout = 10 * time.Second
	// DefaultHandshakeTimeout bounds the handshake and the connect exchange
	// together: an unauthenticated peer gets this long to say who it is.
	DefaultHandshakeTimeout = 10 * time.Second
	// DefaultMaxStreams bounds NetStreams (createStream) per connection.
	// Encoders and players use one; 16 leaves room for multi-stream clients
	// while a loop of createStream cannot grow server state.
	DefaultMaxStreams = 16
)

// Config holds the settings both roles share. The zero value uses the
// defaults above.
type Config struct {
	ChunkSize        uint32        // outgoing chunk size; default DefaultChunkSize
	WindowAckSize    uint32        // window announced to the peer; default DefaultWindowAckSize
	PeerBandwidth    uint32        // Set Peer Bandwidth sent by a server; default DefaultPeerBandwidth
	ReadTimeout      time.Duration // per message read; default DefaultReadTimeout
	WriteTimeout     time.Duration // per write; default DefaultWriteTimeout
	HandshakeTimeout time.Duration // handshake plus connect; default DefaultHandshakeTimeout
	MaxStreams       int           // NetStreams per connection; default DefaultMaxStreams
	Chunk            chunk.ReaderConfig
	AMF              amf.Limits
}

func (c Config) withDefaults() Config {
	if c.ChunkSize == 0 {
		c.ChunkSize = DefaultChunkSize
	}
	if c.WindowAckSize == 0 {
		c.WindowAckSize = DefaultWindowAckSize
	}
	if c.PeerBandwidth == 0 {
		c.PeerBandwidth = DefaultPeerBandwidth
	}
	if c.ReadTimeout == 0 {
		c.ReadTimeout = DefaultReadTimeout
	}
	if c.WriteTimeout == 0 {
		c.WriteTimeout = DefaultWriteTimeout
	}
	if c.HandshakeTimeout == 0 {
		c.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if c.MaxStreams == 0 {
		c.MaxStreams = DefaultMaxStreams
	}
	return c
}
