package main

// End-to-end tests: build the real binary, run it on 127.0.0.1:0 with a
// temporary database, and talk to it over HTTP. Each runs against SQLite,
// and against PostgreSQL when GAZETTE_TEST_POSTGRES is set (required in CI).

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"

	"gazette/internal/counter/store/storetest"
	"gazette/internal/manifest"
)

const browserUA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "browsecount-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "browsecount")
	build := exec.Command("go", "build", "-o", binPath, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building browsecount for the end-to-end tests:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// backend is a fresh, empty store for one test.
type backend struct {
	name string
	args []string // store flags
	env  []string
	rows func(t *testing.T) int // rows in the counts table
}

// sqliteBackend is a fresh SQLite file, with extra flags.
func sqliteBackend(t *testing.T, name string, flags ...string) backend {
	db := filepath.Join(t.TempDir(), "browsecount.db")
	return backend{name: name, args: append([]string{"--db", db}, flags...), rows: func(t *testing.T) int {
		conn, err := sql.Open("sqlite", db+"?_query_only=1")
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var n int
		if err := conn.QueryRow("SELECT count(*) FROM browsecount_views").Scan(&n); err != nil {
			t.Fatalf("counting rows in %s: %v", db, err)
		}
		return n
	}}
}

func postgresBackend(t *testing.T) backend {
	u := storetest.PostgresSchema(t)
	return backend{name: "postgres", env: []string{"BROWSECOUNT_POSTGRES=" + u}, rows: func(t *testing.T) int {
		conn, err := pgx.Connect(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(context.Background())
		var n int
		if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM browsecount_views").Scan(&n); err != nil {
			t.Fatalf("counting rows: %v", err)
		}
		return n
	}}
}

// eachBackend runs fn as a subtest per store: SQLite with the default
// --sqlite-sync normal, SQLite with full, and PostgreSQL.
func eachBackend(t *testing.T, fn func(t *testing.T, b backend)) {
	for _, mk := range []struct {
		name string
		new  func(t *testing.T) backend
	}{
		{"sqlite", func(t *testing.T) backend { return sqliteBackend(t, "sqlite") }},
		{"sqlite-full", func(t *testing.T) backend { return sqliteBackend(t, "sqlite-full", "--sqlite-sync", "full") }},
		{"postgres", postgresBackend},
	} {
		t.Run(mk.name, func(t *testing.T) { fn(t, mk.new(t)) })
	}
}

func writeManifest(t *testing.T, dir string, ids ...string) string {
	t.Helper()
	m := manifest.Manifest{Version: 1}
	for _, id := range ids {
		lang, key, _ := strings.Cut(id, "/")
		m.Pages = append(m.Pages, manifest.Page{ID: id, Lang: lang, Path: "/" + lang + "/notices/" + key + "/"})
	}
	path := filepath.Join(dir, "manifest.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := manifest.Write(f, m); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func pageIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("zh/notice-%03d", i)
	}
	return ids
}

// proc is a running browsecount.
type proc struct {
	t      *testing.T
	cmd    *exec.Cmd
	base   string
	mu     sync.Mutex
	log    strings.Builder
	exited chan struct{}
	err    error
}

var listenLine = regexp.MustCompile(`msg=listening addr=(\S+)`)

func start(t *testing.T, b backend, args ...string) *proc {
	t.Helper()
	all := append([]string{"--listen", "127.0.0.1:0"}, b.args...)
	all = append(all, args...)
	cmd := exec.Command(binPath, all...)
	cmd.Env = append(os.Environ(), b.env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, cmd: cmd, exited: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.log.WriteString(line + "\n")
			p.mu.Unlock()
			if m := listenLine.FindStringSubmatch(line); m != nil {
				addr <- m[1]
			}
		}
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.exited
		if t.Failed() {
			t.Logf("browsecount log:\n%s", p.logs())
		}
	})
	select {
	case a := <-addr:
		p.base = "http://" + a
	case <-p.exited:
		t.Fatalf("browsecount exited at start (%v):\n%s", p.err, p.logs())
	case <-time.After(30 * time.Second):
		t.Fatalf("browsecount did not start listening in 30s:\n%s", p.logs())
	}
	return p
}

func (p *proc) logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// stop sends sig and waits for the exit, returning its exit code.
func (p *proc) stop(sig os.Signal) int {
	p.t.Helper()
	p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		p.t.Fatalf("browsecount did not exit within 30s of %v", sig)
	}
	return p.cmd.ProcessState.ExitCode()
}

