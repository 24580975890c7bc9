package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bareSite is a site with minimal layouts of its own, so these tests are
// about the build, not the theme.
const bareSite = `
-- config.toml --
baseURL = "https://www.example.gov.cn/"
[languages.zh]
siteName = "示例市人民政府"
[languages.en]
siteName = "Example Municipal People's Government"
-- layouts/baseof.html --
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head><title>{{ .Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body>
</html>
-- layouts/page.html --
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
-- layouts/list.html --
{{ define "main" }}<ul>{{ range .Pages }}<li>{{ .Title }}</li>{{ end }}</ul>{{ end }}
-- content/zh/notices/ok.md --
+++
title = "正常的通知"
date = 2024-03-01T09:30:00
translationKey = "ok"
+++
正文。
-- content/en/notices/ok.md --
+++
title = "A fine notice"
date = 2024-03-01T09:30:00
translationKey = "ok"
+++
Body.
`

func TestBuildErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name  string
		file  string // written over the bare site
		data  string
		want  string // the error must start with this
		extra string // and contain this
	}{
		{"broken TOML front matter", "content/zh/notices/bad.md",
			"+++\ntitle = \"坏\"\ndate = 2024-03-01T09:30:00\nsource = \n+++\n正文\n",
			"content/zh/notices/bad.md:4:", "toml"},
		{"broken YAML front matter", "content/en/notices/bad.md",
			"---\ntitle: Bad\ndate: 2024-03-01T09:30:00\n  source: x\n---\nBody\n",
			"content/en/notices/bad.md:", "mapping value"},
		{"unparsable date", "content/zh/notices/bad.md",
			"+++\ntitle = \"坏\"\ndate = \"2019/10/24\"\n+++\n正文\n",
			"content/zh/notices/bad.md:3:", "date"},
		{"template parse error", "layouts/page.html",
			"{{ define \"main\" }}\n<h1>{{ .Title }</h1>{{ end }}\n",
			"layouts/page.html:2", "unexpected"},
		{"template execution error", "layouts/page.html",
			"{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ .NoSuchField }}{{ end }}\n",
			"layouts/page.html:3:", "NoSuchField"},
		{"bad config value", "config.toml",
			"baseURL = \"https://www.example.gov.cn/\"\npageSize = \"many\"\n",
			"", "config.toml:2: pageSize: incompatible types"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, bareSite)
			public, _ := mustBuild(t, dir)
			before := treeHashes(t, public)

			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(tt.file)), []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := build(t, dir)
			if err == nil {
				t.Fatal("build succeeded, want an error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.want) || !strings.Contains(strings.ToLower(msg), strings.ToLower(tt.extra)) {
				t.Errorf("error = %q\nwant it to start with %q and contain %q", msg, tt.want, tt.extra)
			}
			if strings.Contains(msg, dir) && tt.file != "config.toml" {
				t.Errorf("error names the absolute site folder: %q", msg)
			}
			if d := diffTrees(before, treeHashes(t, public)); len(d) > 0 {
				t.Errorf("failed build changed the previous output: %v", d)
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.building-*"))
			if len(leftovers) > 0 {
				t.Errorf("failed build left temporary folders: %v", leftovers)
			}
		})
	}
}

func TestBuildDoesNotWriteIntoSiteFolder(t *testing.T) {
	dir := writeSite(t, bareSite)
	before := treeHashes(t, dir)
	if _, err := Build(t.Context(), Options{Source: dir, Dest: filepath.Join(t.TempDir(), "out")}); err != nil {
		t.Fatal(err)
	}
	if d := diffTrees(before, treeHashes(t, dir)); len(d) > 0 {
		t.Errorf("build wrote into the site folder: %v", d)
	}
}

func TestStaticFilesAreCopiedAndMinified(t *testing.T) {
	dir := writeSite(t, bareSite+`
-- static/css/extra.css --
body {
    color : #111111 ;
}
-- static/files/report.pdf --
%PDF-1.4 not minified
`)
	public, rep := mustBuild(t, dir)
	if got := read(t, public, "css/extra.css"); got != "body{color:#111}" {
		t.Errorf("static CSS = %q, want it minified", got)
	}
	if got := read(t, public, "files/report.pdf"); got != "%PDF-1.4 not minified\n" {
		t.Errorf("static PDF changed: %q", got)
	}
	if rep.BytesAfter >= rep.BytesBefore {
		t.Errorf("bytes after minify %d, before %d: want smaller", rep.BytesAfter, rep.BytesBefore)
	}
}

