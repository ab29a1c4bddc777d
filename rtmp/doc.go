// Package rtmp implements RTMP connections in both roles on top of the
// handshake, chunk and message layers: NetConnection and NetStream state,
// transactions, acknowledgements and status events (RTMP 1.0, sections 5.4,
// 6.2 and 7).
//
// The server side is staged: [ServerConn] performs the handshake, hands the
// application each request that needs a decision (connect, publish, play) and
// answers it the way the application says, so no policy lives here. The
// client side is [Dial], then [ClientConn.Play] or [ClientConn.Publish].
//
// Audio, video and script data travel as [flv.Tag] values: an RTMP media
// message body is exactly an FLV tag body.
package rtmp