var client = &http.Client{
	Timeout:   10 * time.Second,
	Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64},
}

type resp struct {
	code   int
	header http.Header
	body   string
}

func (p *proc) do(method, path, body string, headers ...string) (resp, error) {
	req, err := http.NewRequest(method, p.base+path, strings.NewReader(body))
	if err != nil {
		return resp{}, err
	}
	req.Header.Set("User-Agent", browserUA)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	r, err := client.Do(req)
	if err != nil {
		return resp{}, err
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	return resp{code: r.StatusCode, header: r.Header, body: string(b)}, err
}

func (p *proc) mustDo(method, path, body string, headers ...string) resp {
	p.t.Helper()
	r, err := p.do(method, path, body, headers...)
	if err != nil {
		p.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

func (p *proc) hit(id string, headers ...string) resp {
	p.t.Helper()
	return p.mustDo("POST", "/v1/hit", `{"id":"`+id+`"}`, headers...)
}

func (p *proc) views(ids ...string) map[string]int64 {
	p.t.Helper()
	q := "id=" + strings.Join(ids, "&id=")
	r := p.mustDo("GET", "/v1/views?"+q, "")
	if r.code != 200 {
		p.t.Fatalf("views: %d %s", r.code, r.body)
	}
	var v struct{ Views map[string]int64 }
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		p.t.Fatalf("views body %q: %v", r.body, err)
	}
	return v.Views
}

func TestConcurrentClientsExactCount(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ids := pageIDs(5)
		p := start(t, b, "--manifest", writeManifest(t, t.TempDir(), ids...), "--rate-limit", "0", "--client-ip-header", "X-Real-IP")
		const clients, each = 32, 50
		var wg sync.WaitGroup
		var visitor atomic.Int64
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					id := ids[(c+i)%len(ids)]
					v := visitor.Add(1)
					r, err := p.do("POST", "/v1/hit", `{"id":"`+id+`"}`, "X-Real-IP", fmt.Sprintf("10.0.%d.%d", v/250, v%250))
					if err != nil || r.code != 200 {
						t.Errorf("hit %s: %v %d %s", id, err, r.code, r.body)
						return
					}
				}
			}()
		}
		wg.Wait()
		var total int64
		for _, n := range p.views(ids...) {
			total += n
		}
		if total != clients*each {
			t.Fatalf("total count %d after %d acknowledged hits", total, clients*each)
		}
	})
}

// TestKillMidLoadKeepsAcknowledgedHits kills the process with SIGKILL while
// clients are sending hits, restarts it on the same database, and checks
// that every hit that got 200 is there (and no more than were sent).
func TestKillMidLoadKeepsAcknowledgedHits(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ids := pageIDs(20)
		args := []string{"--manifest", writeManifest(t, t.TempDir(), ids...), "--rate-limit", "0", "--client-ip-header", "X-Real-IP"}
		acked := make([]atomic.Int64, len(ids))
		sent := make([]atomic.Int64, len(ids))
		var visitor atomic.Int64
		for round := range 2 {
			p := start(t, b, args...)
			var wg sync.WaitGroup
			var total atomic.Int64
			for c := range 16 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; ; i++ {
						k := (c*7 + i) % len(ids)
						v := visitor.Add(1)
						sent[k].Add(1)
						r, err := p.do("POST", "/v1/hit", `{"id":"`+ids[k]+`"}`, "X-Real-IP", fmt.Sprintf("10.%d.%d.%d", v>>16&255, v>>8&255, v&255))
						if err != nil {
							return // the process is gone
						}
						if r.code != 200 {
							t.Errorf("hit: %d %s", r.code, r.body)
							return
						}
						acked[k].Add(1)
						total.Add(1)
					}
				}()
			}
			for deadline := time.Now().Add(20 * time.Second); total.Load() < 3000 && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			wg.Wait()
			<-p.exited
			t.Logf("round %d: killed after %d acknowledged hits", round, total.Load())
		}
		p := start(t, b, args...)
		got := p.views(ids...)
		for k, id := range ids {
			a, s := acked[k].Load(), sent[k].Load()
			if got[id] < a || got[id] > s {
				t.Errorf("%s: count %d after restart; %d acknowledged, %d sent", id, got[id], a, s)
			}
		}
	})
}

func TestUnknownIDsCreateNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		p := start(t, b, "--manifest", writeManifest(t, t.TempDir(), "zh/a", "en/a"))
		for i := range 50 {
			r := p.hit(fmt.Sprintf("zh/made-up-%d", i))
			if r.code != 404 {
				t.Fatalf("hit on an unknown id: %d %s", r.code, r.body)
			}
		}
		if v := p.views("zh/made-up-1", "zh/a"); len(v) != 1 || v["zh/a"] != 0 {
			t.Fatalf("views: %v, want only zh/a with 0", v)
		}
		if n := b.rows(t); n != 0 {
			t.Fatalf("%d rows after hits on unknown ids only", n)
		}
		p.hit("zh/a")
		if n := b.rows(t); n != 1 {
			t.Fatalf("%d rows after one real hit, want 1", n)
		}
	})
}

func TestDedupeBotAndRateLimit(t *testing.T) {
	b := sqliteBackend(t, "sqlite")
	p := start(t, b, "--manifest", writeManifest(t, t.TempDir(), "zh/a", "zh/b", "zh/c"), "--rate-limit", "4", "--client-ip-header", "X-Real-IP")
	ip := []string{"X-Real-IP", "192.0.2.1"}
	if r := p.hit("zh/a", ip...); r.code != 200 || !strings.Contains(r.body, `"views":1`) {
		t.Fatalf("first hit: %d %s", r.code, r.body)
	}
	if r := p.hit("zh/a", ip...); r.code != 200 || !strings.Contains(r.body, `"views":1`) {
		t.Fatalf("reload: %d %s, want views 1", r.code, r.body)
	}
	bot := []string{"X-Real-IP", "192.0.2.2", "User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"}
	if r := p.hit("zh/a", bot...); r.code != 200 || !strings.Contains(r.body, `"views":1`) {
		t.Fatalf("crawler: %d %s, want the count 1", r.code, r.body)
	}
	if r := p.hit("zh/b", ip...); r.code != 200 {
		t.Fatalf("3rd hit: %d", r.code)
	}
	if r := p.hit("zh/c", ip...); r.code != 200 {
		t.Fatalf("4th hit: %d", r.code)
	}
	r := p.hit("zh/c", ip...)
	if r.code != 429 || r.header.Get("Retry-After") == "" {
		t.Fatalf("5th hit in a minute: %d Retry-After %q, want 429 with Retry-After", r.code, r.header.Get("Retry-After"))
	}
	if r := p.hit("zh/c", "X-Real-IP", "192.0.2.3"); r.code != 200 || !strings.Contains(r.body, `"views":2`) {
		t.Fatalf("another client: %d %s", r.code, r.body)
	}
	m := p.mustDo("GET", "/metrics", "").body
	for _, want := range []string{"browsecount_hits_counted_total 4", `reason="duplicate"} 1`, `reason="bot"} 1`, `reason="rate_limited"} 1`} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(p.logs(), "192.0.2.") {
		t.Fatalf("a client address reached the log:\n%s", p.logs())
	}
}

func TestCORS(t *testing.T) {
	b := sqliteBackend(t, "sqlite")
	p := start(t, b, "--manifest", writeManifest(t, t.TempDir(), "zh/a"), "--allow-origin", "https://www.example.gov.cn")
	r := p.mustDo("OPTIONS", "/v1/hit", "", "Origin", "https://www.example.gov.cn", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if r.code != 204 || r.header.Get("Access-Control-Allow-Origin") != "https://www.example.gov.cn" {
		t.Fatalf("allowed preflight: %d %v", r.code, r.header)
	}
	r = p.hit("zh/a", "Origin", "https://www.example.gov.cn")
	if r.code != 200 || r.header.Get("Access-Control-Allow-Origin") != "https://www.example.gov.cn" {
		t.Fatalf("allowed hit: %d %v", r.code, r.header)
	}
	r = p.mustDo("OPTIONS", "/v1/hit", "", "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "POST")
	if r.code == 204 || r.header.Get("Access-Control-Allow-Origin") != "" || r.header.Get("Access-Control-Allow-Methods") != "" {
		t.Fatalf("refused preflight: %d %v", r.code, r.header)
	}
	r = p.hit("zh/a", "Origin", "https://elsewhere.example", "User-Agent", browserUA+" other")
	if r.code != 403 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("refused hit: %d %v", r.code, r.header)
	}
	r = p.mustDo("GET", "/v1/views?id=zh/a", "", "Origin", "https://elsewhere.example")
	if r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("views for a refused origin carry CORS headers: %v", r.header)
	}
	if v := p.views("zh/a"); v["zh/a"] != 1 {
		t.Fatalf("count %d, want 1 (the refused origin's hit must not count)", v["zh/a"])
	}
}

