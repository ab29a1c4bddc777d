package codec

import "fmt"

// AAC audio object types (ISO/IEC 14496-3 Table 1.1) that change how an
// AudioSpecificConfig is read or named.
const (
	AACMain = 1
	AACLC   = 2
	AACSBR  = 5  // HE-AAC: spectral band replication
	AACPS   = 29 // HE-AAC v2: parametric stereo
)

// aacSampleRates maps samplingFrequencyIndex to Hz (ISO/IEC 14496-3
// Table 1.18); 13 and 14 are reserved, 15 means an explicit 24-bit rate.
var aacSampleRates = [13]int{96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350}

// aacChannels maps channelConfiguration to a channel count (ISO/IEC
// 14496-3 Table 1.19, with the 2009 additions); 0 means the count is in a
// program config element.
var aacChannels = [16]int{0, 1, 2, 3, 4, 5, 6, 8, 0, 0, 0, 7, 8, 24, 8, 0}

// AudioSpecificConfig is the AAC decoder configuration, the body of an AAC
// sequence header.
//
// ISO/IEC 14496-3 §1.6.2.1:
//
//	+-----------------------+----------------------------------+------------------------+
//	| audioObjectType 5b    | samplingFrequencyIndex 4b        | channelConfiguration 4b|
//	| (31: 32 + 6 more bits)| (15: samplingFrequency 24b)      |                        |
//	+-----------------------+----------------------------------+------------------------+
//	then, for object types 5 and 29 (explicit SBR and PS signalling):
//	extensionSamplingFrequencyIndex 4b [24b], audioObjectType 5b [6b]
type AudioSpecificConfig struct {
	ObjectType    int  // audio object type of the core coder (2: AAC LC)
	SampleRate    int  // core sample rate in Hz
	ChannelConfig int  // channelConfiguration
	SBR           bool // explicit spectral band replication (HE-AAC)
	PS            bool // explicit parametric stereo (HE-AAC v2)
	// ExtensionSampleRate is the output sample rate with SBR, 0 without.
	ExtensionSampleRate int
}

// Channels is the channel count, 0 when it is given by a program config
// element.
func (c AudioSpecificConfig) Channels() int {
	if c.ChannelConfig < 0 || c.ChannelConfig >= len(aacChannels) {
		return 0
	}
	n := aacChannels[c.ChannelConfig]
	if c.PS && n == 1 {
		return 2 // parametric stereo turns a mono core into stereo
	}
	return n
}

// ParseAudioSpecificConfig parses the leading fields of an
// AudioSpecificConfig; the GASpecificConfig and any backward-compatible
// extension after them are not read.
func ParseAudioSpecificConfig(b []byte) (AudioSpecificConfig, error) {
	var c AudioSpecificConfig
	r := &bitReader{b: b}
	var err error
	if c.ObjectType, err = readAACObjectType(r); err != nil {
		return c, err
	}
	if c.SampleRate, err = readAACSampleRate(r); err != nil {
		return c, err
	}
	channels, err := r.u(4)
	if err != nil {
		return c, err
	}
	c.ChannelConfig = int(channels)
	if c.ObjectType == AACSBR || c.ObjectType == AACPS {
		c.SBR, c.PS = true, c.ObjectType == AACPS
		if c.ExtensionSampleRate, err = readAACSampleRate(r); err != nil {
			return c, err
		}
		if c.ObjectType, err = readAACObjectType(r); err != nil {
			return c, err
		}
	}
	return c, nil
}

// readAACObjectType reads GetAudioObjectType() (ISO/IEC 14496-3 §1.6.2.1.1).
func readAACObjectType(r *bitReader) (int, error) {
	t, err := r.u(5)
	if err != nil || t != 31 {
		return int(t), err
	}
	ext, err := r.u(6)
	return 32 + int(ext), err
}

// readAACSampleRate reads samplingFrequencyIndex and, for index 15, the
// explicit frequency.
func readAACSampleRate(r *bitReader) (int, error) {
	i, err := r.u(4)
	if err != nil {
		return 0, err
	}
	if i == 15 {
		f, err := r.u(24)
		if err == nil && f == 0 {
			err = fmt.Errorf("%w: sampling frequency 0", ErrInvalid)
		}
		return int(f), err
	}
	if int(i) >= len(aacSampleRates) {
		return 0, fmt.Errorf("%w: reserved samplingFrequencyIndex %d", ErrInvalid, i)
	}
	return aacSampleRates[i], nil
}

// AppendTo appends the fields ParseAudioSpecificConfig reads, padded with
// zero bits to a whole byte. A sample rate missing from the index table
// is written explicitly.
func (c AudioSpecificConfig) AppendTo(dst []byte) []byte {
	var w bitWriter
	top := c.ObjectType
	if c.SBR {
		top = AACSBR
		if c.PS {
			top = AACPS
		}
	}
	w.objectType(top)
	w.sampleRate(c.SampleRate)
	w.put(uint32(c.ChannelConfig), 4)
	if c.SBR {
		w.sampleRate(c.ExtensionSampleRate)
		w.objectType(c.ObjectType)
	}
	return append(dst, w.bytes()...)
}

// bitWriter accumulates bit fields, most significant bit first.
type bitWriter struct {
	b    []byte
	nbit int
}

func (w *bitWriter) put(v uint32, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.nbit%8 == 0 {
			w.b = append(w.b, 0)
		}
		w.b[len(w.b)-1] |= byte(v>>i&1) << (7 - w.nbit%8)
		w.nbit++
	}
}

func (w *bitWriter) objectType(t int) {
	if t >= 31 {
		w.put(31, 5)
		w.put(uint32(t-32), 6)
		return
	}
	w.put(uint32(t), 5)
}

func (w *bitWriter) sampleRate(hz int) {
	for i, r := range aacSampleRates {
		if r == hz {
			w.put(uint32(i), 4)
			return
		}
	}
	w.put(15, 4)
	w.put(uint32(hz), 24)
}

func (w *bitWriter) bytes() []byte { return w.b }

// AACObjectTypeName names an audio object type, such as "LC", or returns
// "".
func AACObjectTypeName(t int) string {
	return map[int]string{AACMain: "Main", AACLC: "LC", 3: "SSR", 4: "LTP", AACSBR: "HE-AAC",
		6: "Scalable", 23: "LD", AACPS: "HE-AAC v2", 39: "ELD", 42: "USAC"}[t]
}
