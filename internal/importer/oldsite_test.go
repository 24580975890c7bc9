package importer

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// oldSite serves testdata/oldsite as a Chinese government portal would,
// on 127.0.0.1, with what such sites also do: a redirect loop, a page that
// never answers in time, and a staff area robots.txt keeps crawlers out of.
type oldSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
}

func newOldSite(t *testing.T) *oldSite {
	t.Helper()
	s := &oldSite{}
	files := os.DirFS("testdata/oldsite")
	mux := http.NewServeMux()
	mux.HandleFunc("/loop/a.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/b.html", http.StatusFound)
	})
	mux.HandleFunc("/loop/b.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a.html", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/slow/page.html", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/private/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><meta name="ArticleTitle" content="内部通知"><meta name="PubDate" content="2024-01-02 08:00"><meta name="ColumnName" content="通知公告"></head><body><div class="TRS_Editor"><p>仅限内部。</p></div></body></html>`))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		data, err := fs.ReadFile(files, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		// Absolute links in the fixture name the server they are served from.
		data = bytes.ReplaceAll(data, []byte("{{HOST}}"), []byte(r.Host))
		switch path.Ext(name) {
		case ".html":
			w.Header().Set("Content-Type", "text/html") // the charset is in the page
		case ".txt":
			w.Header().Set("Content-Type", "text/plain")
		default:
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		w.Write(data)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits = append(s.hits, r.URL.Path)
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *oldSite) requested(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, h := range s.hits {
		if strings.HasPrefix(h, prefix) {
			out = append(out, h)
		}
	}
	return out
}

// siteConfig is a minimal site's config.toml.
const siteConfig = `baseURL = "https://www.example.gov.cn/"
timeZone = "Asia/Shanghai"

[languages.zh]
siteName = "示例市人民政府"
source = "示例市人民政府办公室"

[languages.en]
siteName = "Example Municipal People's Government"
`

// newSite makes a Gazette site folder with the repository's theme, so
// that it builds.
func newSite(t *testing.T) (string, *config.Config) {
	t.Helper()
	dir := t.TempDir()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"layouts", "i18n", "assets", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil && !os.IsNotExist(err) {
			t.Fatalf("copying %s: %v", d, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(siteConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, cfg
}

// pagesOptions are the options of an import from from into site.
func pagesOptions(site string, cfg *config.Config, from string) PagesOptions {
	return PagesOptions{
		Options: Options{Site: site, Config: cfg, Messages: messages.New(messages.EN),
			Now: func() time.Time { return time.Date(2024, 7, 1, 12, 0, 0, 0, cfg.Location()) }},
		From:    from,
		Timeout: 2 * time.Second,
	}
}

// tree maps every file under dir to its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return out
}

func inputs(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Input)
	}
	slices.Sort(out)
	return out
}
