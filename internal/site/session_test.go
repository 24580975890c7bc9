package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// copySample copies the repository's sample site (sources only) into a
// folder the test may edit.
func copySample(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	for _, d := range []string{"content", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatalf("copying %s: %v", d, err)
		}
	}
	data, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// sessionHashes maps every file of a session's output to its sha256.
func sessionHashes(t *testing.T, s *Session) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(s.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(s.FS(), p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		out[p] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// visitAll visits every page and feed, as a reader clicking through the
// whole preview would: pages a change made stale are rendered on visit.
func visitAll(t *testing.T, s *Session) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(sessionHashes(t, s))) {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		u := "/" + strings.TrimSuffix(name, "index.html")
		if err := s.Visit(u); err != nil {
			t.Fatalf("visiting %s: %v", u, err)
		}
	}
}

// sameAsBuild fails unless the session's output is byte for byte what
// gazette build writes for the same sources.
func sameAsBuild(t *testing.T, step string, s *Session, dir string) {
	t.Helper()
	public, _ := mustBuild(t, dir)
	want := treeHashes(t, public)
	got := sessionHashes(t, s)
	// The root sitemap index lists each language's sitemap with the
	// date of its newest page; Hugo does not track that dependency, so
	// the preview keeps the first build's dates there. Nothing in the
	// preview links to it.
	delete(want, "sitemap.xml")
	delete(got, "sitemap.xml")
	if diff := diffTrees(want, got); len(diff) > 0 {
		t.Fatalf("%s: the preview differs from the build in %d files: %v", step, len(diff), diff)
	}
	os.RemoveAll(public)
}

func write(t *testing.T, dir, name, text string) fsnotify.Event {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	op := fsnotify.Write
	if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
		op = fsnotify.Create
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// Later than any earlier write, even where times have whole seconds.
	later := time.Now().Add(time.Duration(writes) * time.Second)
	writes++
	os.Chtimes(p, later, later)
	return fsnotify.Event{Name: p, Op: op}
}

var writes = 1

