package rtmptest_test

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/rtmptest"
)

// A Conn scripts a server byte by byte: here one that completes the
// handshake, reads connect and answers it with a chunk size of zero. The client
// under test gets a clear error. (In a test, rtmptest.NewServer runs such
// a script for every connection on a loopback port.)
func ExampleConn() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ln.Close()
	go func() {
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		c := rtmptest.NewConn(nc)
		defer c.NC.Close()
		if _, err := c.Handshake(handshake.ServerConfig{}); err != nil {
			return
		}
		if _, _, err := c.Expect("connect"); err != nil {
			return
		}
		c.SendChunk(&chunk.Message{ChunkStreamID: 2, TypeID: 1, Payload: []byte{0, 0, 0, 0}}) // Set Chunk Size 0
		c.Drain()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cc, err := rtmp.Dial(ctx, "rtmp://"+ln.Addr().String()+"/live/x", rtmp.ClientOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	cc.Close()
	fmt.Println("the client accepted it")
	// Output: rtmp: connect: message: chunk size 0 outside 1..2147483647: message: invalid field
}
