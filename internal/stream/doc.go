// Package stream is the protocol-neutral hub of the live server: a registry
// of live streams, each with at most one publisher and any number of
// subscribers. It knows nothing of RTMP, HTTP-FLV or HLS; it moves
// flv.Tag values, classified once, from a publisher to every subscriber.
//
// # Streams
//
// A stream is named by a Key (application and stream name, without query
// string). Hub.Publish and Hub.Subscribe create it on first use; it is
// removed when it has neither publisher nor subscriber. A second publisher
// on a live key gets ErrBusy, unless the current one has sent no audio or
// video for Config.IdleTakeover: an encoder such as OBS reconnects after a
// network break before the server notices the old connection is dead, and
// must not be locked out. The replaced publisher's Done channel closes.
//
// # Packets
//
// Publisher.Write wraps each tag in a Packet, noting whether it is a
// keyframe, a sequence header or onMetaData, and hands the same pointer to
// every subscriber. Packets are immutable. Packet.Encoded lets outputs
// cache a wire form per packet (for RTMP, the chunked message for one chunk
// size and stream id), so that work is done once for all players that
// share it.
//
// # Cache and join burst
//
// Each stream caches the latest metadata, the latest sequence header of
// each audio and video track (Enhanced RTMP multitrack included, at most
// 8 tracks per type), and the last GOP: the newest keyframe and all
// audio and video after it, bounded by Config.GOPMaxFrames and
// Config.GOPMaxBytes. A GOP that outgrows the bounds is dropped until the
// next keyframe, so a stream without keyframes cannot grow memory.
//
// A subscriber joining a live stream first gets EventPublish, then the join
// burst (metadata, sequence headers, the GOP from its keyframe), then live
// packets. The burst is taken and the subscriber registered under the
// stream's lock, so nothing is missed or repeated. Packets keep the
// publisher's absolute timestamps, so that one encoding serves every
// subscriber; the burst's metadata and headers are restamped to the first
// GOP packet, because their own timestamps (often 0) would show the player a
// jump from there to the live time.
//
// # Queues and events
//
// Each subscriber has a bounded queue (Config.SubscriberQueue packets and
// Config.SubscriberQueueBytes bytes) of Items: packets, and lifecycle
// events in order among them (EventPublish, EventUnpublish, EventClosed).
// The writer waits on Subscriber.Notify (or is started by
// SubscriberOptions.Wake) and takes everything at once with
// Subscriber.Drain, to send it in one write.
//
// The publisher never waits for a subscriber. When a queue is full, the
// subscriber loses, in this order until the packet fits with a quarter of
// the queue to spare: the video queued before its newest keyframe; all
// queued video, and further video up to the next keyframe; its oldest
// audio; its oldest packets of any kind. Events are never dropped. Drops
// are counted per subscriber and per stream.
//
// # Direct writes
//
// An output that can write without waiting, such as a player's socket with
// room, sets a DirectWriter (Subscriber.SetDirect): while its queue is
// empty, the publisher's goroutine hands it each live packet at once, and
// the output's writer is not woken at all. A publisher that can tell when
// its next packet has already arrived (Publisher.SetInputPending) lets the
// rest of a fan-out hold the packet back for that one: each output then
// sends the two together, and the next fan-out starts with those outputs.
// Publisher.Push sends what is held before the publisher waits for input.
//
// # Concurrency
//
// The hub starts no goroutines: all work happens on the callers'
// goroutines, the fan-out on the publisher's. Locks are taken in the order
// hub, stream, subscriber queue. No user code runs under them (the logger
// included) but the functions an output or publisher gives the stream for
// the fan-out (DirectWriter, SubscriberOptions.Wake, SetInputPending's),
// which must return at once and call nothing of the hub.
package stream
