package main

import (
	"context"
	"io"
	"os"
	"time"
)

// cancelableStdin returns a reader of f (standard input) whose reads, even
// one blocked on an idle pipe, end when ctx does: `sluice publish -` fed by
// an encoder that has not started yet must still stop at the first SIGINT
// or SIGTERM, as a service manager expects. Where f cannot be made so (a
// terminal, a regular file, Windows), f is returned as it is. release
// undoes what was changed; call it when done reading.
func cancelableStdin(ctx context.Context, f *os.File) (r io.Reader, release func()) {
	pf, restore := pollableFile(f)
	if pf == nil {
		return f, func() {}
	}
	stop := context.AfterFunc(ctx, func() { pf.SetReadDeadline(time.Unix(1, 0)) })
	return pf, func() {
		stop()
		restore()
	}
}
