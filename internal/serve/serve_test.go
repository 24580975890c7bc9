package serve_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/internal/messages"
	"gazette/internal/serve"
)

func TestServesTheBuiltSite(t *testing.T) {
	dir := newSite(t)
	srv := start(t, dir)
	base := srv.URL()
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("URL() = %q, want a loopback address", base)
	}

	page := get(t, base+zhPage)
	if page.status != http.StatusOK || !strings.Contains(page.body, "原始正文：第一版。") {
		t.Fatalf("GET %s: %d, want 200 with the announcement:\n%s", zhPage, page.status, page.body)
	}
	if !strings.Contains(page.body, `<script src="/__gazette/livereload.js" data-build="`) {
		t.Errorf("page has no live-reload script:\n%s", page.body)
	}
	if got := page.header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", got)
	}
	if i, j := strings.Index(page.body, "livereload.js"), strings.LastIndex(page.body, "</body>"); i > j {
		t.Errorf("live-reload script is after </body>")
	}

	// The preview lives in memory: in the site folder it keeps only its
	// browse-count database, in a folder git ignores.
	entries, err := os.ReadDir(filepath.Join(dir, ".gazette"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); n != ".gitignore" && !strings.HasPrefix(n, "browsecount.db") {
			t.Errorf("serve wrote .gazette/%s", n)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("serve wrote public/; the preview belongs in .gazette/")
	}
	if data, err := os.ReadFile(filepath.Join(dir, ".gazette", ".gitignore")); err != nil || !strings.Contains(string(data), "*") {
		t.Errorf(".gazette/.gitignore = %q, %v; want it to ignore everything", data, err)
	}

	tests := []struct {
		name, path string
		status     int
		want       string // in the body, or in Location for a redirect
	}{
		{"root redirects to the preview, not the published site", "/", http.StatusOK, `url=` + base + `zh/`},
		{"folder without slash", "/zh/notices", http.StatusFound, "/zh/notices/"},
		{"folder without an index", "/css/", http.StatusNotFound, ""},
		{"missing page under zh gets its 404 page", "/zh/none/", http.StatusNotFound, "data-build="},
		{"missing page under a language", "/en/notices/none/", http.StatusNotFound, "data-build="},
		{"script", "/__gazette/livereload.js", http.StatusOK, "EventSource"},
		{"site sources are not served", "/config.toml", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, strings.TrimSuffix(base, "/")+tt.path)
			if r.status != tt.status {
				t.Errorf("GET %s: status %d, want %d", tt.path, r.status, tt.status)
			}
			if got := r.body + r.header.Get("Location"); !strings.Contains(got, tt.want) {
				t.Errorf("GET %s: answer does not contain %q:\n%s", tt.path, tt.want, got)
			}
		})
	}
}

func TestEditBreakAndFix(t *testing.T) {
	for _, mode := range aheadModes {
		t.Run(mode.name, func(t *testing.T) { testEditBreakAndFix(t, mode.after) })
	}
}

func testEditBreakAndFix(t *testing.T, ahead time.Duration) {
	dir := newSite(t)
	srv, _ := startWith(t, serve.Options{Site: dir, AheadAfter: ahead})
	url := srv.URL() + zhPage
	first := get(t, url)
	asset := findAsset(t, first.body)

	// A good edit is served.
	writeFile(t, dir, zhNotice, zhNoticeText("修改后的正文：第二版。"))
	edited := waitFor(t, url, "showing the edit", func(r response) bool {
		return r.status == http.StatusOK && strings.Contains(r.body, "修改后的正文：第二版。")
	})
	if buildOf(edited.body) == buildOf(first.body) {
		t.Errorf("the rebuilt page names the same build %q as the first", buildOf(first.body))
	}

	// A broken edit: every page is the error page, naming file and line.
	writeFile(t, dir, zhNotice, brokenZhNotice)
	// Until the preview has read the whole save, it may show another
	// error first (a file caught half written reads as empty).
	broken := waitFor(t, url, "the error page naming line 2", func(r response) bool {
		return r.status == http.StatusInternalServerError && strings.Contains(r.body, zhNotice+":2:")
	})
	for _, want := range []string{"构建失败", "Build failed", `data-build="`} {
		if !strings.Contains(broken.body, want) {
			t.Errorf("error page does not contain %q:\n%s", want, broken.body)
		}
	}
	if other := get(t, srv.URL()+"en/"); other.status != http.StatusInternalServerError || !strings.Contains(other.body, zhNotice+":2:") {
		t.Errorf("GET /en/ while broken: %d, want the error page", other.status)
	}
	// Styles and scripts still come from the last good build.
	if r := get(t, srv.URL()+strings.TrimPrefix(asset, "/")); r.status != http.StatusOK {
		t.Errorf("GET %s while broken: %d, want the last good file", asset, r.status)
	}

	// Fixing the file recovers.
	writeFile(t, dir, zhNotice, zhNoticeText("改好后的正文：第三版。"))
	waitFor(t, url, "recovered", func(r response) bool {
		return r.status == http.StatusOK && strings.Contains(r.body, "改好后的正文：第三版。")
	})
}

