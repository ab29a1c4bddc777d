package rtmp

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
)

// Status codes of NetConnection and NetStream info objects (the "code"
// property of _result, _error and onStatus; Adobe's NetStatusEvent.info).
const (
	CodeConnectSuccess      = "NetConnection.Connect.Success"
	CodeConnectRejected     = "NetConnection.Connect.Rejected"
	CodeConnectClosed       = "NetConnection.Connect.Closed"
	CodeConnectAppShutdown  = "NetConnection.Connect.AppShutdown"
	CodeCallFailed          = "NetConnection.Call.Failed"
	CodePlayReset           = "NetStream.Play.Reset"
	CodePlayStart           = "NetStream.Play.Start"
	CodePlayStop            = "NetStream.Play.Stop"
	CodePlayFailed          = "NetStream.Play.Failed"
	CodePlayStreamNotFound  = "NetStream.Play.StreamNotFound"
	CodePlayPublishNotify   = "NetStream.Play.PublishNotify"
	CodePlayUnpublishNotify = "NetStream.Play.UnpublishNotify"
	CodePublishStart        = "NetStream.Publish.Start"
	CodePublishBadName      = "NetStream.Publish.BadName"
	CodePublishDenied       = "NetStream.Publish.Denied"
	CodeUnpublishSuccess    = "NetStream.Unpublish.Success"
	CodePauseNotify         = "NetStream.Pause.Notify"
	CodeUnpauseNotify       = "NetStream.Unpause.Notify"
	CodeSeekNotify          = "NetStream.Seek.Notify"
	CodeSeekFailed          = "NetStream.Seek.Failed"
)

// Status levels.
const (
	LevelStatus  = "status"
	LevelWarning = "warning"
	LevelError   = "error"
)

// Status is an info object: what onStatus, _result and _error carry.
type Status struct {
	Level       string
	Code        string
	Description string
	Details     string     // optional: the stream name, for NetStream events
	Extra       amf.Object // optional further properties, kept in order
}

// object renders the info object with its properties in the order Flash
// Media Server sends them.
func (s Status) object() amf.Object {
	o := amf.Object{
		{Key: "level", Value: s.Level},
		{Key: "code", Value: s.Code},
		{Key: "description", Value: s.Description},
	}
	if s.Details != "" {
		o = append(o, amf.Property{Key: "details", Value: s.Details})
	}
	return append(o, s.Extra...)
}

// statusFrom reads an info object sent by a peer.
func statusFrom(v amf.Value) Status {
	var s Status
	s.Level, _ = amf.GetString(v, "level")
	s.Code, _ = amf.GetString(v, "code")
	s.Description, _ = amf.GetString(v, "description")
	s.Details, _ = amf.GetString(v, "details")
	return s
}

// StatusError is a failure the peer reported with an info object: a
// rejected connect, an _error answer, NetStream.Play.StreamNotFound,
// NetStream.Publish.BadName and the like.
type StatusError struct {
	Command string // the command that failed ("connect", "play", ...)
	Status  Status
}

func (e *StatusError) Error() string {
	if e.Status.Description == "" {
		return fmt.Sprintf("rtmp: %s: %s", e.Command, e.Status.Code)
	}
	return fmt.Sprintf("rtmp: %s: %s: %s", e.Command, e.Status.Code, e.Status.Description)
}

func statusOK(code, description, details string) Status {
	return Status{Level: LevelStatus, Code: code, Description: description, Details: details}
}

func statusErr(code, description, details string) Status {
	return Status{Level: LevelError, Code: code, Description: description, Details: details}
}
