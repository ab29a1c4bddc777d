package chunk

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// fuzzReaderConfig keeps the limits small so that fuzz inputs reach them.
var fuzzReaderConfig = ReaderConfig{MaxMessageSize: 1 << 12, MaxActiveChunkStreams: 4, MaxBufferedBytes: 1 << 13}

// FuzzReader reads an arbitrary byte stream, applying chunkSize (valid or
// not) after applyAfter messages. Invariants: no panic; the Reader never
// returns or holds more payload bytes than the input has, nor more than its
// budget, and its buffers stay within twice what they hold; whatever it
// returns, the Writer encodes and the Reader decodes back to the same
// messages.
func FuzzReader(f *testing.F) {
	for _, v := range vectors {
		chunkSize, applyAfter, stream := readerSeed(v)
		f.Add(chunkSize, applyAfter, stream)
	}
	f.Fuzz(func(t *testing.T, chunkSize uint32, applyAfter uint8, stream []byte) {
		r := NewReader(bytes.NewReader(stream), fuzzReaderConfig)
		var msgs []Message
		returned := 0
		for {
			if len(msgs) == int(applyAfter) {
				_ = r.SetChunkSize(chunkSize) // invalid sizes are refused
			}
			m, err := r.ReadMessage()
			checkReaderBounds(t, r, len(stream), returned)
			if err != nil {
				break
			}
			returned += len(m.Payload)
			msgs = append(msgs, *m)
		}
		if returned > len(stream) {
			t.Fatalf("returned %d payload bytes from %d input bytes", returned, len(stream))
		}
		wire := writeAll(t, msgs, DefaultChunkSize, nil)
		back := NewReader(bytes.NewReader(wire), ReaderConfig{})
		if got := readAll(t, back, vector{}); !equalMessages(got, msgs) {
			t.Fatal("re-encoded messages differ: " + firstDifference(got, msgs))
		}
	})
}

// readerSeed turns a vector into FuzzReader arguments: its first chunk size
// change, applied after the same message.
func readerSeed(v vector) (chunkSize uint32, applyAfter uint8, stream []byte) {
	chunkSize = DefaultChunkSize
	if len(v.resizes) > 0 {
		chunkSize, applyAfter = v.resizes[0].size, uint8(v.resizes[0].after)
	}
	return chunkSize, applyAfter, v.wire
}

// checkReaderBounds checks the memory invariants of a Reader that has
// consumed part of an input of inputLen bytes and returned `returned`
// payload bytes.
func checkReaderBounds(t *testing.T, r *Reader, inputLen, returned int) {
	t.Helper()
	if r.BytesRead() > uint64(inputLen) {
		t.Fatalf("BytesRead %d > input %d", r.BytesRead(), inputLen)
	}
	if r.buffered > r.cfg.MaxBufferedBytes || returned+r.buffered > inputLen {
		t.Fatalf("holding %d bytes: budget %d, input %d, returned %d", r.buffered, r.cfg.MaxBufferedBytes, inputLen, returned)
	}
	if r.active > r.cfg.MaxActiveChunkStreams || len(r.streams) > MaxChunkStreamStates {
		t.Fatalf("%d active chunk streams, %d states", r.active, len(r.streams))
	}
	held, active := 0, 0
	for _, cs := range r.streams {
		held += cap(cs.payload)
		if cs.assembling {
			active++
		}
	}
	if held > 2*r.buffered || active != r.active {
		t.Fatalf("buffers hold %d bytes of capacity for %d bytes; %d assembling, counted %d", held, r.buffered, active, r.active)
	}
}

// FuzzRoundTrip writes the messages a script describes and reads them back.
func FuzzRoundTrip(f *testing.F) {
	for _, v := range vectors {
		if !v.readOnly {
			chunkSize, script := roundTripSeed(v)
			f.Add(chunkSize, script)
		}
	}
	f.Fuzz(func(t *testing.T, chunkSize uint32, script []byte) {
		chunkSize = 1 + chunkSize%(1<<16)
		msgs := messagesFromScript(script)
		wire := writeAll(t, msgs, chunkSize, nil)
		r := NewReader(bytes.NewReader(wire), ReaderConfig{})
		got := readAll(t, r, vector{resizes: []resize{{0, chunkSize}}})
		if !equalMessages(got, msgs) {
			t.Fatal(firstDifference(got, msgs))
		}
	})
}

// A script is a sequence of scriptRecordSize-byte records, one message each:
//
//	0      flags: bit 0 timestamp relative to the chunk stream's last one
//	1..3   chunk stream id - 2, modulo 65598 (big-endian)
//	4      type id
//	5..8   message stream id (big-endian)
//	9..12  timestamp, absolute or relative (big-endian)
//	13..14 payload length, modulo maxScriptPayload (big-endian)
//
// Payload bytes follow a pattern, so that scripts stay short.
const (
	scriptRecordSize  = 15
	maxScriptMessages = 64
	maxScriptPayload  = 8192
	scriptRelative    = 1
)

func messagesFromScript(script []byte) []Message {
	var msgs []Message
	last := map[uint32]uint32{}
	for len(script) >= scriptRecordSize && len(msgs) < maxScriptMessages {
		rec := script[:scriptRecordSize]
		script = script[scriptRecordSize:]
		csid := MinChunkStreamID + uint24(rec[1:4])%(MaxChunkStreamID-MinChunkStreamID+1)
		ts := binary.BigEndian.Uint32(rec[9:13])
		if rec[0]&scriptRelative != 0 {
			ts += last[csid]
		}
		last[csid] = ts
		n := int(binary.BigEndian.Uint16(rec[13:15])) % maxScriptPayload
		msgs = append(msgs, Message{
			ChunkStreamID: csid,
			TypeID:        rec[4],
			StreamID:      binary.BigEndian.Uint32(rec[5:9]),
			Timestamp:     ts,
			Payload:       seq(n, byte(len(msgs))),
		})
	}
	return msgs
}

// roundTripSeed turns a vector's messages into a script (payload contents
// follow the script's pattern instead).
func roundTripSeed(v vector) (chunkSize uint32, script []byte) {
	chunkSize = DefaultChunkSize
	if len(v.resizes) > 0 && v.resizes[0].after == 0 {
		chunkSize = v.resizes[0].size
	}
	for _, m := range v.msgs {
		script = append(script, 0)
		script = appendUint24(script, m.ChunkStreamID-MinChunkStreamID)
		script = append(script, m.TypeID)
		script = binary.BigEndian.AppendUint32(script, m.StreamID)
		script = binary.BigEndian.AppendUint32(script, m.Timestamp)
		script = binary.BigEndian.AppendUint16(script, uint16(len(m.Payload)%maxScriptPayload))
	}
	return chunkSize, script
}
