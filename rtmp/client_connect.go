package rtmp

import (
	"context"
	"fmt"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/handshake"
)

// Capabilities a playing client announces in connect, as ffmpeg does
// (NetConnection.connect's command object, RTMP 1.0 §7.2.1.1).
const (
	// connectCapabilities is 15: what Flash Player and ffmpeg send.
	connectCapabilities = 15
	// connectAudioCodecs is every SUPPORT_SND_* flag but Intel and Unused
	// (0x0FFF &^ 0x0018), ffmpeg's value.
	connectAudioCodecs = 4071
	// connectVideoCodecs is SUPPORT_VID_SORENSON through SUPPORT_VID_H264
	// (0x00FC), ffmpeg's value.
	connectVideoCodecs = 252
	// connectVideoFunction is SUPPORT_VID_CLIENT_SEEK.
	connectVideoFunction = 1
)

// handshake runs the client handshake one step at a time (RTMP 1.0 §5.2),
// reporting each step to the trace, within HandshakeTimeout.
func (cc *ClientConn) handshake(ctx context.Context) error {
	c := cc.c
	c.watch(ctx)
	c.setDeadline(time.Now().Add(cc.opts.HandshakeTimeout))
	defer c.setDeadline(time.Time{})
	rw := handshakeRW{c}
	hs := handshake.NewClient(cc.opts.Handshake)
	c0c1 := hs.AppendC0C1(make([]byte, 0, 1+handshake.Size))
	if _, err := c.nc.Write(c0c1); err != nil {
		return cc.stepError(ctx, "handshake", err)
	}
	cc.trace(TraceEvent{Kind: TraceC0C1Sent, Size: len(c0c1)})
	res, err := hs.ReadS0S1(rw)
	if err != nil {
		return cc.stepError(ctx, "handshake", err)
	}
	cc.trace(TraceEvent{Kind: TraceS0S1Received, Size: 1 + handshake.Size, Handshake: res})
	if res.EchoOK, err = hs.ReadS2(rw); err != nil {
		return cc.stepError(ctx, "handshake", err)
	}
	cc.trace(TraceEvent{Kind: TraceS2Received, Size: handshake.Size, Handshake: res})
	c2 := hs.AppendC2(nil)
	if _, err := c.nc.Write(c2); err != nil {
		return cc.stepError(ctx, "handshake", err)
	}
	cc.trace(TraceEvent{Kind: TraceC2Sent, Size: len(c2)})
	cc.result.Handshake = res
	return nil
}

// connect announces our chunk size, sends connect and waits for its
// answer (RTMP 1.0 §7.2.1.1). On the way the server's Window
// Acknowledgement Size, Set Peer Bandwidth and pings are handled by conn.
func (cc *ClientConn) connect(ctx context.Context) error {
	// A large chunk size early: some peers assume a command fits in one
	// chunk (FIELD-NOTES.md), and media goes out in fewer chunks.
	if err := cc.c.announceChunkSize(cc.opts.ChunkSize); err != nil {
		return &stepErr{"connect", err}
	}
	tx, err := cc.call(0, "connect", cc.connectObject())
	if err != nil {
		return err
	}
	return cc.await(ctx, "connect", func(in *inbound) (bool, error) {
		if in.kind != inCommand {
			return false, nil
		}
		switch {
		case in.cmd.Name == "_result" && in.cmd.TransactionID == tx:
			return true, cc.connected(in)
		case in.cmd.Name == "_error" && in.cmd.TransactionID == tx:
			return true, &StatusError{Command: "connect", Status: statusFrom(arg(in.cmd.Args, 0))}
		case in.cmd.Name == "onStatus" && in.streamID == 0:
			// Some servers reject with a NetConnection onStatus instead.
			if st := statusFrom(arg(in.cmd.Args, 0)); st.Level == LevelError {
				return true, &StatusError{Command: "connect", Status: st}
			}
		}
		return false, nil
	})
}

