package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

const probeDescription = `Runs the play flow against URL and prints each step as it happens, with the
time since the start: TCP connect; the handshake (simple or digest, the
server's version bytes, whether its digest is valid); every message sent and
received (Window Acknowledgement Size, Set Peer Bandwidth, StreamBegin, the
answers to connect and createStream, Set Chunk Size, each onStatus); the
metadata fields; the audio and video configuration (codec, profile, picture
size, sample rate, channels); the first frames and the time to the first
frame. --json prints the same as JSON lines. Run it when a stream "doesn't
play".`

// DefaultProbeWait is how long the probe waits, after play, for the first
// audio and video frames: a player joining a live stream may wait a whole
// GOP for a keyframe, and GOPs of 2 to 4 s are common.
const DefaultProbeWait = 10 * time.Second

type probeFlags struct {
	client clientFlags
	json   bool
	wait   time.Duration
	live   bool
	vod    bool
}

func parseProbeFlags(args []string, stderr io.Writer) (*probeFlags, string, error) {
	f := &probeFlags{}
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = usageFunc(fs, "probe [flags] URL", probeDescription)
	f.client.registerConnection(fs)
	fs.BoolVar(&f.json, "json", false, "print JSON lines instead of text")
	fs.DurationVar(&f.wait, "wait", DefaultProbeWait, "how long to wait after play for the first audio and video frames")
	fs.BoolVar(&f.live, "live", false, "play only a live stream")
	fs.BoolVar(&f.vod, "vod", false, "play only a recorded stream")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, "", err
	}
	if len(pos) != 1 {
		return nil, "", fmt.Errorf("want one URL, got %d arguments", len(pos))
	}
	if f.live && f.vod {
		return nil, "", errors.New("--live and --vod exclude each other")
	}
	return f, pos[0], nil
}

func runProbe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, url, err := parseProbeFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "sluice probe:", err)
		return exitUsage
	}
	p := &prober{f: f, out: &probePrinter{w: stdout, json: f.json}, calls: map[float64]string{}}
	err = p.run(ctx, url)
	code := exitCode(ctx, err)
	if err != nil {
		p.line("error", err.Error(), field{"exit_code", code})
	}
	return code
}

// prober runs the play flow once and reports every step.
type prober struct {
	f     *probeFlags
	out   *probePrinter
	start time.Time
	calls map[float64]string // transaction id -> command, to name the answers
	quiet bool               // the probe is over: no more trace lines
	media int                // audio and video messages received (not printed)

	playSent                 time.Duration
	firstVideo, firstAudio   time.Duration
	videoConfig, audioConfig bool
	metaVideo, metaAudio     bool // the metadata announces these
	haveMeta                 bool
}

func (p *prober) line(step, text string, fields ...field) {
	p.out.print(probeLine{elapsed: time.Since(p.start), step: step, text: text, fields: fields})
}

func (p *prober) run(ctx context.Context, url string) error {
	p.start = time.Now()
	opts := p.f.client.opts
	opts.Trace = p.trace
	cc, err := rtmp.Dial(ctx, url, opts)
	if err != nil {
		return &connectError{err}
	}
	defer cc.Close()
	u := cc.URL()
	p.line("connect", fmt.Sprintf("connected to app %q of %s as tcUrl %s", u.App, cc.RemoteAddr(), u.TCURL),
		field{"app", u.App}, field{"stream", u.Stream}, field{"tc_url", u.TCURL})
	playOpts := rtmp.PlayOptions{}
	switch {
	case p.f.live:
		playOpts.Mode = rtmp.PlayLive
	case p.f.vod:
		playOpts.Mode = rtmp.PlayRecorded
	}
	ps, err := cc.Play(ctx, playOpts)
	if err != nil {
		return openError(err)
	}
	p.line("play", fmt.Sprintf("playing %q on stream %d", ps.Name(), ps.StreamID()), field{"stream_id", ps.StreamID()})
	err = p.readMedia(ctx, ps)
	p.summary()
	p.quiet = true
	ps.Close()
	return err
}

