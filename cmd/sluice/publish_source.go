package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sluicemedia/sluice/flv"
)

// inputError marks a failure reading the input: no reconnection helps.
type inputError struct{ err error }

func (e *inputError) Error() string { return "input: " + e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// defaultLoopGap is the gap put between the last tag of one pass over a
// looped file and the first of the next when the file gives no frame
// interval to copy: one frame at 25 fps.
const defaultLoopGap = 40

// tagSource reads the tags to publish from an FLV file or stdin. With loop
// set it starts the file again at its end, shifting timestamps so that
// they keep increasing; script data (metadata) is sent in the first pass
// only.
type tagSource struct {
	path string // "" for stdin
	loop bool
	in   io.Reader
	file *os.File
	r    *flv.Reader
	br   *bufio.Reader
	read counter
	size int64 // file size, 0 for stdin

	pass     int    // passes over the file started, from 1
	offset   uint32 // added to the file's timestamps in this pass
	firstTS  uint32 // the first media timestamp of the file
	haveTS   bool
	lastOut  uint32 // the last media timestamp returned
	lastGap  uint32 // the last interval between two media tags of one type
	prevType flv.TagType
	prevTS   uint32
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// openSource opens path, or stdin for "-".
func openSource(path string, stdin io.Reader, loop bool) (*tagSource, error) {
	s := &tagSource{loop: loop, in: stdin}
	if path != "-" {
		s.path = path
	}
	if err := s.open(); err != nil {
		return nil, err
	}
	return s, nil
}

// open (re)starts reading at the beginning of the input.
func (s *tagSource) open() error {
	in := s.in
	if s.path != "" {
		if s.file != nil {
			s.file.Close()
		}
		f, err := os.Open(s.path)
		if err != nil {
			return &inputError{err}
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return &inputError{err}
		}
		s.file, s.size, in = f, st.Size(), f
	}
	s.read = counter{r: in}
	s.br = bufio.NewReaderSize(&s.read, 64<<10)
	s.r = flv.NewReader(s.br)
	if _, err := s.r.ReadHeader(); err != nil {
		return &inputError{fmt.Errorf("not an FLV stream: %w", err)}
	}
	s.pass++
	return nil
}

func (s *tagSource) close() {
	if s.file != nil {
		s.file.Close()
	}
}

// next returns the next tag with its timestamp shifted for looping; io.EOF
// at the end of the input.
func (s *tagSource) next() (flv.Tag, error) {
	for {
		t, err := s.r.ReadTag()
		if errors.Is(err, io.EOF) && s.loop && s.path != "" && s.haveTS {
			s.offset = s.lastOut + max(s.lastGap, 1) - s.firstTS
			if err := s.open(); err != nil {
				return flv.Tag{}, err
			}
			continue
		}
		if errors.Is(err, io.EOF) {
			return flv.Tag{}, io.EOF
		}
		if err != nil && !errors.Is(err, flv.ErrPreviousTagSize) {
			return flv.Tag{}, &inputError{err}
		}
		switch t.Type {
		case flv.TagScript:
			if s.pass > 1 {
				continue
			}
		case flv.TagAudio, flv.TagVideo:
			s.noteTimestamp(t)
		default:
			continue // FLV allows other tag types; RTMP has no use for them
		}
		t.Timestamp += s.offset
		if t.Type != flv.TagScript {
			s.lastOut = t.Timestamp
		}
		return t, nil
	}
}

// noteTimestamp remembers the file's first timestamp and the frame
// interval, for the next pass of a loop.
func (s *tagSource) noteTimestamp(t flv.Tag) {
	if !s.haveTS {
		s.firstTS, s.haveTS = t.Timestamp, true
	}
	if t.Type == s.prevType && t.Timestamp > s.prevTS {
		s.lastGap = t.Timestamp - s.prevTS
	}
	if s.lastGap == 0 {
		s.lastGap = defaultLoopGap
	}
	s.prevType, s.prevTS = t.Type, t.Timestamp
}

// fraction is how much of the file this pass has read, 0..1; -1 for
// stdin.
func (s *tagSource) fraction() float64 {
	if s.size <= 0 {
		return -1
	}
	consumed := s.read.n - int64(s.br.Buffered())
	return min(float64(consumed)/float64(s.size), 1)
}

// Pacing bounds. maxPaceJump is the largest timestamp jump paced as is: a
// larger one (a broken or concatenated file) restarts the clock instead of
// sleeping for hours.
const maxPaceJump = 10 * time.Second

// pacer sends tags in real time: each at its timestamp's distance from
// the first, on the wall clock.
type pacer struct {
	start time.Time
	base  uint32
	last  uint32
	set   bool
}

// delay returns how long to wait before sending a tag with timestamp ts.
func (pc *pacer) delay(now time.Time, ts uint32) time.Duration {
	jump := time.Duration(int32(ts-pc.last)) * time.Millisecond
	if !pc.set || jump > maxPaceJump || jump < -maxPaceJump {
		pc.start, pc.base, pc.set = now, ts, true
	}
	pc.last = ts
	return pc.start.Add(time.Duration(int32(ts-pc.base)) * time.Millisecond).Sub(now)
}

// restart makes the next tag the new starting point: after a
// reconnection, the stream goes on in real time from where it was.
func (pc *pacer) restart() { pc.set = false }
