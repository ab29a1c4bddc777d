package chunk

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// roundTripCSIDs covers every basic header form and its edges. Chunk stream
// sharedCSID is written only with AppendMessageFmt0.
var roundTripCSIDs = []uint32{2, 3, 4, 5, 7, 63, 64, 65, 319, 320, 1000, 65599}

const sharedCSID = 6

// randomMessages returns n messages whose timestamps exercise repeated
// deltas, backward jumps, extended values and wrap-around.
func randomMessages(rng *rand.Rand, n int) []Message {
	last := map[uint32]uint32{}
	msgs := make([]Message, n)
	for i := range msgs {
		csid := roundTripCSIDs[rng.IntN(len(roundTripCSIDs))]
		if rng.IntN(8) == 0 {
			csid = sharedCSID
		}
		ts := last[csid]
		switch rng.IntN(10) {
		case 0:
			ts -= uint32(rng.IntN(1000)) // backwards
		case 1:
			ts += 0xFFFFFF + uint32(rng.IntN(3)) // extended delta
		case 2:
			ts = 0xFFFFFF - 40 + uint32(rng.IntN(80)) // around the extension
		case 3:
			ts = 0xFFFFFFFF - uint32(rng.IntN(100)) // about to wrap
		case 4, 5:
			ts += 40 // a steady frame rate: repeated deltas
		default:
			ts += uint32(rng.IntN(100))
		}
		last[csid] = ts
		msgs[i] = Message{
			ChunkStreamID: csid,
			TypeID:        []uint8{8, 9, 18, 20}[rng.IntN(4)],
			StreamID:      uint32(rng.IntN(3)),
			Timestamp:     ts,
			Payload:       randomPayload(rng),
		}
	}
	return msgs
}

func randomPayload(rng *rand.Rand) []byte {
	var n int
	switch rng.IntN(20) {
	case 0:
		n = 0
	case 1:
		n = 70_000 + rng.IntN(70_000)
	case 2, 3, 4:
		n = 300 // repeated lengths let type 2 and 3 headers happen
	default:
		n = rng.IntN(600)
	}
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(rng.Uint32())
	}
	return p
}

// writeAll encodes msgs, changing the chunk size after the messages listed
// in resizes.
func writeAll(t testing.TB, msgs []Message, chunkSize uint32, resizes []resize) []byte {
	w := NewWriter()
	if err := w.SetChunkSize(chunkSize); err != nil {
		t.Fatal(err)
	}
	var wire []byte
	for i := range msgs {
		var err error
		if msgs[i].ChunkStreamID == sharedCSID {
			wire = AppendMessageFmt0(wire, &msgs[i], w.ChunkSize())
		} else if wire, err = w.AppendMessage(wire, &msgs[i]); err != nil {
			t.Fatal(err)
		}
		for _, rs := range resizes {
			if rs.after == i+1 {
				if err := w.SetChunkSize(rs.size); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return wire
}

func TestRoundTripRandom(t *testing.T) {
	for _, chunkSize := range []uint32{1, 128, 4096, 65536} {
		t.Run(fmt.Sprint(chunkSize), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(chunkSize)))
			msgs := randomMessages(rng, 400)
			wire := writeAll(t, msgs, chunkSize, nil)
			v := vector{resizes: []resize{{0, chunkSize}}, msgs: msgs, wire: wire}
			r := NewReader(bytes.NewReader(wire), ReaderConfig{})
			if got := readAll(t, r, v); !equalMessages(got, msgs) {
				t.Fatal(firstDifference(got, msgs))
			}
		})
	}
}

// TestRoundTripChunkSizeChanges changes the chunk size at random points,
// up and down, on both sides.
func TestRoundTripChunkSizeChanges(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	msgs := randomMessages(rng, 300)
	resizes := []resize{{0, 128}}
	for i := 1; i < len(msgs); i += 1 + rng.IntN(20) {
		resizes = append(resizes, resize{i, []uint32{1, 7, 128, 4096, 65536, MaxChunkSize}[rng.IntN(6)]})
	}
	wire := writeAll(t, msgs, 128, resizes)
	r := NewReader(bytes.NewReader(wire), ReaderConfig{})
	if got := readAll(t, r, vector{resizes: resizes}); !equalMessages(got, msgs) {
		t.Fatal(firstDifference(got, msgs))
	}
}

func firstDifference(got, want []Message) string {
	for i := range min(len(got), len(want)) {
		if !equalMessage(&got[i], &want[i]) {
			g, w := got[i], want[i]
			return fmt.Sprintf("message %d: got csid %d type %d stream %d ts %#x len %d, want csid %d type %d stream %d ts %#x len %d",
				i, g.ChunkStreamID, g.TypeID, g.StreamID, g.Timestamp, len(g.Payload),
				w.ChunkStreamID, w.TypeID, w.StreamID, w.Timestamp, len(w.Payload))
		}
	}
	return fmt.Sprintf("got %d messages, want %d", len(got), len(want))
}
