package chunk

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var writeSeeds = flag.Bool("write-seeds", false, "write the fuzz seed corpus from the vectors table to testdata/fuzz")

// TestWriteFuzzSeeds regenerates testdata/fuzz/Fuzz{Reader,RoundTrip}/vector-*
// from the vectors table when run with -write-seeds. The files are
// committed, so that go test replays them without the flag.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*writeSeeds {
		t.Skip("run with -write-seeds to regenerate the seed corpus")
	}
	for _, v := range vectors {
		chunkSize, applyAfter, stream := readerSeed(v)
		writeSeed(t, "FuzzReader", v.name, fmt.Sprintf("uint32(%d)\nbyte(%q)\n[]byte(%q)\n", chunkSize, applyAfter, stream))
		if !v.readOnly {
			chunkSize, script := roundTripSeed(v)
			writeSeed(t, "FuzzRoundTrip", v.name, fmt.Sprintf("uint32(%d)\n[]byte(%q)\n", chunkSize, script))
		}
	}
}

func writeSeed(t *testing.T, target, name, values string) {
	dir := filepath.Join("testdata", "fuzz", target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := "vector-" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(name))
	if err := os.WriteFile(filepath.Join(dir, file), []byte("go test fuzz v1\n"+values), 0o644); err != nil {
		t.Fatal(err)
	}
}
