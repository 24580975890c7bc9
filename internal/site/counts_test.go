package site

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/internal/counter"
	"gazette/internal/counter/store/sqlite"
	"gazette/internal/manifest"
)

// A build with CountsFrom asks a real browsecount (on a real SQLite file)
// for the counts and writes them into the pages.
func TestCountsAreBakedIn(t *testing.T) {
	dir := writeSite(t, themedConfig+`
-- content/zh/notices/a.md --
+++
title = "有人看过的通知"
date = 2024-05-06T07:08:00
translationKey = "a"
+++
正文。
-- content/en/notices/a.md --
+++
title = "A notice people read"
date = 2024-05-06T07:08:00
translationKey = "a"
+++
Body.
`)
	public, _ := mustBuild(t, dir)
	m, err := manifest.Parse([]byte(read(t, public, manifestPath)))
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "counts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Add(t.Context(), map[string]int64{"zh/a": 41}); err != nil {
		t.Fatal(err)
	}
	srv, err := counter.New(counter.Config{}, store, m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	rep, err := Build(t.Context(), Options{Source: dir, Dest: public,
		CountsFrom: func(ctx context.Context, ids []string) (map[string]int64, error) {
			return counter.FetchViews(ctx, ts.Client(), ts.URL, ids)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) > 0 {
		t.Errorf("warnings: %q", rep.Warnings)
	}
	if got := parsePage(t, public, "zh/notices/a/index.html").text("[data-browsecount-hit]"); got != "41" {
		t.Errorf("zh count = %q, want the stored 41", got)
	}
	// Known to the counter but never viewed: 0, not the placeholder.
	if got := parsePage(t, public, "en/notices/a/index.html").text("[data-browsecount-hit]"); got != "0" {
		t.Errorf("en count = %q, want 0", got)
	}

	// With the counter gone the build still succeeds, keeps "-" and warns.
	ts.Close()
	rep, err = Build(t.Context(), Options{Source: dir, Dest: public,
		CountsFrom: func(ctx context.Context, ids []string) (map[string]int64, error) {
			return counter.FetchViews(ctx, http.DefaultClient, ts.URL, ids)
		}})
	if err != nil {
		t.Fatal(err)
	}
	if got := parsePage(t, public, "zh/notices/a/index.html").text("[data-browsecount-hit]"); got != "-" {
		t.Errorf("count with the counter down = %q, want -", got)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "not baked in") {
		t.Errorf("warnings = %q, want one about the unreachable counter", rep.Warnings)
	}
	data, _ := os.ReadFile(filepath.Join(public, "zh/notices/a/index.html"))
	if bytes.Contains(data, []byte("\n  ")) {
		t.Error("page not minified")
	}
}
