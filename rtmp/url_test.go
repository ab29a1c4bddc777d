package rtmp

import (
	"errors"
	"net"
	"strings"
	"testing"
)

// urlCases are split the way ffmpeg's rtmp_open splits them.
var urlCases = []struct {
	raw      string
	appGiven bool // ClientOptions.App is set
	want     URL
	addr     string
}{
	{raw: "rtmp://example.com/live/key",
		want: URL{Scheme: "rtmp", Host: "example.com", App: "live", Stream: "key", TCURL: "rtmp://example.com/live"},
		addr: "example.com:1935"},
	{raw: "rtmp://example.com:1936/live/key",
		want: URL{Scheme: "rtmp", Host: "example.com", Port: 1936, App: "live", Stream: "key", TCURL: "rtmp://example.com:1936/live"},
		addr: "example.com:1936"},
	{raw: "RTMPS://live-api-s.facebook.com:443/rtmp/FB-123?s_bl=1",
		want: URL{Scheme: "rtmps", Host: "live-api-s.facebook.com", Port: 443, App: "rtmp", Stream: "FB-123?s_bl=1", TCURL: "rtmps://live-api-s.facebook.com:443/rtmp"},
		addr: "live-api-s.facebook.com:443"},
	{raw: "rtmps://a.example/app/x",
		want: URL{Scheme: "rtmps", Host: "a.example", App: "app", Stream: "x", TCURL: "rtmps://a.example/app"},
		addr: "a.example:443"},
	// A third element makes the second an application instance.
	{raw: "rtmp://h/live/inst/key",
		want: URL{Scheme: "rtmp", Host: "h", App: "live/inst", Stream: "key", TCURL: "rtmp://h/live/inst"}, addr: "h:1935"},
	{raw: "rtmp://h/a/b/c/d",
		want: URL{Scheme: "rtmp", Host: "h", App: "a/b", Stream: "c/d", TCURL: "rtmp://h/a/b"}, addr: "h:1935"},
	// A ':' before the next slash is a playpath prefix, not an instance.
	{raw: "rtmp://h/vod/mp4:dir/file.mp4",
		want: URL{Scheme: "rtmp", Host: "h", App: "vod", Stream: "mp4:dir/file.mp4", TCURL: "rtmp://h/vod"}, addr: "h:1935"},
	// File extensions: .flv is dropped, .mp4 and .f4v get "mp4:".
	{raw: "rtmp://h/vod/movie.flv",
		want: URL{Scheme: "rtmp", Host: "h", App: "vod", Stream: "movie", TCURL: "rtmp://h/vod"}, addr: "h:1935"},
	{raw: "rtmp://h/vod/movie.mp4",
		want: URL{Scheme: "rtmp", Host: "h", App: "vod", Stream: "mp4:movie.mp4", TCURL: "rtmp://h/vod"}, addr: "h:1935"},
	{raw: "rtmp://h/vod/movie.f4v",
		want: URL{Scheme: "rtmp", Host: "h", App: "vod", Stream: "mp4:movie.f4v", TCURL: "rtmp://h/vod"}, addr: "h:1935"},
	// A query stays with the part it follows.
	{raw: "rtmp://h/live/key?token=a&b=c",
		want: URL{Scheme: "rtmp", Host: "h", App: "live", Stream: "key?token=a&b=c", TCURL: "rtmp://h/live"}, addr: "h:1935"},
	{raw: "rtmp://h/live?token=a",
		want: URL{Scheme: "rtmp", Host: "h", App: "live?token=a", TCURL: "rtmp://h/live?token=a"}, addr: "h:1935"},
	// One path element is the app, unless the app is given: then the stream.
	{raw: "rtmp://h/live",
		want: URL{Scheme: "rtmp", Host: "h", App: "live", TCURL: "rtmp://h/live"}, addr: "h:1935"},
	{raw: "rtmp://h/key", appGiven: true,
		want: URL{Scheme: "rtmp", Host: "h", App: "", Stream: "key", TCURL: "rtmp://h/"}, addr: "h:1935"},
	{raw: "rtmp://h",
		want: URL{Scheme: "rtmp", Host: "h", TCURL: "rtmp://h/"}, addr: "h:1935"},
	// Akamai's ondemand application.
	{raw: "rtmp://h/ondemand/a/b/c",
		want: URL{Scheme: "rtmp", Host: "h", App: "ondemand", Stream: "a/b/c", TCURL: "rtmp://h/ondemand"}, addr: "h:1935"},
	// IPv6 literals.
	{raw: "rtmp://[::1]:1935/live/k",
		want: URL{Scheme: "rtmp", Host: "::1", Port: 1935, App: "live", Stream: "k", TCURL: "rtmp://[::1]:1935/live"}, addr: "[::1]:1935"},
	{raw: "rtmp://[::1]/live/k",
		want: URL{Scheme: "rtmp", Host: "::1", App: "live", Stream: "k", TCURL: "rtmp://[::1]/live"}, addr: "[::1]:1935"},
}