// findAsset returns the path of a stylesheet or script the page links.
func findAsset(t testing.TB, page string) string {
	t.Helper()
	for _, attr := range []string{"href=", "src="} {
		for _, part := range strings.Split(page, attr)[1:] {
			v := strings.Trim(strings.Fields(strings.TrimLeft(part, `"`))[0], `">`)
			if strings.HasPrefix(v, "/") && (strings.HasSuffix(v, ".css") || strings.HasSuffix(v, ".js")) && !strings.HasPrefix(v, "/__gazette/") {
				return v
			}
		}
	}
	t.Fatalf("page links no stylesheet or script:\n%s", page)
	return ""
}

func TestNewFoldersAreWatched(t *testing.T) {
	dir := newSite(t)
	srv := start(t, dir)
	url := srv.URL() + "zh/news/bundle/"
	before := buildOf(get(t, srv.URL()+zhPage).body)

	// A new folder: its creation is a change of its own; wait for that
	// build, so the file written next can only be seen through a watch
	// on the new folder.
	if err := os.MkdirAll(filepath.Join(dir, "content", "zh", "news", "bundle"), 0o755); err != nil {
		t.Fatal(err)
	}
	waitFor(t, srv.URL()+zhPage, "rebuilt after the new folder", func(r response) bool { return buildOf(r.body) != before })
	writeFile(t, dir, "content/zh/news/bundle/index.md", "+++\ntitle = \"新文件夹里的动态\"\ndate = 2024-05-08T10:00:00\n+++\n\n新文件夹正文。\n")
	waitFor(t, url, "the page from the new folder", func(r response) bool {
		return r.status == http.StatusOK && strings.Contains(r.body, "新文件夹正文。")
	})
}

func TestBrowseCountAPI(t *testing.T) {
	dir := newSite(t)
	srv := start(t, dir)
	endpoint := srv.URL() + "api/browsecount"

	var m struct {
		Pages []struct{ ID, Path string }
	}
	r := get(t, srv.URL()+"browsecount/manifest.json")
	if err := json.Unmarshal([]byte(r.body), &m); err != nil || len(m.Pages) == 0 {
		t.Fatalf("manifest: %v, %d pages:\n%s", err, len(m.Pages), r.body)
	}
	id := m.Pages[0].ID

	hit := do(t, http.MethodPost, endpoint+"/v1/hit", `{"id":"`+id+`"}`)
	if hit.status != http.StatusOK || !strings.Contains(hit.body, `"views":1`) {
		t.Fatalf("POST /v1/hit %s: %d %s, want 200 with views 1", id, hit.status, hit.body)
	}
	views := get(t, endpoint+"/v1/views?id="+id)
	if views.status != http.StatusOK || !strings.Contains(views.body, `"`+id+`":1`) {
		t.Errorf("GET /v1/views: %d %s, want the count 1", views.status, views.body)
	}
	if r := do(t, http.MethodPost, endpoint+"/v1/hit", `{"id":"zh/not-a-page"}`); r.status != http.StatusNotFound {
		t.Errorf("POST /v1/hit for an id not in the manifest: %d, want 404", r.status)
	}
	if r := get(t, endpoint+"/healthz"); r.status != http.StatusOK {
		t.Errorf("GET /healthz: %d %s", r.status, r.body)
	}

	// A new announcement can be counted as soon as its build is served:
	// the manifest is reloaded after every good build.
	writeFile(t, dir, "content/zh/notices/brand-new.md", "+++\ntitle = \"新通知\"\ndate = 2024-05-09T10:00:00\ntranslationKey = \"brand-new\"\n+++\n\n新通知正文。\n")
	waitFor(t, srv.URL()+"browsecount/manifest.json", "listing the new page", func(r response) bool {
		return strings.Contains(r.body, `"zh/brand-new"`)
	})
	if r := do(t, http.MethodPost, endpoint+"/v1/hit", `{"id":"zh/brand-new"}`); r.status != http.StatusOK {
		t.Errorf("POST /v1/hit for the new page: %d %s, want 200", r.status, r.body)
	}

	// Counts are kept in the site's .gazette folder.
	if _, err := os.Stat(filepath.Join(dir, ".gazette", "browsecount.db")); err != nil {
		t.Errorf("browse-count store: %v", err)
	}
}

