package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gazette/internal/site"
)

// sizeReport is what one site size measured.
type sizeReport struct {
	n                int
	builds           []buildSample
	index            map[string]dirSize // engine -> its index on disk
	pagefindTook     map[string]time.Duration
	engines          []*engineResult
	load             float64
	machine, started string
}

type buildSample struct {
	total, search time.Duration
}

// dirSize is the size of an index: files, bytes as stored, and bytes as
// a server sends them gzipped (files already gzipped count as they are).
type dirSize struct {
	files       int
	bytes, gzip int64
}

func (b *bench) size(ctx context.Context, n int, pagefindBin string) (*sizeReport, error) {
	r := &sizeReport{n: n, index: map[string]dirSize{}, pagefindTook: map[string]time.Duration{},
		machine: machine(), started: time.Now().Format("2006-01-02 15:04")}
	dir := filepath.Join(b.work, fmt.Sprintf("site-%d", n))
	marker := filepath.Join(dir, fmt.Sprintf(".generated-%d-%d", n, b.seed))
	if _, err := os.Stat(marker); err != nil {
		b.logf("n=%d: generating %d announcements per language into %s", n, n, dir)
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if err := setUpSite(b.repo, dir); err != nil {
			return nil, err
		}
		if err := generate(dir, n, b.seed); err != nil {
			return nil, err
		}
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return nil, err
		}
	}
	public := filepath.Join(dir, "public")
	runs := b.builds
	if n > 20000 {
		runs = 1
	}
	for i := range runs {
		b.logf("n=%d: gazette build %d/%d", n, i+1, runs)
		start := time.Now()
		rep, err := site.Build(ctx, site.Options{Source: dir, Dest: public})
		if err != nil {
			return nil, err
		}
		b.logf("n=%d: built in %s (search index %s, load %.1f)", n, time.Since(start).Round(time.Millisecond), rep.Search.Round(time.Millisecond), loadAvg())
		r.builds = append(r.builds, buildSample{total: rep.Duration, search: rep.Search})
	}
	var err error
	if r.index["gazette"], err = measureDir(filepath.Join(public, "search"), nil); err != nil {
		return nil, err
	}
	engines := []engine{gazetteEngine{}}
	if pagefindBin != "" {
		for _, v := range pagefindVariants {
			b.logf("n=%d: pagefind %s", n, v.name)
			took, err := runPagefind(ctx, pagefindBin, public, v)
			if err != nil {
				return nil, err
			}
			r.pagefindTook[v.name] = took
			if r.index[v.name], err = measureDir(filepath.Join(public, v.dir), nil); err != nil {
				return nil, err
			}
			if err := writeHarness(public, v); err != nil {
				return nil, err
			}
			engines = append(engines, pagefindEngine{v})
		}
	}
	srv, err := serve(public)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	r.load = loadAvg()
	for _, e := range engines {
		b.logf("n=%d: querying %s", n, e.name())
		res, err := b.query(ctx, srv, e)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.name(), err)
		}
		r.engines = append(r.engines, res)
	}
	return r, nil
}

// setUpSite writes the repository's settings and static files into dir;
// the theme comes with gazette.
func setUpSite(repo, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cfg, err := os.ReadFile(filepath.Join(repo, "config.toml"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), cfg, 0o644); err != nil {
		return err
	}
	return os.CopyFS(filepath.Join(dir, "static"), os.DirFS(filepath.Join(repo, "static")))
}

// measureDir sums the files under dir, counting each as a server would
// send it: gzipped, unless it is gzipped already.
func measureDir(dir string, skip func(string) bool) (dirSize, error) {
	var s dirSize
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (skip != nil && skip(p)) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s.files++
		s.bytes += int64(len(data))
		s.gzip += int64(len(gzipped(p, data)))
		return nil
	})
	return s, err
}

// compressible says whether a server gzips a file in transit.
func compressible(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt":
		return true
	}
	return false
}

func gzipped(name string, data []byte) []byte {
	if !compressible(name) {
		return data
	}
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(data), "\n", 2)[0], "MemTotal:"), "%d", &kb)
		mem = fmt.Sprintf(", %.0f GiB", float64(kb)/1024/1024)
	}
	return fmt.Sprintf("%s, %d cores%s", model, numCPU(), mem)
}

func loadAvg() float64 {
	var l float64
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscanf(string(data), "%f", &l)
	}
	return l
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
