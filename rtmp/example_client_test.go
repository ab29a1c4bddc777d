package rtmp_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"time"

	"github.com/sluicemedia/sluice/flv"
	"github.com/sluicemedia/sluice/rtmp"
)

// exampleTags is a tiny stream: an AAC sequence header and two frames.
var exampleTags = []flv.Tag{
	{Type: flv.TagAudio, Timestamp: 0, Data: []byte{0xAF, 0x00, 0x12, 0x10}},
	{Type: flv.TagAudio, Timestamp: 23, Data: []byte{0xAF, 0x01, 0x21, 0x10}},
	{Type: flv.TagAudio, Timestamp: 46, Data: []byte{0xAF, 0x01, 0x21, 0x10}},
}

// exampleServer serves one connection with Sluice's own ServerConn: it
// plays exampleTags to a player, or reports the tags a publisher sends.
func exampleServer(received chan<- []flv.Tag) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		defer ln.Close()
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		sc := rtmp.NewServerConn(nc, rtmp.ServerConfig{})
		defer sc.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := sc.Handshake(ctx); err != nil {
			return
		}
		req, err := sc.ReadConnect(ctx)
		if err != nil || sc.AcceptConnect(req) != nil {
			return
		}
		var tags []flv.Tag
		for {
			r, err := sc.ReadRequest(ctx)
			if err != nil {
				received <- tags
				return
			}
			switch r := r.(type) {
			case *rtmp.PlayRequest:
				sc.StartPlay(r)
				for _, t := range exampleTags {
					sc.WriteTag(r.StreamID, t)
				}
				sc.StreamEOF(r.StreamID)
			case *rtmp.PublishRequest:
				sc.AcceptPublish(r)
			case *rtmp.Media:
				tags = append(tags, r.Tag)
			}
		}
	}()
	return ln.Addr().String()
}

func ExampleClientConn_Play() {
	addr := exampleServer(make(chan []flv.Tag, 1))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	cc, err := rtmp.Dial(ctx, "rtmp://"+addr+"/live/demo", rtmp.ClientOptions{})
	if err != nil {
		log.Fatal(err)
	}
	ps, err := cc.Play(ctx, rtmp.PlayOptions{})
	if err != nil {
		log.Fatal(err) // a *rtmp.StatusError such as NetStream.Play.StreamNotFound
	}
	defer ps.Close()
	for {
		tag, err := ps.ReadTag(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("type %d at %d ms, %d bytes\n", tag.Type, tag.Timestamp, len(tag.Data))
	}
	// Output:
	// type 8 at 0 ms, 4 bytes
	// type 8 at 23 ms, 4 bytes
	// type 8 at 46 ms, 4 bytes
}

func ExampleClientConn_Publish() {
	received := make(chan []flv.Tag, 1)
	addr := exampleServer(received)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	cc, err := rtmp.Dial(ctx, "rtmp://"+addr+"/live/demo", rtmp.ClientOptions{Publish: true})
	if err != nil {
		log.Fatal(err)
	}
	ps, err := cc.Publish(ctx, "", rtmp.PublishOptions{}) // the stream name from the URL
	if err != nil {
		log.Fatal(err) // a *rtmp.StatusError such as NetStream.Publish.BadName
	}
	for _, tag := range exampleTags {
		if err := ps.WriteTag(tag); err != nil {
			log.Fatal(err)
		}
	}
	if err := ps.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Println("the server received", len(<-received), "tags")
	// Output: the server received 3 tags
}
