package counter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gazette/internal/counter"
	"gazette/internal/counter/store/sqlite"
	"gazette/internal/manifest"
)

const browserUA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

var testManifest = manifest.Manifest{Version: 1, Pages: []manifest.Page{
	{ID: "zh/a", Lang: "zh", Path: "/zh/notices/a/"},
	{ID: "en/a", Lang: "en", Path: "/en/notices/a/"},
	{ID: "zh/b", Lang: "zh", Path: "/zh/news/b/"},
}}

// fixture is a Server over a real SQLite store in a temp dir, with a clock
// the test moves.
type fixture struct {
	t     *testing.T
	srv   *counter.Server
	http  *httptest.Server
	store *sqlite.Store
	now   atomic.Int64
}

func newFixture(t *testing.T, cfg counter.Config) *fixture {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "browsecount.db"))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: st}
	f.now.Store(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC).UnixNano())
	cfg.Now = func() time.Time { return time.Unix(0, f.now.Load()) }
	f.srv, err = counter.New(cfg, st, testManifest)
	if err != nil {
		t.Fatal(err)
	}
	f.http = httptest.NewServer(f.srv.Handler())
	t.Cleanup(func() {
		f.http.Close()
		f.srv.Close()
		st.Close()
	})
	return f
}

func (f *fixture) advance(d time.Duration) { f.now.Add(int64(d)) }

type reply struct {
	code   int
	header http.Header
	body   string
}

func (r reply) views(t *testing.T) int64 {
	t.Helper()
	var v struct {
		Views *int64 `json:"views"`
	}
	if err := json.Unmarshal([]byte(r.body), &v); err != nil || v.Views == nil {
		t.Fatalf("reply %d %q has no views: %v", r.code, r.body, err)
	}
	return *v.Views
}

func (f *fixture) do(method, path, body string, headers ...string) reply {
	f.t.Helper()
	req, err := http.NewRequest(method, f.http.URL+path, strings.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("User-Agent", browserUA)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := f.http.Client().Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{code: resp.StatusCode, header: resp.Header, body: string(b)}
}

func (f *fixture) hit(id string, headers ...string) reply {
	f.t.Helper()
	return f.do("POST", "/v1/hit", `{"id":"`+id+`"}`, headers...)
}

func (f *fixture) count(id string) int64 {
	f.t.Helper()
	got, err := f.store.Views(context.Background(), []string{id})
	if err != nil {
		f.t.Fatal(err)
	}
	return got[id]
}

func TestHitCountsAndAnswersWithTheNewCount(t *testing.T) {
	f := newFixture(t, counter.Config{ClientIPHeader: "X-Real-IP"})
	for i := 1; i <= 3; i++ {
		r := f.hit("zh/a", "X-Real-IP", fmt.Sprintf("198.51.100.%d", i))
		if r.code != 200 || r.views(t) != int64(i) {
			t.Fatalf("hit %d: %d %s", i, r.code, r.body)
		}
		if r.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("hit reply Cache-Control %q, want no-store", r.header.Get("Cache-Control"))
		}
	}
	if got := f.count("zh/a"); got != 3 {
		t.Fatalf("stored count %d, want 3", got)
	}
}

func TestHitRefusals(t *testing.T) {
	f := newFixture(t, counter.Config{})
	tests := []struct {
		name, body string
		code       int
		reason     string
	}{
		{"unknown id", `{"id":"zh/nope"}`, 404, "unknown id"},
		{"malformed", `{"id":`, 400, `body is not {"id":"<id>"}`},
		{"extra field", `{"id":"zh/a","views":99}`, 400, "unknown field"},
		{"bad id", `{"id":"zh/a\n"}`, 400, "U+000A"},
		{"too large", `{"id":"zh/a","pad":"` + strings.Repeat("x", 1100) + `"}`, 413, "1024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do("POST", "/v1/hit", tt.body)
			var e struct{ Error string }
			json.Unmarshal([]byte(r.body), &e)
			if r.code != tt.code || !strings.Contains(e.Error, tt.reason) {
				t.Fatalf("%s: %d %s, want %d with %q", tt.body, r.code, r.body, tt.code, tt.reason)
			}
		})
	}
	got, err := f.store.Views(context.Background(), []string{"zh/nope", "zh/a"})
	if err != nil || len(got) != 0 {
		t.Fatalf("refused hits stored something: %v %v", got, err)
	}
	if r := f.do("GET", "/v1/hit", ""); r.code != 405 {
		t.Fatalf("GET /v1/hit: %d, want 405", r.code)
	}
}

