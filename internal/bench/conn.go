package bench

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp"
	"github.com/sluicemedia/sluice/rtmp/chunk"
	"github.com/sluicemedia/sluice/rtmp/handshake"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// ErrRejected reports a command the server answered with _error or an
// onStatus of level error.
var ErrRejected = errors.New("bench: rejected by the server")

// conn is one client connection of the load generator: the handshake,
// the few commands players and the publisher send, the replies they wait
// for, and Acknowledgements (RTMP 1.0 §5.4.3) per the server's window.
type conn struct {
	nc   net.Conn
	walk *walker

	mu   sync.Mutex // guards w and wbuf: a publisher writes from two goroutines
	w    *chunk.Writer
	wbuf []byte

	window uint32 // the server's Window Acknowledgement Size; 0 until announced
	acked  uint64 // bytes read at the last Acknowledgement
}

// dial connects to addr and runs the client handshake. The connection
// keeps the deadline now+timeout; callers clear it after their setup.
func dial(ctx context.Context, addr string, readBuffer int, timeout time.Duration) (*conn, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	nc.SetDeadline(time.Now().Add(timeout))
	if _, err := handshake.Client(nc, handshake.ClientConfig{}); err != nil {
		nc.Close()
		return nil, err
	}
	return &conn{nc: nc, walk: newWalker(withArrival(nc), readBuffer), w: chunk.NewWriter()}, nil
}

// send writes one message.
func (c *conn) send(m message.Message, streamID, ts uint32) error {
	cm, err := message.Marshal(m, streamID, ts)
	if err != nil {
		return err
	}
	return c.write(cm)
}

// write splits m into chunks and writes them in one write.
func (c *conn) write(m *chunk.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, err := c.w.AppendMessage(c.wbuf[:0], m)
	if err != nil {
		return err
	}
	c.wbuf = b
	_, err = c.nc.Write(b)
	return err
}

// setChunkSize announces and applies an outgoing chunk size (§5.4.1).
func (c *conn) setChunkSize(n uint32) error {
	if err := c.send(message.SetChunkSize{Size: n}, 0, 0); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.w.SetChunkSize(n)
}

// call sends a command (§7.2) on message stream streamID.
func (c *conn) call(name string, tx float64, streamID uint32, obj amf.Value, args ...amf.Value) error {
	return c.send(message.Command{Name: name, TransactionID: tx, Object: obj, Args: args}, streamID, 0)
}

// Transaction ids of the setup commands.
const (
	txConnect      = 1
	txCreateStream = 2
)

// connect sends connect with what ffmpeg sends (§7.2.1.1) and waits for
// its _result.
func (c *conn) connect(u *rtmp.URL, flashVer string) error {
	obj := amf.Object{
		{Key: "app", Value: u.App},
		{Key: "flashVer", Value: flashVer},
		{Key: "tcUrl", Value: u.TCURL},
		{Key: "fpad", Value: false},
		{Key: "capabilities", Value: 15.0},
		{Key: "audioCodecs", Value: 4071.0},
		{Key: "videoCodecs", Value: 252.0},
		{Key: "videoFunction", Value: 1.0},
	}
	if err := c.call("connect", txConnect, 0, obj); err != nil {
		return err
	}
	_, err := c.await(txConnect)
	return err
}

// createStream sends createStream (§7.2.1.3) and returns the new message
// stream id.
func (c *conn) createStream() (uint32, error) {
	if err := c.call("createStream", txCreateStream, 0, nil); err != nil {
		return 0, err
	}
	res, err := c.await(txCreateStream)
	if err != nil {
		return 0, err
	}
	if len(res.Args) == 0 {
		return 0, fmt.Errorf("%w: createStream result without a stream id", ErrRejected)
	}
	id, ok := res.Args[0].(float64)
	if !ok || id < 1 || id > 1<<31 {
		return 0, fmt.Errorf("%w: createStream result %v is not a stream id", ErrRejected, res.Args[0])
	}
	return uint32(id), nil
}

// await reads until the _result or _error of transaction tx, acting on
// control messages meanwhile.
func (c *conn) await(tx float64) (message.Command, error) {
	for {
		cmd, ok, err := c.nextCommand()
		if err != nil {
			return cmd, err
		}
		if !ok || cmd.TransactionID != tx {
			continue
		}
		switch cmd.Name {
		case "_result":
			return cmd, nil
		case "_error":
			return cmd, fmt.Errorf("%w: %s", ErrRejected, describe(cmd))
		}
	}
}

// awaitStatus reads until an onStatus (§7.2.2) and returns its code;
// level error is ErrRejected.
func (c *conn) awaitStatus() (string, error) {
	for {
		cmd, ok, err := c.nextCommand()
		if err != nil {
			return "", err
		}
		if ok && cmd.Name == "onStatus" {
			return statusCode(cmd)
		}
	}
}

// nextCommand reads the next message and returns it if it is a command;
// control messages are acted on.
func (c *conn) nextCommand() (message.Command, bool, error) {
	m, err := c.walk.Next()
	if err != nil {
		return message.Command{}, false, err
	}
	if err := c.handle(m); err != nil {
		return message.Command{}, false, err
	}
	if m.TypeID != uint8(message.TypeCommandAMF0) && m.TypeID != uint8(message.TypeCommandAMF3) {
		return message.Command{}, false, nil
	}
	cmd, err := message.ParseCommand(m.Body, m.TypeID == uint8(message.TypeCommandAMF3), amf.Limits{})
	return cmd, err == nil, err
}

// statusCode returns the code of an onStatus command, and ErrRejected for
// level error.
func statusCode(cmd message.Command) (string, error) {
	var info amf.Value
	if len(cmd.Args) > 0 {
		info = cmd.Args[0]
	}
	code, _ := amf.GetString(info, "code")
	if level, _ := amf.GetString(info, "level"); level == rtmp.LevelError {
		return code, fmt.Errorf("%w: %s", ErrRejected, describe(cmd))
	}
	return code, nil
}

// describe names a _error or onStatus by its code and description.
func describe(cmd message.Command) string {
	var info amf.Value
	if len(cmd.Args) > 0 {
		info = cmd.Args[0]
	}
	code, _ := amf.GetString(info, "code")
	desc, _ := amf.GetString(info, "description")
	return fmt.Sprintf("%s %s: %s", cmd.Name, code, desc)
}

// handle acts on the control messages a client must answer: Window
// Acknowledgement Size (§5.4.4) and ping requests (§7.1.7, event 6). It
// then acknowledges the bytes read if a window has passed.
func (c *conn) handle(m Msg) error {
	switch message.Type(m.TypeID) {
	case message.TypeWindowAckSize:
		w, err := message.ParseWindowAckSize(m.Body)
		if err != nil {
			return err
		}
		c.window = w.Size
	case message.TypeUserControl:
		uc, err := message.ParseUserControl(m.Body)
		if err != nil {
			return err
		}
		if uc.Event == message.EventPingRequest {
			if err := c.send(message.PingResponse(uc.Timestamp), 0, 0); err != nil {
				return err
			}
		}
	}
	return c.ackIfDue()
}

// ackIfDue sends an Acknowledgement once a window of bytes has arrived
// since the last one (§5.4.3); its sequence number is the byte count
// modulo 2^32.
func (c *conn) ackIfDue() error {
	read := c.walk.BytesRead()
	if c.window == 0 || read-c.acked < uint64(c.window) {
		return nil
	}
	c.acked = read
	return c.send(message.Acknowledgement{SequenceNumber: uint32(read)}, 0, 0)
}
