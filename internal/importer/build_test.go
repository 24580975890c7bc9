package importer

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gazette/internal/manifest"
	"gazette/internal/site"
)

// TestImportedSiteBuilds builds what an import of the fixture portal
// wrote, serves it as a static server would, and follows each old
// address to its new page; the manifest maps the old addresses to the
// new browse-count ids, for the legacy counts.
func TestImportedSiteBuilds(t *testing.T) {
	old := newOldSite(t)
	dir, cfg := newSite(t)
	if _, err := ImportPages(context.Background(), pagesOptions(dir, cfg, old.URL+"/")); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	if _, err := site.Build(context.Background(), site.Options{Source: dir, Dest: public}); err != nil {
		t.Fatalf("the imported site does not build: %v", err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(srv.Close)

	data, err := os.ReadFile(filepath.Join(public, "browsecount", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	byPath := m.ByPath()
	refresh := regexp.MustCompile(`<meta http-equiv="?refresh"? content="0; url=([^"]+)"`)
	tests := []struct{ old, page, id, title string }{
		{"/tzgg/202406/t20240612_1001.html", "/zh/notices/t20240612-1001/", "zh/t20240612-1001", "关于城区部分路段夜间施工的通告"},
		{"/en/notices/202406/t20240612_1002.html", "/en/notices/t20240612-1001/", "en/t20240612-1001", "Notice on Night-time Road Works in the City Centre"},
		{"/tzgg/202405/t20240528_1003.html", "/zh/notices/t20240528-1003/", "zh/notices/t20240528-1003", "关于开展第三季度消防安全检查的通知"},
		{"/xwdt/202405/t20240520_2001.html", "/zh/news/t20240520-2001/", "zh/news/t20240520-2001", "市政府召开防汛工作专题会议"},
		{"/zcwj/202403/t20240301_3001.html", "/zh/policies/t20240301-3001/", "zh/policies/t20240301-3001", "示例市老旧小区改造补助办法"},
	}
	for _, tt := range tests {
		t.Run(tt.old, func(t *testing.T) {
			body := get(t, srv.URL+tt.old)
			m := refresh.FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("%s does not redirect:\n%s", tt.old, body)
			}
			if want := cfg.BaseURL + strings.TrimPrefix(tt.page, "/"); m[1] != want {
				t.Errorf("%s leads to %s, want %s", tt.old, m[1], want)
			}
			if page := get(t, srv.URL+tt.page); !strings.Contains(page, tt.title) {
				t.Errorf("the new page %s does not show the title %q", tt.page, tt.title)
			}
			if byPath[tt.old] != tt.id {
				t.Errorf("the manifest maps %s to %q, want %q", tt.old, byPath[tt.old], tt.id)
			}
		})
	}
	// The attachments and the image are published with their page.
	for _, f := range []string{"W020240612_map.png", "P020240612_notice.pdf", "P020240612_roads.xls", "W020240612_form.doc"} {
		if _, err := os.Stat(filepath.Join(public, "zh", "notices", "t20240612-1001", f)); err != nil {
			t.Errorf("not published: %v", err)
		}
	}
}

func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	return string(body)
}
