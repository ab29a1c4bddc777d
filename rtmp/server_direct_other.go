//go:build !unix

package rtmp

import "net"

// newDirectWriter: direct writes are implemented for Unix sockets only;
// elsewhere every message goes through the player's writer.
func newDirectWriter(net.Conn) directWriter { return nil }