// connected records connect's _result; an information object whose level
// is "error" is a rejection even inside a _result.
func (cc *ClientConn) connected(in *inbound) error {
	info := arg(in.cmd.Args, 0)
	cc.result.Properties = in.cmd.Object
	cc.result.InfoObject = info
	cc.result.Info = statusFrom(info)
	if cc.result.Info.Level == LevelError {
		return &StatusError{Command: "connect", Status: cc.result.Info}
	}
	return nil
}

// connectObject is connect's command object, in the order ffmpeg writes
// it: a player announces its capabilities, an encoder says "nonprivate".
func (cc *ClientConn) connectObject() amf.Object {
	o := amf.Object{{Key: "app", Value: cc.url.App}}
	if cc.opts.Publish {
		o = append(o, amf.Property{Key: "type", Value: "nonprivate"})
	}
	o = append(o, amf.Property{Key: "flashVer", Value: cc.flashVer()})
	if cc.opts.SWFURL != "" {
		o = append(o, amf.Property{Key: "swfUrl", Value: cc.opts.SWFURL})
	}
	o = append(o, amf.Property{Key: "tcUrl", Value: cc.url.TCURL})
	if !cc.opts.Publish {
		o = append(o,
			amf.Property{Key: "fpad", Value: false},
			amf.Property{Key: "capabilities", Value: float64(connectCapabilities)},
			amf.Property{Key: "audioCodecs", Value: float64(connectAudioCodecs)},
			amf.Property{Key: "videoCodecs", Value: float64(connectVideoCodecs)},
			amf.Property{Key: "videoFunction", Value: float64(connectVideoFunction)})
	}
	if cc.opts.PageURL != "" {
		o = append(o, amf.Property{Key: "pageUrl", Value: cc.opts.PageURL})
	}
	// AMF0 only: the client reads AMF3 answers too, but asks for none.
	o = append(o, amf.Property{Key: "objectEncoding", Value: float64(0)})
	if list := cc.fourCCList(); len(list) > 0 {
		arr := make(amf.StrictArray, len(list))
		for i, s := range list {
			arr[i] = s
		}
		o = append(o, amf.Property{Key: "fourCcList", Value: arr})
	}
	return o
}

func (cc *ClientConn) flashVer() string {
	switch {
	case cc.opts.FlashVer != "":
		return cc.opts.FlashVer
	case cc.opts.Publish:
		return FlashVerPublish
	}
	return FlashVerPlay
}

func (cc *ClientConn) fourCCList() []string {
	if cc.opts.FourCCList == nil {
		return DefaultFourCCList
	}
	return cc.opts.FourCCList
}

// awaitCreateStream waits for the answer to createStream and returns the
// NetStream's id (RTMP 1.0 §7.2.1.3). tx is the transaction id
// createStream was sent with.
// Other commands and events on the way go to emit.
func (cc *ClientConn) awaitCreateStream(ctx context.Context, tx float64, emit func(Event)) (uint32, error) {
	var id uint32
	err := cc.await(ctx, "createStream", func(in *inbound) (bool, error) {
		switch {
		case in.kind == inEvent:
			emit(in.event)
			return false, nil
		case in.kind != inCommand:
			return false, nil
		case in.cmd.Name != "_result" && in.cmd.Name != "_error":
			emit(commandEvent(in))
			return false, nil
		case in.cmd.TransactionID != tx:
			return false, nil // the answer to releaseStream or FCPublish
		}
		switch in.cmd.Name {
		case "_result":
			n := numberArg(in.cmd.Args, 0, 0)
			if n < 1 || n > maxStreamID || n != float64(uint32(n)) {
				return true, fmt.Errorf("%w: createStream answered %v, not a stream id", ErrProtocol, arg(in.cmd.Args, 0))
			}
			id = uint32(n)
			return true, nil
		case "_error":
			return true, &StatusError{Command: "createStream", Status: statusFrom(arg(in.cmd.Args, 0))}
		}
		return false, nil
	})
	return id, err
}

// maxStreamID is the largest message stream id: the field is 32 bits,
// little-endian, in a type 0 chunk header (RTMP 1.0 §5.3.1.2.1).
const maxStreamID = 1<<32 - 1
