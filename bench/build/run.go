//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"gazette/internal/config"
	"gazette/internal/site"
)

// siteParts are copied from the repo into every generated site; content/ is
// generated instead, and the theme comes from the gazette binary.
var siteParts = []string{"config.toml", "static"}

// announcementPage matches an announcement page in the output (or a
// sub-column's list page, told apart by its feed), in either
// language; column list pages live under <column>/page/N/ and do not match.
var announcementPage = regexp.MustCompile(`^(zh|en)/(notices|news|policies)/[^/]+/index\.html$`)

const (
	toolGazette  = "gazette"
	toolHugo     = "hugo"
	toolBaseline = "gazette-baseline" // gazette built from -baseline
)

// sample is one measured build.
type sample struct {
	wall, cpu time.Duration
	rssKiB    int64
	load      float64 // 1-minute load average when the run started
	// search is the part of a gazette build its summary gives to the
	// search index, which Hugo does not build; 0 for Hugo.
	search time.Duration
}

// searchTook finds the search index's time in gazette build's summary
// ("duration: 41.2s (search index 5.9s)", or the Chinese one).
var searchTook = regexp.MustCompile(`(?:search index|搜索索引) ([0-9.]+[a-zµ]+)`)

type toolResult struct {
	tool    string
	samples []sample
	pages   int // announcement pages found in the output
	files   int
	bytes   int64
}

type sizeResult struct {
	n, pages  int // announcements, expected announcement pages (2n)
	files     int // markdown files generated
	tools     []*toolResult
	onlyIn    map[string][]string // tool → files the other tool did not write
	common    int
	identical int
	differing []string
	// baselineDiff lists files that differ between gazette and the
	// baseline gazette (missing in one, or other bytes).
	baselineDiff []string
	genTime      time.Duration
	contentMiB   float64
}

// prepare writes the site of n announcements and the Hugo configuration
// gazette would use for it.
func (b *bench) prepare(n int) (siteDir, hugoCfg, resDir string, res *sizeResult, err error) {
	siteDir = filepath.Join(b.work, fmt.Sprintf("site-%d", n))
	if err := os.RemoveAll(siteDir); err != nil {
		return "", "", "", nil, err
	}
	for _, p := range siteParts {
		if err := copyTree(filepath.Join(b.repo, p), filepath.Join(siteDir, p)); err != nil {
			return "", "", "", nil, err
		}
	}
	start := time.Now()
	if err := generate(siteDir, n, b.seed); err != nil {
		return "", "", "", nil, fmt.Errorf("generating %d announcements: %w", n, err)
	}
	res = &sizeResult{n: n, pages: 2 * n, files: 2 * n, genTime: since(start), onlyIn: map[string][]string{}}
	size, _, err := treeSize(filepath.Join(siteDir, "content"))
	if err != nil {
		return "", "", "", nil, err
	}
	res.contentMiB = float64(size) / (1 << 20)

	cfg, err := config.Load(siteDir)
	if err != nil {
		return "", "", "", nil, err
	}
	// The Hugo CLI gets gazette's configuration and the embedded theme,
	// written out the way gazette hands them to Hugo.
	hugoWork := filepath.Join(b.work, fmt.Sprintf("hugo-%d", n))
	if err := os.RemoveAll(hugoWork); err != nil {
		return "", "", "", nil, err
	}
	hugoCfg, err = site.HugoWorkDir(cfg, hugoWork, time.Now())
	if err != nil {
		return "", "", "", nil, err
	}
	return siteDir, hugoCfg, filepath.Join(hugoWork, "resources"), res, nil
}

// measure builds the site of n announcements once per tool to warm up, then
// b.runs times per tool, alternating.
func (b *bench) measure(ctx context.Context, n int) (sizeResult, error) {
	siteDir, hugoCfg, resDir, res, err := b.prepare(n)
	if err != nil {
		return sizeResult{}, err
	}
	b.logf("n=%d: generated %d markdown files (%.1f MiB) in %s", n, res.files, res.contentMiB, res.genTime)

	outs := map[string]string{}
	for _, t := range []string{toolGazette, toolHugo, toolBaseline} {
		outs[t] = filepath.Join(b.work, "out", fmt.Sprintf("%s-%d", t, n))
	}
	args := map[string][]string{
		toolGazette:  {b.gazette, "build", "-s", siteDir, "-d", outs[toolGazette]},
		toolHugo:     {b.hugo, "--minify", "--source", siteDir, "--config", hugoCfg, "--destination", outs[toolHugo]},
		toolBaseline: {b.baselineBin, "build", "-s", siteDir, "-d", outs[toolBaseline]},
	}
	// Temporary files of both tools (gazette's Hugo resource cache, say)
	// go to the work folder too, on the same file system as the outputs.
	tmp := filepath.Join(b.work, "tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return sizeResult{}, err
	}
	res.tools = []*toolResult{{tool: toolGazette}, {tool: toolHugo}}
	if b.baselineBin != "" {
		res.tools = append(res.tools, &toolResult{tool: toolBaseline})
	}
	for i := 0; i <= b.runs; i++ {
		for _, t := range res.tools {
			// Each run starts from an empty output folder, an empty Hugo
			// resource cache (gazette makes a fresh one per build) and no
			// dirty pages left by the previous run.
			for _, d := range []string{outs[t.tool], resDir} {
				if err := os.RemoveAll(d); err != nil {
					return sizeResult{}, err
				}
			}
			syscall.Sync()
			load := loadAvg()
			s, err := runChild(ctx, args[t.tool], tmp)
			if err != nil {
				return sizeResult{}, fmt.Errorf("n=%d: %s: %w", n, t.tool, err)
			}
			s.load = load
			what := "warm-up"
			if i > 0 {
				what = fmt.Sprintf("run %d/%d", i, b.runs)
				t.samples = append(t.samples, s)
			}
			b.logf("n=%d %-16s %-8s wall %8s  cpu %8s  peak RSS %6.0f MiB  load %.1f", n, t.tool, what, s.wall.Round(time.Millisecond), s.cpu.Round(time.Millisecond), float64(s.rssKiB)/1024, s.load)
		}
	}
	if err := compareOutputs(res, outs); err != nil {
		return sizeResult{}, err
	}
	return *res, nil
}

