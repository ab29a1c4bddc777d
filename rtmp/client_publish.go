package rtmp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// closeLinger bounds how long PublishStream.Close waits for the server to
// hang up after the client's half-close: long enough for a server to read
// the last media and deleteStream, short enough not to hold a quitting
// program.
const closeLinger = 2 * time.Second

// publishReadDeadline is the read deadline while publishing: none worth
// the name. A server may say nothing to a publisher for minutes (no
// acknowledgement window, no pings); a dead server is noticed by the
// writes, which keep WriteTimeout.
var publishReadDeadline = time.Now().AddDate(100, 0, 0)

// PublishOptions configures ClientConn.Publish.
type PublishOptions struct {
	// Type is publish's type argument: "live" (the default), "record" or
	// "append" (RTMP 1.0 §7.2.2.6).
	Type string

	// OnEvent, when set, is called with each status change and event the
	// server sends, from the stream's reading goroutine.
	OnEvent func(Event)
}

// PublishStream is a stream being published: send it tags with WriteTag.
type PublishStream struct {
	cc      *ClientConn
	id      uint32
	name    string
	onEvent func(Event)
	done    chan struct{} // closed when the reading goroutine ends
	scratch []byte        // WriteTag's "@setDataFrame" payload

	mu      sync.Mutex
	err     error // why the server ended the publication, as seen by the reader
	closing bool
}

// Publish publishes name (default the URL's stream name) the way OBS and
// ffmpeg do: releaseStream, FCPublish and createStream, then publish,
// waiting for NetStream.Publish.Start. A refusal returns a *StatusError,
// such as NetStream.Publish.BadName. ctx bounds Publish only.
//
// From then on a goroutine reads what the server sends (acknowledgements,
// pings, status) until Close.
func (cc *ClientConn) Publish(ctx context.Context, name string, opts PublishOptions) (*PublishStream, error) {
	p, err := cc.startPublish(ctx, name, opts)
	cc.c.unwatch()
	if err != nil {
		return nil, err
	}
	cc.reader = p.done
	go p.readLoop()
	return p, nil
}

func (cc *ClientConn) startPublish(ctx context.Context, name string, opts PublishOptions) (*PublishStream, error) {
	if name == "" {
		name = cc.url.Stream
	}
	if name == "" {
		return nil, ErrNoStreamName
	}
	typ := opts.Type
	if typ == "" {
		typ = "live"
	}
	p := &PublishStream{cc: cc, name: name, onEvent: opts.OnEvent, done: make(chan struct{})}
	// Answers to releaseStream and FCPublish are not awaited: servers that
	// do not know them send _error or nothing, and neither matters.
	for _, cmd := range []string{"releaseStream", "FCPublish"} {
		if _, err := cc.call(0, cmd, nil, name); err != nil {
			return nil, err
		}
	}
	tx, err := cc.call(0, "createStream", nil)
	if err != nil {
		return nil, err
	}
	if p.id, err = cc.awaitCreateStream(ctx, tx, p.emit); err != nil {
		return nil, err
	}
	ptx, err := cc.call(p.id, "publish", nil, name, typ)
	if err != nil {
		return nil, err
	}
	if err := cc.await(ctx, "publish", func(in *inbound) (bool, error) { return p.awaitStart(in, ptx) }); err != nil {
		return nil, err
	}
	return p, nil
}

// awaitStart handles what arrives before NetStream.Publish.Start.
func (p *PublishStream) awaitStart(in *inbound, tx float64) (bool, error) {
	switch in.kind {
	case inEvent:
		p.emit(in.event)
	case inCommand:
		if in.cmd.Name == "_error" && in.cmd.TransactionID == tx {
			return true, &StatusError{Command: "publish", Status: statusFrom(arg(in.cmd.Args, 0))}
		}
		ev := commandEvent(in)
		p.emit(ev)
		if ev.Kind == EventStatus && (in.streamID == p.id || in.streamID == 0) {
			if ev.Status.Level == LevelError {
				return true, &StatusError{Command: "publish", Status: ev.Status}
			}
			return ev.Status.Code == CodePublishStart, nil
		}
	}
	return false, nil
}

