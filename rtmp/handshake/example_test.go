package handshake_test

import (
	"fmt"
	"net"

	"github.com/sluicemedia/sluice/rtmp/handshake"
)

// Server and Client complete a digest handshake over an in-memory pipe.
func Example() {
	serverConn, clientConn := net.Pipe()
	defer serverConn.Close()
	defer clientConn.Close()

	type outcome struct {
		res handshake.Result
		err error
	}
	done := make(chan outcome)
	go func() {
		res, err := handshake.Server(serverConn, handshake.ServerConfig{})
		done <- outcome{res, err}
	}()

	cli, err := handshake.Client(clientConn, handshake.ClientConfig{})
	if err != nil {
		fmt.Println("client:", err)
		return
	}
	srv := <-done
	if srv.err != nil {
		fmt.Println("server:", srv.err)
		return
	}
	fmt.Printf("server saw %v C1 from %v, digest ok %v, C2 ok %v\n",
		srv.res.Scheme, srv.res.PeerVersion, srv.res.PeerDigestOK, srv.res.EchoOK)
	fmt.Printf("client saw %v S1 from %v, digest ok %v, S2 ok %v\n",
		cli.Scheme, cli.PeerVersion, cli.PeerDigestOK, cli.EchoOK)
	// Output:
	// server saw digest0 C1 from [9 0 124 2], digest ok true, C2 ok true
	// client saw digest0 S1 from [5 0 3 1], digest ok true, S2 ok true
}

// A client driven step by step, as a prober that times each step would.
func ExampleNewClient() {
	serverConn, clientConn := net.Pipe()
	defer serverConn.Close()
	defer clientConn.Close()
	serverDone := make(chan error, 1)
	go func() {
		_, err := handshake.Server(serverConn, handshake.ServerConfig{SimpleOnly: true})
		serverDone <- err
	}()

	c := handshake.NewClient(handshake.ClientConfig{Scheme: handshake.SchemeDigest1})
	if _, err := clientConn.Write(c.AppendC0C1(nil)); err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.ReadS0S1(clientConn)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("S1: %v, version %v\n", res.Scheme, res.PeerVersion)
	echoed, err := c.ReadS2(clientConn)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("S2 echoes C1:", echoed)
	c2 := c.AppendC2(nil)
	if _, err := clientConn.Write(c2); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("C2 bytes:", len(c2))
	fmt.Println("server error:", <-serverDone)
	// Output:
	// S1: simple, version [0 0 0 0]
	// S2 echoes C1: true
	// C2 bytes: 1536
	// server error: <nil>
}
