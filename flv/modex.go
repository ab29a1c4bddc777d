package flv

// ModEx holds the packet modifiers of an Enhanced RTMP v2 audio or video
// message that this package understands. Modifiers of unknown types are
// skipped: their size is on the wire.
type ModEx struct {
	// HasTimestampOffsetNano reports a TimestampOffsetNano modifier.
	HasTimestampOffsetNano bool
	// TimestampOffsetNano is added to the tag's millisecond timestamp, in
	// nanoseconds (the spec allows up to 999999; a UI24 on the wire). It
	// applies to this message only.
	TimestampOffsetNano uint32
}

// packetTypeModEx is the value of ModEx in both AudioPacketType and
// VideoPacketType.
const packetTypeModEx = 7

// modExTimestampOffsetNano is AudioPacketModExType and VideoPacketModExType
// TimestampOffsetNano.
const modExTimestampOffsetNano = 0

// readModEx reads ModEx entries while the packet type is ModEx and returns
// the packet type that follows them. Each entry takes at least 3 bytes, so
// the loop is bounded by the input.
//
// Enhanced RTMP v2, "Enhanced Audio" and "Enhanced Video", ExAudioTagHeader
// and ExVideoTagHeader:
//
//	while (packetType == ModEx) {
//	  modExDataSize = UI8 + 1             // 1..256 bytes
//	  if (modExDataSize == 256)
//	    modExDataSize = UI16 + 1          // 1..65536 bytes
//	  modExData     = UI8[modExDataSize]
//	  modExType     = UB[4]
//	  packetType    = UB[4]
//	  if (modExType == TimestampOffsetNano)
//	    timestampOffsetNano = bytesToUI24(modExData)
//	}
func readModEx(c *cursor, packetType uint8, m *ModEx) (uint8, error) {
	for packetType == packetTypeModEx {
		size8, ok := c.u8()
		if !ok {
			return 0, errShortModEx
		}
		size := int(size8) + 1
		if size == 256 {
			size16, ok := c.u16()
			if !ok {
				return 0, errShortModEx
			}
			size = int(size16) + 1
		}
		data, ok := c.next(size)
		if !ok {
			return 0, errShortModEx
		}
		typeAndNext, ok := c.u8()
		if !ok {
			return 0, errShortModEx
		}
		packetType = typeAndNext & 0x0f
		if typeAndNext>>4 == modExTimestampOffsetNano {
			if len(data) < 3 {
				return 0, errModExNano
			}
			m.HasTimestampOffsetNano = true
			m.TimestampOffsetNano = getU24(data)
		}
	}
	return packetType, nil
}

// firstPacketType is the packet type nibble of the first header byte: ModEx
// when there are modifiers to write, else next.
func (m ModEx) firstPacketType(next uint8) uint8 {
	if m.HasTimestampOffsetNano {
		return packetTypeModEx
	}
	return next
}

// appendTo writes the modifiers in their shortest form, followed by the
// packet type byte that ends the last one. It writes nothing when there are
// no modifiers (firstPacketType then carried next).
func (m ModEx) appendTo(dst []byte, next uint8) []byte {
	if !m.HasTimestampOffsetNano {
		return dst
	}
	dst = append(dst, 3-1) // modExDataSize - 1
	dst = appendU24(dst, m.TimestampOffsetNano)
	return append(dst, modExTimestampOffsetNano<<4|next&0x0f)
}
