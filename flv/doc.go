// Package flv reads and writes the FLV file format and the audio, video and
// script tag bodies that RTMP carries in its messages of type 8, 9 and 18.
//
// It implements:
//
//   - Adobe Flash Video File Format Specification v10.1, Annex E: the FLV
//     header (§E.2), the FLV body with its PreviousTagSize fields (§E.3),
//     FLV tags (§E.4.1), the audio tag header (§E.4.2.1), the video tag
//     header (§E.4.3.1) and SCRIPTDATA (§E.4.4);
//   - Enhanced RTMP v1 and v2 (Veovera): the ExAudioTagHeader and
//     ExVideoTagHeader with FourCC codecs, ModEx (TimestampOffsetNano) and
//     multitrack (OneTrack, ManyTracks, ManyTracksManyCodecs).
//
// Tag, shared by every layer above this one, is the unit of media: its Data
// is the body of an RTMP message, unchanged. ParseAudioHeader and
// ParseVideoHeader read the header at the front of Data without allocating
// and report HeaderLen, where the codec payload starts. Codec configuration
// records (avcC, hvcC, av1C, AudioSpecificConfig) are payload to this
// package and are not decoded here.
//
// Reader and Writer move tags to and from FLV files and HTTP-FLV streams.
// Script data (onMetaData) is AMF0, decoded by package amf.
package flv