func TestChunkedBodyOverLimit(t *testing.T) {
	f := newFixture(t, counter.Config{})
	// No Content-Length: the limit must hold while reading.
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(`{"id":"zh/a","x":"` + strings.Repeat("y", 4096) + `"}`))
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", f.http.URL+"/v1/hit", pr)
	resp, err := f.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 {
		t.Fatalf("chunked oversized body: %d, want 413", resp.StatusCode)
	}
}

func TestDedupeAndBots(t *testing.T) {
	f := newFixture(t, counter.Config{ClientIPHeader: "X-Real-IP"})
	ip := []string{"X-Real-IP", "203.0.113.7"}
	if r := f.hit("zh/a", ip...); r.views(t) != 1 {
		t.Fatalf("first hit: %s", r.body)
	}
	f.advance(10 * time.Minute)
	if r := f.hit("zh/a", ip...); r.code != 200 || r.views(t) != 1 {
		t.Fatalf("reload within 30 minutes: %d %s, want 200 with views 1", r.code, r.body)
	}
	f.advance(21 * time.Minute)
	if r := f.hit("zh/a", ip...); r.views(t) != 2 {
		t.Fatalf("visit after 31 minutes: %s, want views 2", r.body)
	}
	bot := append(ip, "User-Agent", "Mozilla/5.0 (compatible; Baiduspider/2.0)")
	for range 3 {
		if r := f.hit("zh/a", bot...); r.code != 200 || r.views(t) != 2 {
			t.Fatalf("crawler hit: %d %s, want 200 with the count 2", r.code, r.body)
		}
	}
	headless := []string{"X-Real-IP", "203.0.113.8", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0.0.0 Safari/537.36"}
	if r := f.hit("zh/a", headless...); r.views(t) != 2 {
		t.Fatalf("headless hit: %s", r.body)
	}
	if got := f.count("zh/a"); got != 2 {
		t.Fatalf("stored count %d, want 2", got)
	}
	m := f.do("GET", "/metrics", "").body
	for _, line := range []string{
		`browsecount_hits_counted_total 2`,
		`browsecount_hits_refused_total{reason="duplicate"} 1`,
		`browsecount_hits_refused_total{reason="bot"} 4`,
	} {
		if !strings.Contains(m, line+"\n") {
			t.Errorf("metrics lack %q:\n%s", line, m)
		}
	}
}

func TestClientIPHeaderIgnoredUnlessConfigured(t *testing.T) {
	f := newFixture(t, counter.Config{})
	f.hit("zh/a", "X-Real-IP", "192.0.2.1")
	// Without --client-ip-header a client cannot pose as a new visitor
	// by changing the header.
	if r := f.hit("zh/a", "X-Real-IP", "192.0.2.2"); r.views(t) != 1 {
		t.Fatalf("spoofed X-Real-IP counted again: %s", r.body)
	}
}

func TestXForwardedForUsesTheProxysEntry(t *testing.T) {
	f := newFixture(t, counter.Config{ClientIPHeader: "X-Forwarded-For"})
	f.hit("zh/a", "X-Forwarded-For", "10.9.9.9, 192.0.2.1")
	// The client controls the first entries, the proxy appends the last.
	if r := f.hit("zh/a", "X-Forwarded-For", "10.1.1.1, 192.0.2.1"); r.views(t) != 1 {
		t.Fatalf("changing the client-supplied part counted again: %s", r.body)
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, counter.Config{RateLimit: 3, ClientIPHeader: "X-Real-IP"})
	ip := []string{"X-Real-IP", "192.0.2.9"}
	for _, id := range []string{"zh/a", "en/a", "zh/b"} {
		if r := f.hit(id, ip...); r.code != 200 {
			t.Fatalf("hit on %s under the limit: %d", id, r.code)
		}
	}
	f.advance(15 * time.Second)
	r := f.hit("zh/a", ip...)
	if r.code != 429 || r.header.Get("Retry-After") != "45" {
		t.Fatalf("4th hit in a minute: %d Retry-After %q, want 429 and 45", r.code, r.header.Get("Retry-After"))
	}
	if r := f.hit("zh/a", "X-Real-IP", "192.0.2.10"); r.code != 200 {
		t.Fatalf("another client: %d", r.code)
	}
	f.advance(46 * time.Second)
	if r := f.hit("en/a", "X-Real-IP", "192.0.2.99"); r.code != 200 {
		t.Fatalf("after the window: %d", r.code)
	}
	if r := f.hit("zh/a", ip...); r.code != 200 {
		t.Fatalf("same client after the window: %d %s", r.code, r.body)
	}
}

func TestViews(t *testing.T) {
	f := newFixture(t, counter.Config{ClientIPHeader: "X-Real-IP"})
	f.hit("zh/a", "X-Real-IP", "192.0.2.1")
	f.hit("zh/a", "X-Real-IP", "192.0.2.2")
	r := f.do("GET", "/v1/views?id=zh/a&id=zh/b&id=zh/unknown", "")
	if r.code != 200 || r.header.Get("Cache-Control") != "public, max-age=60" {
		t.Fatalf("views: %d Cache-Control %q", r.code, r.header.Get("Cache-Control"))
	}
	if r.body != `{"views":{"zh/a":2,"zh/b":0}}`+"\n" {
		t.Fatalf("views body %s", r.body)
	}
	if r := f.do("GET", "/v1/views", ""); r.code != 400 || !strings.Contains(r.body, "missing") {
		t.Fatalf("views without ids: %d %s", r.code, r.body)
	}
	q := strings.Repeat("id=zh/a&", 101)
	if r := f.do("GET", "/v1/views?"+q, ""); r.code != 400 || !strings.Contains(r.body, "limit is 100") {
		t.Fatalf("views with 101 ids: %d %s", r.code, r.body)
	}
}

func TestCORS(t *testing.T) {
	f := newFixture(t, counter.Config{AllowOrigins: []string{"https://www.example.gov.cn"}})
	good, bad := "https://www.example.gov.cn", "https://evil.example"

	r := f.do("OPTIONS", "/v1/hit", "", "Origin", good, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if r.code != 204 || r.header.Get("Access-Control-Allow-Origin") != good || !strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "Content-Type") {
		t.Fatalf("preflight from allowed origin: %d %v", r.code, r.header)
	}
	r = f.do("OPTIONS", "/v1/views", "", "Origin", good, "Access-Control-Request-Method", "GET")
	if r.code != 204 || r.header.Get("Access-Control-Allow-Origin") != good {
		t.Fatalf("views preflight from allowed origin: %d %v", r.code, r.header)
	}
	r = f.do("OPTIONS", "/v1/hit", "", "Origin", bad, "Access-Control-Request-Method", "POST")
	if r.code != 403 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("preflight from another origin: %d %v", r.code, r.header)
	}
	r = f.hit("zh/a", "Origin", good)
	if r.code != 200 || r.header.Get("Access-Control-Allow-Origin") != good || !strings.Contains(r.header.Get("Vary"), "Origin") {
		t.Fatalf("hit from allowed origin: %d %v", r.code, r.header)
	}
	// A text/plain POST needs no preflight, so the hit itself is refused.
	r = f.hit("zh/b", "Origin", bad, "Content-Type", "text/plain")
	if r.code != 403 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("hit from another origin: %d %v", r.code, r.header)
	}
	if f.count("zh/b") != 0 {
		t.Fatal("a hit from a refused origin was counted")
	}
	r = f.do("GET", "/v1/views?id=zh/a", "", "Origin", bad)
	if r.code != 200 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("views from another origin: %d, ACAO %q; want 200 without CORS headers", r.code, r.header.Get("Access-Control-Allow-Origin"))
	}
	// Same origin (page and API behind one nginx): browsers send Origin
	// on POST; it matches the Host.
	host := strings.TrimPrefix(f.http.URL, "http://")
	if r := f.hit("zh/b", "Origin", "http://"+host); r.code != 200 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("same-origin hit: %d %v", r.code, r.header)
	}
}