func TestCloseEndsOpenStreams(t *testing.T) {
	dir := newSite(t)
	srv, err := serve.Start(t.Context(), serve.Options{Site: dir})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.URL() + "__gazette/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	sc := bufio.NewScanner(resp.Body)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if strings.HasPrefix(sc.Text(), "data: ") {
			break
		}
	}
	if !strings.Contains(strings.Join(lines, "\n"), "event: reload\ndata: ") {
		t.Errorf("stream opened with %q, want the current build", lines)
	}

	// An open stream must not hold up the shutdown.
	if err := srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for sc.Scan() {
	}
	if _, err := http.Get(srv.URL()); err == nil {
		t.Errorf("still serving after Close")
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestStartErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port

	tests := []struct {
		name string
		opts func(site string) serve.Options
		want string
	}{
		{"not a site", func(string) serve.Options { return serve.Options{Site: t.TempDir()} }, "has no config.toml"},
		{"port in use", func(site string) serve.Options { return serve.Options{Site: site, Port: port} }, "--port"},
		{"bad port", func(site string) serve.Options { return serve.Options{Site: site, Port: 70000} }, "port 70000"},
	}
	site := newSite(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := serve.Start(t.Context(), tt.opts(site))
			if err == nil {
				srv.Close()
				t.Fatal("Start succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestEverySourceFolderIsWatched(t *testing.T) {
	dir := newSite(t)
	srv := start(t, dir)
	page := srv.URL() + zhPage
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	replace := func(name, old, new string) {
		text := read(name)
		if !strings.Contains(text, old) {
			t.Fatalf("%s does not contain %q", name, old)
		}
		writeFile(t, dir, name, strings.Replace(text, old, new, 1))
	}
	contains := func(s string) func(response) bool {
		return func(r response) bool { return r.status == http.StatusOK && strings.Contains(r.body, s) }
	}

	replace("config.toml", `siteName = "绵阳市人民政府"`, `siteName = "预览测试市人民政府"`)
	waitFor(t, page, "the new site name from config.toml", contains("预览测试市人民政府"))

	// The site overrides one string of the theme, then its stylesheet.
	writeFile(t, dir, "i18n/zh.toml", `home = "首页（已改）"`+"\n")
	waitFor(t, page, "the new string from i18n/", contains("首页（已改）"))

	css := findAsset(t, get(t, page).body)
	writeFile(t, dir, "assets/css/main.css", themeFile(t, "assets/css/main.css")+"\n.preview-test { color: #123456; }\n")
	waitFor(t, page, "a new stylesheet from assets/", func(r response) bool {
		return r.status == http.StatusOK && !strings.Contains(r.body, css)
	})

	writeFile(t, dir, "static/files/new.txt", "a new static file\n")
	waitFor(t, srv.URL()+"files/new.txt", "the new file from static/", contains("a new static file"))

	// A broken override of the theme's page layout, then back to the theme's.
	writeFile(t, dir, "layouts/page.html", "{{- define \"main\" }}\n<h1>{{ .Title }</h1>\n{{- end }}\n")
	broken := waitFor(t, page, "the template error", func(r response) bool { return r.status == http.StatusInternalServerError })
	if !strings.Contains(broken.body, "layouts/page.html:2") {
		t.Errorf("error page does not name layouts/page.html:2:\n%s", broken.body)
	}
	if err := os.Remove(filepath.Join(dir, "layouts", "page.html")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, page, "recovered", contains("原始正文：第一版。"))
}

// Many editors save by writing a temporary file and renaming it over the
// original; the temporary file's own events are ignored, the rename is not.
func TestAtomicSaveIsSeen(t *testing.T) {
	dir := newSite(t)
	srv := start(t, dir)
	tmp := filepath.Join(dir, "content", "zh", "notices", ".preview-test.md.swp")
	if err := os.WriteFile(tmp, []byte(zhNoticeText("原子保存的正文。")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, filepath.FromSlash(zhNotice))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, srv.URL()+zhPage, "the renamed-over file", func(r response) bool {
		return r.status == http.StatusOK && strings.Contains(r.body, "原子保存的正文。")
	})
}

// TestEveryPageFollowsAnEdit retitles an announcement and removes another
// while the preview runs: the column list, the home page and the feed show
// the new title although only the edited page was open, and the removed
// announcement's page is gone.
func TestEveryPageFollowsAnEdit(t *testing.T) {
	for _, mode := range aheadModes {
		t.Run(mode.name, func(t *testing.T) { testEveryPageFollowsAnEdit(t, mode.after) })
	}
}

func testEveryPageFollowsAnEdit(t *testing.T, ahead time.Duration) {
	dir := newSite(t)
	srv, _ := startWith(t, serve.Options{Site: dir, AheadAfter: ahead})
	for _, p := range []string{zhPage, "zh/notices/", "zh/", "zh/notices/index.xml", "zh/news/second/"} {
		if r := get(t, srv.URL()+p); r.status != http.StatusOK || !strings.Contains(r.body, "<") {
			t.Fatalf("GET /%s before the edit: %d", p, r.status)
		}
	}

	retitled := strings.Replace(zhNoticeText("正文。"), "预览测试通知", "改过标题的通知", 1)
	writeFile(t, dir, zhNotice, retitled)
	waitFor(t, srv.URL()+zhPage, "the new title", func(r response) bool {
		return strings.Contains(r.body, "改过标题的通知")
	})
	for _, p := range []string{"zh/notices/", "zh/", "zh/notices/index.xml"} {
		r := get(t, srv.URL()+p)
		if !strings.Contains(r.body, "改过标题的通知") || strings.Contains(r.body, "预览测试通知") {
			t.Errorf("GET /%s after the retitle does not show only the new title:\n%s", p, r.body)
		}
	}

	if err := os.Remove(filepath.Join(dir, "content/zh/news/second.md")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, srv.URL()+"zh/news/second/", "the removed page gone", func(r response) bool {
		return r.status == http.StatusNotFound
	})
}

// TestBrokenSettingsRecover breaks config.toml while the preview runs: the
// browser shows the error with its line, and fixing the file brings the
// site back.
func TestBrokenSettingsRecover(t *testing.T) {
	dir := newSite(t)
	srv := start(t, dir)
	page := srv.URL() + zhPage
	good, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(good), "\n")
	at := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "pageSize") })
	if at < 0 {
		t.Fatal("config.toml has no pageSize line")
	}
	lines[at] = `pageSize = "many"`
	writeFile(t, dir, "config.toml", strings.Join(lines, "\n"))
	broken := waitFor(t, page, "the settings error", func(r response) bool { return r.status == http.StatusInternalServerError })
	if want := fmt.Sprintf("config.toml:%d: pageSize", at+1); !strings.Contains(broken.body, want) {
		t.Errorf("error page does not name %s:\n%s", want, broken.body)
	}
	writeFile(t, dir, "config.toml", string(good))
	waitFor(t, page, "recovered", func(r response) bool {
		return r.status == http.StatusOK && strings.Contains(r.body, "原始正文：第一版。")
	})
}

