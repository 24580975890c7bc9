// Command browsecount is the load benchmark of the browse-count sidecar.
// It builds cmd/browsecount, runs it on SQLite (and on PostgreSQL when
// GAZETTE_TEST_POSTGRES is set), runs a bare net/http handler that answers
// a constant beside it, and drives each with the same load generator in the
// same run: first as fast as 64 connections go, then at a steady rate. See
// README.md; results go into the browsecount section of BENCHMARKS.md.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"gazette/internal/manifest"
)

type options struct {
	conns    int
	duration time.Duration
	warmup   time.Duration
	rate     int
	pages    int
	repo     string
	keep     bool
	gen      string
	full     bool
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-serve-bare" {
		serveBare(os.Args[2])
		return
	}
	var o options
	flag.IntVar(&o.conns, "conns", 64, "concurrent connections in the closed-loop phase")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measured phase")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load before each phase")
	flag.IntVar(&o.rate, "rate", 2000, "hits per second in the steady phase (0 skips it)")
	flag.IntVar(&o.pages, "pages", 1000, "pages in the generated manifest")
	flag.StringVar(&o.repo, "repo", ".", "repository root (to build cmd/browsecount)")
	flag.BoolVar(&o.keep, "keep", false, "keep the work folder")
	flag.BoolVar(&o.full, "full", true, "also run SQLite with --sqlite-sync full (an fsync per commit)")
	flag.StringVar(&o.gen, "gen", "auto", "closed-loop load generator: wrk, go, or auto (wrk when installed)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench/browsecount:", err)
		os.Exit(1)
	}
}

// serveBare is the ceiling: the cheapest handler net/http can run, answering
// what a hit answers.
func serveBare(addr string) {
	body := []byte(`{"id":"zh/notice-0000","views":1}` + "\n")
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "msg=listening addr=%s\n", ln.Addr())
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(body)
	}))
}

type target struct {
	name string
	base string // URL prefix of /v1/hit
	cmd  *exec.Cmd
	ids  bool // answers /v1/views, so acknowledged hits can be checked
}

