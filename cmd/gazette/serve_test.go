package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeStopsCleanlyOnInterrupt runs `gazette serve` until it prints its
// URL, then cancels its context as Ctrl-C does: it must exit 0 and leave
// its state in SITE/.gazette.
func TestServeStopsCleanlyOnInterrupt(t *testing.T) {
	inEnglish(t)
	dir := writeSite(t, map[string]string{
		"config.toml":                 siteConfig,
		"content/zh/notices/forum.md": goodZH,
		"content/en/notices/forum.md": goodEN,
	})

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stdout, stderr := new(lockedBuffer), new(lockedBuffer)
	code := make(chan int, 1)
	go func() { code <- runServe(ctx, []string{"-s", dir, "--port", "0"}, stdout, stderr) }()

	waitServing(t, regexp.MustCompile(`Serving http://127\.0\.0\.1:\d+/ — press Ctrl-C to stop`), stdout, stderr, code)
	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit code %d after Ctrl-C, want 0; stderr:\n%s", c, stderr)
		}
	case <-time.After(time.Minute):
		t.Fatal("gazette serve did not stop within a minute of Ctrl-C")
	}
	if _, err := os.Stat(filepath.Join(dir, ".gazette", "browsecount.db")); err != nil {
		t.Errorf("browse-count store: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("gazette serve wrote public/")
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// A site fresh from `gazette init` previews at once: `gazette serve` in it
// serves its home page and its first announcement.
func TestServeANewSite(t *testing.T) {
	inEnglish(t)
	dir := filepath.Join(t.TempDir(), "site")
	var out bytes.Buffer
	if code := run(context.Background(), []string{"init", dir}, &out, &out); code != 0 {
		t.Fatalf("gazette init exited %d:\n%s", code, &out)
	}
	t.Chdir(dir)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stdout, stderr := new(lockedBuffer), new(lockedBuffer)
	code := make(chan int, 1)
	go func() { code <- runServe(ctx, []string{"--port", "0"}, stdout, stderr) }()
	base := waitServing(t, regexp.MustCompile(`Serving (http://127\.0\.0\.1:\d+/)`), stdout, stderr, code)[1]
	welcome, err := filepath.Glob(filepath.Join("content", "zh", "notices", "*-welcome.md"))
	if err != nil || len(welcome) != 1 {
		t.Fatalf("welcome announcement: %v %v", welcome, err)
	}
	page := "zh/notices/" + strings.TrimSuffix(filepath.Base(welcome[0]), ".md") + "/"
	for _, path := range []string{"zh/", page, "en/sitemap/"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Example Municipal People's Government") && !strings.Contains(string(body), "示例市人民政府") {
			t.Errorf("GET /%s: %d\n%.300s", path, resp.StatusCode, body)
		}
	}
	cancel()
	if c := <-code; c != 0 {
		t.Errorf("exit code %d after Ctrl-C; stderr:\n%s", c, stderr)
	}
}

// waitServing waits up to a minute for gazette serve, running with the
// given output and exit-code channel, to print a line serving matches, and
// returns the match and its groups.
func waitServing(t *testing.T, serving *regexp.Regexp, stdout, stderr *lockedBuffer, code <-chan int) []string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		if m := serving.FindStringSubmatch(stdout.String()); m != nil {
			return m
		}
		select {
		case c := <-code:
			t.Fatalf("gazette serve exited with %d before serving:\n%s\n%s", c, stdout, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("gazette serve printed no URL within a minute:\n%s\n%s", stdout, stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
