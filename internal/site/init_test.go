package site

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gazette/internal/browsertest"
	"gazette/internal/config"
	"gazette/internal/content"
	"gazette/internal/scaffold"
)

// A site fresh from `gazette init` builds without a warning, checks clean,
// and passes the reader tests: valid HTML on every page, no axe-core
// violation, no sideways scrolling on a phone.
func TestNewSitePassesTheReaderChecks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(scaffold.Options{Dir: dir, NameZH: "示例县人民政府", NameEN: "Example County Government"}); err != nil {
		t.Fatal(err)
	}
	public, rep := mustBuild(t, dir)
	if len(rep.Warnings) > 0 {
		t.Errorf("a new site builds with warnings: %q", rep.Warnings)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts := content.OptionsFromConfig(cfg)
	opts.Freshness = true
	if diags, err := content.Check(dir, opts); err != nil || len(diags) > 0 {
		t.Errorf("a new site does not check clean: %v %v", diags, err)
	}

	var pages []string
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return nil
	})
	for _, m := range browsertest.VNU(t, pages...) {
		t.Errorf("%s", m)
	}

	base := browsertest.Serve(t, public)
	browser := browsertest.Chromium(t)
	for _, lang := range []string{"zh", "en"} {
		var announcement string
		matches, _ := filepath.Glob(filepath.Join(public, lang, "notices", "*-welcome", "index.html"))
		if len(matches) != 1 {
			t.Fatalf("%s: %d welcome pages", lang, len(matches))
		}
		announcement = "/" + lang + "/notices/" + filepath.Base(filepath.Dir(matches[0])) + "/"
		for _, path := range []string{"/" + lang + "/", "/" + lang + "/notices/", announcement, "/" + lang + "/sitemap/", "/" + lang + "/404.html"} {
			t.Run(path, func(t *testing.T) {
				ctx := browsertest.Tab(t, browser)
				navigate(t, ctx, base, path)
				for _, v := range browsertest.Axe(ctx, t) {
					t.Errorf("%s: %s", path, v)
				}
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
					t.Fatal(err)
				}
				navigate(t, ctx, base, path)
				if w := evaluate[int](t, ctx, `document.documentElement.scrollWidth`); w > 320 {
					t.Errorf("%s scrolls sideways at 320px: %dpx wide", path, w)
				}
			})
		}
	}
}
