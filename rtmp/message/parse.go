package message

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/chunk"
)

// Parse decodes m's payload according to its type id and returns one of
// SetChunkSize, Abort, Acknowledgement, UserControl, WindowAckSize,
// SetPeerBandwidth, Command, Data, SharedObject or Media (audio, video and
// aggregate). lim bounds the AMF decoding of commands and data. A type id
// outside RTMP 1.0 §7.1 is ErrUnknownType, which a connection may skip.
func Parse(m *chunk.Message, lim amf.Limits) (Message, error) {
	p := m.Payload
	switch t := Type(m.TypeID); t {
	case TypeSetChunkSize:
		return ParseSetChunkSize(p)
	case TypeAbort:
		return ParseAbort(p)
	case TypeAck:
		return ParseAcknowledgement(p)
	case TypeUserControl:
		return ParseUserControl(p)
	case TypeWindowAckSize:
		return ParseWindowAckSize(p)
	case TypeSetPeerBandwidth:
		return ParseSetPeerBandwidth(p)
	case TypeAudio, TypeVideo, TypeAggregate:
		return Media{TypeID: t, Payload: p}, nil
	case TypeCommandAMF0, TypeCommandAMF3:
		return ParseCommand(p, t == TypeCommandAMF3, lim)
	case TypeDataAMF0, TypeDataAMF3:
		return ParseData(p, t == TypeDataAMF3, lim)
	case TypeSharedObjectAMF0, TypeSharedObjectAMF3:
		return ParseSharedObject(p, t == TypeSharedObjectAMF3)
	default:
		return nil, fmt.Errorf("message: type id %d: %w", m.TypeID, ErrUnknownType)
	}
}

// Marshal encodes msg into a chunk message on message stream streamID with
// the given timestamp, on the chunk stream ChunkStreamFor picks. Protocol
// and user control messages must go on message stream 0 (RTMP 1.0 §5.4,
// §6.2): another streamID is ErrInvalid. Marshal allocates the payload; to
// send one media payload to many peers, build the chunk.Message directly.
func Marshal(msg Message, streamID, timestamp uint32) (*chunk.Message, error) {
	t := msg.Type()
	if t.isControl() && streamID != 0 {
		return nil, fmt.Errorf("message: %v on message stream %d, want 0: %w", t, streamID, ErrInvalid)
	}
	payload, err := msg.AppendPayload(nil)
	if err != nil {
		return nil, err
	}
	return &chunk.Message{
		ChunkStreamID: ChunkStreamFor(t, streamID),
		TypeID:        uint8(t),
		StreamID:      streamID,
		Timestamp:     timestamp,
		Payload:       payload,
	}, nil
}
