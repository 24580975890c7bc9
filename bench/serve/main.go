// The benchmarks measure with Unix system calls (getrusage, sync): they
// run on Linux, like the servers they size, and are not built elsewhere.

//go:build unix

// Command serve measures `gazette serve`: the time from saving a change to
// one announcement until the preview serves the rebuilt page.
//
// For each site it copies the repository's config.toml and static/ into a
// work folder (the theme is gazette's own), adds content (the repository's
// sample content/, or n generated announcements, each a zh/en pair), and
// starts the preview in-process on a free port, exactly as `gazette serve`
// does. Then, run after run, it appends a unique line to one Chinese
// announcement, saves it, and fetches the page every few milliseconds until
// the line appears, and then fetches the announcement's column list once:
// the preview, like Hugo's server, re-renders after a save only the edited
// page and those visited lately, and any other page the save touched when
// it is next visited. On a large site the edited page is rendered ahead of
// the rebuild, so the list comes when the rebuild is done; the page is
// then fetched again and compared with the first one served. It prints a
// markdown table of those times, of the build times the preview reported
// and of how often the first page served was already the final one.
//
// With -hugo it measures `hugo server` on the same sites the same way, for
// comparison.
//
// Run it from the repository root:
//
//	go run ./bench/serve -n sample,10000 -runs 10
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"gazette/internal/config"
	"gazette/internal/serve"
	"gazette/internal/site"
)

func main() {
	var (
		sizes = flag.String("n", "sample,10000", `comma-separated sites: "sample" (the repository's content/) or a number of generated announcements`)
		runs  = flag.Int("runs", 10, "measured saves per site, after one warm-up save")
		repo  = flag.String("repo", ".", "the gazette repository root (holds config.toml, content/)")
		work  = flag.String("work", "", "folder for the generated sites (default: a temporary folder, removed at the end)")
		keep  = flag.Bool("keep", false, "keep the work folder")
		every = flag.Duration("poll", 5*time.Millisecond, "interval between fetches of the edited page")
		gz    = flag.Bool("gazette", true, "measure gazette serve (false: only the -hugo comparison)")
		ahead = flag.Duration("ahead", 0, "gazette serve renders an edited announcement ahead of the rebuild once a build took this long: 0 is its default, negative never")
		hugo  = flag.String("hugo", "", "also measure `hugo server --renderToMemory` of this Hugo binary (same version as go.mod) on the same sites, with the Hugo configuration gazette derives: what Hugo's own incremental rebuild achieves")
	)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/serve [-n sample,10000] [-runs 10] [flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	sites := strings.Split(*sizes, ",")
	for _, s := range sites {
		if n, err := strconv.Atoi(s); s != "sample" && (err != nil || n < 1) {
			fmt.Fprintf(os.Stderr, "bench: -n: %q is neither \"sample\" nor a positive number\n", s)
			os.Exit(2)
		}
	}
	if *runs < 1 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	dir := *work
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "gazette-bench-serve-"); err != nil {
			fatal(err)
		}
		if !*keep {
			defer os.RemoveAll(dir)
		}
	}
	fmt.Printf("%s, %s/%s, %d CPUs, %s\n\n", time.Now().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())
	fmt.Println(header)
	var rows []string
	for _, s := range sites {
		m := &measurement{repo: *repo, site: filepath.Join(dir, "site-"+s), which: s, runs: *runs, every: *every, ahead: *ahead}
		if err := m.prepare(); err != nil {
			fatal(err)
		}
		if *gz {
			r, err := m.gazette(ctx)
			if err != nil {
				fatal(err)
			}
			rows = append(rows, row("gazette serve", s, m.pairs, r))
			fmt.Println(rows[len(rows)-1])
		}
		if *hugo != "" {
			r, err := m.hugo(ctx, *hugo, dir)
			if err != nil {
				fatal(err)
			}
			rows = append(rows, row("hugo server -M", s, m.pairs, r))
			fmt.Println(rows[len(rows)-1])
		}
	}
	// Peak memory: the preview keeps Hugo's sites and the output in memory
	// between saves. Each server's largest site decides.
	var self, children syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	fmt.Printf("\npeak RSS: gazette serve (this process) %d MiB", self.Maxrss/1024)
	if *hugo != "" {
		fmt.Printf(", hugo server %d MiB", children.Maxrss/1024)
	}
	fmt.Println()
	if *hugo != "" {
		// All rows together, for a table that is not interleaved with progress.
		fmt.Println()
		fmt.Println(header)
		for _, r := range rows {
			fmt.Println(r)
		}
	}
}

