package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// field is one named detail of a probe line; fields keep their order.
type field struct {
	key   string
	value any // string, number, bool, nil, or an AMF value
}

// probeLine is one step the probe reports.
type probeLine struct {
	elapsed time.Duration
	step    string // tcp, tls, handshake, send, recv, media, result
	text    string
	fields  []field
}

// probePrinter prints probe lines as text or as JSON lines.
type probePrinter struct {
	w    io.Writer
	json bool
}

func (p *probePrinter) print(l probeLine) {
	if !p.json {
		fmt.Fprintf(p.w, "%9.1f ms  %-9s %s\n", float64(l.elapsed.Microseconds())/1000, l.step, l.text)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, `{"t_ms":%s,"step":%s,"text":%s`, strconv.FormatFloat(float64(l.elapsed.Microseconds())/1000, 'f', 3, 64),
		jsonString(l.step), jsonString(l.text))
	for _, f := range l.fields {
		b.WriteString("," + jsonString(f.key) + ":")
		writeJSON(&b, f.value)
	}
	b.WriteString("}\n")
	io.WriteString(p.w, b.String())
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// writeJSON renders an AMF value (or a plain Go value) as JSON, keeping the
// order of object properties. AMF values are bounded in depth and size by
// their decoder, so the recursion is too.
func writeJSON(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil, amf.Undefined, amf.Unsupported:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.WriteString("null")
			return
		}
		b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
	case int, int32, uint32, int64, uint64:
		fmt.Fprint(b, x)
	case string:
		b.WriteString(jsonString(x))
	case amf.Object:
		writeJSONProperties(b, x)
	case amf.ECMAArray:
		writeJSONProperties(b, x)
	case amf.TypedObject:
		writeJSONProperties(b, x.Properties)
	case amf.StrictArray:
		writeJSONList(b, x)
	case []any:
		writeJSONList(b, x)
	case amf.Array:
		writeJSONList(b, x.Dense)
	default:
		b.WriteString(jsonString(fmt.Sprint(x)))
	}
}

func writeJSONProperties(b *strings.Builder, props []amf.Property) {
	b.WriteByte('{')
	for i, p := range props {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsonString(p.Key) + ":")
		writeJSON(b, p.Value)
	}
	b.WriteByte('}')
}

func writeJSONList(b *strings.Builder, items []amf.Value) {
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSON(b, it)
	}
	b.WriteByte(']')
}

// amfText renders an AMF value compactly for the text output.
func amfText(v any) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

// describeMessage says what a protocol message is, for the probe. The
// transaction names map answers back to the calls they answer.
func describeMessage(m message.Message, streamID uint32, calls map[float64]string) (string, []field) {
	switch x := m.(type) {
	case message.SetChunkSize:
		return fmt.Sprintf("Set Chunk Size %d", x.Size), []field{{"message", "SetChunkSize"}, {"size", x.Size}}
	case message.Abort:
		return fmt.Sprintf("Abort chunk stream %d", x.ChunkStreamID), []field{{"message", "Abort"}, {"chunk_stream", x.ChunkStreamID}}
	case message.Acknowledgement:
		return fmt.Sprintf("Acknowledgement %d bytes", x.SequenceNumber), []field{{"message", "Acknowledgement"}, {"bytes", x.SequenceNumber}}
	case message.WindowAckSize:
		return fmt.Sprintf("Window Acknowledgement Size %d", x.Size), []field{{"message", "WindowAckSize"}, {"size", x.Size}}
	case message.SetPeerBandwidth:
		return fmt.Sprintf("Set Peer Bandwidth %d (%v)", x.Size, x.Limit),
			[]field{{"message", "SetPeerBandwidth"}, {"size", x.Size}, {"limit", x.Limit.String()}}
	case message.UserControl:
		return describeUserControl(x)
	case message.Command:
		return describeCommand(x, streamID, calls)
	case message.Data:
		return describeData(x)
	case message.SharedObject:
		return fmt.Sprintf("shared object %q, %d events", x.Name, len(x.Events)), []field{{"message", "SharedObject"}, {"name", x.Name}}
	}
	return fmt.Sprintf("%v message", m.Type()), []field{{"message", m.Type().String()}}
}

func describeUserControl(x message.UserControl) (string, []field) {
	fields := []field{{"message", "UserControl"}, {"event", x.Event.String()}}
	switch x.Event {
	case message.EventPingRequest, message.EventPingResponse:
		return fmt.Sprintf("%v %d", x.Event, x.Timestamp), append(fields, field{"timestamp", x.Timestamp})
	case message.EventSetBufferLength:
		return fmt.Sprintf("Set Buffer Length %d ms on stream %d", x.BufferLength, x.StreamID),
			append(fields, field{"stream", x.StreamID}, field{"buffer_ms", x.BufferLength})
	}
	return fmt.Sprintf("%v stream %d", x.Event, x.StreamID), append(fields, field{"stream", x.StreamID})
}

func describeCommand(c message.Command, streamID uint32, calls map[float64]string) (string, []field) {
	fields := []field{{"message", "Command"}, {"name", c.Name}, {"transaction_id", c.TransactionID}, {"stream", streamID}}
	if c.Object != nil {
		fields = append(fields, field{"object", c.Object})
	}
	if len(c.Args) > 0 {
		fields = append(fields, field{"args", []any(c.Args)})
	}
	text := c.Name
	switch {
	case (c.Name == "_result" || c.Name == "_error") && calls[c.TransactionID] != "":
		text += " to " + calls[c.TransactionID]
		fields = append(fields, field{"answers", calls[c.TransactionID]})
	case c.Name == "onStatus" && len(c.Args) > 0:
		code, _ := amf.GetString(c.Args[0], "code")
		desc, _ := amf.GetString(c.Args[0], "description")
		return fmt.Sprintf("onStatus %s (%s) on stream %d", code, desc, streamID), fields
	}
	if c.Object != nil {
		text += " " + amfText(c.Object)
	}
	for _, a := range c.Args {
		text += " " + amfText(a)
	}
	return text, fields
}

func describeData(d message.Data) (string, []field) {
	fields := []field{{"message", "Data"}, {"handler", d.Handler()}}
	if len(d.Values) > 0 {
		fields = append(fields, field{"values", []any(d.Values)})
	}
	var parts []string
	for _, v := range d.Values {
		parts = append(parts, amfText(v))
	}
	return "data " + strings.Join(parts, " "), fields
}
