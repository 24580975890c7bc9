package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

func printReport(w io.Writer, reports []*sizeReport) {
	for _, r := range reports {
		fmt.Fprintf(w, "\n### %s announcements per language\n\n", group(r.n))
		fmt.Fprintf(w, "Machine: %s. Started %s; load average %.1f when the queries ran.\n\n", r.machine, r.started, r.load)
		var totals, searches []time.Duration
		for _, b := range r.builds {
			totals = append(totals, b.total)
			searches = append(searches, b.search)
		}
		t, s := median(totals), median(searches)
		fmt.Fprintf(w, "`gazette build`: %s (median of %d), of which the search index %s = **%.1f %%**.\n\n",
			t.Round(10*time.Millisecond), len(r.builds), s.Round(10*time.Millisecond), 100*float64(s)/float64(t))
		for name, d := range r.pagefindTook {
			fmt.Fprintf(w, "`%s` indexing the built site: %s.\n\n", name, d.Round(10*time.Millisecond))
		}

		fmt.Fprintln(w, "| engine | lang | recall@10 | all found | first query KB (median / max) | later query KB (median / max) | first query ms (median / max) | later query ms (median / max) |")
		fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
		for _, e := range r.engines {
			for _, lang := range []string{"zh", "en", "both"} {
				var rs []queryResult
				for _, q := range e.results {
					if lang == "both" || q.Lang == lang {
						rs = append(rs, q)
					}
				}
				if len(rs) == 0 {
					continue
				}
				recall, all := 0.0, 0
				var fk, lk, fm, lm []float64
				for _, q := range rs {
					recall += float64(q.Found) / float64(q.Want)
					if q.Found == q.Want {
						all++
					}
					fk, lk, fm, lm = append(fk, q.FirstKB), append(lk, q.LaterKB), append(fm, q.FirstMS), append(lm, q.LaterMS)
				}
				fmt.Fprintf(w, "| %s | %s | %.3f | %d / %d | %.1f / %.1f | %.1f / %.1f | %.0f / %.0f | %.0f / %.0f |\n",
					e.name, lang, recall/float64(len(rs)), all, len(rs), med(fk), maxOf(fk), med(lk), maxOf(lk), med(fm), maxOf(fm), med(lm), maxOf(lm))
			}
		}
		fmt.Fprintln(w)
		// The slowest queries, to tell a slow kind of query from the
		// machine's noise.
		fmt.Fprintln(w, "| engine | slowest first queries (ms, requests) | slowest later queries (ms, requests) |")
		fmt.Fprintln(w, "|---|---|---|")
		for _, e := range r.engines {
			fmt.Fprintf(w, "| %s | %s | %s |\n", e.name,
				slowest(e.results, func(q queryResult) (string, float64, int) { return q.Q, q.FirstMS, q.Requests1 }),
				slowest(e.results, func(q queryResult) (string, float64, int) { return q.LaterOf, q.LaterMS, q.Requests2 }))
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| index | files | bytes stored | bytes sent (gzip) |")
		fmt.Fprintln(w, "|---|---:|---:|---:|")
		names := make([]string, 0, len(r.index))
		for k := range r.index {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			d := r.index[k]
			fmt.Fprintf(w, "| %s | %s | %.1f MB | %.1f MB |\n", k, group(d.files), float64(d.bytes)/1e6, float64(d.gzip)/1e6)
		}
		fmt.Fprintln(w)
		// The queries some engine missed.
		var missed []string
		for i := range r.engines[0].results {
			var row []string
			anyMiss := false
			for _, e := range r.engines {
				q := e.results[i]
				row = append(row, fmt.Sprintf("%d/%d", q.Found, q.Want))
				anyMiss = anyMiss || q.Found < q.Want
			}
			if anyMiss {
				q := r.engines[0].results[i]
				missed = append(missed, fmt.Sprintf("| %s | `%s` | %s | %s |", q.Lang, q.Q, q.What, strings.Join(row, " | ")))
			}
		}
		if len(missed) > 0 {
			head := "| lang | query | case |"
			for _, e := range r.engines {
				head += " " + e.name + " |"
			}
			fmt.Fprintln(w, head)
			fmt.Fprintln(w, "|---|---|---|"+strings.Repeat("---:|", len(r.engines)))
			for _, m := range missed {
				fmt.Fprintln(w, m)
			}
			fmt.Fprintln(w)
		}
	}
}

func med(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		if x > m {
			m = x
		}
	}
	return m
}

// group writes n with thousands separators.
func group(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// slowest lists the three slowest of rs by what of picks out: the query,
// its time and its number of requests.
func slowest(rs []queryResult, of func(queryResult) (string, float64, int)) string {
	rs = append([]queryResult(nil), rs...)
	sort.SliceStable(rs, func(i, j int) bool {
		_, a, _ := of(rs[i])
		_, b, _ := of(rs[j])
		return a > b
	})
	var out []string
	for _, q := range rs[:min(3, len(rs))] {
		text, ms, n := of(q)
		out = append(out, fmt.Sprintf("`%s` %.0f, %d", text, ms, n))
	}
	return strings.Join(out, "; ")
}
