package site

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gohugoio/hugo/hugolib"

	"gazette/internal/config"
)

// secret is written only outside the site: no output and no message may
// show it.
const secret = "PRIVATE-MEMO-7731"

// linkedSite is a site with a symbolic link to a page outside it and one to
// a folder of pages outside it, both carrying the secret; it returns the
// site folder and the two links' targets.
func linkedSite(t *testing.T) (dir, fileTarget, folderTarget string) {
	t.Helper()
	out := t.TempDir()
	page := "+++\ntitle = \"" + secret + "\"\ndate = 2024-05-06T07:08:00\n+++\n" + secret + "\n"
	for _, name := range []string{"memo.md", "drafts/b.md", "drafts/_index.md"} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir = writeSite(t, themedConfig+`
-- content/zh/notices/a.md --
+++
title = "唯一的通知"
date = 2024-05-06T07:08:00
source = "示例办公室"
translationKey = "a"
+++
正文。
-- content/en/notices/a.md --
+++
title = "The only notice"
date = 2024-05-06T07:08:00
source = "Example Office"
translationKey = "a"
+++
Body.
`)
	fileTarget, folderTarget = filepath.Join(out, "memo.md"), filepath.Join(out, "drafts")
	for link, target := range map[string]string{"content/zh/notices/memo.md": fileTarget, "content/zh/news": folderTarget} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	return dir, fileTarget, folderTarget
}

// noSecret fails if any file under dir shows the secret.
func noSecret(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), secret) {
			t.Errorf("%s shows what is behind a symbolic link", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBuildRefusesLinksOutOfSite: the build stops on a link to a file or a
// folder outside the site, names each link and its target, and writes
// nothing.
func TestBuildRefusesLinksOutOfSite(t *testing.T) {
	dir, fileTarget, folderTarget := linkedSite(t)
	_, err := build(t, dir)
	var ce *CheckError
	if !errors.As(err, &ce) {
		t.Fatalf("build error %v, want the content check's", err)
	}
	msg := err.Error()
	for _, want := range []string{
		`content/zh/news: error: this is a symbolic link to "` + folderTarget + `", outside the site`,
		`content/zh/notices/memo.md: error: this is a symbolic link to "` + fileTarget + `", outside the site`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, secret) {
		t.Errorf("the error shows what is behind a link:\n%s", msg)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the refused build wrote public/ (%v)", err)
	}

	// The preview refuses the same way.
	if _, _, err := Open(context.Background(), Options{Source: dir}); !errors.As(err, &ce) {
		t.Errorf("preview error %v, want the content check's", err)
	}
}

// TestHugoSkipsLinks runs Hugo alone, without the checks that stop the
// build first: through Gazette's filesystem it must still read nothing
// behind the links, in a whole build as in the small site that renders an
// edited page ahead.
func TestHugoSkipsLinks(t *testing.T) {
	dir, _, _ := linkedSite(t)
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	r, err := render(dir, cfg, io.Discard, newMinifyFs(out), time.Time{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.counts["zh"] != 1 {
		t.Errorf("Hugo made %d Chinese pages, want only the real one", r.counts["zh"])
	}
	noSecret(t, out)

	mem := newMemSite()
	publishDir := filepath.Join(dir, ".gazette", "memory")
	keep := []string{
		filepath.Join(dir, "content/zh/notices/a.md"),
		filepath.Join(dir, "content/zh/notices/memo.md"),
		filepath.Join(dir, "content/zh/news/b.md"),
	}
	h, err := openHugo(dir, cfg, io.Discard, newMemoryMinifyFs(publishDir, mem), publishDir, hugoMode{only: keep})
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()
	if err := h.build(hugolib.BuildCfg{}); err != nil {
		t.Fatal(err)
	}
	for name, f := range mem.files {
		if strings.Contains(string(f.data), secret) {
			t.Errorf("%s rendered ahead shows what is behind a symbolic link", name)
		}
	}
}

// TestBuildWarnsOfLinksInsideSite: links that stay inside the site build,
// with a warning each; the page they point at is published once, where it
// is.
func TestBuildWarnsOfLinksInsideSite(t *testing.T) {
	dir := writeSite(t, themedConfig+`
-- content/zh/notices/a.md --
+++
title = "唯一的通知"
date = 2024-05-06T07:08:00
source = "示例办公室"
+++
正文。
`)
	for link, target := range map[string]string{"content/zh/notices/copy.md": "a.md", "content/zh/news": "notices"} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	public, rep := mustBuild(t, dir)
	warned := strings.Join(rep.Warnings, "\n")
	for _, want := range []string{
		`content/zh/news: warning: this is a symbolic link to "notices"`,
		`content/zh/notices/copy.md: warning: this is a symbolic link to "a.md"`,
	} {
		if !strings.Contains(warned, want) {
			t.Errorf("warnings lack %q:\n%s", want, warned)
		}
	}
	if rep.Pages["zh"] != 1 {
		t.Errorf("%d Chinese pages, want 1", rep.Pages["zh"])
	}
	read(t, public, "zh/notices/a/index.html")
	for _, gone := range []string{"zh/notices/copy/index.html", "zh/news/a/index.html"} {
		if _, err := os.Stat(filepath.Join(public, gone)); err == nil {
			t.Errorf("%s was published through a link", gone)
		}
	}
}
