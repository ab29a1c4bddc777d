package stream_test

import (
	"fmt"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/internal/stream"
)

// A publisher writes a sequence header and a GOP; a player joining late gets
// the join burst (the header restamped to the GOP's keyframe, the GOP), then
// live packets, then the end of the publication. Its writer waits on Notify
// and takes everything queued at once.
func Example() {
	hub := stream.NewHub(stream.Config{})
	defer hub.Close()
	key := stream.Key{App: "live", Name: "cam"}

	pub, err := hub.Publish(key, stream.PublisherInfo{ID: "obs"})
	if err != nil {
		fmt.Println(err)
		return
	}
	avc := func(ts uint32, first, packetType byte) flv.Tag {
		return flv.Tag{Type: flv.TagVideo, Timestamp: ts, Data: []byte{first, packetType, 0, 0, 0, 0xAB}}
	}
	pub.Write(avc(0, 0x17, 0))    // AVC sequence header
	pub.Write(avc(1000, 0x17, 1)) // keyframe
	pub.Write(avc(1040, 0x27, 1)) // inter frame

	sub, err := hub.Subscribe(key, stream.SubscriberOptions{ID: "player"})
	if err != nil {
		fmt.Println(err)
		return
	}
	done := make(chan struct{})
	go func() { // the player's writer
		defer close(done)
		var items []stream.Item
		for range sub.Notify() {
			items = sub.Drain(items[:0])
			for _, it := range items {
				if it.Event != stream.EventPacket {
					fmt.Println(it.Event)
					if it.Event == stream.EventUnpublish {
						return
					}
					continue
				}
				p := it.Packet
				fmt.Printf("%d header=%v keyframe=%v\n", p.Timestamp(), p.IsSequenceHeader(), p.IsKeyframe())
			}
		}
	}()
	pub.Write(avc(1080, 0x27, 1))
	pub.Close()
	<-done
	sub.Close()
	// Output:
	// publish
	// 1000 header=true keyframe=false
	// 1000 header=false keyframe=true
	// 1040 header=false keyframe=false
	// 1080 header=false keyframe=false
	// unpublish
}
