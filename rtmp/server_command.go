package rtmp

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// command handles one command after connect (RTMP 1.0 §7.2). It returns a
// request for the application, or nil when it answered by itself.
func (s *ServerConn) command(streamID uint32, cmd message.Command) (Request, error) {
	switch cmd.Name {
	case "createStream":
		return nil, s.createStream(cmd)
	case "publish", "play", "play2":
		if !s.streams[streamID] {
			// Every real client calls createStream first; without this
			// check MaxStreams would bound nothing.
			return nil, s.callFailed(cmd, fmt.Sprintf("%s on stream %d, which createStream did not create", cmd.Name, streamID))
		}
	}
	switch cmd.Name {
	case "publish":
		name, query := streamName(arg(cmd.Args, 0))
		typ, _ := arg(cmd.Args, 1).(string)
		if typ == "" {
			typ = "live"
		}
		return &PublishRequest{StreamID: streamID, TransactionID: cmd.TransactionID, Name: name, Query: query, Type: typ}, nil
	case "play":
		name, query := streamName(arg(cmd.Args, 0))
		return &PlayRequest{StreamID: streamID, TransactionID: cmd.TransactionID, Name: name, Query: query,
			Start: numberArg(cmd.Args, 1, -2), Duration: numberArg(cmd.Args, 2, -1), Reset: boolArg(cmd.Args, 3, true)}, nil
	case "play2":
		return play2Request(streamID, cmd), nil
	case "pause", "pauseRaw":
		return &Pause{StreamID: streamID, Pause: boolArg(cmd.Args, 0, true), Millis: numberArg(cmd.Args, 1, 0)}, nil
	case "seek":
		return &Seek{StreamID: streamID, Millis: numberArg(cmd.Args, 0, 0)}, nil
	case "receiveAudio", "receiveVideo":
		return &ReceiveMedia{StreamID: streamID, Video: cmd.Name == "receiveVideo", Enabled: boolArg(cmd.Args, 0, true)}, nil
	case "closeStream":
		return &CloseStream{StreamID: streamID, Reason: CloseCloseStream}, nil
	case "deleteStream":
		id := uint32(numberArg(cmd.Args, 0, 0))
		delete(s.streams, id)
		return &CloseStream{StreamID: id, Reason: CloseDeleteStream}, nil
	case "FCUnpublish":
		name, _ := streamName(arg(cmd.Args, 0))
		return &CloseStream{StreamID: streamID, Reason: CloseFCUnpublish, Name: name},
			s.answerFC(cmd, "onFCUnpublish", CodeUnpublishSuccess)
	case "FCPublish":
		return nil, s.answerFC(cmd, "onFCPublish", CodePublishStart)
	case "releaseStream", "FCSubscribe", "_checkbw", "getStreamLength":
		return nil, s.answerNull(cmd)
	case "_result", "_error", "onStatus", "onBWDone", "onBWCheck", "_onbwcheck", "_onbwdone":
		return nil, nil // answers to our calls, or bandwidth probes nobody needs answered
	}
	return nil, s.callFailed(cmd, "unknown command "+cmd.Name)
}

// play2Request reads play2's NetStreamPlayOptions object (streamName,
// start, len, transition).
func play2Request(streamID uint32, cmd message.Command) *PlayRequest {
	opts := arg(cmd.Args, 0)
	str, _ := amf.GetString(opts, "streamName")
	name, query := streamName(str)
	start, ok := amf.GetNumber(opts, "start")
	if !ok {
		start = -2
	}
	length, ok := amf.GetNumber(opts, "len")
	if !ok {
		length = -1
	}
	return &PlayRequest{StreamID: streamID, TransactionID: cmd.TransactionID, Name: name, Query: query,
		Start: start, Duration: length, Reset: true, Play2: true}
}

func (s *ServerConn) createStream(cmd message.Command) error {
	if len(s.streams) >= s.cfg.MaxStreams {
		return s.callFailed(cmd, ErrTooManyStreams.Error())
	}
	id := s.nextID
	s.nextID++
	s.streams[id] = true
	return s.sendCommand(0, message.Command{Name: "_result", TransactionID: cmd.TransactionID, Args: []amf.Value{float64(id)}})
}