// readMedia reads until the first audio and video frames, the end of the
// stream or --wait.
func (p *prober) readMedia(ctx context.Context, ps *rtmp.PlayStream) error {
	readCtx, cancel := context.WithTimeout(ctx, p.f.wait)
	defer cancel()
	for !p.seenAll() {
		tag, err := ps.ReadTag(readCtx)
		switch {
		case errors.Is(err, io.EOF):
			p.line("play", "the stream ended")
			return nil
		case err != nil && ctx.Err() == nil && readCtx.Err() != nil:
			p.line("play", fmt.Sprintf("stopped waiting after %v", p.f.wait))
			if p.firstVideo == 0 && p.firstAudio == 0 {
				return fmt.Errorf("no audio or video within %v of play", p.f.wait)
			}
			return nil
		case err != nil:
			return err
		}
		p.noteTag(tag)
	}
	return nil
}

// seenAll reports whether the first frame of every kind the stream has
// arrived: both, or those the metadata announces.
func (p *prober) seenAll() bool {
	video, audio := p.firstVideo != 0, p.firstAudio != 0
	if p.haveMeta && (p.metaVideo || p.metaAudio) {
		return (video || !p.metaVideo) && (audio || !p.metaAudio)
	}
	return video && audio
}

// noteTag reports the sequence headers and the first frame of each kind.
func (p *prober) noteTag(t flv.Tag) {
	now := time.Since(p.start)
	switch {
	case t.Type == flv.TagScript:
		return // reported by the trace
	case flv.IsSequenceHeader(t) && t.Type == flv.TagVideo && !p.videoConfig:
		p.videoConfig = true
		text, fields := describeVideoConfig(t)
		p.line("media", text, fields...)
	case flv.IsSequenceHeader(t) && t.Type == flv.TagAudio && !p.audioConfig:
		p.audioConfig = true
		text, fields := describeAudioConfig(t)
		p.line("media", text, fields...)
	case flv.IsSequenceHeader(t) || flv.IsSequenceEnd(t):
	case t.Type == flv.TagVideo && p.firstVideo == 0:
		p.firstVideo = now
		text, fields := describeFirstFrame(t)
		p.line("media", text, fields...)
	case t.Type == flv.TagAudio && p.firstAudio == 0:
		p.firstAudio = now
		text, fields := describeFirstFrame(t)
		p.line("media", text, fields...)
	}
}

