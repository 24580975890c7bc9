//go:build unix

package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

func median[T int64 | time.Duration | float64](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// pairedRatio is the median of a[i]/b[i].
func pairedRatio(a, b []time.Duration) float64 {
	var r []float64
	for i := range min(len(a), len(b)) {
		r = append(r, float64(a[i])/float64(b[i]))
	}
	if len(r) == 0 {
		return 0
	}
	return median(r)
}

func (t *toolResult) walls() []time.Duration {
	var d []time.Duration
	for _, s := range t.samples {
		d = append(d, s.wall)
	}
	return d
}

func (t *toolResult) cpus() []time.Duration {
	var d []time.Duration
	for _, s := range t.samples {
		d = append(d, s.cpu)
	}
	return d
}

func (t *toolResult) rss() []int64 {
	var r []int64
	for _, s := range t.samples {
		r = append(r, s.rssKiB)
	}
	return r
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func msPerPage(d time.Duration, pages int) string {
	return fmt.Sprintf("%.3f", float64(d.Microseconds())/1000/float64(pages))
}

func mib(kib int64) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }

// printReport writes the results as markdown.
func printReport(w io.Writer, b *bench, results []sizeResult) {
	fmt.Fprintf(w, "\ngazette %s; Go %s; %s; %s\n", b.commit, b.goVersion, b.hugoLine, cores())
	fmt.Fprintf(w, "%d measured runs per tool after one warm-up each, alternating gazette/hugo.\n", b.runs)
	fmt.Fprintf(w, "pages = announcement pages, both languages (2 per announcement); ms/page = wall time / pages.\n")
	lo, hi := -1.0, -1.0
	for _, r := range results {
		for _, t := range r.tools {
			for _, s := range t.samples {
				if lo < 0 || s.load < lo {
					lo = s.load
				}
				hi = max(hi, s.load)
			}
		}
	}
	if lo >= 0 {
		fmt.Fprintf(w, "1-minute load average at the start of the measured runs: %.1f to %.1f.\n", lo, hi)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| announcements | pages | tool | wall median | wall min | ms/page median | ms/page min | CPU (user+sys) median | peak RSS median | peak RSS min |")
	fmt.Fprintln(w, "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		for _, t := range r.tools {
			wm, wmin := median(t.walls()), slices.Min(t.walls())
			fmt.Fprintf(w, "| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				r.n, r.pages, t.tool, secs(wm), secs(wmin), msPerPage(wm, r.pages), msPerPage(wmin, r.pages),
				secs(median(t.cpus())), mib(median(t.rss())), mib(slices.Min(t.rss())))
		}
	}
	fmt.Fprintln(w)
	// Runs alternate, so run i of each tool was measured within a minute
	// of the other's: the median of those pairs' ratios is the least moved
	// by a machine that is slower for a while (a VM's neighbours).
	fmt.Fprintln(w, "| announcements | ratio to hugo | wall median | wall min | wall, median of run pairs | CPU median | peak RSS median |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|")
	for _, r := range results {
		h := r.tools[1]
		ratio := func(a, b float64) string { return fmt.Sprintf("%.2f", a/b) }
		for _, g := range r.tools {
			if g == h {
				continue
			}
			fmt.Fprintf(w, "| %d | %s / hugo | %s | %s | %.2f | %s | %s |\n", r.n, g.tool,
				ratio(float64(median(g.walls())), float64(median(h.walls()))),
				ratio(float64(slices.Min(g.walls())), float64(slices.Min(h.walls()))),
				pairedRatio(g.walls(), h.walls()),
				ratio(float64(median(g.cpus())), float64(median(h.cpus()))),
				ratio(float64(median(g.rss())), float64(median(h.rss()))))
		}
	}
	// Hugo builds no search index; gazette's summary says how long its
	// own took, so its build is also compared without that part.
	for _, r := range results {
		h := r.tools[1]
		for _, g := range r.tools {
			if g == h {
				continue
			}
			var rest, search []time.Duration
			for _, s := range g.samples {
				rest, search = append(rest, s.wall-s.search), append(search, s.search)
			}
			if median(search) == 0 {
				continue
			}
			fmt.Fprintf(w, "\nn=%d: %s's search index took %s (median), %.1f %% of its build; without it %s's wall median is %s, %.2f × hugo's.\n",
				r.n, g.tool, secs(median(search)), 100*float64(median(search))/float64(median(g.walls())),
				g.tool, secs(median(rest)), float64(median(rest))/float64(median(h.walls())))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Outputs (last run of each tool):")
	fmt.Fprintln(w)
	for _, r := range results {
		for _, t := range r.tools {
			note := ""
			if t.pages != r.pages {
				note = fmt.Sprintf(" — expected %d announcement pages!", r.pages)
			}
			fmt.Fprintf(w, "- n=%d %s: %d files, %.1f MiB, %d announcement pages%s\n", r.n, t.tool, t.files, float64(t.bytes)/(1<<20), t.pages, note)
		}
		for _, t := range r.tools {
			if l := r.onlyIn[t.tool]; len(l) > 0 {
				fmt.Fprintf(w, "- n=%d only %s wrote %d files: %s\n", r.n, t.tool, len(l), short(l, 8))
			}
		}
		fmt.Fprintf(w, "- n=%d gazette and hugo: %d common files, byte-identical: %d", r.n, r.common, r.identical)
		if len(r.differing) > 0 {
			fmt.Fprintf(w, "; differing: %s", short(r.differing, 5))
		}
		fmt.Fprintln(w)
		if b.baselineBin != "" {
			if len(r.baselineDiff) == 0 {
				fmt.Fprintf(w, "- n=%d gazette and gazette-baseline: identical outputs\n", r.n)
			} else {
				fmt.Fprintf(w, "- n=%d gazette and gazette-baseline: %d files differ: %s\n", r.n, len(r.baselineDiff), short(r.baselineDiff, 5))
			}
		}
	}
}
