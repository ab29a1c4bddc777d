package rtmp

import (
	"context"
	"fmt"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// inKind classifies what the client read.
type inKind int

const (
	inSkip    inKind = iota // nothing the client acts on (shared objects, unknown types)
	inTag                   // audio, video or script data
	inCommand               // a command: _result, _error, onStatus, a call
	inEvent                 // a User Control stream event or non-content data
)

// inbound is one message read by the client, decoded as far as needed.
type inbound struct {
	kind     inKind
	streamID uint32
	tag      flv.Tag
	cmd      message.Command
	event    Event
}

// readInbound reads the next message that is not protocol control (conn
// handles those) and decodes it. Sub-messages of an aggregate after the
// first wait in cc.pending.
func (cc *ClientConn) readInbound(ctx context.Context) (inbound, error) {
	m, err := cc.c.readRaw(ctx)
	if err != nil {
		return inbound{}, err
	}
	return cc.decodeInbound(m)
}

func (cc *ClientConn) decodeInbound(m *chunk.Message) (inbound, error) {
	in := inbound{streamID: m.StreamID}
	switch t := message.Type(m.TypeID); t {
	case message.TypeAudio, message.TypeVideo:
		in.kind = inTag
		in.tag = flv.Tag{Type: flv.TagType(t), Timestamp: m.Timestamp, Data: m.Payload}
	case message.TypeDataAMF0, message.TypeDataAMF3:
		return cc.decodeData(m)
	case message.TypeCommandAMF0, message.TypeCommandAMF3:
		cmd, err := message.ParseCommand(m.Payload, t == message.TypeCommandAMF3, cc.opts.AMF)
		if err != nil {
			// Skipped, not fatal: real servers send commands the decoder
			// refuses (ffmpeg's listen mode sends onFCPublish without a
			// transaction id). If it was the answer awaited, the step's
			// timeout error names it.
			cc.badCommand = err
			return in, nil
		}
		in.kind, in.cmd = inCommand, cmd
	case message.TypeAggregate:
		return cc.splitAggregate(m)
	case message.TypeUserControl:
		uc, err := message.ParseUserControl(m.Payload)
		if err != nil {
			return in, wrapErr(err)
		}
		if kind, ok := streamEventKinds[uc.Event]; ok {
			in.kind, in.event = inEvent, Event{Kind: kind, StreamID: uc.StreamID}
		}
	}
	return in, nil
}

// decodeData turns a data message into a script tag in the form FLV files
// carry: AMF0, without the "@setDataFrame" a server may relay from its
// publisher. "|RtmpSampleAccess" (Flash's permission to read the decoded
// media) is no content: it becomes an EventData.
func (cc *ClientConn) decodeData(m *chunk.Message) (inbound, error) {
	in := inbound{streamID: m.StreamID}
	body, err := scriptBody(m.Payload, m.TypeID == uint8(message.TypeDataAMF3), cc.opts.AMF)
	if err != nil {
		return in, fmt.Errorf("rtmp: data from server: %w", err)
	}
	if leadingAMF0String(body, sampleAccess) {
		in.kind, in.event = inEvent, Event{Kind: EventData, StreamID: m.StreamID, Name: sampleAccess}
		return in, nil
	}
	in.kind = inTag
	in.tag = flv.Tag{Type: flv.TagScript, Timestamp: m.Timestamp, Data: body}
	return in, nil
}

const sampleAccess = "|RtmpSampleAccess"

// splitAggregate returns an aggregate's first sub-message and queues the
// rest in cc.pending (RTMP 1.0 §7.1.6). They alias the aggregate's
// payload, so the queue holds no more than the message read.
func (cc *ClientConn) splitAggregate(m *chunk.Message) (inbound, error) {
	first := inbound{streamID: m.StreamID}
	for sub, err := range message.Aggregate(m.Payload, m.Timestamp) {
		if err != nil {
			return inbound{}, fmt.Errorf("rtmp: aggregate from server: %w", err)
		}
		in := inbound{streamID: m.StreamID}
		data := sub.Payload
		switch sub.Type {
		case message.TypeDataAMF0:
			if data, err = scriptBody(data, false, cc.opts.AMF); err != nil {
				return inbound{}, fmt.Errorf("rtmp: aggregate from server: %w", err)
			}
		case message.TypeAudio, message.TypeVideo:
		default:
			continue
		}
		in.kind = inTag
		in.tag = flv.Tag{Type: flv.TagType(sub.Type), Timestamp: sub.Timestamp, Data: data}
		if first.kind == inSkip {
			first = in
		} else {
			cc.pending = append(cc.pending, in)
		}
	}
	return first, nil
}

// popPending returns the next queued sub-message of an aggregate.
func (cc *ClientConn) popPending() (inbound, bool) {
	if len(cc.pending) == 0 {
		return inbound{}, false
	}
	in := cc.pending[0]
	cc.pending[0] = inbound{}
	cc.pending = cc.pending[1:]
	return in, true
}
