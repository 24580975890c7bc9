package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"gazette/internal/theme"
)

// openAhead opens the sample site with rendering ahead on for every save
// (the sample site builds too fast for the default threshold).
func openAhead(t *testing.T) (*Session, string) {
	t.Helper()
	dir := copySample(t)
	s, _, err := Open(context.Background(), Options{Source: dir, AheadAfter: time.Nanosecond})
	if err != nil {
		t.Fatalf("opening the sample site: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// announcementFiles lists the sample site's announcement files, site-relative.
func announcementFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), "_") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("the sample site has only %d announcements", len(files))
	}
	return files
}

func appendLine(t *testing.T, dir, name, line string) fsnotify.Event {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return write(t, dir, name, string(data)+"\n"+line+"\n")
}

// TestRenderAheadMatchesRebuild edits every announcement of the sample
// site in turn (both languages, a page bundle with attachments, one without
// translation) and requires the page rendered ahead to show the edit and
// to be byte for byte what the rebuild then renders; at the end the whole
// preview must still equal a fresh build.
func TestRenderAheadMatchesRebuild(t *testing.T) {
	s, dir := openAhead(t)
	ctx := context.Background()
	for i, name := range announcementFiles(t, dir) {
		line := fmt.Sprintf("Edit number %d of the ahead test.", i)
		ev := appendLine(t, dir, name, line)
		if i%2 == 1 {
			// Saved by renaming a new file over the old, as many editors do.
			ev.Op = fsnotify.Create
		}
		names := s.RenderAhead(ctx, []fsnotify.Event{ev})
		if len(names) != 1 {
			t.Fatalf("%s: rendered ahead %v, want its one page", name, names)
		}
		ahead, err := fs.ReadFile(s.FS(), names[0])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(ahead), line) {
			t.Fatalf("%s: %s rendered ahead lacks the edit", name, names[0])
		}
		rep, err := s.Rebuild(ctx, []fsnotify.Event{ev})
		if err != nil {
			t.Fatalf("%s: rebuild: %v", name, err)
		}
		if len(rep.AheadDiffered) > 0 {
			t.Errorf("%s: the rebuild rendered %v differently from the page rendered ahead", name, rep.AheadDiffered)
		}
		final, _ := fs.ReadFile(s.FS(), names[0])
		if string(final) != string(ahead) {
			t.Errorf("%s: the page served after the rebuild differs from the one rendered ahead", name)
		}
	}
	visitAll(t, s)
	sameAsBuild(t, "after editing every announcement", s, dir)
}

// TestRenderAheadMovedPage: a new date moves an announcement among its
// neighbours, which the small site cannot know; the rebuild then renders
// it differently, says so, and the preview ends up equal to a build.
func TestRenderAheadMovedPage(t *testing.T) {
	s, dir := openAhead(t)
	ctx := context.Background()
	const name = "content/zh/notices/2019-expert-forum.md"
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := fs.ReadFile(s.FS(), "zh/notices/2019-expert-forum/index.html")
	moved := strings.Replace(string(data), "date = 2019-10-24", "date = 2025-01-02", 1)
	if moved == string(data) {
		t.Fatalf("%s has no date line of 2019-10-24", name)
	}
	ev := write(t, dir, name, moved)
	names := s.RenderAhead(ctx, []fsnotify.Event{ev})
	if len(names) != 1 {
		t.Fatalf("rendered ahead %v, want the moved page", names)
	}
	ahead, _ := fs.ReadFile(s.FS(), names[0])
	if string(ahead) == string(before) {
		t.Fatal("the page rendered ahead does not show the new date")
	}
	rep, err := s.Rebuild(ctx, []fsnotify.Event{ev})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.AheadDiffered, names) {
		t.Errorf("AheadDiffered = %v, want %v: the moved page has other neighbours in the full site", rep.AheadDiffered, names)
	}
	visitAll(t, s)
	sameAsBuild(t, "moved", s, dir)
}

// TestRenderAheadLeavesTheRestToRebuild: only plain edits of announcements
// are rendered ahead; anything else, or an edit the small site cannot
// render, is left to the rebuild, which reports it as usual.
func TestRenderAheadLeavesTheRestToRebuild(t *testing.T) {
	s, dir := openAhead(t)
	ctx := context.Background()
	const name = "content/en/news/2020-flood-drill.md"
	good, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		what string
		ev   func() fsnotify.Event
	}{
		{"a new announcement", func() fsnotify.Event {
			return write(t, dir, "content/en/news/2026-new.md", "+++\ntitle = \"New\"\ndate = 2026-11-20T09:30:00+08:00\n+++\n\nNew.\n")
		}},
		{"a layout", func() fsnotify.Event {
			page, err := fs.ReadFile(theme.FS(), "layouts/page.html")
			if err != nil {
				t.Fatal(err)
			}
			return write(t, dir, "layouts/page.html", string(page)+"\n")
		}},
		{"a column page", func() fsnotify.Event {
			return write(t, dir, "content/en/news/_index.md", "+++\ntitle = \"News\"\n+++\n")
		}},
		{"broken front matter", func() fsnotify.Event { return write(t, dir, name, "+++\ntitle = \"open quote\n+++\n") }},
	}
	for _, c := range cases {
		ev := c.ev()
		if names := s.RenderAhead(ctx, []fsnotify.Event{ev}); names != nil {
			t.Errorf("%s: rendered ahead %v", c.what, names)
		}
		s.Rebuild(ctx, []fsnotify.Event{ev})
	}
	// While the last build is broken, nothing is rendered ahead: the
	// preview shows the error until a rebuild succeeds.
	ev := write(t, dir, name, string(good))
	if names := s.RenderAhead(ctx, []fsnotify.Event{ev}); names != nil {
		t.Errorf("after a failed build: rendered ahead %v", names)
	}
	if _, err := s.Rebuild(ctx, []fsnotify.Event{ev}); err != nil {
		t.Fatalf("fixed: %v", err)
	}

	s.opts.AheadAfter = -1
	if names := s.RenderAhead(ctx, []fsnotify.Event{appendLine(t, dir, name, "more")}); names != nil {
		t.Errorf("turned off: rendered ahead %v", names)
	}
}

// TestRenderAheadThenCheckFails: an edit Hugo renders but the content
// checks refuse is rendered ahead; the rebuild fails with the checks'
// error, and once fixed the preview equals a build again.
func TestRenderAheadThenCheckFails(t *testing.T) {
	s, dir := openAhead(t)
	ctx := context.Background()
	const name = "content/zh/news/2023-one-window-service.md"
	good, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), "+++\n", "+++\ntitel = \"拼错的字段\"\n", 1) + "\n错误的一行。\n"
	ev := write(t, dir, name, bad)
	if names := s.RenderAhead(ctx, []fsnotify.Event{ev}); len(names) != 1 {
		t.Fatalf("rendered ahead %v, want the edited page", names)
	}
	if _, err := s.Rebuild(ctx, []fsnotify.Event{ev}); err == nil || !strings.Contains(err.Error(), "titel") {
		t.Fatalf("rebuild: error %v, want the unknown field titel", err)
	}
	if _, err := s.Rebuild(ctx, []fsnotify.Event{write(t, dir, name, string(good))}); err != nil {
		t.Fatalf("fixed: %v", err)
	}
	visitAll(t, s)
	sameAsBuild(t, "fixed", s, dir)
}