func TestConcurrentHitsShareBatchesAndAreExact(t *testing.T) {
	f := newFixture(t, counter.Config{ClientIPHeader: "X-Real-IP"})
	const clients, each = 16, 40
	var wg sync.WaitGroup
	seen := make(chan int64, clients*each)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				r := f.hit("zh/a", "X-Real-IP", fmt.Sprintf("10.%d.%d.1", c, i))
				if r.code != 200 {
					t.Errorf("hit: %d %s", r.code, r.body)
					return
				}
				seen <- r.views(t)
			}
		}()
	}
	wg.Wait()
	close(seen)
	got := map[int64]bool{}
	for v := range seen {
		if got[v] {
			t.Fatalf("two hits were both told views=%d", v)
		}
		got[v] = true
	}
	if n := f.count("zh/a"); n != clients*each || len(got) != clients*each {
		t.Fatalf("stored %d, %d distinct answers; want %d", n, len(got), clients*each)
	}
	m := f.do("GET", "/metrics", "").body
	if !strings.Contains(m, "browsecount_batch_size_count") || !strings.Contains(m, "browsecount_commit_duration_seconds_bucket") {
		t.Fatalf("metrics lack batch histograms:\n%s", m)
	}
}

func TestStoreDownGives503AndRetryCounts(t *testing.T) {
	f := newFixture(t, counter.Config{ClientIPHeader: "X-Real-IP"})
	f.store.Close() // the store fails every call from now on
	ip := []string{"X-Real-IP", "192.0.2.1"}
	r := f.hit("zh/a", ip...)
	if r.code != 503 || r.header.Get("Retry-After") == "" {
		t.Fatalf("hit with the store down: %d %s", r.code, r.body)
	}
	if r := f.do("GET", "/v1/views?id=zh/a", ""); r.code != 503 {
		t.Fatalf("views with the store down: %d", r.code)
	}
	if r := f.do("GET", "/healthz", ""); r.code != 503 {
		t.Fatalf("healthz with the store down: %d", r.code)
	}
}

