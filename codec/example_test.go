package codec_test

import (
	"encoding/hex"
	"fmt"

	"github.com/sluicemedia/sluice/codec"
)

// The body of an AVC sequence header after its five-byte FLV video tag
// header is an avcC; its SPS gives the picture size.
func ExampleParseAVCSPS() {
	avcC, _ := hex.DecodeString("014d4028ffe1001a674d4028eca03c0113f2e022000003000200000300641e30632c01000568ebe3cb20")
	cfg, err := codec.ParseAVCConfig(avcC)
	if err != nil {
		fmt.Println(err)
		return
	}
	sps, err := codec.ParseAVCSPS(cfg.SPS[0])
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("H.264 %s, level %.1f, %dx%d\n", codec.AVCProfileName(sps.Profile), float64(sps.Level)/10, sps.Width, sps.Height)
	// Output: H.264 Main, level 4.0, 1920x1080
}

// The body of an AAC sequence header after its two-byte FLV audio tag
// header is an AudioSpecificConfig.
func ExampleParseAudioSpecificConfig() {
	asc, err := codec.ParseAudioSpecificConfig([]byte{0x12, 0x10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("AAC %s, %d Hz, %d channels\n", codec.AACObjectTypeName(asc.ObjectType), asc.SampleRate, asc.Channels())
	// Output: AAC LC, 44100 Hz, 2 channels
}
