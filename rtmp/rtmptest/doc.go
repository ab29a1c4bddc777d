// Package rtmptest provides helpers for testing RTMP code, as
// net/http/httptest does for HTTP:
//
//   - [Server], a scriptable server built from the protocol packages
//     (handshake, chunk, message) with no policy of its own, so a test can
//     play a well-behaved server or a hostile one (wrong chunk sizes, huge
//     declared lengths, deeply nested AMF, silence) byte by byte;
//   - [StartNginx], nginx with its RTMP module on a private loopback port,
//     as a reference server;
//   - [MakeClip] and [ReadFLV], short H.264 + AAC FLV clips rendered by
//     ffmpeg from its test sources, and their tags.
//
// Helpers that need an outside program find it with internal/testprog:
// they skip the test when it is missing, and fail it under CI=true.
package rtmptest
