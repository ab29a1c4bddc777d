package chunk

import (
	"testing"

	"github.com/sluicemedia/sluice/internal/fuzztest"
)

// TestFuzzSeedsCommitted keeps testdata/fuzz/Fuzz{Reader,RoundTrip} in
// step with the vectors table; run with -write-seeds to rewrite them.
func TestFuzzSeedsCommitted(t *testing.T) {
	var reader, roundTrip []fuzztest.Seed
	for _, v := range vectors {
		chunkSize, applyAfter, stream := readerSeed(v)
		reader = append(reader, fuzztest.Seed{Name: v.name, Args: []any{chunkSize, applyAfter, stream}})
		if !v.readOnly {
			chunkSize, script := roundTripSeed(v)
			roundTrip = append(roundTrip, fuzztest.Seed{Name: v.name, Args: []any{chunkSize, script}})
		}
	}
	fuzztest.Sync(t, "FuzzReader", reader)
	fuzztest.Sync(t, "FuzzRoundTrip", roundTrip)
}
