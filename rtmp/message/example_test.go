package message_test

import (
	"fmt"

	"github.com/sluicemedia/sluice/amf"
	"github.com/sluicemedia/sluice/rtmp/message"
)

// A client builds a connect command, and the server parses it back.
func Example() {
	connect := message.Command{
		Name:          "connect",
		TransactionID: 1,
		Object: amf.Object{
			{Key: "app", Value: "live"},
			{Key: "tcUrl", Value: "rtmp://localhost/live"},
		},
	}
	cm, err := message.Marshal(connect, 0, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("chunk stream %d, type %v, %d bytes\n", cm.ChunkStreamID, cm.TypeID, len(cm.Payload))

	m, err := message.Parse(cm, amf.Limits{})
	if err != nil {
		fmt.Println(err)
		return
	}
	cmd := m.(message.Command)
	app, _ := amf.GetString(cmd.Object, "app")
	fmt.Println(cmd.Name, cmd.TransactionID, app)
	// Output:
	// chunk stream 3, type 20, 66 bytes
	// connect 1 live
}

// An aggregate message is split into its sub-messages without copying.
func ExampleAggregate() {
	payload, err := message.AppendAggregate(nil,
		message.SubMessage{Type: message.TypeAudio, Timestamp: 40, Payload: []byte{0xaf, 0x01}},
		message.SubMessage{Type: message.TypeVideo, Timestamp: 60, Payload: []byte{0x27, 0x01}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	for sub, err := range message.Aggregate(payload, 1000) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(sub.Type, sub.Timestamp, sub.Payload)
	}
	// Output:
	// Audio 1000 [175 1]
	// Video 1020 [39 1]
}
