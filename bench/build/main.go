// The benchmarks measure with Unix system calls (getrusage, sync): they
// run on Linux, like the servers they size, and are not built elsewhere.

//go:build unix

// Command build benchmarks `gazette build` against the Hugo CLI of the same
// version on generated bilingual sites.
//
// For each size it writes a site into a temporary folder (the repo's
// config.toml and static/ plus n generated
// announcements, each a zh/en pair of markdown files), then builds it with
// the gazette binary and with `hugo --minify`, both using the Hugo
// configuration gazette derives from config.toml. It prints a markdown table
// of wall time, ms per announcement page, CPU time and peak RSS, and lists
// the files that only one of the two outputs has.
//
// Run it from the repository root:
//
//	go run ./bench/build -n 1000,10000 -runs 3
//
// See README.md in this folder for the flags.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	var (
		sizes   = flag.String("n", "1000,10000", "comma-separated site sizes, in announcements (zh/en pairs)")
		runs    = flag.Int("runs", 3, "measured runs per tool and size, after one warm-up run each")
		repo    = flag.String("repo", ".", "the gazette repository (module root) holding cmd/gazette and config.toml")
		hugoBin = flag.String("hugo", "", "use this Hugo binary instead of building the version from go.mod (its version must match)")
		base    = flag.String("baseline", "", "also measure gazette built from this other checkout (e.g. the last commit, to judge a patch); its outputs must be byte-identical")
		work    = flag.String("work", "", "folder for sites, binaries and outputs (default: a new temporary folder, removed at the end)")
		keep    = flag.Bool("keep", false, "keep the work folder")
		seed    = flag.Uint64("seed", 1, "seed of the content generator")
		cpuProf = flag.String("cpuprofile", "", "after measuring, write CPU profiles into this folder: gazette's build function in-process (gazette-N.pprof) and the Hugo CLI (hugo-N.pprof); also prints gazette's wall time per build phase")
	)
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/build [-n 1000,10000] [-runs 3] [flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	ns, err := parseSizes(*sizes)
	if err != nil || *runs < 1 || flag.NArg() > 0 {
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	b := &bench{runs: *runs, seed: *seed, log: os.Stderr, baseline: *base}
	code := 0
	if err := b.run(ctx, *repo, *work, *hugoBin, *cpuProf, *keep, ns); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		code = 1
	}
	os.Exit(code)
}

func parseSizes(s string) ([]int, error) {
	var ns []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n: %q is not a positive number", f)
		}
		ns = append(ns, n)
	}
	return ns, nil
}

type bench struct {
	runs int
	seed uint64
	log  io.Writer

	repo, work          string
	gazette, hugo       string // binaries
	hugoVersion         string // from the repo's go.mod
	goVersion, hugoLine string
	commit              string // of the gazette repo, for the report
	baseline            string // another checkout of gazette, or ""
	baselineBin         string
	baselineCommit      string
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "bench: "+format+"\n", args...)
}

