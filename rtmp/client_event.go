package rtmp

import "github.com/sluicemedia/sluice/rtmp/message"

// EventKind names what an Event reports.
type EventKind int

// Event kinds.
const (
	// EventStatus is an onStatus info object (Status), such as
	// NetStream.Play.Start or NetStream.Play.UnpublishNotify.
	EventStatus EventKind = iota + 1
	// EventStreamBegin, EventStreamEOF, EventStreamDry and
	// EventStreamIsRecorded are User Control events (RTMP 1.0 §7.1.7).
	EventStreamBegin
	EventStreamEOF
	EventStreamDry
	EventStreamIsRecorded
	// EventCommand is a call or notification the client does not act on
	// (onBWDone, onFCPublish, onFCSubscribe, ...): Name.
	EventCommand
	// EventData is a data message that is not stream content, such as
	// "|RtmpSampleAccess": Name.
	EventData
)

var eventKindNames = [...]string{
	EventStatus:           "status",
	EventStreamBegin:      "StreamBegin",
	EventStreamEOF:        "StreamEOF",
	EventStreamDry:        "StreamDry",
	EventStreamIsRecorded: "StreamIsRecorded",
	EventCommand:          "command",
	EventData:             "data",
}

// String returns the kind's name.
func (k EventKind) String() string {
	if k > 0 && int(k) < len(eventKindNames) {
		return eventKindNames[k]
	}
	return "unknown"
}

// streamEventKinds maps the User Control events a client reports.
var streamEventKinds = map[message.EventType]EventKind{
	message.EventStreamBegin:      EventStreamBegin,
	message.EventStreamEOF:        EventStreamEOF,
	message.EventStreamDry:        EventStreamDry,
	message.EventStreamIsRecorded: EventStreamIsRecorded,
}

// Event is something the server said that is neither media nor the answer
// to a call: a status change, a stream event, a notification.
type Event struct {
	Kind     EventKind
	StreamID uint32 // the message stream it concerns; 0 for the connection
	Status   Status // EventStatus
	Name     string // EventCommand, EventData: the command or handler name
}

// String describes the event in a few words.
func (e Event) String() string {
	switch e.Kind {
	case EventStatus:
		if e.Status.Description != "" {
			return e.Status.Code + " (" + e.Status.Description + ")"
		}
		return e.Status.Code
	case EventCommand, EventData:
		return e.Kind.String() + " " + e.Name
	}
	return e.Kind.String()
}

// commandEvent turns a command the client does not wait for into an
// Event: onStatus as EventStatus, anything else as EventCommand.
func commandEvent(in *inbound) Event {
	if in.cmd.Name == "onStatus" {
		return Event{Kind: EventStatus, StreamID: in.streamID, Status: statusFrom(arg(in.cmd.Args, 0))}
	}
	return Event{Kind: EventCommand, StreamID: in.streamID, Name: in.cmd.Name}
}
