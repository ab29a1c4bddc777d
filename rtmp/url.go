package rtmp

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Default ports of the two schemes: 1935 is RTMP's registered port, and
// rtmps:// ingest (Facebook, YouTube, Twitch) listens on 443 like HTTPS.
const (
	DefaultPort    = 1935
	DefaultTLSPort = 443
)

// ErrURL is wrapped by every URL parsing error.
var ErrURL = errors.New("rtmp: invalid url")

// URL is an RTMP URL split into the parts the connect and play/publish
// commands carry:
//
//	rtmp[s]://host[:port]/app[/instance]/stream[?query]
//
// The split follows ffmpeg, so that a URL means here what it means to
// ffmpeg, OBS and the servers they were tested against:
//
//   - with one path element, it is the application and there is no stream;
//   - with two or more, the first is the application and the rest the
//     stream, except that a third element makes the second an application
//     instance ("live/inst/key": app "live/inst", stream "key"), unless the
//     part after the first slash holds a ':' before its next slash, as in
//     "vod/mp4:dir/file.mp4", where everything after the app is the stream;
//   - "/ondemand/" always names the app "ondemand" (Akamai's convention);
//   - a query string stays with the part it follows: "live/key?token=1"
//     plays "key?token=1" (servers read tokens there), and "live?token=1"
//     connects to app "live?token=1";
//   - a stream name ending in ".flv" loses the suffix, and one ending in
//     ".mp4" or ".f4v" without a ':' gets the prefix "mp4:".
type URL struct {
	Scheme string // "rtmp" or "rtmps"
	Host   string // host name or address, without brackets
	Port   int    // the port written in the URL, 0 when none was
	App    string // application, with its instance and any query after it
	Stream string // stream name (playpath) with its query; "" when the URL has none
	TCURL  string // scheme://host[:port]/app, the connect command's tcUrl
}

// ParseURL splits an rtmp:// or rtmps:// URL.
func ParseURL(raw string) (*URL, error) { return parseURL(raw, false) }

// Addr is host:port to dial, with the scheme's default port when the URL
// has none.
func (u *URL) Addr() string {
	port := u.Port
	if port == 0 {
		port = DefaultPort
		if u.Scheme == "rtmps" {
			port = DefaultTLSPort
		}
	}
	return net.JoinHostPort(u.Host, strconv.Itoa(port))
}

// String reassembles the URL from its parts.
func (u *URL) String() string {
	if u.Stream == "" {
		return u.TCURL
	}
	return u.TCURL + "/" + u.Stream
}

// parseURL splits raw. appGiven tells that the caller overrides the
// application (ClientOptions.App): then a single path element is the
// stream, as ffmpeg's -rtmp_app reads it.
func parseURL(raw string, appGiven bool) (*URL, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return nil, fmt.Errorf("%w %q: no scheme", ErrURL, raw)
	}
	scheme = strings.ToLower(scheme)
	if scheme != "rtmp" && scheme != "rtmps" {
		return nil, fmt.Errorf("%w %q: scheme %s is not supported (rtmp and rtmps are)", ErrURL, raw, scheme)
	}
	authority, path := rest, ""
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if strings.Contains(authority, "@") {
		return nil, fmt.Errorf("%w %q: user and password in the URL are not supported", ErrURL, raw)
	}
	host, port, err := splitHostPort(authority)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrURL, raw, err)
	}
	u := &URL{Scheme: scheme, Host: host, Port: port}
	u.App, u.Stream = splitPath(path, appGiven)
	u.Stream = playPath(u.Stream)
	u.TCURL = u.tcURL(u.App)
	return u, nil
}

// tcURL is scheme://host[:port]/app; the port only when the URL had one.
func (u *URL) tcURL(app string) string {
	host := u.Host
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if u.Port != 0 {
		host += ":" + strconv.Itoa(u.Port)
	}
	return u.Scheme + "://" + host + "/" + app
}

func splitHostPort(authority string) (string, int, error) {
	if authority == "" {
		return "", 0, errors.New("no host")
	}
	host, portStr := authority, ""
	if strings.HasPrefix(authority, "[") || strings.Count(authority, ":") == 1 {
		h, p, err := net.SplitHostPort(authority)
		if err != nil && strings.HasPrefix(authority, "[") && strings.HasSuffix(authority, "]") {
			h, p, err = authority[1:len(authority)-1], "", nil // [::1] without a port
		}
		if err != nil {
			return "", 0, err
		}
		host, portStr = h, p
	}
	if host == "" {
		return "", 0, errors.New("no host")
	}
	if i := strings.IndexFunc(host, badHostRune); i >= 0 {
		return "", 0, fmt.Errorf("bad character %q in host", host[i])
	}
	if portStr == "" {
		return host, 0, nil
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("bad port %q", portStr)
	}
	return host, port, nil
}

// badHostRune reports a character no host name or address literal holds.
func badHostRune(r rune) bool {
	return r <= ' ' || r == 0x7F || strings.ContainsRune("[]/\\?#@<>\"", r)
}

// splitPath splits the URL path (with its query) into app and stream the
// way ffmpeg's rtmp_open does; see URL.
func splitPath(path string, appGiven bool) (app, stream string) {
	if rest, ok := strings.CutPrefix(path, "/ondemand/"); ok {
		return "ondemand", rest
	}
	next := strings.TrimPrefix(path, "/")
	slash := strings.IndexByte(next, '/')
	if slash < 0 {
		if appGiven {
			return "", next
		}
		return next, ""
	}
	afterApp := next[slash+1:]
	colon := strings.IndexByte(afterApp, ':')
	instanceEnd := strings.IndexByte(afterApp, '/')
	if instanceEnd < 0 || (colon >= 0 && colon < instanceEnd) {
		return next[:slash], afterApp
	}
	return next[:slash+1+instanceEnd], afterApp[instanceEnd+1:]
}

// playPath applies ffmpeg's file extension rules to a stream name.
func playPath(name string) string {
	if !strings.Contains(name, ":") && (strings.HasSuffix(name, ".mp4") || strings.HasSuffix(name, ".f4v")) {
		return "mp4:" + name
	}
	return strings.TrimSuffix(name, ".flv")
}
