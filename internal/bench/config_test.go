package bench

import (
	"errors"
	"testing"
	"time"
)

func TestConfigTarget(t *testing.T) {
	cases := []struct {
		url string
		err error
	}{
		{"rtmp://127.0.0.1/live/a", nil},
		{"rtmp://127.0.0.2:1936/live/a", nil},
		{"rtmp://localhost/live/a", nil},
		{"rtmp://[::1]:1935/live/a", nil},
		{"rtmp://10.0.0.1/live/a", ErrNotLoopback},
		{"rtmp://example.com/live/a", ErrNotLoopback},
		{"rtmp://127.0.0.1.example.com/live/a", ErrNotLoopback},
		{"rtmps://127.0.0.1/live/a", ErrConfig},
		{"rtmp://127.0.0.1/live", ErrConfig}, // no stream name
		{"http://127.0.0.1/live/a", ErrConfig},
	}
	for _, c := range cases {
		_, _, err := Config{URL: c.url}.normalized()
		if c.err == nil && err != nil || c.err != nil && !errors.Is(err, c.err) {
			t.Errorf("%s: error %v, want %v", c.url, err, c.err)
		}
	}
}

func TestConfigDefaultsAndBounds(t *testing.T) {
	c, _, err := Config{URL: "rtmp://127.0.0.1/live/a"}.normalized()
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode != ModePlay || c.Players != DefaultPlayers || c.Duration != DefaultDuration ||
		c.ReadBuffer != DefaultReadBuffer || c.Warmup != 0 {
		t.Errorf("defaults: %+v", c)
	}
	bad := []Config{
		{Mode: "watch"},
		{Players: MaxPlayers + 1},
		{Duration: MaxDuration},
		{Ramp: -time.Second},
		{ReadBuffer: 10},
		{Mode: ModeIdle, Publish: "x.flv"},
	}
	for _, b := range bad {
		b.URL = "rtmp://127.0.0.1/live/a"
		if _, _, err := b.normalized(); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: error %v", b, err)
		}
	}
}
