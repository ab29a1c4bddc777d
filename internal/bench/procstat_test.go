package bench

import (
	"errors"
	"os"
	"testing"
	"time"
)

// The fixture testdata/proc/4242 is a trimmed copy of a real process's
// files, with a command name holding spaces and parentheses; its stat has
// utime 1234 and stime 567 ticks.
func TestSampleProcFixture(t *testing.T) {
	got, err := sampleProc("testdata/proc", 4242)
	if err != nil {
		t.Fatal(err)
	}
	want := ProcSample{CPU: 18010 * time.Millisecond, RSSKiB: 11800}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestSampleProcSelf(t *testing.T) {
	got, err := sampleProc(procRoot, os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if got.RSSKiB == 0 {
		t.Errorf("no RSS: %+v", got)
	}
}

func TestProcParseErrors(t *testing.T) {
	stats := []string{
		"",                                     // no command name
		"1 (x) S 1 2 3",                        // too few fields
		"1 (x) S 1 2 3 4 5 6 7 8 9 10 x 12 13", // utime not a number
	}
	for _, s := range stats {
		if _, err := parseStatCPU([]byte(s)); !errors.Is(err, ErrProc) {
			t.Errorf("stat %q: error %v", s, err)
		}
	}
	statuses := []string{
		"Name:\tx\n",        // no VmRSS
		"VmRSS:\t12 MB\n",   // wrong unit
		"VmRSS:\tmany kB\n", // not a number
	}
	for _, s := range statuses {
		if _, err := parseStatusRSS([]byte(s)); !errors.Is(err, ErrProc) {
			t.Errorf("status %q: error %v", s, err)
		}
	}
	if _, err := sampleProc("testdata/proc", 1); !errors.Is(err, ErrProc) {
		t.Errorf("missing process: error %v", err)
	}
}