func (b *bench) run(ctx context.Context, repo, work, hugoBin, cpuProf string, keep bool, ns []int) error {
	var err error
	if b.repo, err = filepath.Abs(repo); err != nil {
		return err
	}
	for _, p := range []string{"go.mod", "config.toml", "cmd/gazette"} {
		if _, err := os.Stat(filepath.Join(b.repo, p)); err != nil {
			return fmt.Errorf("%s does not look like the gazette repository (no %s); run from the repo root or pass -repo", repo, p)
		}
	}
	if work == "" {
		if work, err = os.MkdirTemp("", "gazette-bench-"); err != nil {
			return err
		}
		if !keep {
			defer os.RemoveAll(work)
		}
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	b.work = work
	if keep {
		b.logf("work folder: %s", work)
	}

	if err := b.buildTools(ctx, hugoBin); err != nil {
		return err
	}
	var results []sizeResult
	for _, n := range ns {
		res, err := b.measure(ctx, n)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	printReport(os.Stdout, b, results)

	if cpuProf != "" {
		if err := os.MkdirAll(cpuProf, 0o755); err != nil {
			return err
		}
		for _, n := range ns {
			if err := b.profile(ctx, n, cpuProf, os.Stdout); err != nil {
				return err
			}
		}
	}
	return nil
}

// buildTools builds the gazette binary from the repo and the Hugo CLI of the
// version the repo's go.mod requires, outside the repo's module so that its
// go.mod and go.sum stay as they are.
func (b *bench) buildTools(ctx context.Context, hugoBin string) error {
	bin := filepath.Join(b.work, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	out, err := b.goCmd(ctx, b.repo, nil, "env", "GOVERSION")
	if err != nil {
		return err
	}
	b.goVersion = strings.TrimSpace(out)
	out, err = b.goCmd(ctx, b.repo, nil, "list", "-m", "-f", "{{.Version}}", "github.com/gohugoio/hugo")
	if err != nil {
		return err
	}
	b.hugoVersion = strings.TrimSpace(out)

	b.commit = gitCommit(ctx, b.repo)

	b.gazette = filepath.Join(bin, "gazette")
	b.logf("building gazette (go build ./cmd/gazette)")
	if _, err := b.goCmd(ctx, b.repo, nil, "build", "-o", b.gazette, "./cmd/gazette"); err != nil {
		return err
	}

	if b.baseline != "" {
		dir, err := filepath.Abs(b.baseline)
		if err != nil {
			return err
		}
		b.baselineBin = filepath.Join(bin, "gazette-baseline")
		b.baselineCommit = gitCommit(ctx, dir)
		b.logf("building the baseline gazette in %s", b.baseline)
		if _, err := b.goCmd(ctx, dir, nil, "build", "-o", b.baselineBin, "./cmd/gazette"); err != nil {
			return err
		}
	}

	if hugoBin != "" {
		b.hugo = hugoBin
	} else {
		// `go install pkg@version` builds Hugo with exactly the dependency
		// versions of Hugo's own go.mod, as `go run pkg@version` would.
		b.hugo = filepath.Join(bin, "hugo")
		b.logf("building the Hugo CLI (go install github.com/gohugoio/hugo@%s)", b.hugoVersion)
		env := []string{"GOBIN=" + bin, "GOFLAGS=-mod=mod"}
		if _, err := b.goCmd(ctx, b.work, env, "install", "github.com/gohugoio/hugo@"+b.hugoVersion); err != nil {
			return err
		}
	}
	v, err := exec.CommandContext(ctx, b.hugo, "version").Output()
	if err != nil {
		return fmt.Errorf("%s version: %w", b.hugo, err)
	}
	b.hugoLine = strings.TrimSpace(string(v))
	if !strings.Contains(b.hugoLine, b.hugoVersion+" ") && !strings.Contains(b.hugoLine, b.hugoVersion+"+") {
		return fmt.Errorf("the Hugo CLI says %q, but gazette uses Hugo %s", b.hugoLine, b.hugoVersion)
	}
	return nil
}

func (b *bench) goCmd(ctx context.Context, dir string, env []string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out), nil
}

// gitCommit names the commit the gazette binary was built from, and says
// when the Go sources differ from it.
func gitCommit(ctx context.Context, repo string) string {
	out, err := exec.CommandContext(ctx, "git", "-C", repo, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "(not a git checkout)"
	}
	c := strings.TrimSpace(string(out))
	st, err := exec.CommandContext(ctx, "git", "-C", repo, "status", "--porcelain", "--", "cmd", "internal", "go.mod").Output()
	if err == nil && len(bytes.TrimSpace(st)) > 0 {
		c += " + uncommitted changes in cmd/, internal/ or go.mod"
	}
	return c
}

// cores describes the machine for the report.
func cores() string {
	return fmt.Sprintf("%d CPUs (GOMAXPROCS %d), %s/%s", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH)
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Millisecond) }
