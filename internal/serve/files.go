package serve

import (
	"bytes"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"
)

// routes mounts the live-reload stream, the browse-count API (prefix
// stripped, as nginx does in production) and the site.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+eventsPath, s.hub.serveEvents)
	mux.HandleFunc("GET "+scriptPath, serveScript)
	mux.Handle(s.endpoint+"/", http.StripPrefix(s.endpoint, s.counter.Handler()))
	mux.HandleFunc("/", s.serveSite)
	return mux
}

// serveSite answers from the last good build the way the production web
// server does: a folder by its index.html, a missing file with the
// language's 404 page. HTML gets the live-reload script. While the last
// build is broken, every page (and every missing file) is the error page,
// while styles, scripts and images still come from the last good build.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The preview changes under the browser's feet: never reuse a copy.
	w.Header().Set("Cache-Control", "no-store")
	s.building.RLock()
	defer s.building.RUnlock()
	st := s.state.Load()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}

	var site fs.FS
	var info fs.FileInfo
	err := fs.ErrNotExist
	if st.ok {
		site = s.session.FS()
		info, err = fs.Stat(site, name)
	}
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// The cleaned name, so the target stays on this host; and not
			// 301: browsers keep those, and the preview's pages move.
			target := "/" + name + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
		name = path.Join(name, "index.html")
		info, err = fs.Stat(site, name)
	}
	switch {
	case err != nil && st.err != nil, err == nil && isHTML(name) && st.err != nil:
		s.serveError(w, st)
	case err != nil:
		s.serveNotFound(w, r, st, site, name)
	case isHTML(name):
		if !s.visit(name) {
			s.serveError(w, s.state.Load())
			return
		}
		s.servePage(w, r, st, site, name, http.StatusOK)
	default:
		if path.Ext(name) == ".xml" && !s.visit(name) { // feeds and sitemaps
			s.serveError(w, s.state.Load())
			return
		}
		f, err := site.Open(name)
		if err != nil {
			http.Error(w, "file changed while being read; reload", http.StatusServiceUnavailable)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, name, info.ModTime(), f.(io.ReadSeeker))
	}
}

// visit brings the page in the file name up to date before it is served:
// after a save the session re-renders only the changed pages and those
// visited lately; another page is rendered on its first visit. A failure
// is published like a failed build, and visit reports false.
func (s *Server) visit(name string) bool {
	if name == "index.html" {
		return true // the redirect to the default language: no page of its own
	}
	if err := s.session.Visit(pageURL(name)); err != nil {
		s.publish(nil, err)
		return false
	}
	return true
}

// pagerPath matches the folder of a list page's second and later pages,
// which are part of the list page's own rendering.
var pagerPath = regexp.MustCompile(`(^|/)page/\d+/$`)

// pageURL is the page's address as Hugo knows it: "zh/notices/x/index.html"
// is "/zh/notices/x/", and the pages of a list are the list.
func pageURL(name string) string {
	u := "/" + strings.TrimSuffix(name, "index.html")
	return pagerPath.ReplaceAllString(u, "$1")
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// servePage serves an HTML file of the build with the live-reload script.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, st *state, site fs.FS, name string, code int) {
	body, err := fs.ReadFile(site, name)
	if err != nil {
		http.Error(w, "file changed while being read; reload", http.StatusServiceUnavailable)
		return
	}
	body = s.localise(body, st)
	body = inject(body, scriptTag(s.pageBuildID(st, name)))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if code != http.StatusOK {
		w.WriteHeader(code)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}

// serveNotFound answers 404 with LANG/404.html for a path under /LANG/, else
// /404.html, else a line of text.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, st *state, site fs.FS, name string) {
	if site != nil {
		pages := []string{"404.html"}
		if lang, _, ok := strings.Cut(name, "/"); ok {
			pages = append([]string{lang + "/404.html"}, pages...)
		}
		for _, p := range pages {
			if _, err := fs.Stat(site, p); err == nil {
				s.servePage(w, r, st, site, p, http.StatusNotFound)
				return
			}
		}
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// localise points the site's absolute links (the "/" redirect, canonical
// and language links) at the preview instead of the published site, so
// that following them stays in the preview.
func (s *Server) localise(body []byte, st *state) []byte {
	if st.baseURL == "" || s.url == "" {
		return body
	}
	return bytes.ReplaceAll(body, []byte(st.baseURL), []byte(s.url))
}

// inject puts tag before the last </body>, or at the end of a page that
// has none (the minifier may drop it).
func inject(page []byte, tag string) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// errorPage is shown instead of every page while the build is broken. It
// is bilingual because the people who break it write in both languages.
var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>构建失败 · Build failed</title>
<style>
body { margin: 0; font: 16px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; background: #fdf3f2; color: #1f1f1f; }
main { max-width: 60rem; margin: 3rem auto; padding: 0 1.5rem; }
h1 { color: #a1261a; font-size: 1.6rem; }
pre { background: #fff; border: 1px solid #e0b4ae; border-left: 6px solid #a1261a; padding: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; font: 15px/1.5 ui-monospace, Menlo, Consolas, monospace; }
</style>
</head>
<body>
<main>
<h1>构建失败 · Build failed</h1>
<p lang="zh-CN">网站没有生成成功。请按下面的提示改正文件（文件名:行:列）并保存，本页会自动刷新。</p>
<p lang="en">The site could not be built. Fix the file named below (file:line:column) and save it; this page reloads by itself.</p>
<pre id="gazette-build-error">{{.Message}}</pre>
</main>
{{.Script}}
</body>
</html>
`))

func (s *Server) serveError(w http.ResponseWriter, st *state) {
	var buf bytes.Buffer
	errorPage.Execute(&buf, struct {
		Message string
		Script  template.HTML
	}{st.message, template.HTML(scriptTag(s.buildID(st)))})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(buf.Bytes())
}
