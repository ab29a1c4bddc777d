package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
)

const playDescription = `Plays an RTMP stream into an FLV file, or to stdout with -o - (for example
'sluice play rtmp://host/live/key -o - | ffplay -'). A status line on stderr
shows the time played, bytes received, bitrate, frame rate and the last audio
and video timestamps. Timestamps in the file start at 0.`

// playFlags are the flags of `sluice play`.
type playFlags struct {
	client   clientFlags
	out      string
	duration time.Duration
	start    time.Duration
	buffer   time.Duration
	live     bool
	vod      bool
}

func parsePlayFlags(args []string, stderr io.Writer) (*playFlags, string, error) {
	f := &playFlags{}
	fs := flag.NewFlagSet("play", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = usageFunc(fs, "play [flags] URL [-o FILE|-]", playDescription)
	f.client.register(fs)
	fs.StringVar(&f.out, "o", "-", "output FLV file, or - for stdout")
	fs.DurationVar(&f.duration, "duration", 0, "stop after this much media time (0: until the stream ends)")
	fs.DurationVar(&f.start, "start", 0, "start this far into a recorded stream")
	fs.DurationVar(&f.buffer, "buffer", rtmp.DefaultPlayBuffer, "buffer length announced to the server")
	fs.BoolVar(&f.live, "live", false, "play only a live stream")
	fs.BoolVar(&f.vod, "vod", false, "play only a recorded stream")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, "", err
	}
	switch {
	case len(pos) != 1:
		return nil, "", fmt.Errorf("want one URL, got %d arguments", len(pos))
	case f.live && f.vod:
		return nil, "", errors.New("--live and --vod exclude each other")
	case f.duration < 0 || f.start < 0:
		return nil, "", errors.New("--duration and --start must not be negative")
	}
	u, err := rtmp.ParseURL(pos[0])
	if err != nil {
		return nil, "", err
	}
	if u.Stream == "" && f.client.opts.PlayPath == "" {
		return nil, "", fmt.Errorf("%s names no stream: want rtmp://host/app/stream, or --playpath", pos[0])
	}
	return f, pos[0], nil
}

// playOptions maps the flags onto rtmp.PlayOptions.
func (f *playFlags) playOptions() rtmp.PlayOptions {
	o := rtmp.PlayOptions{Start: f.start, Duration: f.duration, Buffer: f.buffer}
	switch {
	case f.live:
		o.Mode = rtmp.PlayLive
	case f.vod:
		o.Mode = rtmp.PlayRecorded
	}
	return o
}

func runPlay(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, url, err := parsePlayFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "sluice play:", err)
		return exitUsage
	}
	out, closeOut, err := openPlayOutput(f.out, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "sluice play:", err)
		return exitUsage
	}
	p := &player{f: f, w: newFLVOutput(out), status: newStatusLine(stderr, f.client.quiet), began: time.Now()}
	err = p.run(ctx, url)
	if cerr := p.w.close(); err == nil {
		err = cerr
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	p.status.done(p.statusText(time.Now()))
	code := exitCode(ctx, err)
	if code != exitOK && code != exitInterrupted {
		fmt.Fprintln(stderr, "sluice play:", err)
	}
	return code
}

// openPlayOutput opens the output file, or stdout for "-", which must not
// be a terminal: an FLV stream is no text.
func openPlayOutput(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "-" {
		if isTerminal(stdout) {
			return nil, nil, errors.New("not writing FLV to a terminal: use -o FILE, or pipe stdout to a player")
		}
		return stdout, func() error { return nil }, nil
	}
	file, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return file, file.Close, nil
}

// errDurationReached ends playback at --duration.
var errDurationReached = errors.New("duration reached")

// player plays one URL into an flvOutput, over as many connections as
// --reconnect allows.
type player struct {
	f        *playFlags
	w        *flvOutput
	status   *statusLine
	began    time.Time
	recorded bool // the server said the stream is recorded: its end is final

	bytesBefore uint64 // bytes of the connections before the current one
	bytes       uint64
	bitrate     rateMeter
	frames      rateMeter
	audioTS     uint32
	videoTS     uint32
}

// run plays until the stream ends, --duration is reached, or a failure
// that --reconnect does not cover.
func (p *player) run(ctx context.Context, url string) error {
	return p.f.client.runSessions(ctx, p.status, "play",
		func() error { return p.session(ctx, url) }, p.settle)
}

// settle says whether a session's end is final: --duration reached, or the
// stream ended with nothing to reconnect for (no --reconnect, a recorded
// stream). A live stream's end is worth a reconnection: its publisher may
// come back.
func (p *player) settle(err error) (final bool, _ error) {
	switch {
	case errors.Is(err, errDurationReached):
		return true, nil
	case errors.Is(err, io.EOF) && !errors.As(err, new(*connectError)):
		if !p.f.client.reconnect || p.recorded || p.f.vod {
			return true, nil
		}
		return false, errors.New("the stream ended")
	}
	return false, err
}

// session plays over one connection.
func (p *player) session(ctx context.Context, url string) error {
	cc, err := rtmp.Dial(ctx, url, p.f.client.opts)
	if err != nil {
		return &connectError{err}
	}
	opts := p.f.playOptions()
	opts.OnEvent = p.onEvent
	if p.recorded && p.w.written {
		opts.Start += time.Duration(p.w.last) * time.Millisecond // resume a recorded stream
	}
	ps, err := cc.Play(ctx, opts)
	if err != nil {
		cc.Close()
		return openError(err)
	}
	defer ps.Close()
	p.w.newSession()
	for {
		tag, err := ps.ReadTag(ctx)
		p.bytes = p.bytesBefore + ps.BytesRead()
		if err != nil {
			p.bytesBefore = p.bytes
			return err
		}
		if err := p.record(tag); err != nil {
			return err
		}
	}
}

// record writes a tag and updates the statistics and the status line.
func (p *player) record(tag flv.Tag) error {
	if p.f.duration > 0 && tag.Type != flv.TagScript && time.Duration(p.w.rebase(tag))*time.Millisecond >= p.f.duration {
		return errDurationReached
	}
	if err := p.w.write(tag); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	now := time.Now()
	p.bitrate.add(now, uint64(len(tag.Data)+flv.TagHeaderSize))
	switch {
	case tag.Type == flv.TagAudio:
		p.audioTS = p.w.last
	case tag.Type == flv.TagVideo:
		p.videoTS = p.w.last
		if !flv.IsSequenceHeader(tag) {
			p.frames.add(now, 1)
		}
	}
	if p.status.due(now) {
		p.status.show(now, p.statusText(now))
	}
	return nil
}

func (p *player) onEvent(ev rtmp.Event) {
	switch ev.Kind {
	case rtmp.EventStreamIsRecorded:
		p.recorded = true
	case rtmp.EventStatus:
		p.status.message("sluice play: %s", ev)
	}
}

// statusText is the status line: elapsed, bytes, bitrate, frame rate and
// the last audio and video timestamps.
func (p *player) statusText(now time.Time) string {
	return fmt.Sprintf("%s  %s  %.0f kbit/s  %.1f fps  A %.3f s  V %.3f s",
		formatClock(now.Sub(p.began)), formatBytes(p.bytes), p.bitrate.perSecond(now)*8/1000,
		p.frames.perSecond(now), float64(p.audioTS)/1000, float64(p.videoTS)/1000)
}
