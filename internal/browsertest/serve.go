package browsertest

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"testing"
)

// Serve serves the built site in dir over HTTP on a loopback port until the
// test ends, and returns its base URL without a trailing slash, such as
// "http://127.0.0.1:43210".
//
// It behaves like the production web server: a folder is served by its
// index.html (a folder without one is not listed, it is a 404), and a
// missing file gets status 404 with the site's own 404 page: LANG/404.html
// for a path under /LANG/ when that file exists, else /404.html, else a
// short text.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("browsertest: unable to serve %s: %v", dir, err)
	}
	srv := httptest.NewServer(siteHandler(os.DirFS(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// siteHandler serves the files of site the way Serve documents.
func siteHandler(site fs.FS) http.Handler {
	files := http.FileServerFS(site)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Tests change pages and reload them; never let the browser reuse
		// an old copy.
		w.Header().Set("Cache-Control", "no-store")
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "."
		}
		info, err := fs.Stat(site, name)
		if err == nil && info.IsDir() {
			_, err = fs.Stat(site, path.Join(name, "index.html"))
		}
		if err != nil {
			notFound(w, site, name)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// notFound answers 404 with the site's 404 page for name (see Serve).
func notFound(w http.ResponseWriter, site fs.FS, name string) {
	pages := []string{"404.html"}
	if lang, _, ok := strings.Cut(name, "/"); ok {
		pages = append([]string{lang + "/404.html"}, pages...)
	}
	for _, p := range pages {
		body, err := fs.ReadFile(site, p)
		if err != nil {
			continue
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(body)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}
