package main

import (
	"compress/gzip"
	"net"
	"net/http"
	"os"
	"path"
	"regexp"
	"runtime"
	"strings"
	"sync"
)

// fingerprint matches the content-hashed names that a CDN may cache for
// good: gazette's .<64 hex>. and Pagefind's _<hex>. names.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{64}\.|_[0-9a-f]{8,}\.`)

// served is one response: the path and the bytes of its body as sent.
type served struct {
	path  string
	bytes int64
}

// server serves public on a loopback port as a web server in front of a
// CDN would: text gzipped in transit, files already gzipped as they are,
// content-hashed names cached for good. It counts what it sends: the
// browser's own accounting misses what a web worker fetches, as Pagefind's
// does.
type server struct {
	base string
	mu   sync.Mutex
	log  []served
	stop func()
}

// sent returns the responses since the mark (a length of the log) and the
// new mark. Call it once the page's requests have finished.
func (s *server) sent(mark int) ([]served, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]served(nil), s.log[mark:]...), len(s.log)
}

func serve(public string) (*server, error) {
	s := &server{}
	files := http.FileServerFS(os.DirFS(public))
	h := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w := &counter{ResponseWriter: rw}
		defer func() {
			s.mu.Lock()
			s.log = append(s.log, served{r.URL.Path, w.n})
			s.mu.Unlock()
		}()
		if fingerprint.MatchString(path.Base(r.URL.Path)) {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=300")
		}
		name := r.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if !compressible(name) || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		files.ServeHTTP(gzipWriter{w, gz}, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	s.base, s.stop = "http://"+ln.Addr().String(), func() { srv.Close() }
	return s, nil
}

// counter counts the bytes of a response's body.
type counter struct {
	http.ResponseWriter
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.n += int64(n)
	return n, err
}

// gzipWriter sends a response through gzip; the length is no longer known.
type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func (g gzipWriter) Write(p []byte) (int, error) {
	g.Header().Del("Content-Length")
	return g.gz.Write(p)
}

func numCPU() int { return runtime.NumCPU() }
