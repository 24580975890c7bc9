//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"gazette/internal/site"
)

// phases classify what gazette's build is doing, from the stack of the
// goroutine running site.Build; the first match wins, so inner calls come
// before the calls that contain them.
var phases = []struct{ name, frame string }{
	{"content checks (as gazette check)", "gazette/internal/content.Check"},
	{"Hugo: load configuration", "github.com/gohugoio/hugo/config/allconfig.LoadConfig"},
	{"Hugo: set up sites", "github.com/gohugoio/hugo/hugolib.NewHugoSites"},
	{"Hugo: render into the in-memory FS", "github.com/gohugoio/hugo/hugolib.(*HugoSites).Build"},
	{"Hugo: close sites", "github.com/gohugoio/hugo/hugolib.(*HugoSites).Close"},
	{"render: page list, clean-up", "gazette/internal/site.render"},
	{"read config.toml", "gazette/internal/config.Load"},
	{"list the in-memory output", "gazette/internal/site.listRendered"},
	{"list static/", "gazette/internal/site.listStatic"},
	{"minify + write every file", "gazette/internal/site.writeFiles"},
	{"write the manifest", "gazette/internal/site.writeManifest"},
	{"swap the output into place", "gazette/internal/site.(*stage).commit"},
	{"remove the staging folder", "gazette/internal/site.(*stage).discard"},
}

// profile builds the site of n announcements in-process with gazette's
// build function, once under the CPU profiler and once under a sampler
// that attributes wall time to build phases; then runs the Hugo CLI once
// with its own (hidden) --profile-cpu flag.
func (b *bench) profile(ctx context.Context, n int, dir string, w io.Writer) error {
	siteDir := filepath.Join(b.work, fmt.Sprintf("site-%d", n))
	dest := filepath.Join(b.work, "out", fmt.Sprintf("profile-%d", n))
	// gazette's own temporary files go to the work folder, as in measure.
	if err := os.Setenv("TMPDIR", filepath.Join(b.work, "tmp")); err != nil {
		return err
	}

	var cpu time.Duration
	build := func() (*site.Report, time.Duration, error) {
		if err := os.RemoveAll(dest); err != nil {
			return nil, 0, err
		}
		runtime.GC()
		syscall.Sync()
		cpu0 := selfCPU()
		start := time.Now()
		rep, err := site.Build(ctx, site.Options{Source: siteDir, Dest: dest})
		d := time.Since(start)
		cpu = selfCPU() - cpu0
		return rep, d, err
	}

	name := filepath.Join(dir, fmt.Sprintf("gazette-%d.pprof", n))
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	_, d, err := build()
	pprof.StopCPUProfile()
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	b.logf("n=%d: in-process build under the CPU profiler: wall %s, cpu %s; profile in %s", n, d.Round(time.Millisecond), cpu.Round(time.Millisecond), name)

	stop := make(chan struct{})
	done := make(chan map[string]time.Duration)
	go func() { done <- samplePhases(stop, 20*time.Millisecond) }()
	_, d, err = build()
	close(stop)
	spent := <-done
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nn=%d: gazette build in-process, wall time per phase (sampled every 20 ms; wall %s, CPU %s):\n\n", n, d.Round(time.Millisecond), cpu.Round(time.Millisecond))
	fmt.Fprintln(w, "| phase | wall | share |")
	fmt.Fprintln(w, "|---|---:|---:|")
	var total time.Duration
	for _, t := range spent {
		total += t
	}
	names := make([]string, 0, len(spent))
	for _, p := range phases {
		if spent[p.name] > 0 {
			names = append(names, p.name)
		}
	}
	var others []string
	for name := range spent {
		if strings.HasPrefix(name, "other") {
			others = append(others, name)
		}
	}
	slices.Sort(others)
	for _, name := range append(names, others...) {
		t := spent[name]
		fmt.Fprintf(w, "| %s | %.2f s | %.0f %% |\n", name, t.Seconds(), 100*float64(t)/float64(total))
	}

	hugoProf := filepath.Join(dir, fmt.Sprintf("hugo-%d.pprof", n))
	out := filepath.Join(b.work, "out", fmt.Sprintf("profile-hugo-%d", n))
	resDir := filepath.Join(b.work, fmt.Sprintf("hugo-resources-%d", n))
	for _, d := range []string{out, resDir} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	syscall.Sync()
	s, err := runChild(ctx, []string{b.hugo, "--minify", "--source", siteDir, "--config", filepath.Join(b.work, fmt.Sprintf("hugo-%d", n), "hugo.toml"),
		"--destination", out, "--profile-cpu", hugoProf}, filepath.Join(b.work, "tmp"))
	if err != nil {
		return err
	}
	b.logf("n=%d: hugo under its CPU profiler %s, profile in %s", n, s.wall.Round(time.Millisecond), hugoProf)
	return nil
}

// selfCPU is the user+system CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// samplePhases attributes wall time to phases until stop is closed. It
// reads the goroutine profile, which does not stop the world for long.
func samplePhases(stop <-chan struct{}, every time.Duration) map[string]time.Duration {
	spent := map[string]time.Duration{}
	prof := pprof.Lookup("goroutine")
	var buf bytes.Buffer
	t := time.NewTicker(every)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-stop:
			return spent
		case now := <-t.C:
			buf.Reset()
			if err := prof.WriteTo(&buf, 1); err == nil {
				if p := classify(buf.String()); p != "" {
					spent[p] += now.Sub(last)
				}
			}
			last = now
		}
	}
}

// classify finds the goroutine running site.Build in a goroutine profile
// (debug=1: stacks separated by blank lines, one "#\t0xPC\tfunc+0xOFF\tfile:line"
// line per frame) and names its phase; "" when the build is not running.
func classify(dump string) string {
	for _, g := range strings.Split(dump, "\n\n") {
		if !strings.Contains(g, "\tgazette/internal/site.Build+") {
			continue
		}
		for _, p := range phases {
			if strings.Contains(g, "\t"+p.frame+"+") {
				return p.name
			}
		}
		// Otherwise name the innermost gazette function.
		for _, line := range strings.Split(g, "\n") {
			f := strings.Split(line, "\t")
			if len(f) >= 3 && strings.HasPrefix(f[2], "gazette/") {
				fn, _, _ := strings.Cut(f[2], "+0x")
				return "other: " + strings.TrimPrefix(fn, "gazette/internal/")
			}
		}
		return "other"
	}
	return ""
}