const header = "| server | site | announcements | first build | save → served: median | min | max | then the column list: median | build (reported): median | served page = final page | runs |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"

func row(server, site string, pairs int, r *result) string {
	build := "–"
	if len(r.builds) > 0 {
		build = ms(median(r.builds))
	}
	return fmt.Sprintf("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %d/%d | %d |", server, site, pairs, ms(r.first),
		ms(median(r.served)), ms(slices.Min(r.served)), ms(slices.Max(r.served)), ms(median(r.lists)), build, r.same, len(r.served), len(r.served))
}

type result struct {
	first  time.Duration   // start until the page is served: the first full build
	served []time.Duration // save → page served with the change
	lists  []time.Duration // then the first fetch of the column list
	builds []time.Duration // build durations the server printed
	// same counts the saves whose first page served with the change was
	// byte for byte the page once everything was rebuilt (live-reload
	// build ids aside): a page rendered ahead of the rebuild must be.
	same int
}

// measurement is one site and how to measure it.
type measurement struct {
	repo, site, which string
	runs              int
	every             time.Duration
	ahead             time.Duration

	pairs        int
	target, path string // the announcement edited, and its page
	original     []byte
}

// prepare writes the site: the repository's config.toml and static/, and the
// sample content or n generated announcements.
func (m *measurement) prepare() error {
	if err := os.RemoveAll(m.site); err != nil {
		return err
	}
	if err := os.CopyFS(filepath.Join(m.site, "static"), os.DirFS(filepath.Join(m.repo, "static"))); err != nil {
		return err
	}
	cfg, err := os.ReadFile(filepath.Join(m.repo, "config.toml"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(m.site, "config.toml"), cfg, 0o644); err != nil {
		return err
	}
	if m.which == "sample" {
		if err := os.CopyFS(filepath.Join(m.site, "content"), os.DirFS(filepath.Join(m.repo, "content"))); err != nil {
			return err
		}
		files, _ := filepath.Glob(filepath.Join(m.site, "content", "zh", "*", "*"))
		m.pairs = len(files)
		m.target, m.path = "content/zh/notices/2024-water-supply-maintenance.md", "/zh/notices/2024-water-supply-maintenance/"
	} else {
		n, _ := strconv.Atoi(m.which)
		if err := generate(m.site, n); err != nil {
			return err
		}
		m.pairs = n
		m.target, m.path = "content/zh/notices/"+name(0)+".md", "/zh/notices/"+name(0)+"/"
	}
	m.target = filepath.Join(m.site, filepath.FromSlash(m.target))
	m.original, err = os.ReadFile(m.target)
	if err != nil {
		return fmt.Errorf("the announcement to edit: %w", err)
	}
	return nil
}

// gazette measures the preview server, in-process.
func (m *measurement) gazette(ctx context.Context) (*result, error) {
	out := &buildTimes{}
	fmt.Fprintf(os.Stderr, "bench: gazette serve, %s: first build …\n", m.which)
	start := time.Now()
	srv, err := serve.Start(ctx, serve.Options{Site: m.site, Out: out, AheadAfter: m.ahead})
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	r := &result{}
	url := strings.TrimSuffix(srv.URL(), "/") + m.path
	if _, err := fetch(ctx, url); err != nil {
		return nil, err
	}
	r.first = time.Since(start)
	err = m.saves(ctx, "gazette serve", url, func(d, list time.Duration, same bool, builds int) {
		r.served = append(r.served, d)
		r.lists = append(r.lists, list)
		if same {
			r.same++
		}
		// The build that served the change is the last one printed.
		if b := out.since(builds); len(b) > 0 {
			r.builds = append(r.builds, b[len(b)-1])
		}
	}, out.count)
	return r, err
}

// hugo measures `hugo server` rendering to memory on the same site.
func (m *measurement) hugo(ctx context.Context, bin, work string) (*result, error) {
	cfg, err := config.Load(m.site)
	if err != nil {
		return nil, err
	}
	cfgFile, err := site.HugoWorkDir(cfg, filepath.Join(work, "hugo-"+m.which), time.Now())
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(m.target, m.original, 0o644); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	base := "http://127.0.0.1:" + port
	cmd := exec.CommandContext(ctx, bin, "server", "--renderToMemory", "--source", m.site, "--config", cfgFile,
		"--bind", "127.0.0.1", "--port", port, "--baseURL", base+"/", "--appendPort=false", "--logLevel", "warn")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	fmt.Fprintf(os.Stderr, "bench: hugo server, %s: first build …\n", m.which)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	url := base + m.path
	r := &result{}
	for {
		if body, err := fetch(ctx, url); err == nil && strings.Contains(body, "</html>") {
			break
		}
		if ctx.Err() != nil || time.Since(start) > 10*time.Minute {
			return nil, fmt.Errorf("hugo server did not serve %s", url)
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.first = time.Since(start)
	err = m.saves(ctx, "hugo server", url, func(d, list time.Duration, same bool, _ int) {
		r.served = append(r.served, d)
		r.lists = append(r.lists, list)
		if same {
			r.same++
		}
	}, func() int { return 0 })
	return r, err
}

// saves appends a unique line to the announcement, saves it and fetches
// the page until the line is served, then fetches the column list once,
// and the page again to compare; one warm-up and m.runs measured times.
func (m *measurement) saves(ctx context.Context, server, url string, record func(d, list time.Duration, same bool, before int), builds func() int) error {
	list := url[:strings.LastIndex(strings.TrimSuffix(url, "/"), "/")+1]
	for i := range m.runs + 1 {
		mark := fmt.Sprintf("基准测试标记 %d-%d。", i, time.Now().UnixNano())
		text := append(slices.Clip(m.original), []byte("\n"+mark+"\n")...)
		before := builds()
		t0 := time.Now()
		if err := os.WriteFile(m.target, text, 0o644); err != nil {
			return err
		}
		deadline := t0.Add(10 * time.Minute)
		var served string
		for {
			body, err := fetch(ctx, url)
			if err != nil {
				return err
			}
			if strings.Contains(body, mark) {
				served = body
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s, %s: the edit was not served within 10 minutes", server, m.which)
			}
			time.Sleep(m.every)
		}
		d := time.Since(t0)
		t1 := time.Now()
		if _, err := fetch(ctx, list); err != nil {
			return err
		}
		l := time.Since(t1)
		// The column list came after the whole rebuild: the page is final.
		final, err := fetch(ctx, url)
		if err != nil {
			return err
		}
		same := buildID.ReplaceAllString(served, "") == buildID.ReplaceAllString(final, "")
		fmt.Fprintf(os.Stderr, "bench: %s, %s: save %d served after %s, then %s in %s; served page final: %v\n", server, m.which, i, ms(d), list, ms(l), same)
		if i > 0 { // the first is a warm-up
			record(d, l, same, before)
		}
	}
	return nil
}

var client = &http.Client{Timeout: time.Minute}

// buildID is the live-reload script's build attribute, which names the
// build a page was served from; it is not part of the page.
var buildID = regexp.MustCompile(`data-build="[^"]*"`)

func fetch(ctx context.Context, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

// buildTimes reads the preview's terminal output and keeps the duration of
// every build it reports ("… built in 212ms: …").
type buildTimes struct {
	mu        sync.Mutex
	durations []time.Duration
}

var builtIn = regexp.MustCompile(`built in (\S+):`)

func (b *buildTimes) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range builtIn.FindAllSubmatch(p, -1) {
		if d, err := time.ParseDuration(string(m[1])); err == nil {
			b.durations = append(b.durations, d)
		}
	}
	return len(p), nil
}

func (b *buildTimes) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.durations)
}

func (b *buildTimes) since(i int) []time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.durations[i:])
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