// answerFC answers FCPublish/FCUnpublish with onFCPublish/onFCUnpublish
// (some encoders wait for it) and, when the call asked for an answer, a
// _result.
func (s *ServerConn) answerFC(cmd message.Command, event, code string) error {
	name, _ := streamName(arg(cmd.Args, 0))
	info := amf.Object{{Key: "code", Value: code}, {Key: "description", Value: name}}
	if err := s.sendCommand(0, message.Command{Name: event, Args: []amf.Value{info}}); err != nil {
		return err
	}
	return s.answerNull(cmd)
}

// answerNull sends _result with no value when the call asked for an
// answer (a transaction id other than 0).
func (s *ServerConn) answerNull(cmd message.Command) error {
	if cmd.TransactionID == 0 {
		return nil
	}
	result := amf.Value(amf.Undefined{})
	if cmd.Name == "getStreamLength" {
		result = float64(0) // live streams have no length
	}
	return s.sendCommand(0, message.Command{Name: "_result", TransactionID: cmd.TransactionID, Args: []amf.Value{result}})
}

// callFailed answers a call with _error NetConnection.Call.Failed.
func (s *ServerConn) callFailed(cmd message.Command, description string) error {
	return s.sendError(cmd.TransactionID, CodeCallFailed, description)
}

// SendStatus sends onStatus on a NetStream.
func (s *ServerConn) SendStatus(streamID uint32, st Status) error {
	return s.sendCommand(streamID, message.Command{Name: "onStatus", Args: []amf.Value{st.object()}})
}

// AcceptPublish answers publish with NetStream.Publish.Start.
func (s *ServerConn) AcceptPublish(req *PublishRequest) error {
	if err := s.c.writeMessage(message.StreamBegin(req.StreamID), 0, 0); err != nil {
		return err
	}
	return s.SendStatus(req.StreamID, statusOK(CodePublishStart, req.Name+" is now published.", req.Name))
}

// RejectPublish answers publish with an error status, such as
// NetStream.Publish.BadName for a name already in use.
func (s *ServerConn) RejectPublish(req *PublishRequest, code, description string) error {
	return s.SendStatus(req.StreamID, statusErr(code, description, req.Name))
}

// StartPlay answers play: Set Chunk Size (before the first play),
// StreamBegin, NetStream.Play.Reset (when asked), NetStream.Play.Start and
// |RtmpSampleAccess. Media follows with WriteTag.
func (s *ServerConn) StartPlay(req *PlayRequest) error {
	if err := s.c.announceChunkSize(s.cfg.ChunkSize); err != nil {
		return err
	}
	if err := s.c.writeMessage(message.StreamBegin(req.StreamID), 0, 0); err != nil {
		return err
	}
	if req.Reset {
		if err := s.SendStatus(req.StreamID, statusOK(CodePlayReset, "Playing and resetting "+req.Name+".", req.Name)); err != nil {
			return err
		}
	}
	if err := s.SendStatus(req.StreamID, statusOK(CodePlayStart, "Started playing "+req.Name+".", req.Name)); err != nil {
		return err
	}
	// |RtmpSampleAccess lets Flash players read the decoded audio and video.
	access := message.Data{Values: []amf.Value{"|RtmpSampleAccess", true, true}}
	return s.c.writeMessage(access, req.StreamID, 0)
}

// RejectPlay answers play with an error status, such as
// NetStream.Play.StreamNotFound.
func (s *ServerConn) RejectPlay(req *PlayRequest, code, description string) error {
	return s.SendStatus(req.StreamID, statusErr(code, description, req.Name))
}

// sendCommand writes a command in the encoding the client connected with.
func (s *ServerConn) sendCommand(streamID uint32, cmd message.Command) error {
	cmd.AMF3 = s.amf3
	return s.c.writeMessage(cmd, streamID, 0)
}