func run(o options) error {
	work, err := os.MkdirTemp("", "browsecount-bench-")
	if err != nil {
		return err
	}
	if !o.keep {
		defer os.RemoveAll(work)
	}
	bin := filepath.Join(work, "browsecount")
	build := exec.Command("go", "build", "-o", bin, "./cmd/browsecount")
	build.Dir, build.Stderr = o.repo, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building cmd/browsecount in %s: %w", o.repo, err)
	}
	ids := make([]string, o.pages)
	m := manifest.Manifest{Version: 1}
	for i := range ids {
		ids[i] = fmt.Sprintf("zh/notice-%04d", i)
		m.Pages = append(m.Pages, manifest.Page{ID: ids[i], Lang: "zh", Path: "/zh/notices/" + ids[i][3:] + "/"})
	}
	mf := filepath.Join(work, "manifest.json")
	f, err := os.Create(mf)
	if err != nil {
		return err
	}
	if err := manifest.Write(f, m); err != nil {
		return err
	}
	f.Close()

	self, err := os.Executable()
	if err != nil {
		return err
	}
	common := []string{"--listen", "127.0.0.1:0", "--manifest", mf, "--rate-limit", "0", "--client-ip-header", "X-Real-IP"}
	var targets []*target
	defer func() {
		for _, t := range targets {
			t.cmd.Process.Kill()
			t.cmd.Wait()
		}
	}()
	start := func(name string, ids bool, env []string, path string, args ...string) error {
		t, err := startTarget(name, path, env, args...)
		if err != nil {
			return err
		}
		t.ids = ids
		targets = append(targets, t)
		return nil
	}
	if err := start("bare net/http", false, nil, self, "-serve-bare", "127.0.0.1:0"); err != nil {
		return err
	}
	if err := start("browsecount, SQLite", true, nil, bin, append(common, "--db", filepath.Join(work, "bench.db"))...); err != nil {
		return err
	}
	if o.full {
		if err := start("browsecount, SQLite, --sqlite-sync full", true, nil, bin, append(common, "--db", filepath.Join(work, "full.db"), "--sqlite-sync", "full")...); err != nil {
			return err
		}
	}
	if pg := os.Getenv("GAZETTE_TEST_POSTGRES"); pg != "" {
		u, cleanup, err := benchSchema(pg)
		if err != nil {
			return err
		}
		defer cleanup()
		if err := start("browsecount, PostgreSQL", true, []string{"BROWSECOUNT_POSTGRES=" + u}, bin, common...); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(os.Stderr, "GAZETTE_TEST_POSTGRES is not set: skipping the PostgreSQL run")
	}

	var visitor atomic.Uint64
	gen := &generator{ids: ids, visitor: &visitor}
	wrk := ""
	if o.gen == "wrk" || o.gen == "auto" {
		if wrk, err = exec.LookPath("wrk"); err != nil && o.gen == "wrk" {
			return fmt.Errorf("-gen wrk: %w (Debian package wrk)", err)
		}
	}
	runs := 0
	closed := func(t *target, d time.Duration) (result, error) {
		if wrk == "" {
			return gen.closedLoop(t, o.conns, d), nil
		}
		runs++
		return wrkLoop(wrk, work, runs, t, o.pages, o.conns, d)
	}
	genName := "Go load generator (this program)"
	if wrk != "" {
		genName = "wrk, 2 threads"
	}
	fmt.Printf("date: %s\n", time.Now().Format("2006-01-02 15:04 MST"))
	fmt.Printf("machine: %d CPUs (%s), %s, %s/%s\n", runtime.NumCPU(), cpuModel(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Printf("load: %s, %d connections, %v per phase after %v warm-up, %d pages, every hit a new visitor (distinct X-Real-IP), rate limit off\n\n",
		genName, o.conns, o.duration, o.warmup, o.pages)

	fmt.Println("| target | conns | acknowledged hits/s | ratio to bare | p50 ms | p99 ms | errors | hits per commit | ms per commit |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	var bare float64
	for _, t := range targets {
		if _, err := closed(t, o.warmup); err != nil {
			return err
		}
		time.Sleep(500 * time.Millisecond) // let the warm-up's last hits commit
		m0 := scrape(t)
		before, err := total(t, ids)
		if err != nil {
			return err
		}
		r, err := closed(t, o.duration)
		if err != nil {
			return err
		}
		m1 := scrape(t)
		after, err := total(t, ids)
		if err != nil {
			return err
		}
		// Every acknowledged hit must be counted; a few more may be, as
		// the generator stops without waiting for the answers in flight.
		if grew := after - before; t.ids && (grew < r.ok || grew > r.ok+int64(o.conns)) {
			return fmt.Errorf("%s: %d hits acknowledged but the counts grew by %d", t.name, r.ok, grew)
		}
		rate := float64(r.ok) / r.elapsed.Seconds()
		if bare == 0 {
			bare = rate
		}
		batch, commit := "–", "–"
		if n := m1["browsecount_batch_size_count"] - m0["browsecount_batch_size_count"]; n > 0 {
			batch = fmt.Sprintf("%.1f", (m1["browsecount_batch_size_sum"]-m0["browsecount_batch_size_sum"])/n)
			commit = fmt.Sprintf("%.2f", 1000*(m1["browsecount_commit_duration_seconds_sum"]-m0["browsecount_commit_duration_seconds_sum"])/n)
		}
		fmt.Printf("| %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %s | %s |\n", t.name, o.conns, rate, rate/bare, ms(r.p50), ms(r.p99), r.errors, batch, commit)
	}
	if o.rate > 0 {
		fmt.Printf("\nsteady load: %d hits/s for %v (latency from the scheduled send time)\n\n", o.rate, o.duration)
		fmt.Println("| target | offered hits/s | acknowledged hits/s | p50 ms | p99 ms | max ms | errors |")
		fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
		for _, t := range targets {
			r := gen.openLoop(t, o.rate, o.warmup, o.duration)
			fmt.Printf("| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |\n", t.name, o.rate, float64(r.ok)/r.elapsed.Seconds(),
				ms(r.p50), ms(r.p99), ms(r.max), r.errors)
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

var listenLine = regexp.MustCompile(`msg=listening addr=(\S+)`)

func startTarget(name, path string, env []string, args ...string) (*target, error) {
	cmd := exec.Command(path, args...)
	cmd.Env = append(os.Environ(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listenLine.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			} else {
				fmt.Fprintf(os.Stderr, "%s: %s\n", name, sc.Text())
			}
		}
	}()
	select {
	case a := <-addr:
		return &target{name: name, base: "http://" + a, cmd: cmd}, nil
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		return nil, fmt.Errorf("%s did not start listening in 30s", name)
	}
}

// benchSchema gives the PostgreSQL run an empty schema of its own.
func benchSchema(base string) (string, func(), error) {
	ctx := context.Background()
	name := fmt.Sprintf("browsecount_bench_%d", time.Now().UnixNano())
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("connecting to GAZETTE_TEST_POSTGRES: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		return "", nil, err
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	cleanup := func() {
		if c, err := pgx.Connect(ctx, base); err == nil {
			c.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
			c.Close(ctx)
		}
	}
	return u.String(), cleanup, nil
}

// total sums the counts of all ids (0 for targets without a store).
func total(t *target, ids []string) (int64, error) {
	if !t.ids {
		return 0, nil
	}
	var sum int64
	for i := 0; i < len(ids); i += 100 {
		q := "id=" + strings.Join(ids[i:min(i+100, len(ids))], "&id=")
		resp, err := http.Get(t.base + "/v1/views?" + q)
		if err != nil {
			return 0, err
		}
		var v struct{ Views map[string]int64 }
		err = jsonDecode(resp.Body, &v)
		resp.Body.Close()
		if err != nil {
			return 0, fmt.Errorf("%s: reading counts: %w", t.name, err)
		}
		for _, n := range v.Views {
			sum += n
		}
	}
	return sum, nil
}

// scrape reads the unlabelled samples of a browsecount's /metrics.
func scrape(t *target) map[string]float64 {
	out := map[string]float64{}
	if !t.ids {
		return out
	}
	resp, err := http.Get(t.base + "/metrics")
	if err != nil {
		return out
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") || strings.Contains(name, "{") {
			continue
		}
		var v float64
		if _, err := fmt.Sscan(val, &v); err == nil {
			out[name] = v
		}
	}
	return out
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// generator sends hits: each a new visitor (a distinct X-Real-IP) on a
// random page, with a browser User-Agent.
type generator struct {
	ids     []string
	visitor *atomic.Uint64
}

type result struct {
	ok, errors    int64
	elapsed       time.Duration
	lat           []time.Duration
	p50, p99, max time.Duration
}

// summarise fills in the percentiles from the latencies.
func (r *result) summarise() {
	r.p50, r.p99, r.max = r.pct(50), r.pct(99), r.pct(100)
}

func (r *result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	slices.Sort(r.lat)
	i := int(float64(len(r.lat))*p/100+0.5) - 1
	return r.lat[max(0, min(i, len(r.lat)-1))]
}

const ua = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

func newClient(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true,
	}}
}

func (g *generator) hit(c *http.Client, t *target, rng *rand.Rand) (time.Duration, bool) {
	v := g.visitor.Add(1)
	id := g.ids[rng.IntN(len(g.ids))]
	req, _ := http.NewRequest("POST", t.base+"/v1/hit", strings.NewReader(`{"id":"`+id+`"}`))
	req.Header.Set("User-Agent", ua)
	req.Header.Set("X-Real-IP", fmt.Sprintf("10.%d.%d.%d", v>>16&255, v>>8&255, v&255))
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return time.Since(start), false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return time.Since(start), resp.StatusCode == 200
}

// closedLoop keeps conns requests in flight for d.
func (g *generator) closedLoop(t *target, conns int, d time.Duration) result {
	c := newClient(conns)
	defer c.CloseIdleConnections()
	var mu sync.Mutex
	var res result
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), uint64(start.UnixNano())))
			lat := make([]time.Duration, 0, 1<<14)
			var ok, bad int64
			for time.Now().Before(deadline) {
				l, good := g.hit(c, t, rng)
				if good {
					ok++
					lat = append(lat, l)
				} else {
					bad++
				}
			}
			mu.Lock()
			res.ok += ok
			res.errors += bad
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.summarise()
	return res
}

// openLoop sends rate hits per second on a fixed schedule for d, whatever
// the answers' speed, and measures each latency from its scheduled time, so
// a stall shows in the percentiles instead of slowing the load down.
func (g *generator) openLoop(t *target, rate int, warm, d time.Duration) result {
	const workers = 256
	c := newClient(workers)
	defer c.CloseIdleConnections()
	n := int(float64(rate) * (warm + d).Seconds())
	interval := time.Second / time.Duration(rate)
	measureFrom := time.Now().Add(warm)
	due := make(chan time.Time, workers)
	var mu sync.Mutex
	var res result
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for at := range due {
				_, good := g.hit(c, t, rng)
				l := time.Since(at)
				if at.Before(measureFrom) {
					continue // warm-up: connections are being opened
				}
				mu.Lock()
				if good {
					res.ok++
					res.lat = append(res.lat, l)
				} else {
					res.errors++
				}
				mu.Unlock()
			}
		}()
	}
	for i := range n {
		at := start.Add(time.Duration(i) * interval)
		if w := time.Until(at); w > 0 {
			time.Sleep(w)
		}
		due <- at
	}
	close(due)
	wg.Wait()
	res.elapsed = time.Since(start) - warm
	res.summarise()
	return res
}