// TestSessionMatchesBuild follows a preview through the edits content
// staff make — retitle, add, break, fix, delete, change a static file —
// and after each one, once every page has been visited, requires the
// preview to hold exactly what a fresh gazette build writes.
func TestSessionMatchesBuild(t *testing.T) {
	dir := copySample(t)
	ctx := context.Background()
	s, rep, err := Open(ctx, Options{Source: dir})
	if err != nil {
		t.Fatalf("opening the sample site: %v", err)
	}
	defer s.Close()
	if rep.Pages["zh"] == 0 || rep.Pages["en"] == 0 {
		t.Errorf("first build counted pages %v", rep.Pages)
	}
	sameAsBuild(t, "first build", s, dir)

	const notice = "content/zh/notices/2024-water-supply-maintenance.md"
	orig, err := os.ReadFile(filepath.Join(dir, notice))
	if err != nil {
		t.Fatal(err)
	}
	text := string(orig)
	retitled := strings.Replace(text, "title = \"", "title = \"【更新】", 1)
	if retitled == text {
		t.Fatalf("%s has no TOML title line", notice)
	}

	steps := []struct {
		name    string
		edit    func() []fsnotify.Event
		wantErr string
	}{
		{"retitled", func() []fsnotify.Event {
			return []fsnotify.Event{write(t, dir, notice, retitled)}
		}, ""},
		{"new pair", func() []fsnotify.Event {
			return []fsnotify.Event{
				write(t, dir, "content/zh/news/2026-preview-test.md", "+++\ntitle = \"预览测试\"\ndate = 2026-11-20T09:30:00+08:00\ntranslationKey = \"preview-test\"\n+++\n\n新的动态。\n"),
				write(t, dir, "content/en/news/2026-preview-test.md", "+++\ntitle = \"Preview test\"\ndate = 2026-11-20T09:30:00+08:00\ntranslationKey = \"preview-test\"\n+++\n\nNew item.\n"),
			}
		}, ""},
		{"slug changed", func() []fsnotify.Event {
			return []fsnotify.Event{write(t, dir, "content/zh/news/2026-preview-test.md", "+++\ntitle = \"预览测试\"\ndate = 2026-11-20T09:30:00+08:00\ntranslationKey = \"preview-test\"\nslug = \"renamed\"\n+++\n\n新的动态。\n")}
		}, ""},
		{"broken front matter", func() []fsnotify.Event {
			return []fsnotify.Event{write(t, dir, notice, "+++\ntitle = \"没有结束的引号\n+++\n")}
		}, notice + ":2:"},
		{"fixed", func() []fsnotify.Event {
			return []fsnotify.Event{write(t, dir, notice, retitled)}
		}, ""},
		{"old address added", func() []fsnotify.Event {
			return []fsnotify.Event{write(t, dir, notice, strings.Replace(retitled, "+++\n", "+++\naliases = [\"/tzgg/2024/t20240612_1.html\"]\n", 1))}
		}, ""},
		{"old address removed", func() []fsnotify.Event {
			return []fsnotify.Event{write(t, dir, notice, retitled)}
		}, ""},
		{"static file changed and added", func() []fsnotify.Event {
			return []fsnotify.Event{
				write(t, dir, "static/favicon.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"> <rect width="16" height="16" fill="#a1261a"/> </svg>`),
				write(t, dir, "static/files/notice.txt", "plain text\n"),
			}
		}, ""},
		{"page and static file removed", func() []fsnotify.Event {
			var evs []fsnotify.Event
			for _, name := range []string{"content/zh/news/2026-preview-test.md", "content/en/news/2026-preview-test.md", "static/files/notice.txt"} {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
				evs = append(evs, fsnotify.Event{Name: p, Op: fsnotify.Remove})
			}
			return evs
		}, ""},
	}
	for _, st := range steps {
		before := sessionHashes(t, s)
		_, err := s.Rebuild(ctx, st.edit())
		if st.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), st.wantErr) {
				t.Fatalf("%s: error %v, want one naming %s", st.name, err, st.wantErr)
			}
			if s.Visit("/zh/") != nil {
				t.Errorf("%s: visiting a page while broken failed", st.name)
			}
			if diff := diffTrees(before, sessionHashes(t, s)); len(diff) > 0 {
				t.Errorf("%s: a failed build changed the preview: %v", st.name, diff)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		visitAll(t, s)
		sameAsBuild(t, st.name, s, dir)
	}
}

// TestSessionReportsWithoutLosingTheLastGoodBuild opens a site whose
// first build fails and checks that the session recovers once fixed.
func TestSessionRecoversFromABrokenStart(t *testing.T) {
	dir := copySample(t)
	const notice = "content/en/notices/2024-water-supply-maintenance.md"
	good, err := os.ReadFile(filepath.Join(dir, notice))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, notice, "+++\ndate = \"yesterday\"\n+++\n")
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Source: dir})
	if err == nil || !strings.Contains(err.Error(), notice) {
		t.Fatalf("opening a broken site: error %v, want one naming %s", err, notice)
	}
	if s == nil {
		t.Fatal("Open returned no session for a broken site")
	}
	defer s.Close()
	if n := len(sessionHashes(t, s)); n != 0 {
		t.Errorf("a failed first build left %d files in the preview", n)
	}
	if _, err := s.Rebuild(ctx, []fsnotify.Event{write(t, dir, notice, string(good))}); err != nil {
		t.Fatalf("after the fix: %v", err)
	}
	sameAsBuild(t, "recovered", s, dir)
}

// TestSessionRefusesStaticOverPage: as in a build, a static file may not
// silently replace a page the site renders.
func TestSessionRefusesStaticOverPage(t *testing.T) {
	dir := copySample(t)
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ev := write(t, dir, "static/zh/index.html", "<p>not the home page</p>")
	if _, err := s.Rebuild(ctx, []fsnotify.Event{ev}); err == nil || !strings.Contains(err.Error(), "static/zh/index.html: has the same path as a page") {
		t.Fatalf("static file over the home page: error %v", err)
	}
	if data, _ := fs.ReadFile(s.FS(), "zh/index.html"); strings.Contains(string(data), "not the home page") {
		t.Error("the static file replaced the rendered home page")
	}
}
