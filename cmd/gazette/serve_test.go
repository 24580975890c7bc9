package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
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

	serving := regexp.MustCompile(`Serving http://127\.0\.0\.1:\d+/ — press Ctrl-C to stop`)
	deadline := time.Now().Add(time.Minute)
	for !serving.MatchString(stdout.String()) {
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
