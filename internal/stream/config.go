package stream

import (
	"log/slog"
	"time"
)

// Defaults for Config's zero fields.
const (
	// DefaultIdleTakeover is how long a publisher may go without sending
	// media before a new publisher on its key replaces it. OBS retries
	// about 2 s after a network break, usually before the server notices
	// the old TCP connection is dead; 3 s lets that retry in while a live
	// publisher (a frame every 20-40 ms) is never displaced.
	DefaultIdleTakeover = 3 * time.Second

	// DefaultGOPMaxFrames bounds the GOP cache in packets: a 10 s GOP at
	// 60 fps with 48 kHz AAC (47 frames/s) is about 1070 packets.
	DefaultGOPMaxFrames = 1500

	// DefaultGOPMaxBytes bounds the GOP cache in bytes: a 10 s GOP at
	// 12 Mbit/s is 15 MB.
	DefaultGOPMaxBytes = 16 << 20

	// DefaultSubscriberQueue bounds a subscriber's queue in packets:
	// twice the GOP bound, so a join burst of a full GOP leaves as much
	// room again for live packets while the writer sends it.
	DefaultSubscriberQueue = 2 * DefaultGOPMaxFrames

	// DefaultSubscriberQueueBytes bounds a subscriber's queue in bytes,
	// twice the GOP bound for the same reason. The bytes are shared with
	// the publisher's packets, not copied: the bound limits how much old
	// media one stalled subscriber keeps alive.
	DefaultSubscriberQueueBytes = 2 * DefaultGOPMaxBytes
)

// Config configures a Hub. The zero value works: each zero field takes the
// default its comment names.
type Config struct {
	// IdleTakeover is how long the current publisher must have sent no
	// audio or video before a second publisher on its key replaces it
	// instead of getting ErrBusy. Default DefaultIdleTakeover (3 s);
	// negative disables takeover.
	IdleTakeover time.Duration

	// GOPMaxFrames and GOPMaxBytes bound the cached GOP; a GOP that
	// outgrows either is dropped until the next keyframe. Defaults
	// DefaultGOPMaxFrames (1500 packets) and DefaultGOPMaxBytes (16 MiB).
	GOPMaxFrames int
	GOPMaxBytes  int

	// SubscriberQueue and SubscriberQueueBytes bound each subscriber's
	// queue; beyond them the drop policy applies. Defaults
	// DefaultSubscriberQueue (3000 packets) and DefaultSubscriberQueueBytes
	// (32 MiB). NewHub raises them to the GOP bounds if they are smaller,
	// so that a join burst fits.
	SubscriberQueue      int
	SubscriberQueueBytes int

	// Logger receives publish, unpublish, takeover and subscriber events.
	// Nil discards them.
	Logger *slog.Logger
}

// normalized returns c with defaults applied.
func (c Config) normalized() Config {
	if c.IdleTakeover == 0 {
		c.IdleTakeover = DefaultIdleTakeover
	}
	c.GOPMaxFrames = positiveOr(c.GOPMaxFrames, DefaultGOPMaxFrames)
	c.GOPMaxBytes = positiveOr(c.GOPMaxBytes, DefaultGOPMaxBytes)
	c.SubscriberQueue = max(positiveOr(c.SubscriberQueue, DefaultSubscriberQueue), c.GOPMaxFrames)
	c.SubscriberQueueBytes = max(positiveOr(c.SubscriberQueueBytes, DefaultSubscriberQueueBytes), c.GOPMaxBytes)
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

func positiveOr(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// retainedQueueItems is the queue capacity a subscriber keeps once drained:
// a live player's writer usually finds one to three packets queued (none
// with direct writes; a 350 ms write-coalescing window queues about 27 of
// a 2 Mbit/s stream), so 32 keeps the steady state free of allocations,
// while the hundreds a join burst queues (a GOP) are not kept for the life
// of the player.
const retainedQueueItems = 32
