package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// maxClipSize bounds the FLV file a run holds in memory to publish: half
// an hour of a 2 Mbit/s stream, far more than a looped benchmark clip needs.
const maxClipSize = 512 << 20

// publishWriteTimeout bounds one write of the publisher: a server that
// stops reading its publisher for this long has failed the run.
const publishWriteTimeout = 10 * time.Second

// txPublish is the transaction id of the publish command.
const txPublish = 3

// clip is an FLV file held in memory, to publish in a loop.
type clip struct {
	meta []byte    // the first onMetaData as a @setDataFrame payload; nil if none
	tags []flv.Tag // audio and video tags, timestamps rebased to start at 0
	loop uint32    // ms added to the timestamps at each repetition
}

// loadClip reads an FLV file's metadata, audio and video tags.
func loadClip(path string) (*clip, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fr := flv.NewReader(bufio.NewReader(io.LimitReader(f, maxClipSize)))
	if _, err := fr.ReadHeader(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &clip{}
	for {
		t, err := fr.ReadTag()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if err := c.add(t); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if len(c.tags) == 0 {
		return nil, fmt.Errorf("%s: no audio or video tags", path)
	}
	c.rebase()
	return c, nil
}

// add keeps an audio or video tag, or the first onMetaData.
func (c *clip) add(t flv.Tag) error {
	switch t.Type {
	case flv.TagAudio, flv.TagVideo:
		c.tags = append(c.tags, t)
	case flv.TagScript:
		sd, err := flv.ParseScriptData(t.Data)
		if err != nil || sd.Name != "onMetaData" || c.meta != nil {
			return nil // other script tags are not needed to play
		}
		sd.SetDataFrame = true
		meta, err := sd.AppendTo(nil)
		if err != nil {
			return err
		}
		c.meta = meta
	}
	return nil
}

// rebase makes the timestamps start at 0 and sets the loop length: the
// clip's span plus one video frame interval, so timestamps keep rising.
func (c *clip) rebase() {
	first := c.tags[0].Timestamp
	var lastVideo, prevVideo uint32
	for i := range c.tags {
		t := &c.tags[i]
		t.Timestamp -= first
		if t.Type == flv.TagVideo && t.Timestamp > lastVideo {
			prevVideo, lastVideo = lastVideo, t.Timestamp
		}
	}
	var span uint32
	for _, t := range c.tags {
		span = max(span, t.Timestamp)
	}
	c.loop = span + max(1, lastVideo-prevVideo)
}

// publish connects, publishes the clip in real time and loops it until
// ctx ends. It reports on ready once publishing has started (or failed).
func (r *run) publish(ctx context.Context, c *clip, ready chan<- error) error {
	pc, id, err := r.startPublish(ctx)
	ready <- err
	if err != nil {
		return err
	}
	defer pc.nc.Close()
	stop := context.AfterFunc(ctx, func() { pc.nc.Close() })
	defer stop()
	drained := make(chan error, 1)
	go func() { drained <- drain(pc) }()
	err = r.sendClip(ctx, pc, id, c)
	pc.nc.Close()
	derr := <-drained
	if ctx.Err() != nil {
		return nil
	}
	return errors.Join(err, derr)
}

// startPublish runs connect, createStream and publish (§7.2.2.6) and waits
// for NetStream.Publish.Start.
func (r *run) startPublish(ctx context.Context) (*conn, uint32, error) {
	pc, err := dial(ctx, r.addr, minReadBuffer*16, r.cfg.SetupTimeout)
	if err != nil {
		return nil, 0, fmt.Errorf("publisher: %w", err)
	}
	id, err := setupPublish(pc, r.url)
	if err != nil {
		pc.nc.Close()
		return nil, 0, fmt.Errorf("publisher: %w", err)
	}
	return pc, id, nil
}

func setupPublish(pc *conn, u *rtmp.URL) (uint32, error) {
	if err := pc.connect(u, rtmp.FlashVerPublish); err != nil {
		return 0, err
	}
	if err := pc.setChunkSize(rtmp.DefaultChunkSize); err != nil {
		return 0, err
	}
	id, err := pc.createStream()
	if err != nil {
		return 0, err
	}
	if err := pc.call("publish", txPublish, id, nil, u.Stream, "live"); err != nil {
		return 0, err
	}
	for {
		code, err := pc.awaitStatus()
		if err != nil {
			return 0, err
		}
		if code == rtmp.CodePublishStart {
			return id, pc.nc.SetDeadline(time.Time{})
		}
	}
}

// drain reads what the server sends the publisher, answering pings and
// acknowledging, until the connection closes.
func drain(pc *conn) error {
	for {
		m, err := pc.walk.Next()
		if err != nil {
			return err
		}
		if err := pc.handle(m); err != nil {
			return err
		}
	}
}

// sendClip sends the metadata, then every tag when its timestamp is due,
// looping, and records each send in the run's sendLog.
func (r *run) sendClip(ctx context.Context, pc *conn, id uint32, c *clip) error {
	if c.meta != nil {
		m := &chunk.Message{ChunkStreamID: message.ChunkStreamFor(message.TypeDataAMF0, id),
			TypeID: uint8(message.TypeDataAMF0), StreamID: id, Payload: c.meta}
		if err := pc.write(m); err != nil {
			return err
		}
	}
	start := time.Now()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for loop := uint32(0); ; loop++ {
		for _, t := range c.tags {
			if loop > 0 && flv.IsSequenceHeader(t) {
				continue
			}
			ts := t.Timestamp + loop*c.loop
			if err := sleepUntil(ctx, timer, start.Add(time.Duration(ts)*time.Millisecond)); err != nil {
				return nil
			}
			if err := r.sendTag(pc, id, ts, t); err != nil {
				return err
			}
		}
	}
}

// sendTag writes one audio or video tag with timestamp ts.
func (r *run) sendTag(pc *conn, id, ts uint32, t flv.Tag) error {
	typ := message.Type(t.Type)
	m := &chunk.Message{ChunkStreamID: message.ChunkStreamFor(typ, id), TypeID: uint8(typ),
		StreamID: id, Timestamp: ts, Payload: t.Data}
	now := time.Now()
	r.sends.record(ts, uint32(r.sinceEpoch(now)))
	r.published.Add(uint64(len(t.Data)))
	pc.nc.SetWriteDeadline(now.Add(publishWriteTimeout))
	return pc.write(m)
}

// sleepUntil waits for t, or returns ctx's error.
func sleepUntil(ctx context.Context, timer *time.Timer, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer.Reset(d)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