func TestParseURL(t *testing.T) {
	for _, tc := range urlCases {
		u, err := parseURL(tc.raw, tc.appGiven)
		if err != nil {
			t.Errorf("%s: %v", tc.raw, err)
			continue
		}
		if *u != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.raw, *u, tc.want)
		}
		if got := u.Addr(); got != tc.addr {
			t.Errorf("%s: Addr %q, want %q", tc.raw, got, tc.addr)
		}
	}
}

func TestParseURLErrors(t *testing.T) {
	for _, raw := range []string{
		"",
		"example.com/live/key",       // no scheme
		"http://example.com/live/k",  // not RTMP
		"rtmpe://example.com/live/k", // encrypted RTMP is not supported
		"rtmp:///live/key",           // no host
		"rtmp://h:0/live/k",          // port out of range
		"rtmp://h:65536/live/k",
		"rtmp://h:x/live/k",
		"rtmp://user:pw@h/live/k", // credentials
		"rtmp://[::1/live/k",      // unclosed bracket
	} {
		if u, err := ParseURL(raw); !errors.Is(err, ErrURL) {
			t.Errorf("%q: got %+v, %v; want ErrURL", raw, u, err)
		}
	}
}

func TestResolveURLOverrides(t *testing.T) {
	opts := ClientOptions{App: "app2", PlayPath: "mp4:other", TCURL: "rtmp://front/app2"}
	u, err := resolveURL("rtmp://h/app/inst/key", opts)
	if err != nil {
		t.Fatal(err)
	}
	want := URL{Scheme: "rtmp", Host: "h", App: "app2", Stream: "mp4:other", TCURL: "rtmp://front/app2"}
	if *u != want {
		t.Errorf("got %+v, want %+v", *u, want)
	}
	// The app alone re-derives tcUrl, and a single element is the stream.
	u, err = resolveURL("rtmp://h:1940/key", ClientOptions{App: "live"})
	if err != nil {
		t.Fatal(err)
	}
	want = URL{Scheme: "rtmp", Host: "h", Port: 1940, App: "live", Stream: "key", TCURL: "rtmp://h:1940/live"}
	if *u != want {
		t.Errorf("got %+v, want %+v", *u, want)
	}
}

func FuzzParseURL(f *testing.F) {
	for _, tc := range urlCases {
		f.Add(tc.raw)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := ParseURL(raw)
		if err != nil {
			return
		}
		if _, _, err := net.SplitHostPort(u.Addr()); err != nil {
			t.Fatalf("%q: Addr %q: %v", raw, u.Addr(), err)
		}
		if !strings.HasPrefix(u.TCURL, u.Scheme+"://") {
			t.Fatalf("%q: tcUrl %q", raw, u.TCURL)
		}
		// What parses reassembles into a URL that parses again.
		if _, err := ParseURL(u.String()); err != nil {
			t.Fatalf("%q -> %q: %v", raw, u.String(), err)
		}
	})
}
