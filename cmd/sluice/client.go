package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sluicemedia/sluice/rtmp"
)

// Exit codes of the client commands (play, publish, probe). A script can
// tell "the stream is not there" from "the server is not there" from
// "the user stopped it".
const (
	exitOK          = 0   // done: the stream ended, --duration was reached, the input was sent
	exitFailed      = 1   // failed after starting: connection lost, unreadable input, output not writable
	exitUsage       = 2   // bad flags or arguments
	exitNoConnect   = 3   // could not connect: name resolution, TCP, TLS, handshake or connect timed out
	exitNotFound    = 4   // the server has no such stream (NetStream.Play.StreamNotFound)
	exitRejected    = 5   // the server refused: connect rejected, publish BadName or Denied, other error status
	exitInterrupted = 130 // stopped by SIGINT or SIGTERM (128 + SIGINT, the shell's convention)
)

// exitCodesHelp documents the exit codes in each command's help.
const exitCodesHelp = `Exit codes:
  0    done: the stream ended, --duration was reached, or the input was sent
  1    failed after starting (connection lost, bad input, output error)
  2    bad flags or arguments
  3    could not connect (DNS, TCP, TLS, handshake, or no answer to connect)
  4    stream not found (NetStream.Play.StreamNotFound)
  5    refused by the server (connect rejected, publish BadName/Denied, ...)
  130  interrupted (SIGINT, SIGTERM)
`

// connectError marks an error of rtmp.Dial: the server could not be
// reached or did not complete the connection.
type connectError struct{ err error }

func (e *connectError) Error() string { return e.err.Error() }
func (e *connectError) Unwrap() error { return e.err }

// exitCode classifies err for the shell.
func exitCode(ctx context.Context, err error) int {
	var se *rtmp.StatusError
	var ce *connectError
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		return exitInterrupted
	case errors.As(err, &se) && se.Status.Code == rtmp.CodePlayStreamNotFound:
		return exitNotFound
	case errors.As(err, &se):
		return exitRejected
	case errors.As(err, &ce):
		return exitNoConnect
	}
	return exitFailed
}

// clientFlags are the connection flags play, publish and probe share:
// rtmpdump's overrides, the step timeout and reconnection.
type clientFlags struct {
	opts         rtmp.ClientOptions
	quiet        bool
	reconnect    bool
	reconnectMax int
}

// register registers the connection flags and the session flags (-q,
// --reconnect).
func (f *clientFlags) register(fs *flag.FlagSet) {
	f.registerConnection(fs)
	fs.BoolVar(&f.quiet, "q", false, "quiet: no status line on stderr")
	fs.BoolVar(&f.reconnect, "reconnect", false, "reconnect with backoff (1 s doubling to 30 s) when the connection is lost")
	fs.IntVar(&f.reconnectMax, "reconnect-max", 0, "give up after this many reconnections in a row (0: never)")
}

// registerConnection registers the flags that shape the connection.
func (f *clientFlags) registerConnection(fs *flag.FlagSet) {
	fs.StringVar(&f.opts.App, "app", "", "application name to connect to (default: from the URL)")
	fs.StringVar(&f.opts.PlayPath, "playpath", "", "stream name (default: from the URL)")
	fs.StringVar(&f.opts.TCURL, "tcurl", "", "tcUrl sent in connect (default: scheme://host[:port]/app)")
	fs.StringVar(&f.opts.PageURL, "pageurl", "", "pageUrl sent in connect")
	fs.StringVar(&f.opts.SWFURL, "swfurl", "", "swfUrl sent in connect")
	fs.StringVar(&f.opts.FlashVer, "flashver", "", "flashVer sent in connect (default: what ffmpeg sends)")
	fs.DurationVar(&f.opts.HandshakeTimeout, "timeout", rtmp.DefaultHandshakeTimeout, "how long each step (TCP, handshake, connect, play, publish) may wait for the server")
	fs.DurationVar(&f.opts.ReadTimeout, "read-timeout", rtmp.DefaultReadTimeout, "give up when the server sends nothing for this long")
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments (`sluice play URL -o out.flv`), which package
// flag alone stops at. A lone "-" is positional (stdin or stdout).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// usageFunc prints a command's synopsis, description, flags and the exit
// codes.
func usageFunc(fs *flag.FlagSet, synopsis, description string) func() {
	return func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: sluice %s\n\n%s\n\nFlags:\n", synopsis, description)
		fs.PrintDefaults()
		fmt.Fprintf(w, "\n%s", exitCodesHelp)
	}
}

// backoff is the wait between reconnection attempts: 1 s, doubling up to
// 30 s (OBS starts at 2 s; a second is enough for a server restart and
// 30 s keeps a long outage from hammering the server).
type backoff struct {
	next     time.Duration
	attempts int
}

const (
	backoffMin = time.Second
	backoffMax = 30 * time.Second
	// backoffHealthy is how long a session must have run for the next
	// failure to start the backoff over.
	backoffHealthy = 30 * time.Second
)