func TestManifestReloadOnSIGHUPAndGracefulStop(t *testing.T) {
	b := sqliteBackend(t, "sqlite")
	dir := t.TempDir()
	mf := writeManifest(t, dir, "zh/a")
	p := start(t, b, "--manifest", mf, "--rate-limit", "0", "--client-ip-header", "X-Real-IP")
	if r := p.hit("zh/new"); r.code != 404 {
		t.Fatalf("hit before the page exists: %d", r.code)
	}
	writeManifest(t, dir, "zh/a", "zh/new")
	p.cmd.Process.Signal(syscall.SIGHUP)
	deadline := time.Now().Add(10 * time.Second)
	for p.hit("zh/new", "X-Real-IP", "192.0.2.1").code != 200 {
		if time.Now().After(deadline) {
			t.Fatalf("zh/new still unknown 10s after SIGHUP:\n%s", p.logs())
		}
		time.Sleep(50 * time.Millisecond)
	}
	// A broken manifest is refused and the previous one stays.
	os.WriteFile(mf, []byte(`{"version":1,"pages":[`), 0o644)
	p.cmd.Process.Signal(syscall.SIGHUP)
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(p.logs(), "manifest reload failed"); {
		if time.Now().After(deadline) {
			t.Fatalf("failed reload not logged within 10s:\n%s", p.logs())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if r := p.hit("zh/new", "X-Real-IP", "192.0.2.2"); r.code != 200 {
		t.Fatalf("hit after a failed reload: %d", r.code)
	}

	// SIGTERM under load: every request is answered or refused at
	// connect, the process exits 0, and every 200 is stored.
	var acked atomic.Int64
	var wg sync.WaitGroup
	var visitor atomic.Int64
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				v := visitor.Add(1)
				r, err := p.do("POST", "/v1/hit", `{"id":"zh/a"}`, "X-Real-IP", fmt.Sprintf("10.1.%d.%d", v>>8&255, v&255))
				if err != nil {
					return
				}
				if r.code == 200 {
					acked.Add(1)
				} else if r.code != 503 {
					t.Errorf("hit during shutdown: %d %s", r.code, r.body)
					return
				}
			}
		}()
	}
	for deadline := time.Now().Add(20 * time.Second); acked.Load() < 200 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if code := p.stop(syscall.SIGTERM); code != 0 {
		t.Fatalf("exit code %d after SIGTERM, want 0:\n%s", code, p.logs())
	}
	wg.Wait()
	p2 := start(t, b, "--manifest", writeManifest(t, dir, "zh/a"))
	if got := p2.views("zh/a")["zh/a"]; got != acked.Load() {
		t.Fatalf("count %d after graceful stop, %d acknowledged", got, acked.Load())
	}
}

func TestImport(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		dir := t.TempDir()
		mf := writeManifest(t, dir, "zh/a", "zh/b")
		csv := filepath.Join(dir, "legacy.csv")
		os.WriteFile(csv, []byte("id,count\nzh/a,1200\nzh/b,7\n"), 0o644)
		runImport := func(file string) (int, string) {
			args := append([]string{"import", "--manifest", mf}, b.args...)
			cmd := exec.Command(binPath, append(args, file)...)
			cmd.Env = append(os.Environ(), b.env...)
			out, _ := cmd.CombinedOutput()
			return cmd.ProcessState.ExitCode(), string(out)
		}
		if code, out := runImport(csv); code != 0 || !strings.Contains(out, "views_added=1207") {
			t.Fatalf("import: exit %d\n%s", code, out)
		}
		if code, out := runImport(csv); code != 0 || !strings.Contains(out, "already imported") {
			t.Fatalf("second import: exit %d\n%s", code, out)
		}
		bad := filepath.Join(dir, "other.csv")
		os.WriteFile(bad, []byte("zh/a,5\nzh/deleted-page,9\n"), 0o644)
		if code, out := runImport(bad); code != 1 || !strings.Contains(out, "other.csv:2") {
			t.Fatalf("import with an unknown id: exit %d\n%s", code, out)
		}
		p := start(t, b, "--manifest", mf)
		if v := p.views("zh/a", "zh/b"); v["zh/a"] != 1200 || v["zh/b"] != 7 {
			t.Fatalf("counts after imports: %v, want zh/a 1200, zh/b 7", v)
		}
	})
}