func TestHealthz(t *testing.T) {
	f := newFixture(t, counter.Config{})
	r := f.do("GET", "/healthz", "")
	if r.code != 200 || !strings.Contains(r.body, `"pages":3`) {
		t.Fatalf("healthz: %d %s", r.code, r.body)
	}
}

func TestManifestReload(t *testing.T) {
	f := newFixture(t, counter.Config{})
	if r := f.hit("zh/new"); r.code != 404 {
		t.Fatalf("hit on a page not yet built: %d", r.code)
	}
	m := testManifest
	m.Pages = append(append([]manifest.Page(nil), m.Pages...), manifest.Page{ID: "zh/new", Lang: "zh", Path: "/zh/new/"})
	f.srv.SetManifest(m)
	if r := f.hit("zh/new"); r.code != 200 {
		t.Fatalf("hit after reload: %d %s", r.code, r.body)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  counter.Config
		want string
	}{
		{"origin with path", counter.Config{AllowOrigins: []string{"https://a.example/x"}}, `"https://a.example/x"`},
		{"origin without scheme", counter.Config{AllowOrigins: []string{"a.example"}}, `"a.example"`},
		{"negative rate", counter.Config{RateLimit: -1}, "rate limit -1"},
		{"bad header", counter.Config{ClientIPHeader: "X Real IP"}, `"X Real IP"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate: %v, want an error naming %s", err, tt.want)
			}
		})
	}
	if err := (counter.Config{AllowOrigins: []string{"https://www.example.gov.cn", "http://localhost:1313/"}}).Validate(); err != nil {
		t.Fatal(err)
	}
}