func TestStaticFileMayNotShadowAPage(t *testing.T) {
	dir := writeSite(t, bareSite+`
-- static/zh/notices/ok/index.html --
<p>stale copy</p>
`)
	_, err := build(t, dir)
	if err == nil || !strings.Contains(err.Error(), "static/zh/notices/ok/index.html") {
		t.Fatalf("error = %v, want one naming the static file that shadows a page", err)
	}
}

func TestMissingTranslationIsAWarning(t *testing.T) {
	dir := writeSite(t, bareSite+`
-- content/zh/news/only-zh.md --
+++
title = "只有中文"
date = 2024-03-02T08:00:00
+++
正文。
`)
	_, rep := mustBuild(t, dir)
	found := false
	for _, w := range rep.Warnings {
		if strings.HasPrefix(w, "content/zh/news/only-zh.md:") && strings.Contains(w, "no translation") {
			found = true
		}
	}
	if !found {
		t.Errorf("warnings %q: want one for content/zh/news/only-zh.md", rep.Warnings)
	}
	if rep.Pages["zh"] != 2 || rep.Pages["en"] != 1 {
		t.Errorf("pages = %v, want zh 2, en 1", rep.Pages)
	}
}

func TestManifestIDsAreStable(t *testing.T) {
	dir := writeSite(t, bareSite)
	public, _ := mustBuild(t, dir)
	first := strings.TrimSpace(read(t, public, manifestPath))

	// Retitle and move the announcement: its id must not change.
	moved := "+++\ntitle = \"改过标题的通知\"\nslug = \"renamed\"\ndate = 2024-03-01T09:30:00\ntranslationKey = \"ok\"\n+++\n正文。\n"
	os.Remove(filepath.Join(dir, "content/zh/notices/ok.md"))
	if err := os.WriteFile(filepath.Join(dir, "content/zh/notices/moved.md"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	public, _ = mustBuild(t, dir)
	second := strings.TrimSpace(read(t, public, manifestPath))
	want := `{"version":1,"pages":[{"id":"en/ok","lang":"en","path":"/en/notices/ok/"},{"id":"zh/ok","lang":"zh","path":"/zh/notices/renamed/"}]}`
	if first != strings.Replace(want, "renamed", "ok", 1) {
		t.Errorf("first manifest = %s", first)
	}
	if second != want {
		t.Errorf("manifest after retitle and rename =\n%s\nwant\n%s", second, want)
	}
}

// The CLI's defaults are relative: "-s ." and "-d public".
func TestBuildWithRelativePaths(t *testing.T) {
	dir := writeSite(t, bareSite)
	t.Chdir(dir)
	if _, err := Build(t.Context(), Options{Source: "."}); err != nil {
		t.Fatalf("build with relative paths: %v", err)
	}
	if got := read(t, filepath.Join(dir, "public"), "zh/notices/ok/index.html"); !strings.Contains(got, "正常的通知") {
		t.Errorf("page not built: %q", got)
	}
}

// TestSourceDirsRel: files Hugo names by absolute path (with \ on Windows)
// read as slash paths relative to the site, theme files with the theme's
// prefix, and anything else unchanged.
func TestSourceDirsRel(t *testing.T) {
	root := t.TempDir()
	dirs := sourceDirs{site: filepath.Join(root, "site"), theme: filepath.Join(root, "work", "themes", "gazette")}
	tests := []struct {
		name, want string
	}{
		{filepath.Join(root, "site", "content", "zh", "notices", "停水通知.md"), "content/zh/notices/停水通知.md"},
		{filepath.Join(root, "site", "layouts", "_partials", "footer.html"), "layouts/_partials/footer.html"},
		// A name that starts with two dots is still inside the site.
		{filepath.Join(root, "site", "..notes.md"), "..notes.md"},
		{filepath.Join(root, "work", "themes", "gazette", "layouts", "baseof.html"), "gazette:layouts/baseof.html"},
		{filepath.Join(root, "elsewhere", "x.md"), filepath.Join(root, "elsewhere", "x.md")},
	}
	for _, tt := range tests {
		if got := dirs.rel(tt.name); got != tt.want {
			t.Errorf("rel(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
	// In free text only the folders are cut; the rest of a path keeps the
	// system's separators.
	msg := "failed to render " + filepath.Join(dirs.site, "content", "zh", "a.md") + ": see " + filepath.Join(dirs.theme, "layouts", "single.html")
	if got, want := dirs.relPaths(msg), "failed to render "+filepath.FromSlash("content/zh/a.md")+": see gazette:"+filepath.FromSlash("layouts/single.html"); got != want {
		t.Errorf("relPaths:\n got %q\nwant %q", got, want)
	}
}
