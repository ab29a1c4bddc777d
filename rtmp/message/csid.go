package message

// Conventional chunk stream ids. RTMP 1.0 fixes only the first: protocol
// control and user control messages go on chunk stream 2 (§5.4, §6.2). The
// others are custom, and any chunk stream id is valid for any message; what
// matters is that messages which follow each other with similar headers
// share a chunk stream, so that the chunk layer can compress their headers.
// Peers in the wild use:
//
//	          control  NetConnection  NetStream cmd/data  audio  video
//	ffmpeg       2          3              8 (data on 4)     4      6
//	SRS          2          3              5                 7      6
//	nginx-rtmp   2          3              5                 6      7
//
// Sluice follows SRS, which agrees with ffmpeg on video and with both on
// commands.
const (
	CSIDProtocolControl uint32 = 2 // protocol and user control messages (§5.4, §6.2)
	CSIDCommand         uint32 = 3 // commands and data on message stream 0 (NetConnection)
	CSIDStream          uint32 = 5 // commands and data on a NetStream (message stream id > 0)
	CSIDVideo           uint32 = 6 // video and aggregate messages
	CSIDAudio           uint32 = 7 // audio messages
)

// ChunkStreamFor returns the conventional chunk stream id for a message of
// type t sent on message stream streamID.
func ChunkStreamFor(t Type, streamID uint32) uint32 {
	switch {
	case t.isControl():
		return CSIDProtocolControl
	case t == TypeAudio:
		return CSIDAudio
	case t == TypeVideo, t == TypeAggregate:
		return CSIDVideo
	case streamID == 0:
		return CSIDCommand
	default:
		return CSIDStream
	}
}
