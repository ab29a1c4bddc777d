package rtmp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// DefaultPlayBuffer is the buffer length a player announces with Set
// Buffer Length (RTMP 1.0 §7.1.7): ffmpeg's 3 s. Servers of recorded
// streams send this far ahead; live servers mostly ignore it.
const DefaultPlayBuffer = 3 * time.Second

// ErrNoStreamName means there is no stream to play or publish: the URL
// has none and the options name none.
var ErrNoStreamName = errors.New("rtmp: no stream name in the URL or the options")

// PlayMode selects live or recorded streams: the start argument of play
// (RTMP 1.0 §7.2.2.1).
type PlayMode int

// Play modes.
const (
	// PlayAny plays the live stream of that name, else the recorded one
	// (start -2), from Start when it is set.
	PlayAny PlayMode = iota
	// PlayLive plays only a live stream (start -1).
	PlayLive
	// PlayRecorded plays only a recorded stream, from Start.
	PlayRecorded
)

// PlayOptions configures ClientConn.Play. The zero value plays the URL's
// stream, live or recorded, to its end.
type PlayOptions struct {
	Name     string        // stream to play; default the URL's stream name
	Mode     PlayMode      // live, recorded or either (default)
	Start    time.Duration // position in a recorded stream
	Duration time.Duration // how much to play; 0 plays to the end
	Buffer   time.Duration // buffer length announced; default DefaultPlayBuffer

	// OnEvent, when set, is called with each status change and stream
	// event, from the goroutine calling Play and ReadTag.
	OnEvent func(Event)
}

// playArgs are play's stream name, start and duration arguments.
func (o PlayOptions) playArgs(name string) []amf.Value {
	start := float64(-2)
	switch {
	case o.Mode == PlayLive:
		start = -1
	case o.Mode == PlayRecorded || o.Start > 0:
		start = float64(o.Start.Milliseconds())
	}
	duration := float64(-1)
	if o.Duration > 0 {
		duration = float64(o.Duration.Milliseconds())
	}
	return []amf.Value{name, start, duration}
}

// PlayStream is a stream being played: read it with ReadTag.
type PlayStream struct {
	cc      *ClientConn
	id      uint32
	name    string
	onEvent func(Event)
	err     error // sticky: io.EOF at the end, or why playback failed
}

// Play creates a NetStream and plays a stream on it: createStream, play,
// Set Buffer Length, then it waits for NetStream.Play.Start (media that
// arrives first counts as a start too: some servers send it late). A
// server that refuses returns a *StatusError, such as
// NetStream.Play.StreamNotFound. ctx bounds Play only.
func (cc *ClientConn) Play(ctx context.Context, opts PlayOptions) (*PlayStream, error) {
	defer cc.c.unwatch()
	name := opts.Name
	if name == "" {
		name = cc.url.Stream
	}
	if name == "" {
		return nil, ErrNoStreamName
	}
	tx, err := cc.call(0, "createStream", nil)
	if err != nil {
		return nil, err
	}
	p := &PlayStream{cc: cc, name: name, onEvent: opts.OnEvent}
	if p.id, err = cc.awaitCreateStream(ctx, tx, p.emit); err != nil {
		return nil, err
	}
	// play carries transaction id 0: no _result answers it (RTMP 1.0 §7.2.2.1).
	play := message.Command{Name: "play", Args: opts.playArgs(name)}
	if err := cc.c.writeMessage(play, p.id, 0); err != nil {
		return nil, &stepErr{"play", err}
	}
	buffer := opts.Buffer
	if buffer <= 0 {
		buffer = DefaultPlayBuffer
	}
	if err := cc.c.writeMessage(message.SetBufferLength(p.id, uint32(buffer.Milliseconds())), 0, 0); err != nil {
		return nil, &stepErr{"play", err}
	}
	if err := cc.await(ctx, "play", p.awaitStart); err != nil {
		return nil, err
	}
	return p, nil
}

