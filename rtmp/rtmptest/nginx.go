package rtmptest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"text/template"
	"time"

	"github.com/sluicemedia/sluice/internal/testprog"
)

// NginxRTMPModule is where Debian's libnginx-mod-rtmp installs the module.
const NginxRTMPModule = "/usr/lib/nginx/modules/ngx_rtmp_module.so"

// nginxStartTimeout bounds the wait for nginx to listen.
const nginxStartTimeout = 10 * time.Second

// Nginx is an nginx with the RTMP module, serving two applications:
// "live" (live streams, any name) and "vod" (FLV files in VODDir).
type Nginx struct {
	Addr   string // 127.0.0.1:port
	VODDir string // directory the "vod" application plays files from
	Dir    string // prefix directory: config, pid, error.log
}

// URL returns rtmp://Addr/path.
func (n *Nginx) URL(path string) string { return "rtmp://" + n.Addr + "/" + path }

// ErrorLog returns nginx's error log so far, for failure messages.
func (n *Nginx) ErrorLog() string {
	b, _ := os.ReadFile(filepath.Join(n.Dir, "error.log"))
	return string(b)
}

var nginxConfig = template.Must(template.New("nginx.conf").Parse(`daemon off;
master_process off;
worker_processes 1;
pid {{.Dir}}/nginx.pid;
error_log {{.Dir}}/error.log info;
load_module {{.Module}};
events { worker_connections 256; }
rtmp {
  server {
    listen {{.Addr}};
    chunk_size 4096;
    # Keyframes of real streams exceed the 1 MiB default (FIELD-NOTES.md).
    max_message 16M;
    application live { live on; record off; }
    application vod { play {{.VOD}}; }
  }
}
`))

// StartNginx starts nginx on a free loopback port with a private prefix
// (config, pid and logs under t.TempDir()), one process and no daemon,
// and stops it when the test ends. It skips (fails under CI=true) when
// nginx or its RTMP module is missing.
func StartNginx(t testing.TB) *Nginx {
	t.Helper()
	bin := testprog.Path(t, "nginx")
	if _, err := os.Stat(NginxRTMPModule); err != nil {
		testprog.Missing(t, "the nginx RTMP module is not installed (libnginx-mod-rtmp)")
	}
	dir := t.TempDir()
	n := &Nginx{Dir: dir, VODDir: filepath.Join(dir, "vod")}
	if err := os.Mkdir(n.VODDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// The free port may be taken between our probe and nginx's bind: retry.
	var lastErr error
	for range 3 {
		n.Addr = FreeAddr(t)
		if lastErr = n.start(t, bin); lastErr == nil {
			return n
		}
	}
	t.Fatalf("nginx did not start: %v\n%s", lastErr, n.ErrorLog())
	return nil
}

func (n *Nginx) start(t testing.TB, bin string) error {
	var conf bytes.Buffer
	err := nginxConfig.Execute(&conf, map[string]string{"Dir": n.Dir, "Module": NginxRTMPModule, "Addr": n.Addr, "VOD": n.VODDir})
	if err != nil {
		return err
	}
	confPath := filepath.Join(n.Dir, "nginx.conf")
	if err := os.WriteFile(confPath, conf.Bytes(), 0o644); err != nil {
		return err
	}
	cmd := exec.Command(bin, "-p", n.Dir, "-e", filepath.Join(n.Dir, "error.log"), "-c", confPath)
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(nginxStartTimeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			return fmt.Errorf("nginx exited: %v", err)
		default:
		}
		if c, err := net.DialTimeout("tcp", n.Addr, time.Second); err == nil {
			c.Close()
			t.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Kill()
	<-exited
	return fmt.Errorf("nginx did not listen on %s within %v", n.Addr, nginxStartTimeout)
}

// FreeAddr returns a loopback address with a port that was free a moment
// ago, for programs that must be told their port (nginx, ffmpeg -listen).
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}
