package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
)

const publishDescription = `Publishes an FLV file, or stdin with - (for example
'ffmpeg -i in.mp4 -c copy -f flv - | sluice publish - rtmp://host/live/key').
Files are sent in real time by their timestamps; stdin is sent as it comes
(its producer paces it, like ffmpeg -re). A status line on stderr shows the
progress of a file with its ETA, and the current bitrate.`

// publishFlags are the flags of `sluice publish`.
type publishFlags struct {
	client clientFlags
	pace   bool
	loop   bool
}

func parsePublishFlags(args []string, stderr io.Writer) (f *publishFlags, in, url string, err error) {
	f = &publishFlags{}
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = usageFunc(fs, "publish [flags] IN URL", publishDescription)
	f.client.register(fs)
	fs.BoolVar(&f.pace, "pace", true, "send in real time by the tag timestamps (default true for files, false for stdin)")
	fs.BoolVar(&f.loop, "loop", false, "start the file again at its end, timestamps continuing")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, "", "", err
	}
	if len(pos) != 2 {
		return nil, "", "", fmt.Errorf("want IN and URL, got %d arguments", len(pos))
	}
	in, url = pos[0], pos[1]
	paceSet := false
	fs.Visit(func(fl *flag.Flag) { paceSet = paceSet || fl.Name == "pace" })
	if in == "-" && !paceSet {
		f.pace = false
	}
	if in == "-" && f.loop {
		return nil, "", "", errors.New("--loop needs a file, not stdin")
	}
	return f, in, url, nil
}

func runPublish(ctx context.Context, args []string, _, stderr io.Writer) int {
	f, in, url, err := parsePublishFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "sluice publish:", err)
		return exitUsage
	}
	var stdin io.Reader = os.Stdin
	if in == "-" {
		r, release := cancelableStdin(ctx, os.Stdin)
		defer release()
		stdin = r
	}
	src, err := openSource(in, stdin, f.loop)
	if err != nil && ctx.Err() != nil {
		return exitInterrupted
	}
	if err != nil {
		fmt.Fprintln(stderr, "sluice publish:", err)
		return exitUsage
	}
	defer src.close()
	f.client.opts.Publish = true
	p := &publisher{f: f, src: src, status: newStatusLine(stderr, f.client.quiet), began: time.Now()}
	err = p.run(ctx, url)
	p.status.done(p.statusText(time.Now()))
	code := exitCode(ctx, err)
	if code != exitOK && code != exitInterrupted {
		fmt.Fprintln(stderr, "sluice publish:", err)
	}
	return code
}

// publisher sends a tagSource to one URL, over as many connections as
// --reconnect allows, with continuous timestamps.
type publisher struct {
	f      *publishFlags
	src    *tagSource
	status *statusLine
	began  time.Time
	pace   pacer

	pending *flv.Tag // read but not yet sent (its write failed)
	// Decoder configuration, sent again after a reconnection.
	meta, audioConfig, videoConfig *flv.Tag
	lastTS                         uint32
	sent                           uint64
	bitrate                        rateMeter
}

// run publishes until the input ends, or a failure that --reconnect does
// not cover.
func (p *publisher) run(ctx context.Context, url string) error {
	return p.f.client.runSessions(ctx, p.status, "publish",
		func() error { return p.session(ctx, url) },
		func(err error) (final bool, _ error) {
			// The input's end, or its failure, ends publishing whatever
			// the connection did.
			return err == nil || errors.As(err, new(*inputError)), err
		})
}

// session publishes over one connection, resuming after an earlier one
// with the metadata and sequence headers again.
func (p *publisher) session(ctx context.Context, url string) error {
	p.pace.restart() // real time starts again at the first tag sent
	cc, err := rtmp.Dial(ctx, url, p.f.client.opts)
	if err != nil {
		return &connectError{err}
	}
	ps, err := cc.Publish(ctx, "", rtmp.PublishOptions{OnEvent: p.onEvent})
	if err != nil {
		cc.Close()
		return openError(err)
	}
	err = p.resume(ps)
	if err == nil {
		err = p.stream(ctx, ps)
	}
	if cerr := ps.Close(); err == nil && ctx.Err() == nil {
		err = cerr
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return err
}

// resume sends the metadata and sequence headers of the stream so far,
// at the current timestamp, so that a new connection decodes at once.
func (p *publisher) resume(ps *rtmp.PublishStream) error {
	for _, t := range []*flv.Tag{p.meta, p.videoConfig, p.audioConfig} {
		if t == nil {
			continue
		}
		again := *t
		again.Timestamp = p.lastTS
		if err := ps.WriteTag(again); err != nil {
			return err
		}
	}
	return nil
}

// stream sends tags until the input ends or a write fails; the tag whose
// write failed is kept for the next connection.
func (p *publisher) stream(ctx context.Context, ps *rtmp.PublishStream) error {
	for {
		if p.pending == nil {
			t, err := p.src.next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			p.pending = &t
		}
		t := *p.pending
		delay := time.Duration(0)
		if p.f.pace {
			delay = p.pace.delay(time.Now(), t.Timestamp)
		}
		if err := sleepCtx(ctx, delay); err != nil {
			return err
		}
		if err := ps.WriteTag(t); err != nil {
			return err
		}
		p.pending = nil
		p.note(t)
	}
}

// note keeps what a reconnection needs and updates the status line.
func (p *publisher) note(t flv.Tag) {
	switch {
	case t.Type == flv.TagScript:
		p.meta = &t
	case flv.IsSequenceHeader(t) && t.Type == flv.TagVideo:
		p.videoConfig = &t
	case flv.IsSequenceHeader(t):
		p.audioConfig = &t
	default:
		p.lastTS = t.Timestamp
	}
	now := time.Now()
	n := uint64(len(t.Data) + flv.TagHeaderSize)
	p.sent += n
	p.bitrate.add(now, n)
	if p.status.due(now) {
		p.status.show(now, p.statusText(now))
	}
}

func (p *publisher) onEvent(ev rtmp.Event) {
	if ev.Kind == rtmp.EventStatus {
		p.status.message("sluice publish: %s", ev)
	}
}

// statusText is the status line: for a file a progress bar, the percent
// of this pass and its ETA; always the bitrate and the last timestamp.
func (p *publisher) statusText(now time.Time) string {
	elapsed := now.Sub(p.began)
	tail := fmt.Sprintf("%s  %.0f kbit/s  T %.3f s", formatBytes(p.sent), p.bitrate.perSecond(now)*8/1000, float64(p.lastTS)/1000)
	frac := p.src.fraction()
	if frac < 0 {
		return formatClock(elapsed) + "  " + tail
	}
	const width = 20
	bar := strings.Repeat("#", int(frac*width)) + strings.Repeat(".", width-int(frac*width))
	eta := "?"
	if frac > 0 && p.src.pass == 1 {
		eta = formatClock(time.Duration(float64(elapsed) * (1 - frac) / frac))
	}
	loop := ""
	if p.src.loop {
		loop = fmt.Sprintf("  pass %d", p.src.pass)
	}
	return fmt.Sprintf("[%s] %3.0f%%  %s  ETA %s  %s%s", bar, frac*100, formatClock(elapsed), eta, tail, loop)
}

// sleepCtx sleeps for d, or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
