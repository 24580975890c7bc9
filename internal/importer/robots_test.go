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

// smallSite serves one article and a home page linking to it, and answers
// robots.txt with robots; it records the paths asked for.
type smallSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
}

const smallArticle = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="关于调整公交线路的通告"><meta name="PubDate" content="2024-03-04 09:00">
<meta name="ColumnName" content="通知公告"></head>
<body><div class="TRS_Editor"><p>自三月十日起，12路公交车改经新华路行驶。</p></div></body></html>`

func newSmallSite(t *testing.T, robots http.HandlerFunc) *smallSite {
	t.Helper()
	s := &smallSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", robots)
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><body><a href="/tzgg/bus.html">公交线路调整</a></body></html>`))
	})
	mux.HandleFunc("/tzgg/bus.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(smallArticle))
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
			s := newSmallSite(t, robots)
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
			s := newSmallSite(t, robots)
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