// summary reports the time to the first frame.
func (p *prober) summary() {
	first := p.firstVideo
	if first == 0 || p.firstAudio != 0 && p.firstAudio < first {
		first = p.firstAudio
	}
	if first == 0 {
		return
	}
	fields := []field{{"first_frame_ms", ms(first)}, {"after_play_ms", ms(first - p.playSent)},
		{"first_video_ms", ms(p.firstVideo)}, {"first_audio_ms", ms(p.firstAudio)}, {"media_messages", p.media}}
	p.line("result", fmt.Sprintf("time to first frame: %.1f ms (%.1f ms after play); first video at %.1f ms, first audio at %.1f ms",
		ms(first), ms(first-p.playSent), ms(p.firstVideo), ms(p.firstAudio)), fields...)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// trace reports a step of the connection as it happens.
func (p *prober) trace(ev rtmp.TraceEvent) {
	if p.quiet {
		return
	}
	at := func(step, text string, fields ...field) {
		p.out.print(probeLine{elapsed: ev.Elapsed, step: step, text: text, fields: fields})
	}
	switch ev.Kind {
	case rtmp.TraceConnected:
		at("tcp", "connected to "+ev.Addr, field{"addr", ev.Addr})
	case rtmp.TraceTLSDone:
		at("tls", "TLS handshake done with "+ev.Addr, field{"addr", ev.Addr})
	case rtmp.TraceC0C1Sent:
		scheme := p.f.client.opts.Handshake.Scheme
		if scheme == 0 {
			scheme = handshake.SchemeDigest0
		}
		at("handshake", fmt.Sprintf("C0+C1 sent: RTMP version 3, %v C1, %d bytes", scheme, ev.Size),
			field{"event", "c0c1"}, field{"scheme", scheme.String()}, field{"bytes", ev.Size})
	case rtmp.TraceS0S1Received:
		text, fields := describeS1(ev.Handshake)
		at("handshake", text, fields...)
	case rtmp.TraceS2Received:
		text := "S2 received: answers our C1"
		if !ev.Handshake.EchoOK {
			text = "S2 received: does not answer our C1 (accepted: many servers send any S2)"
		}
		at("handshake", text, field{"event", "s2"}, field{"echo_ok", ev.Handshake.EchoOK})
	case rtmp.TraceC2Sent:
		at("handshake", fmt.Sprintf("C2 sent, %d bytes: handshake done", ev.Size), field{"event", "c2"})
	case rtmp.TraceSent:
		if c, ok := ev.Message.(message.Command); ok {
			if c.TransactionID != 0 {
				p.calls[c.TransactionID] = c.Name
			}
			if c.Name == "play" {
				p.playSent = ev.Elapsed
			}
		}
		text, fields := describeMessage(ev.Message, ev.StreamID, p.calls)
		at("send", text, fields...)
	case rtmp.TraceReceived:
		p.traceReceived(ev, at)
	}
}

func (p *prober) traceReceived(ev rtmp.TraceEvent, at func(string, string, ...field)) {
	switch m := ev.Message.(type) {
	case nil:
		at("recv", fmt.Sprintf("unreadable %v message: %v", message.Type(ev.Raw.TypeID), ev.Err), field{"error", ev.Err.Error()})
	case message.Media:
		p.media++ // media is reported by what it carries, in noteTag
	case message.Data:
		if m.Handler() == "onMetaData" || m.Handler() == flv.SetDataFrame {
			p.traceMetadata(m, at)
			return
		}
		text, fields := describeMessage(m, ev.StreamID, p.calls)
		at("recv", text, fields...)
	default:
		text, fields := describeMessage(m, ev.StreamID, p.calls)
		at("recv", text, fields...)
	}
}

// traceMetadata prints onMetaData with one line per field.
func (p *prober) traceMetadata(d message.Data, at func(string, string, ...field)) {
	values := d.Values
	if d.Handler() == flv.SetDataFrame {
		values = values[1:]
	}
	var props []amf.Property
	if len(values) > 1 {
		switch o := values[1].(type) {
		case amf.ECMAArray:
			props = o
		case amf.Object:
			props = o
		}
	}
	p.haveMeta = true
	meta := []field{{"message", "onMetaData"}}
	for _, prop := range props {
		meta = append(meta, field{prop.Key, prop.Value})
	}
	at("meta", fmt.Sprintf("onMetaData, %d fields", len(props)), meta...)
	for _, prop := range props {
		switch prop.Key {
		case "videocodecid":
			p.metaVideo = true
		case "audiocodecid":
			p.metaAudio = true
		}
		if !p.out.json {
			at("meta", fmt.Sprintf("  %s = %s", prop.Key, amfText(prop.Value)))
		}
	}
}

// describeS1 says what kind of handshake the server answered with.
func describeS1(r handshake.Result) (string, []field) {
	v := r.PeerVersion
	version := fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], v[3])
	fields := []field{{"event", "s0s1"}, {"scheme", r.Scheme.String()}, {"server_version", version}, {"digest_ok", r.PeerDigestOK}}
	switch {
	case r.PeerDigestOK:
		return fmt.Sprintf("S0+S1 received: digest handshake (%v), server version %s, digest valid", r.Scheme, version), fields
	case v == [4]byte{}:
		return "S0+S1 received: simple handshake (server version 0.0.0.0, no digest)", fields
	}
	return fmt.Sprintf("S0+S1 received: server version %s but its digest does not validate: simple handshake", version), fields
}