// runChild runs one build and measures its wall time, CPU time and peak
// resident set size.
func runChild(ctx context.Context, argv []string, tmp string) (sample, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%w\n%s", err, out.String())
	}
	ps := cmd.ProcessState
	s := sample{wall: wall, cpu: ps.UserTime() + ps.SystemTime()}
	if m := searchTook.FindSubmatch(out.Bytes()); m != nil {
		s.search, _ = time.ParseDuration(string(m[1]))
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		s.rssKiB = ru.Maxrss // KiB on Linux
	}
	return s, nil
}

// compareOutputs lists the files only gazette or only Hugo wrote and counts
// the common files whose bytes are identical; with a baseline, it lists the
// files whose bytes differ between the two gazette builds.
func compareOutputs(res *sizeResult, outs map[string]string) error {
	files := map[string]map[string]int64{}
	for _, t := range res.tools {
		m := map[string]int64{}
		root := outs[t.tool]
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			m[rel] = info.Size()
			t.bytes += info.Size()
			// A sub-column's list page (policies/city-gov/) has the shape
			// of an announcement's; it has a feed beside it.
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), "index.xml")); announcementPage.MatchString(rel) && err != nil {
				t.pages++
			}
			return nil
		})
		if err != nil {
			return err
		}
		t.files = len(m)
		files[t.tool] = m
	}
	g, h := files[toolGazette], files[toolHugo]
	for rel := range g {
		if _, ok := h[rel]; !ok {
			res.onlyIn[toolGazette] = append(res.onlyIn[toolGazette], rel)
		}
	}
	for rel, size := range h {
		if _, ok := g[rel]; !ok {
			res.onlyIn[toolHugo] = append(res.onlyIn[toolHugo], rel)
			continue
		}
		res.common++
		same := size == g[rel]
		if same {
			a, err := os.ReadFile(filepath.Join(outs[toolGazette], filepath.FromSlash(rel)))
			if err != nil {
				return err
			}
			c, err := os.ReadFile(filepath.Join(outs[toolHugo], filepath.FromSlash(rel)))
			if err != nil {
				return err
			}
			same = bytes.Equal(a, c)
		}
		if same {
			res.identical++
		} else {
			res.differing = append(res.differing, rel)
		}
	}
	if base, ok := files[toolBaseline]; ok {
		for rel := range union(g, base) {
			same := false
			if _, ok := g[rel]; ok {
				if _, ok := base[rel]; ok {
					a, err := os.ReadFile(filepath.Join(outs[toolGazette], filepath.FromSlash(rel)))
					if err != nil {
						return err
					}
					c, err := os.ReadFile(filepath.Join(outs[toolBaseline], filepath.FromSlash(rel)))
					if err != nil {
						return err
					}
					same = bytes.Equal(a, c)
				}
			}
			if !same {
				res.baselineDiff = append(res.baselineDiff, rel)
			}
		}
		slices.Sort(res.baselineDiff)
	}
	for _, l := range res.onlyIn {
		slices.Sort(l)
	}
	slices.Sort(res.differing)
	return nil
}

func union(a, b map[string]int64) map[string]bool {
	u := make(map[string]bool, len(a))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// loadAvg is the 1-minute load average (Linux), or -1. Other processes on
// the machine slow both tools down; the report shows how busy it was.
func loadAvg() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	var l float64
	if _, err := fmt.Sscan(string(data), &l); err != nil {
		return -1
	}
	return l
}

// copyTree copies regular files from src to dst; a missing src is skipped.
func copyTree(src, dst string) error {
	if _, err := os.Stat(src); os.IsNotExist(err) {
		return nil
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

func treeSize(root string) (int64, int, error) {
	var size int64
	var count int
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		size += info.Size()
		count++
		return nil
	})
	return size, count, err
}

// short lists at most max items.
func short(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:max], ", ") + fmt.Sprintf(", … (%d more)", len(items)-max)
}