// TestImportOldAddresses moves counts an old CMS kept by URL onto the ids
// of the pages that took those URLs as aliases (gazette import pages
// writes them, gazette build lists them in the manifest).
func TestImportOldAddresses(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		dir := t.TempDir()
		m := manifest.Manifest{Version: 1, Pages: []manifest.Page{
			{ID: "zh/t20240612-1001", Lang: "zh", Path: "/zh/notices/t20240612-1001/", Aliases: []string{"/tzgg/202406/t20240612_1001.html"}},
			{ID: "en/t20240612-1001", Lang: "en", Path: "/en/notices/t20240612-1001/", Aliases: []string{"/en/notices/202406/t20240612_1002.html"}},
			{ID: "zh/news/t20240520-2001", Lang: "zh", Path: "/zh/news/t20240520-2001/", Aliases: []string{"/xwdt/202405/t20240520_2001.html", "/xwdt/old/2001/"}},
		}}
		mf := filepath.Join(dir, "manifest.json")
		var buf bytes.Buffer
		if err := manifest.Write(&buf, m); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(mf, buf.Bytes(), 0o644)
		csv := filepath.Join(dir, "old-cms.csv")
		os.WriteFile(csv, []byte("url,count\n"+
			"http://www.oldcity.gov.cn/tzgg/202406/t20240612_1001.html,1523\n"+
			"http://www.oldcity.gov.cn/en/notices/202406/t20240612_1002.html,87\n"+
			"/xwdt/202405/t20240520_2001.html,300\n"+
			"http://www.oldcity.gov.cn/xwdt/old/2001/index.html,12\n"), 0o644)
		args := append([]string{"import", "--manifest", mf}, b.args...)
		cmd := exec.Command(binPath, append(args, csv)...)
		cmd.Env = append(os.Environ(), b.env...)
		out, _ := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != 0 || !strings.Contains(string(out), "views_added=1922") {
			t.Fatalf("import: exit %d\n%s", code, out)
		}
		p := start(t, b, "--manifest", mf)
		want := map[string]int64{"zh/t20240612-1001": 1523, "en/t20240612-1001": 87, "zh/news/t20240520-2001": 312}
		got := p.views("zh/t20240612-1001", "en/t20240612-1001", "zh/news/t20240520-2001")
		for id, n := range want {
			if got[id] != n {
				t.Errorf("%s: %d views, want %d (all: %v)", id, got[id], n, got)
			}
		}
	})
}

// TestPostgresOutage cuts the connection to PostgreSQL under a running
// browsecount: hits get 503 (and nothing half-written), and once the server
// is reachable again the service recovers without a restart.
func TestPostgresOutage(t *testing.T) {
	u, err := url.Parse(storetest.PostgresSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	relay := storetest.NewRelay(t, u.Host)
	u.Host = relay.Addr()
	q := u.Query()
	q.Set("connect_timeout", "2")
	u.RawQuery = q.Encode()
	b := backend{name: "postgres", env: []string{"BROWSECOUNT_POSTGRES=" + u.String()}}
	p := start(t, b, "--manifest", writeManifest(t, t.TempDir(), "zh/a"), "--rate-limit", "0", "--client-ip-header", "X-Real-IP")
	if r := p.hit("zh/a", "X-Real-IP", "192.0.2.1"); r.code != 200 {
		t.Fatalf("hit: %d %s", r.code, r.body)
	}
	relay.Cut()
	if r := p.hit("zh/a", "X-Real-IP", "192.0.2.2"); r.code != 503 || r.header.Get("Retry-After") == "" {
		t.Fatalf("hit with PostgreSQL unreachable: %d %s, want 503 with Retry-After", r.code, r.body)
	}
	if r := p.mustDo("GET", "/healthz", ""); r.code != 503 {
		t.Fatalf("healthz with PostgreSQL unreachable: %d", r.code)
	}
	relay.Restore()
	deadline := time.Now().Add(30 * time.Second)
	for {
		// The same visitor again: a hit that got 503 must count on retry.
		r := p.hit("zh/a", "X-Real-IP", "192.0.2.2")
		if r.code == 200 {
			if !strings.Contains(r.body, `"views":2`) {
				t.Fatalf("after recovery: %s, want views 2", r.body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recovery 30s after PostgreSQL came back: %d %s", r.code, r.body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if r := p.mustDo("GET", "/healthz", ""); r.code != 200 {
		t.Fatalf("healthz after recovery: %d", r.code)
	}
}
