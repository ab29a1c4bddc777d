package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// behindLimit is how far behind the stream a player may fall before it
// counts as behind: a second is what a player's buffer usually hides.
const behindLimit = time.Second

// playBufferMillis is the buffer length a player announces with Set
// Buffer Length before play (§7.1.7 event 3), as ffmpeg does.
const playBufferMillis = 3000

// playerResult is what one player or idle connection reports when it ends.
type playerResult struct {
	connected bool          // setup finished: play sent (or, idle, connect accepted)
	err       error         // setup failure, or the connection lost before the end
	firstKey  time.Duration // from dialling to the first keyframe; 0 if none came
	behind    bool          // fell more than behindLimit behind the stream
	last      time.Time     // arrival of the last media message
}

// player is one playing connection. Its fields are used by its own
// goroutine only; what all players share is in the run.
type player struct {
	run   *run
	c     *conn
	start time.Time
	res   playerResult

	playSentUS int64 // when play was sent, µs since the run's epoch
	haveBase   bool
	baseUS     int64  // smallest arrival-minus-timestamp seen, µs
	counted    uint64 // walker bytes already added to the run's total
}

// play runs one player until ctx ends or its connection fails.
func (r *run) play(ctx context.Context) playerResult {
	p := &player{run: r, start: time.Now()}
	c, err := dial(ctx, r.addr, r.cfg.ReadBuffer, r.cfg.SetupTimeout)
	if err != nil {
		p.res.err = err
		return p.res
	}
	p.c = c
	defer c.nc.Close()
	stop := context.AfterFunc(ctx, func() { c.nc.Close() })
	defer stop()
	if err := p.setup(); err != nil {
		p.res.err = fmt.Errorf("setup: %w", err)
		return p.res
	}
	p.res.connected = true
	if err := p.read(); err != nil && ctx.Err() == nil {
		p.res.err = err
	}
	return p.res
}

// setup runs connect, createStream and play (§7.2.1.1, §7.2.1.3,
// §7.2.2.1), and clears the setup deadline.
func (p *player) setup() error {
	c, u := p.c, p.run.url
	if err := c.connect(u, rtmp.FlashVerPlay); err != nil {
		return err
	}
	id, err := c.createStream()
	if err != nil {
		return err
	}
	if err := c.send(message.SetBufferLength(id, playBufferMillis), 0, 0); err != nil {
		return err
	}
	p.playSentUS = p.run.sinceEpoch(time.Now())
	// Start -2: a live stream if there is one, else a recording (§7.2.2.1).
	if err := c.call("play", 0, id, nil, u.Stream, -2.0); err != nil {
		return err
	}
	return c.nc.SetDeadline(time.Time{})
}

// read handles messages until the connection ends.
func (p *player) read() error {
	c := p.c
	for {
		m, err := c.walk.Next()
		if err != nil {
			return err
		}
		switch message.Type(m.TypeID) {
		case message.TypeAudio, message.TypeVideo:
			p.media(m, c.walk.LastRead())
			if err := c.ackIfDue(); err != nil {
				return err
			}
		case message.TypeCommandAMF0, message.TypeCommandAMF3:
			if err := p.command(m); err != nil {
				return err
			}
		default:
			if err := c.handle(m); err != nil {
				return err
			}
		}
	}
}

// command fails the player on an onStatus of level error (a rejected
// play); other commands are ignored.
func (p *player) command(m Msg) error {
	cmd, err := message.ParseCommand(m.Body, m.TypeID == uint8(message.TypeCommandAMF3), p.run.amfLimits)
	if err != nil || cmd.Name != "onStatus" {
		return err
	}
	_, err = statusCode(cmd)
	return err
}

// media records a media message's arrival: the first keyframe, the
// publish-to-play latency of messages sent after this player's play, and
// how far behind the stream the player is.
//
// Falling behind is measured without the publisher's clock: a message's
// arrival minus its timestamp is constant for a player keeping up, so its
// growth over the smallest value seen is how far the player has fallen
// behind (a GOP cache burst, old timestamps arriving at once, only lowers
// that smallest value as it goes).
func (p *player) media(m Msg, arrival time.Time) {
	r := p.run
	total := p.c.walk.BytesRead()
	r.bytes.Add(total - p.counted)
	p.counted = total
	p.res.last = arrival
	if p.res.firstKey == 0 && message.Type(m.TypeID) == message.TypeVideo && isKeyframe(m.Head) {
		p.res.firstKey = arrival.Sub(p.start)
	}
	arrivalUS := r.sinceEpoch(arrival)
	offset := arrivalUS - int64(m.Timestamp)*1000
	if !p.haveBase || offset < p.baseUS {
		p.baseUS, p.haveBase = offset, true
	}
	if offset-p.baseUS > behindLimit.Microseconds() {
		p.res.behind = true
	}
	if r.sends == nil || !r.measuring.Load() {
		return
	}
	if sent, ok := r.sends.lookup(m.Timestamp); ok && int64(sent) >= p.playSentUS {
		r.latency.add(uint64(uint32(arrivalUS) - sent))
	}
}

// isKeyframe reports whether a video message's head is that of a coded
// keyframe (not a sequence header), legacy or Enhanced RTMP.
func isKeyframe(head []byte) bool {
	h, err := flv.ParseVideoHeader(head)
	return err == nil && h.IsKeyframe()
}