func (p *PublishStream) emit(ev Event) {
	if p.onEvent != nil {
		p.onEvent(ev)
	}
}

// StreamID is the NetStream's message stream id.
func (p *PublishStream) StreamID() uint32 { return p.id }

// Name is the stream name published.
func (p *PublishStream) Name() string { return p.name }

// readLoop reads until the connection ends: conn answers pings and
// acknowledges, error statuses end the publication.
func (p *PublishStream) readLoop() {
	defer close(p.done)
	cc := p.cc
	cc.c.readDeadline = publishReadDeadline
	for {
		in, err := cc.readInbound(context.Background())
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				err = ErrServerClosed
			}
			p.fail(&stepErr{"publish", err})
			return
		}
		switch in.kind {
		case inEvent:
			p.emit(in.event)
		case inCommand:
			ev := commandEvent(&in)
			p.emit(ev)
			if ev.Kind == EventStatus && ev.Status.Level == LevelError {
				p.fail(&StatusError{Command: "publish", Status: ev.Status})
			}
		}
	}
}

// fail records the first reason the publication ended.
func (p *PublishStream) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err == nil && !p.closing {
		p.err = err
	}
}

// Err is why the server ended the publication, or nil while it goes on.
func (p *PublishStream) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// WriteTag sends an audio, video or script data tag. Script data named
// onMetaData goes out as "@setDataFrame", "onMetaData", {...}, as
// encoders send metadata for the server to keep. It returns the error that
// ended the publication, if one did. WriteTag must not be called
// concurrently with itself or Close.
func (p *PublishStream) WriteTag(t flv.Tag) error {
	if err := p.Err(); err != nil {
		return err
	}
	typ := message.Type(t.Type)
	body := t.Data
	switch t.Type {
	case flv.TagAudio, flv.TagVideo:
	case flv.TagScript:
		typ = message.TypeDataAMF0
		if leadingAMF0String(body, "onMetaData") {
			p.scratch = append(append(p.scratch[:0], setDataFramePrefix...), body...)
			body = p.scratch
		}
	default:
		return fmt.Errorf("rtmp: publish: tag type %d is not audio, video or script data", t.Type)
	}
	if err := p.cc.c.writeTag(p.id, typ, t.Timestamp, body); err != nil {
		if rerr := p.Err(); rerr != nil {
			return rerr // the server's reason beats the broken pipe it caused
		}
		return &stepErr{"publish", err}
	}
	return nil
}

// setDataFramePrefix is the AMF0 string "@setDataFrame": marker 0x02,
// length 13, the name.
var setDataFramePrefix = append([]byte{0x02, 0x00, byte(len(setDataFrame))}, setDataFrame...)

// Close ends the publication with FCUnpublish and deleteStream, as OBS and
// ffmpeg do, half-closes the connection and waits up to closeLinger for
// the server to hang up, so that the last media is read rather than lost
// to a reset; then it closes the connection. When the server had ended the
// publication already, Close returns why (see Err): the media written
// since may be lost.
func (p *PublishStream) Close() error {
	p.mu.Lock()
	p.closing = true
	ended := p.err
	p.mu.Unlock()
	cc := p.cc
	_, err := cc.call(0, "FCUnpublish", nil, p.name)
	if err == nil {
		_, err = cc.call(0, "deleteStream", nil, float64(p.id))
	}
	if cw, ok := cc.c.nc.(interface{ CloseWrite() error }); ok && err == nil {
		cw.CloseWrite()
		timer := time.NewTimer(closeLinger)
		select {
		case <-p.done:
		case <-timer.C:
		}
		timer.Stop()
	}
	if cerr := cc.Close(); err == nil {
		err = cerr
	}
	if ended != nil {
		return ended
	}
	return err
}
