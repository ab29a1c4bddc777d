package bench

import (
	"fmt"
	"testing"

	"github.com/sluicemedia/sluice/internal/fuzztest"
)

// TestFuzzSeedsCommitted keeps testdata/fuzz/FuzzWalker in step with
// walkerCases (run with -write-seeds to rewrite it).
func TestFuzzSeedsCommitted(t *testing.T) {
	seeds := make([]fuzztest.Seed, len(walkerCases))
	for i, tc := range walkerCases {
		seeds[i] = fuzztest.Seed{Name: fmt.Sprintf("%02d", i), Args: []any{tc.wire}}
	}
	fuzztest.Sync(t, "FuzzWalker", seeds)
}