// TestTerminalInChinese runs the preview for a Chinese-speaking writer: a
// content error reaches the terminal and the browser in Chinese, with its
// file and line.
func TestTerminalInChinese(t *testing.T) {
	for _, mode := range aheadModes {
		t.Run(mode.name, func(t *testing.T) { testTerminalInChinese(t, mode.after) })
	}
}

func testTerminalInChinese(t *testing.T, ahead time.Duration) {
	dir := newSite(t)
	srv, out := startWith(t, serve.Options{Site: dir, Messages: messages.New(messages.ZH), AheadAfter: ahead})
	page := srv.URL() + zhPage
	writeFile(t, dir, zhNotice, zhNoticeText("见[另一篇](/zh/notices/none/)。"))
	broken := waitFor(t, page, "the error page", func(r response) bool { return r.status == http.StatusInternalServerError })
	for _, want := range []string{zhNotice + ":8:", "内容中有 1 个错误"} {
		if !strings.Contains(broken.body, want) {
			t.Errorf("error page lacks %q:\n%s", want, broken.body)
		}
	}
	writeFile(t, dir, zhNotice, zhNoticeText("改好了。"))
	waitFor(t, page, "recovered", func(r response) bool { return r.status == http.StatusOK && strings.Contains(r.body, "改好了。") })
	for _, want := range []string{"正在生成", "生成失败", zhNotice + ":8:", "内容中有 1 个错误", "已修复"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("terminal lacks %q:\n%s", want, out.String())
		}
	}
}
