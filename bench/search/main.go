// Command search benchmarks gazette's site search against Pagefind 1.6.0
// on generated bilingual sites and a labelled query set.
//
// For each size it generates a site (see gen.go; the needles and queries of
// labelled.go hidden among the filler), builds it in-process with gazette
// (site.Build, which reports the time the search index took), indexes the
// same output with Pagefind (installed from npm into the work folder, never
// a dependency of gazette), serves both over HTTP with gzip, as a web server
// or CDN would, and runs every labelled query in headless Chromium against
// both: bytes downloaded by the first query (a fresh browser, client code
// included) and by a later query, time until the results show, and recall
// of the expected announcements in the first ten results. It prints a
// markdown report.
//
// Run it from the repository root:
//
//	go run ./bench/search -n 10000
//	go run ./bench/search -n 50000 -pagefind=false
//
// See README.md in this folder.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	var (
		sizes    = flag.String("n", "10000", "comma-separated site sizes, in announcements per language")
		work     = flag.String("work", "", "folder for the sites and tools (default: a new temporary folder, removed at the end)")
		keep     = flag.Bool("keep", false, "keep the work folder")
		pagefind = flag.Bool("pagefind", true, "also index and query with Pagefind 1.6.0 (needs npm)")
		seed     = flag.Uint64("seed", 1, "seed of the content generator")
		chromium = flag.String("chromium", "/usr/bin/chromium", "the Chromium binary")
		repo     = flag.String("repo", ".", "the gazette repository (module root)")
		only     = flag.String("q", "", "run only the queries containing this text")
		builds   = flag.Int("builds", 2, "measured gazette builds per size (at least 1; sizes over 20,000 build once)")
	)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/search [-n 10000,50000] [-pagefind=false] [flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	var ns []int
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < len(needles) {
			fmt.Fprintf(os.Stderr, "bench: -n: %q is not a number of at least %d\n", f, len(needles))
			os.Exit(2)
		}
		ns = append(ns, n)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	b := &bench{seed: *seed, pagefind: *pagefind, chromium: *chromium, only: *only, builds: max(1, *builds), log: os.Stderr}
	if err := b.run(ctx, *repo, *work, *keep, ns); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type bench struct {
	seed     uint64
	pagefind bool
	chromium string
	only     string
	builds   int
	log      io.Writer
	repo     string
	work     string
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "bench: %s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func (b *bench) run(ctx context.Context, repo, work string, keep bool, ns []int) error {
	var err error
	if b.repo, err = filepath.Abs(repo); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(b.repo, "config.toml")); err != nil {
		return fmt.Errorf("%s does not look like the gazette repository; run from its root or pass -repo", repo)
	}
	if work == "" {
		if work, err = os.MkdirTemp("", "gazette-search-bench-"); err != nil {
			return err
		}
		if !keep {
			defer os.RemoveAll(work)
		}
	}
	if b.work, err = filepath.Abs(work); err != nil {
		return err
	}
	var pf string
	if b.pagefind {
		if pf, err = installPagefind(ctx, b.work, b.logf); err != nil {
			return err
		}
	}
	var reports []*sizeReport
	for _, n := range ns {
		r, err := b.size(ctx, n, pf)
		if err != nil {
			return fmt.Errorf("n=%d: %w", n, err)
		}
		reports = append(reports, r)
	}
	printReport(os.Stdout, reports)
	return nil
}
