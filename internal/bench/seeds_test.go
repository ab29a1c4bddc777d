package bench

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var writeSeeds = flag.Bool("write-seeds", false, "write the fuzz seed corpus from the vector table")

// TestWriteSeeds writes testdata/fuzz/FuzzWalker from walkerCases when run
// with -write-seeds, so the committed corpus follows the table.
func TestWriteSeeds(t *testing.T) {
	if !*writeSeeds {
		t.Skip("run with -write-seeds to rewrite testdata/fuzz")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzWalker")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, tc := range walkerCases {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", tc.wire)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%02d", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
