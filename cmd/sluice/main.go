// Command sluice is the Sluice RTMP server and toolkit.
//
//	sluice serve              run the live server (RTMP on :1935)
//	sluice play URL           play a stream into an FLV file or stdout
//	sluice publish IN URL     publish an FLV file or stdin
//	sluice probe URL          run the play flow step by step, with timings
//	sluice bench URL          load a local server with players and report
//	sluice version            print the version
//
// This is the only place that reads flags for the whole program, installs
// signal handlers or calls os.Exit.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// A command runs one subcommand with its arguments and returns the exit code.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "run the live RTMP server", runServe},
		{"bench", "load a server on this machine with players and report", runBench},
		{"play", "play a stream into an FLV file or stdout", runPlay},
		{"publish", "publish an FLV file or stdin", runPublish},
		{"probe", "run the play flow step by step, with timings", runProbe},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks for a graceful end; after it, signals get their
	// default action again, so a second one ends the process at once.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	fmt.Fprintf(stderr, "sluice: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: sluice <command> [flags] [args]")
	fmt.Fprintln(w, "commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "Run 'sluice <command> -h' for a command's flags.")
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) int {
	fmt.Fprintln(stdout, "sluice", version)
	return 0
}
