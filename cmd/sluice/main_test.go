package main

import (
	"os"
	"testing"
)

// asCommand, set in a child's environment, makes the test binary run as
// the sluice command itself: tests that need a process of its own (signals,
// standard input as a shell hands it over) run os.Args[0] with it.
const asCommand = "SLUICE_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asCommand) == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}
