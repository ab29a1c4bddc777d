package bench

import "sync/atomic"

// sendLogSlots is the number of timestamps a sendLog remembers: one slot
// per millisecond of media time, so a player may be up to 65 s behind the
// publisher and still find the send time of what it receives.
const sendLogSlots = 1 << 16

// sendLog maps the timestamp of each message the publisher sent to when it
// sent it, for players to compute publish-to-play latency. The publisher
// writes, every player reads, without locks: each slot packs a timestamp
// and its send time into one atomic word.
//
// Slot layout: timestamp (ms) in the high 32 bits, send time in the low 32
// bits as microseconds since the run's epoch, which wraps after 71 minutes
// (see MaxDuration).
type sendLog struct {
	slots [sendLogSlots]atomic.Uint64
}

// record notes that the message with timestamp ts was sent at sentUS
// (microseconds since the epoch). Messages sharing a timestamp (audio and
// video) keep the first send time. A send time of 0 is stored as 1 µs, as
// an all-zero slot is empty.
func (l *sendLog) record(ts uint32, sentUS uint32) {
	sentUS = max(sentUS, 1)
	s := &l.slots[ts%sendLogSlots]
	if old := s.Load(); old != 0 && uint32(old>>32) == ts {
		return
	}
	s.Store(uint64(ts)<<32 | uint64(sentUS))
}

// lookup returns when the message with timestamp ts was sent.
func (l *sendLog) lookup(ts uint32) (sentUS uint32, ok bool) {
	v := l.slots[ts%sendLogSlots].Load()
	if v == 0 || uint32(v>>32) != ts {
		return 0, false
	}
	return uint32(v), true
}
