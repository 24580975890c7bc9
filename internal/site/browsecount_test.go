package site

// The browse count as a reader sees it: the built sample site and the real
// browsecount binary behind one origin, the way nginx puts them, in
// headless Chromium.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gazette/internal/browsertest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// sidecar is a running browsecount process.
type sidecar struct {
	cmd  *exec.Cmd
	addr string
}

var listening = regexp.MustCompile(`msg=listening addr=(\S+)`)

// startSidecar builds cmd/browsecount and runs it on a loopback port with a
// temporary SQLite file and the site's manifest.
func startSidecar(t *testing.T, public string) *sidecar {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "browsecount")
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if out, err := exec.Command(gobin, "build", "-o", bin, "gazette/cmd/browsecount").CombinedOutput(); err != nil {
		t.Fatalf("building browsecount: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "--listen", "127.0.0.1:0",
		"--db", filepath.Join(t.TempDir(), "counts.db"),
		"--manifest", filepath.Join(public, manifestPath),
		"--client-ip-header", "X-Real-IP")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &sidecar{cmd: cmd}
	t.Cleanup(s.stop)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case s.addr = <-found:
	case <-time.After(30 * time.Second):
		t.Fatal("browsecount did not start listening within 30s")
	}
	return s
}

// stop ends the process as an operator would, with SIGTERM.
func (s *sidecar) stop() {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	s.cmd.Wait()
}

// sameOrigin serves the built site and, under /api/browsecount/, the
// sidecar with the prefix stripped and X-Real-IP set from the connection,
// as the nginx configuration in docs/operations.md does.
func sameOrigin(t *testing.T, public, sidecarAddr string) string {
	t.Helper()
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: sidecarAddr})
	// A stopped sidecar is a 502 from the proxy, like nginx; not logged here.
	proxy.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
		w.WriteHeader(http.StatusBadGateway)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/browsecount/", http.StripPrefix("/api/browsecount", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		r.Header.Set("X-Real-IP", host)
		proxy.ServeHTTP(w, r)
	})))
	mux.Handle("/", http.FileServer(http.Dir(public)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// visitor is one reader's browser session: its own tab and storage, and a
// user agent of its own (the service counts a visitor once per page per
// 30 minutes, and recognises headless Chromium as a robot).
type visitor struct {
	ctx context.Context

	mu     sync.Mutex
	errors []string // console errors and uncaught exceptions
}

func newVisitor(t *testing.T, browser context.Context, name string) *visitor {
	t.Helper()
	v := &visitor{ctx: browsertest.Tab(t, browser)}
	err := chromedp.Listen(v.ctx, func(ev any) {
		v.mu.Lock()
		defer v.mu.Unlock()
		switch ev := ev.(type) {
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeWarning {
				v.errors = append(v.errors, fmt.Sprintf("console.%s", ev.Type))
			}
		case *cdpruntime.EventExceptionThrown:
			v.errors = append(v.errors, "exception: "+ev.ExceptionDetails.Text)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	ua := "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 reader-" + name
	err = chromedp.Do(v.ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tgt, cdpruntime.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tgt, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// countOn opens (or reloads) a page and returns the browse count shown once
// the page script has settled: a number, or "-" when every request to the
// counter has finished without one.
func (v *visitor) countOn(t *testing.T, pageURL string, reload bool) string {
	t.Helper()
	var err error
	if reload {
		err = chromedp.Do(v.ctx, chromedp.Reload())
	} else {
		err = chromedp.Do(v.ctx, chromedp.Navigate(pageURL))
	}
	if err != nil {
		t.Fatalf("loading %s: %v", pageURL, err)
	}
	// Settled: the number is in, or the counter's requests have all ended
	// (Resource Timing lists a request once it has completed or failed).
	const settled = `(() => {
		const el = document.querySelector("[data-browsecount-id]");
		if (!el) return "no element";
		if (el.textContent !== "-") return el.textContent;
		const done = performance.getEntriesByType("resource").filter(e => e.name.includes("/api/browsecount/"));
		return done.length > 0 && done.every(e => e.responseEnd > 0) ? "-" : "";
	})()`
	got, err := chromedp.Run(v.ctx, chromedp.Poll[string](settled, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatalf("%s: the browse count never settled: %v", pageURL, err)
	}
	if got == "-" {
		// Give a late answer the chance to prove the "-" wrong.
		time.Sleep(300 * time.Millisecond)
		got, _ = chromedp.Run(v.ctx, chromedp.Evaluate[string](`document.querySelector("[data-browsecount-id]").textContent`))
	}
	return strings.TrimSpace(got)
}

func TestReaderBrowseCount(t *testing.T) {
	public := sampleSite(t)
	browser := browsertest.Chromium(t)
	side := startSidecar(t, public)
	base := sameOrigin(t, public, side.addr)
	page := base + "/zh/notices/2019-expert-forum/"

	a := newVisitor(t, browser, "a")
	if got := a.countOn(t, page, false); got != "1" {
		t.Fatalf("first visit shows %q, want 1", got)
	}
	if got := a.countOn(t, page, true); got != "1" {
		t.Errorf("after a reload in the same session the count is %q, want still 1", got)
	}
	b := newVisitor(t, browser, "b")
	if got := b.countOn(t, page, false); got != "2" {
		t.Errorf("a new session shows %q, want 2", got)
	}
	// The other language's page has a count of its own.
	if got := b.countOn(t, base+"/en/notices/2019-expert-forum/", false); got != "1" {
		t.Errorf("the English page shows %q, want 1", got)
	}

	side.stop()
	c := newVisitor(t, browser, "c")
	if got := c.countOn(t, page, false); got != "-" {
		t.Errorf("with the counter stopped the page shows %q, want -", got)
	}
	for _, v := range []*visitor{a, b, c} {
		v.mu.Lock()
		if len(v.errors) > 0 {
			t.Errorf("the page logged errors: %q", v.errors)
		}
		v.mu.Unlock()
	}
}
