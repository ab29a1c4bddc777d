package rtmp

import (
	"context"
	"fmt"
	"strings"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// Request is something the peer asked for or sent after connect that the
// application acts on: *PublishRequest, *PlayRequest, *Media,
// *CloseStream, *Pause, *Seek, *ReceiveMedia or *BufferLength. Commands that
// need no decision (createStream, releaseStream, FCPublish, _checkbw,
// getStreamLength, unknown commands) are answered inside ReadRequest.
type Request interface{ streamID() uint32 }

// PublishRequest is a publish command (RTMP 1.0 §7.2.2.6).
type PublishRequest struct {
	StreamID      uint32
	TransactionID float64
	Name          string // stream name without the query string
	Query         string // the query string, without '?'
	Type          string // "live", "record" or "append"
}

// PlayRequest is a play or play2 command (RTMP 1.0 §7.2.2.1).
type PlayRequest struct {
	StreamID      uint32
	TransactionID float64
	Name          string
	Query         string
	Start         float64 // -2 live or recorded, -1 live only, >= 0 recorded from this position; ms (ffmpeg sends -2000 for -2)
	Duration      float64 // in milliseconds, as librtmp and ffmpeg send it; -1 until the end
	Reset         bool    // flush any previous playlist (default true)
	Play2         bool
}

// Media is an audio, video or data message on a NetStream. For metadata
// sent as "@setDataFrame", "onMetaData", {...} the tag holds
// "onMetaData", {...}: what players expect to receive.
type Media struct {
	StreamID uint32
	Tag      flv.Tag
}

// CloseReason tells how a NetStream's publication or playback ended.
type CloseReason string

// Close reasons.
const (
	CloseFCUnpublish  CloseReason = "FCUnpublish"
	CloseCloseStream  CloseReason = "closeStream"
	CloseDeleteStream CloseReason = "deleteStream"
)

// CloseStream means the peer ended what it did on the stream.
type CloseStream struct {
	StreamID uint32
	Reason   CloseReason
	Name     string // FCUnpublish: the stream name it names
}

// Pause is a pause command (RTMP 1.0 §7.2.2.8).
type Pause struct {
	StreamID uint32
	Pause    bool
	Millis   float64
}

// Seek is a seek command (RTMP 1.0 §7.2.2.7).
type Seek struct {
	StreamID uint32
	Millis   float64
}

// ReceiveMedia is receiveAudio or receiveVideo (RTMP 1.0 §7.2.2.2-3).
type ReceiveMedia struct {
	StreamID uint32
	Video    bool // receiveVideo rather than receiveAudio
	Enabled  bool
}

// BufferLength is User Control Set Buffer Length (RTMP 1.0 §7.1.7).
type BufferLength struct {
	StreamID uint32
	Millis   uint32
}

func (r *PublishRequest) streamID() uint32 { return r.StreamID }
func (r *PlayRequest) streamID() uint32    { return r.StreamID }
func (r *Media) streamID() uint32          { return r.StreamID }
func (r *CloseStream) streamID() uint32    { return r.StreamID }
func (r *Pause) streamID() uint32          { return r.StreamID }
func (r *Seek) streamID() uint32           { return r.StreamID }
func (r *ReceiveMedia) streamID() uint32   { return r.StreamID }
func (r *BufferLength) streamID() uint32   { return r.StreamID }

// ReadRequest returns the next request. It answers by itself what needs no
// decision; an unknown command gets _error and the connection stays up.
func (s *ServerConn) ReadRequest(ctx context.Context) (Request, error) {
	for {
		if len(s.pending) > 0 {
			r := s.pending[0]
			s.pending[0] = nil
			s.pending = s.pending[1:]
			return r, nil
		}
		cm, err := s.c.readRaw(ctx)
		if err != nil {
			return nil, err
		}
		req, err := s.dispatch(cm)
		if err != nil || req != nil {
			return req, err
		}
	}
}

func (s *ServerConn) dispatch(cm *chunk.Message) (Request, error) {
	switch t := message.Type(cm.TypeID); t {
	case message.TypeAudio, message.TypeVideo:
		return &Media{StreamID: cm.StreamID, Tag: flv.Tag{Type: flv.TagType(t), Timestamp: cm.Timestamp, Data: cm.Payload}}, nil
	case message.TypeDataAMF0, message.TypeDataAMF3:
		return s.dataRequest(cm)
	case message.TypeCommandAMF0, message.TypeCommandAMF3:
		cmd, err := message.ParseCommand(cm.Payload, t == message.TypeCommandAMF3, s.cfg.AMF)
		if err != nil {
			// A command that does not decode (hostile or broken AMF) ends
			// the connection; the peer is told why first.
			err = fmt.Errorf("rtmp: command: %w", err)
			s.refuse(0, CodeCallFailed, err)
			return nil, err
		}
		return s.command(cm.StreamID, cmd)
	case message.TypeAggregate:
		return nil, s.splitAggregate(cm)
	case message.TypeUserControl:
		return userControlRequest(cm.Payload)
	}
	// Shared objects and unknown types: nothing a live server does with
	// them; skipping keeps the connection up (librtmp-era clients send
	// shared object messages to apps that never asked for them).
	return nil, nil
}

func userControlRequest(payload []byte) (Request, error) {
	uc, err := message.ParseUserControl(payload)
	if err != nil {
		return nil, wrapErr(err)
	}
	if uc.Event == message.EventSetBufferLength {
		return &BufferLength{StreamID: uc.StreamID, Millis: uc.BufferLength}, nil
	}
	return nil, nil
}

// dataRequest turns a data message into a script tag, dropping the
// "@setDataFrame" handler that encoders prepend to onMetaData.
func (s *ServerConn) dataRequest(cm *chunk.Message) (Request, error) {
	body, err := scriptBody(cm.Payload, cm.TypeID == uint8(message.TypeDataAMF3), s.cfg.AMF)
	if err != nil {
		return nil, fmt.Errorf("rtmp: data: %w", err)
	}
	return &Media{StreamID: cm.StreamID, Tag: flv.Tag{Type: flv.TagScript, Timestamp: cm.Timestamp, Data: body}}, nil
}

func (s *ServerConn) splitAggregate(cm *chunk.Message) error {
	for sub, err := range message.Aggregate(cm.Payload, cm.Timestamp) {
		if err != nil {
			return fmt.Errorf("rtmp: aggregate: %w", err)
		}
		data := sub.Payload
		switch sub.Type {
		case message.TypeDataAMF0:
			if data, err = scriptBody(data, false, s.cfg.AMF); err != nil {
				return fmt.Errorf("rtmp: aggregate: %w", err)
			}
		case message.TypeAudio, message.TypeVideo:
		default:
			continue
		}
		// Sub-messages carry the aggregate's own stream id (§7.1.6).
		s.pending = append(s.pending, &Media{StreamID: cm.StreamID,
			Tag: flv.Tag{Type: flv.TagType(sub.Type), Timestamp: sub.Timestamp, Data: data}})
	}
	return nil
}

// streamName splits "name?query".
func streamName(v amf.Value) (name, query string) {
	str, _ := v.(string)
	name, query, _ = strings.Cut(str, "?")
	return name, query
}

func arg(args []amf.Value, i int) amf.Value {
	if i < len(args) {
		return args[i]
	}
	return nil
}

func numberArg(args []amf.Value, i int, def float64) float64 {
	switch n := arg(args, i).(type) {
	case float64:
		return n
	case int32:
		return float64(n)
	}
	return def
}

func boolArg(args []amf.Value, i int, def bool) bool {
	switch b := arg(args, i).(type) {
	case bool:
		return b
	case float64:
		return b != 0 // some clients send reset as a number
	}
	return def
}
