package bench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// userHZ is the unit of the CPU times in /proc/PID/stat: Linux reports
// them in USER_HZ ticks, fixed at 100 per second for user space on every
// architecture Sluice targets (it is `getconf CLK_TCK`), whatever the
// kernel's own tick rate.
const userHZ = 100

// maxProcFile bounds what is read of one /proc file: stat and status are
// well under 4 KiB.
const maxProcFile = 16 << 10

// ErrProc reports a /proc file that cannot be read or parsed.
var ErrProc = errors.New("bench: cannot read /proc")

// ProcSample is a process's CPU time and memory at one moment.
type ProcSample struct {
	CPU    time.Duration // user plus system time of all its threads, live and exited
	RSSKiB uint64        // resident set size
}

// sampleProc reads the process's stat and status files under procRoot
// (normally /proc).
func sampleProc(procRoot string, pid int) (ProcSample, error) {
	dir := filepath.Join(procRoot, strconv.Itoa(pid))
	stat, err := readProcFile(filepath.Join(dir, "stat"))
	if err != nil {
		return ProcSample{}, err
	}
	cpu, err := parseStatCPU(stat)
	if err != nil {
		return ProcSample{}, err
	}
	status, err := readProcFile(filepath.Join(dir, "status"))
	if err != nil {
		return ProcSample{}, err
	}
	rss, err := parseStatusRSS(status)
	if err != nil {
		return ProcSample{}, err
	}
	return ProcSample{CPU: cpu, RSSKiB: rss}, nil
}

func readProcFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrProc, err)
	}
	defer f.Close()
	buf := make([]byte, maxProcFile)
	n, err := f.Read(buf)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrProc, path, err)
	}
	return buf[:n], nil
}

// parseStatCPU returns utime + stime from /proc/PID/stat (proc(5)): the
// 14th and 15th fields, in USER_HZ ticks. The 2nd field, the command name
// in parentheses, may hold spaces and parentheses itself, so fields are
// counted from the last ')'.
//
//	pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
//	majflt cmajflt utime stime cutime cstime ...
func parseStatCPU(stat []byte) (time.Duration, error) {
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, fmt.Errorf("%w: stat has no command name", ErrProc)
	}
	fields := bytes.Fields(stat[end+1:])
	const utime, stime = 14 - 3, 15 - 3 // fields after comm start at field 3
	if len(fields) <= stime {
		return 0, fmt.Errorf("%w: stat has %d fields after the command name", ErrProc, len(fields))
	}
	var ticks uint64
	for _, f := range [][]byte{fields[utime], fields[stime]} {
		v, err := strconv.ParseUint(string(f), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%w: stat cpu time: %w", ErrProc, err)
		}
		ticks += v
	}
	return time.Duration(ticks) * (time.Second / userHZ), nil
}

// parseStatusRSS returns the VmRSS line of /proc/PID/status, in KiB
// ("VmRSS:	  123456 kB").
func parseStatusRSS(status []byte) (uint64, error) {
	for line := range bytes.Lines(status) {
		rest, ok := bytes.CutPrefix(line, []byte("VmRSS:"))
		if !ok {
			continue
		}
		f := bytes.Fields(rest)
		if len(f) != 2 || string(f[1]) != "kB" {
			return 0, fmt.Errorf("%w: VmRSS line %q", ErrProc, bytes.TrimSpace(line))
		}
		v, err := strconv.ParseUint(string(f[0]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%w: VmRSS: %w", ErrProc, err)
		}
		return v, nil
	}
	return 0, fmt.Errorf("%w: status has no VmRSS line", ErrProc)
}
