package serve_test

import (
	"bytes"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"gazette/internal/messages"
	"gazette/internal/serve"
	"gazette/internal/theme"
)

// pollTimeout bounds every wait for the server to catch up with an edit.
// It is a deadline, not an expectation: a rebuild of the test site takes
// well under a second.
const pollTimeout = 60 * time.Second

// notice is the announcement the tests edit, in both languages.
const (
	zhNotice = "content/zh/notices/preview-test.md"
	enNotice = "content/en/notices/preview-test.md"
	zhPage   = "zh/notices/preview-test/"
)

func zhNoticeText(body string) string {
	return "+++\ntitle = \"预览测试通知\"\ndate = 2024-05-06T09:00:00\nsource = \"绵阳市人民政府办公室\"\ntranslationKey = \"preview-test\"\n+++\n\n" + body + "\n"
}

// brokenZhNotice has a TOML error on line 2, column 9.
const brokenZhNotice = "+++\ntitle = \ndate = 2024-05-06T09:00:00\ntranslationKey = \"preview-test\"\n+++\n\n正文。\n"

// newSite copies the repository's config.toml into a temporary folder and
// writes two announcements; the theme is gazette's embedded one.
func newSite(t testing.TB) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "config.toml", string(cfg))
	writeFile(t, dir, zhNotice, zhNoticeText("原始正文：第一版。"))
	writeFile(t, dir, enNotice, "+++\ntitle = \"Preview test notice\"\ndate = 2024-05-06T09:00:00\nsource = \"General Office\"\ntranslationKey = \"preview-test\"\n+++\n\nOriginal body, first version.\n")
	writeFile(t, dir, "content/zh/news/second.md", "---\ntitle: 第二篇动态\ndate: 2024-05-07T10:00:00\n---\n\n动态正文。\n")
	return dir
}

func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// writeFile writes a file of the site the way an editor saves: whole.
func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// start runs a preview of dir on a free port until the test ends. The
// server's terminal output is logged when the test fails. Edits are never
// rendered ahead (see startWith).
func start(t testing.TB, dir string) *serve.Server {
	t.Helper()
	srv, _ := startIn(t, dir, nil)
	return srv
}

// startIn is start with the terminal in the language of msgs; it also
// returns what the terminal receives.
func startIn(t testing.TB, dir string, msgs *messages.Printer) (*serve.Server, *syncBuffer) {
	t.Helper()
	return startWith(t, serve.Options{Site: dir, Messages: msgs, AheadAfter: neverAhead})
}

// The two ways a preview can bring an edited announcement up to date:
// rebuild, then serve; or render the page on its own, serve it, and
// rebuild behind it. Which one runs depends on how long the site takes to
// build; tests pick one.
const (
	neverAhead  time.Duration = -1
	alwaysAhead time.Duration = time.Nanosecond
)

var aheadModes = []struct {
	name  string
	after time.Duration
}{{"rebuild", neverAhead}, {"rendered ahead", alwaysAhead}}

// startWith is start with opts (Site, Messages, AheadAfter); it also
// returns what the terminal receives.
func startWith(t testing.TB, opts serve.Options) (*serve.Server, *syncBuffer) {
	t.Helper()
	out := new(syncBuffer)
	opts.Port = 0
	opts.Debounce = 20 * time.Millisecond
	opts.Out = out
	opts.Logger = slog.New(slog.NewTextHandler(out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := serve.Start(t.Context(), opts)
	if err != nil {
		t.Fatalf("serve.Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if t.Failed() {
			t.Logf("serve output:\n%s", out.String())
		}
	})
	return srv, out
}

// response is one answer of the server.
type response struct {
	status int
	header http.Header
	body   string
}

// noRedirects lets tests see the server's own redirects.
var noRedirects = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func get(t testing.TB, url string) response {
	t.Helper()
	return do(t, http.MethodGet, url, "")
}

func do(t testing.TB, method, url, body string) response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	// The counter does not count crawlers; look like a browser.
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36")
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, url, err)
	}
	return response{resp.StatusCode, resp.Header, string(data)}
}

// waitFor fetches url until ok accepts the response, and fails the test
// with the last response when the deadline passes first.
func waitFor(t testing.TB, url, what string, ok func(response) bool) response {
	t.Helper()
	deadline := time.Now().Add(pollTimeout)
	for {
		r := get(t, url)
		if ok(r) {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: after %s still not %s; last answer %d:\n%s", url, pollTimeout, what, r.status, r.body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var buildAttr = regexp.MustCompile(`data-build="([^"]+)"`)

// buildOf returns the build a served page says it came from.
func buildOf(body string) string {
	if m := buildAttr.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// themeFile returns a file of gazette's embedded theme, such as
// "assets/css/main.css".
func themeFile(t testing.TB, name string) string {
	t.Helper()
	data, err := fs.ReadFile(theme.FS(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
