package importer

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gazette/internal/messages"
)

// smallSite serves an article, the routes given and a home page linking
// to them all, and answers robots.txt with robots; it records the paths
// asked for.
type smallSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
}

const smallArticle = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="关于调整公交线路的通告"><meta name="PubDate" content="2024-03-04 09:00">
<meta name="ColumnName" content="通知公告"></head>
<body><div class="TRS_Editor"><p>自三月十日起，12路公交车改经新华路行驶。</p></div></body></html>`

func serveArticle(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(smallArticle))
}

func newSmallSite(t *testing.T, robots http.HandlerFunc, routes map[string]http.HandlerFunc) *smallSite {
	t.Helper()
	s := &smallSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", robots)
	home := `<html><body><a href="/tzgg/bus.html">公交线路调整</a>`
	mux.HandleFunc("/tzgg/bus.html", serveArticle)
	for route, h := range routes {
		mux.HandleFunc(route, h)
		home += `<a href="` + route + `">链接</a>`
	}
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(home + `</body></html>`))
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

func (s *smallSite) requested() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.hits...)
}

// TestRobotsUnavailable follows RFC 9309: a robots.txt the server cannot
// give (a 5xx answer, or no answer) disallows the whole site, and the run
// says why it fetched nothing; one that is not there (4xx) allows all.
func TestRobotsUnavailable(t *testing.T) {
	hangUp := func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.(*net.TCPConn).SetLinger(0)
			conn.Close()
		}
	}
	for name, robots := range map[string]http.HandlerFunc{
		"503": func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
		},
		"500":     func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) },
		"hang up": hangUp,
	} {
		t.Run(name, func(t *testing.T) {
			s := newSmallSite(t, robots, nil)
			site, cfg := newSite(t)
			_, err := ImportPages(context.Background(), pagesOptions(site, cfg, s.URL+"/"))
			if problemKey(err) != messages.ImportRobotsUnavailable {
				t.Fatalf("error %v, want %s", err, messages.ImportRobotsUnavailable)
			}
			for _, lang := range []messages.Lang{messages.EN, messages.ZH} {
				if msg := Message(messages.New(lang), err); !strings.Contains(msg, s.URL+"/robots.txt") {
					t.Errorf("the message does not name robots.txt: %s", msg)
				}
			}
			if got := s.requested(); len(got) != 1 || got[0] != "/robots.txt" {
				t.Errorf("requested %q, want robots.txt only", got)
			}
			if _, err := os.Stat(filepath.Join(site, "content")); !os.IsNotExist(err) {
				t.Errorf("content written although the site is disallowed: %v", err)
			}
		})
	}
	for name, robots := range map[string]http.HandlerFunc{
		"404": http.NotFound,
		"403": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) },
	} {
		t.Run(name, func(t *testing.T) {
			s := newSmallSite(t, robots, nil)
			site, cfg := newSite(t)
			rep, err := ImportPages(context.Background(), pagesOptions(site, cfg, s.URL+"/"))
			if err != nil {
				t.Fatal(err)
			}
			if got := inputs(rep.Imported); len(got) != 1 || got[0] != s.URL+"/tzgg/bus.html" {
				t.Errorf("imported %q, want the article", got)
			}
		})
	}
}

// TestRedirectIntoDisallowed: a redirect is checked as a link would be,
// so that it cannot lead the crawler where robots.txt keeps it out, or
// off the old site.
func TestRedirectIntoDisallowed(t *testing.T) {
	other := newSmallSite(t, http.NotFound, nil)
	robots := func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	}
	s := newSmallSite(t, robots, map[string]http.HandlerFunc{
		"/tzgg/moved.html": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/private/staff.html", http.StatusFound)
		},
		"/tzgg/away.html": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/tzgg/bus.html", http.StatusMovedPermanently)
		},
		"/private/staff.html": serveArticle,
	})
	site, cfg := newSite(t)
	rep, err := ImportPages(context.Background(), pagesOptions(site, cfg, s.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.requested() {
		if strings.HasPrefix(p, "/private/") {
			t.Errorf("fetched %s, which robots.txt disallows, through a redirect", p)
		}
	}
	if got := other.requested(); len(got) > 0 {
		t.Errorf("followed a redirect to another host: %q", got)
	}
	if got := inputs(rep.Imported); len(got) != 1 || got[0] != s.URL+"/tzgg/bus.html" {
		t.Errorf("imported %q, want the article only", got)
	}
	// The report says where each redirect led and why it was not followed.
	reasons := map[string]string{}
	for _, it := range append(rep.Ignored, rep.Skipped...) {
		reasons[it.Input] = describe(messages.New(messages.EN), it.Err)
	}
	for page, want := range map[string]string{
		s.URL + "/tzgg/moved.html": s.URL + "/private/staff.html",
		s.URL + "/tzgg/away.html":  other.URL + "/tzgg/bus.html",
	} {
		if r, ok := reasons[page]; !ok || !strings.Contains(r, want) {
			t.Errorf("the report says of %s %q, want the redirect's target %s named", page, r, want)
		}
	}
}