// awaitStart handles what arrives before playback starts.
func (p *PlayStream) awaitStart(in *inbound) (bool, error) {
	switch in.kind {
	case inTag:
		if p.ours(in.streamID) {
			p.cc.pending = append([]inbound{*in}, p.cc.pending...)
			return true, nil
		}
	case inEvent:
		p.emit(in.event)
	case inCommand:
		if in.cmd.Name == "_error" {
			return true, &StatusError{Command: "play", Status: statusFrom(arg(in.cmd.Args, 0))}
		}
		ev := commandEvent(in)
		p.emit(ev)
		if ev.Kind == EventStatus && p.ours(in.streamID) {
			if ev.Status.Level == LevelError {
				return true, &StatusError{Command: "play", Status: ev.Status}
			}
			return ev.Status.Code == CodePlayStart, nil
		}
	}
	return false, nil
}

// ours reports whether a message on streamID belongs to this stream.
// Stream 0 is accepted too: some servers send media and NetStream status
// there (FIELD-NOTES.md: one popular Node.js server does).
func (p *PlayStream) ours(streamID uint32) bool { return streamID == p.id || streamID == 0 }

func (p *PlayStream) emit(ev Event) {
	if p.onEvent != nil {
		p.onEvent(ev)
	}
}

// StreamID is the NetStream's message stream id.
func (p *PlayStream) StreamID() uint32 { return p.id }

// Name is the stream name played.
func (p *PlayStream) Name() string { return p.name }

// BytesRead is the number of bytes read from the connection after the
// handshake.
func (p *PlayStream) BytesRead() uint64 { return p.cc.c.r.BytesRead() }

// ReadTag returns the next audio, video or script data tag, in the order
// the server sent them, with the server's timestamps. Status changes and
// stream events go to PlayOptions.OnEvent on the way.
//
// It returns io.EOF when the server ends the stream: User Control Stream
// EOF (RTMP 1.0 §7.1.7: "no more data is sent"; nginx-rtmp sends only this
// when a live publisher leaves), NetStream.Play.Stop, or
// NetStream.Play.UnpublishNotify (as ffmpeg reads them). It returns a
// *StatusError for an error status, and an error wrapping
// ErrServerClosed or os.ErrDeadlineExceeded when the connection ends or
// stays silent for ReadTimeout. Errors are sticky. The tag's Data is owned
// by the caller.
func (p *PlayStream) ReadTag(ctx context.Context) (flv.Tag, error) {
	for p.err == nil {
		in, ok := p.cc.popPending()
		if !ok {
			var err error
			if in, err = p.cc.readInbound(ctx); err != nil {
				p.err = p.readError(ctx, err)
				break
			}
		}
		switch in.kind {
		case inTag:
			if p.ours(in.streamID) {
				return in.tag, nil
			}
		case inEvent:
			p.emit(in.event)
			if in.event.Kind == EventStreamEOF && in.event.StreamID == p.id {
				p.err = io.EOF
			}
		case inCommand:
			p.err = p.handleCommand(&in)
		}
	}
	return flv.Tag{}, p.err
}

// handleCommand reports a command read while playing; the end of the
// stream and error statuses end playback.
func (p *PlayStream) handleCommand(in *inbound) error {
	ev := commandEvent(in)
	p.emit(ev)
	if ev.Kind != EventStatus || !p.ours(in.streamID) {
		return nil
	}
	switch {
	case ev.Status.Level == LevelError:
		return &StatusError{Command: "play", Status: ev.Status}
	case ev.Status.Code == CodePlayStop, ev.Status.Code == CodePlayUnpublishNotify:
		return io.EOF
	}
	return nil
}

func (p *PlayStream) readError(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return &stepErr{"play", err}
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Errorf("rtmp: play: nothing from the server for %v: %w", p.cc.opts.ReadTimeout, os.ErrDeadlineExceeded)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &stepErr{"play", ErrServerClosed}
	}
	return &stepErr{"play", err}
}

// Close deletes the stream (deleteStream, RTMP 1.0 §7.2.2.3) and closes
// the connection.
func (p *PlayStream) Close() error {
	p.cc.c.unwatch() // a cancelled ReadTag context must not cut the goodbye
	_, err := p.cc.call(0, "deleteStream", nil, float64(p.id))
	if cerr := p.cc.Close(); err == nil {
		err = cerr
	}
	return err
}