// wait sleeps before the next attempt; it reports false when ctx ends or
// max attempts in a row (when max > 0) have been made.
func (b *backoff) wait(ctx context.Context, ran time.Duration, max int) bool {
	if ran >= backoffHealthy || b.next == 0 {
		b.next, b.attempts = backoffMin, 0
	}
	b.attempts++
	if max > 0 && b.attempts > max {
		return false
	}
	t := time.NewTimer(b.next)
	defer t.Stop()
	b.next = min(2*b.next, backoffMax)
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// runSessions runs session until settle calls its end final, or until
// --reconnect, when given, gives up: the server refused (a StatusError),
// the user stopped, or --reconnect-max failures in a row. It waits with
// backoff between sessions and says on the status line why it reconnects.
func (f *clientFlags) runSessions(ctx context.Context, status *statusLine, command string,
	session func() error, settle func(error) (final bool, err error)) error {
	var b backoff
	for {
		started := time.Now()
		final, err := settle(session())
		if final || !f.reconnect || !retryable(ctx, err) {
			return err
		}
		status.message("sluice %s: %v; reconnecting", command, err)
		if !b.wait(ctx, time.Since(started), f.reconnectMax) {
			return err
		}
	}
}

// openError is what a session reports when opening its stream (play,
// publish) failed: the server's refusal as it is, anything else as a
// connectError, since the connection did not get as far as a stream.
func openError(err error) error {
	var se *rtmp.StatusError
	if errors.As(err, &se) {
		return err
	}
	return &connectError{err}
}

// retryable reports whether a failed session is worth a reconnection: not
// when the server refused (a StatusError) or the user stopped.
func retryable(ctx context.Context, err error) bool {
	var se *rtmp.StatusError
	return ctx.Err() == nil && !errors.As(err, &se)
}

// isTerminal reports whether w is a terminal, where binary output does not
// belong and a status line may redraw itself.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// statusLine redraws a one-line status on a terminal, or prints one line
// per interval elsewhere (logs, pipes).
type statusLine struct {
	w        io.Writer
	terminal bool
	every    time.Duration
	last     time.Time
	drawn    bool
}

// statusInterval is how often the status line is redrawn on a terminal;
// statusLogInterval how often it is printed where it cannot be redrawn.
const (
	statusInterval    = 500 * time.Millisecond
	statusLogInterval = 10 * time.Second
)

func newStatusLine(w io.Writer, quiet bool) *statusLine {
	if quiet {
		return nil
	}
	s := &statusLine{w: w, terminal: isTerminal(w), every: statusLogInterval}
	if s.terminal {
		s.every = statusInterval
	}
	return s
}

// due reports whether it is time to show the status again.
func (s *statusLine) due(now time.Time) bool {
	return s != nil && now.Sub(s.last) >= s.every
}

// show draws the status text.
func (s *statusLine) show(now time.Time, text string) {
	if s == nil {
		return
	}
	s.last = now
	if s.terminal {
		fmt.Fprintf(s.w, "\r%s\x1b[K", text)
		s.drawn = true
		return
	}
	fmt.Fprintln(s.w, text)
}

// message prints a line of its own, keeping the status line below it.
func (s *statusLine) message(format string, args ...any) {
	if s == nil {
		return
	}
	if s.drawn {
		fmt.Fprint(s.w, "\r\x1b[K")
	}
	fmt.Fprintf(s.w, format+"\n", args...)
	s.last = time.Time{} // redraw at the next chance
}

// done ends the status line with a newline after its final text.
func (s *statusLine) done(text string) {
	if s == nil {
		return
	}
	if s.terminal {
		fmt.Fprintf(s.w, "\r%s\x1b[K\n", text)
		return
	}
	fmt.Fprintln(s.w, text)
}

// formatClock formats d as m:ss or h:mm:ss.
func formatClock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// formatBytes formats n with a binary unit.
func formatBytes(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// rateMeter measures a rate over a sliding window of about two seconds,
// so the figure follows the stream rather than its whole history.
type rateMeter struct {
	marks [2]rateMark // the window's start, and the mark that becomes the next start
	total uint64
}

type rateMark struct {
	at    time.Time
	total uint64
}

// rateWindow is the span a rateMeter averages over.
const rateWindow = 2 * time.Second

func (m *rateMeter) add(now time.Time, n uint64) {
	m.total += n
	if m.marks[0].at.IsZero() {
		m.marks[0] = rateMark{now, 0}
		m.marks[1] = m.marks[0]
	}
	if now.Sub(m.marks[1].at) >= rateWindow/2 {
		m.marks[0], m.marks[1] = m.marks[1], rateMark{now, m.total}
	}
}

// perSecond is the rate over the window.
func (m *rateMeter) perSecond(now time.Time) float64 {
	d := now.Sub(m.marks[0].at).Seconds()
	if m.marks[0].at.IsZero() || d <= 0 {
		return 0
	}
	return float64(m.total-m.marks[0].total) / d
}
