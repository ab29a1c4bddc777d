package bench

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// keepaliveInterval is how often an idle connection sends something (an
// Acknowledgement of what it has read): servers close silent connections
// (Sluice after 30 s by default, nginx-rtmp after 60 s), and a third of the
// shorter timeout leaves room for a late timer.
const keepaliveInterval = 10 * time.Second

// idle holds one connected, idle connection (handshake and connect, no
// stream) until ctx ends, answering pings and keeping it alive.
func (r *run) idle(ctx context.Context) playerResult {
	var res playerResult
	c, err := dial(ctx, r.addr, minReadBuffer*16, r.cfg.SetupTimeout)
	if err != nil {
		res.err = err
		return res
	}
	defer c.nc.Close()
	stop := context.AfterFunc(ctx, func() { c.nc.Close() })
	defer stop()
	if err := c.connect(r.url, rtmp.FlashVerPlay); err != nil {
		res.err = fmt.Errorf("setup: %w", err)
		return res
	}
	res.connected = true
	if err := holdIdle(c); err != nil && ctx.Err() == nil {
		res.err = err
	}
	return res
}

// holdIdle reads and answers what the server sends, sending a keepalive
// whenever nothing has come for keepaliveInterval.
func holdIdle(c *conn) error {
	for {
		c.nc.SetReadDeadline(time.Now().Add(keepaliveInterval))
		m, err := c.walk.Next()
		if isTimeout(err) {
			err = c.send(message.Acknowledgement{SequenceNumber: uint32(c.walk.BytesRead())}, 0, 0)
		} else if err == nil {
			err = c.handle(m)
		}
		if err != nil {
			return err
		}
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
