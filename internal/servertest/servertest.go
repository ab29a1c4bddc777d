// Package servertest runs Sluice's live server inside a test, on a
// loopback port, for the tests of packages that use the server from
// outside (the command, the load generator).
package servertest

import (
	"context"
	"net"
	"testing"

	"github.com/sluicemedia/sluice/internal/server"
	"github.com/sluicemedia/sluice/internal/stream"
)

// Start runs a server with the default configuration on 127.0.0.1:0 until
// the test ends, and returns its address (host:port). The cleanup stops it
// and waits for every connection to end.
func Start(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hub := stream.NewHub(stream.Config{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- server.New(server.Config{}, hub).Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		hub.Close()
	})
	return ln.Addr().String()
}
