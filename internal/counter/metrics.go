package counter

import (
	"fmt"
	"io"
	"math"
	"sync/atomic"
	"time"
)

// Refusal reasons: why a hit was not counted. They are the values of the
// "reason" label of browsecount_hits_refused_total.
const (
	reasonBadRequest  = "bad_request"
	reasonTooLarge    = "too_large"
	reasonUnknownID   = "unknown_id"
	reasonOrigin      = "origin"
	reasonRateLimited = "rate_limited"
	reasonBot         = "bot"
	reasonDuplicate   = "duplicate"
	reasonUnavailable = "unavailable"
)

var reasons = []string{reasonBadRequest, reasonTooLarge, reasonUnknownID, reasonOrigin,
	reasonRateLimited, reasonBot, reasonDuplicate, reasonUnavailable}

// metrics are the service's counters, written in the Prometheus text format
// by hand: a dozen atomics do not justify a client library in a tiny binary.
type metrics struct {
	counted     atomic.Int64
	refused     map[string]*atomic.Int64 // fixed keys: reasons
	views       atomic.Int64
	storeErrors atomic.Int64
	batchSize   histogram
	commitSecs  histogram
}

func newMetrics() *metrics {
	m := &metrics{refused: make(map[string]*atomic.Int64, len(reasons))}
	for _, r := range reasons {
		m.refused[r] = new(atomic.Int64)
	}
	m.batchSize.bounds = []float64{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}
	m.commitSecs.bounds = []float64{0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}
	m.batchSize.init()
	m.commitSecs.init()
	return m
}

func (m *metrics) refuse(reason string) { m.refused[reason].Add(1) }

// histogram is a fixed-bucket Prometheus histogram. The sum is kept in
// micro-units so that it can be an atomic integer.
type histogram struct {
	bounds []float64
	counts []atomic.Int64 // per bucket, not cumulative; last is +Inf
	sumE6  atomic.Int64
	n      atomic.Int64
}

func (h *histogram) init() { h.counts = make([]atomic.Int64, len(h.bounds)+1) }

func (h *histogram) observe(v float64) {
	i := 0
	for i < len(h.bounds) && v > h.bounds[i] {
		i++
	}
	h.counts[i].Add(1)
	h.sumE6.Add(int64(math.Round(v * 1e6)))
	h.n.Add(1)
}

func (h *histogram) write(w io.Writer, name, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name)
	var cum int64
	for i, b := range h.bounds {
		cum += h.counts[i].Load()
		fmt.Fprintf(w, "%s_bucket{le=\"%g\"} %d\n", name, b, cum)
	}
	cum += h.counts[len(h.bounds)].Load()
	fmt.Fprintf(w, "%s_bucket{le=\"+Inf\"} %d\n", name, cum)
	fmt.Fprintf(w, "%s_sum %g\n%s_count %d\n", name, float64(h.sumE6.Load())/1e6, name, h.n.Load())
}

// gauges are the values read at scrape time.
type gauges struct {
	pages, dedupeEntries, rateLimitEntries int
	manifestLoaded                         time.Time
	manifestReloadErrors                   int64
}

func (m *metrics) write(w io.Writer, g gauges) {
	counter := func(name, help string, v int64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", name, help, name, name, v)
	}
	gauge := func(name, help string, v float64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %g\n", name, help, name, name, v)
	}
	counter("browsecount_hits_counted_total", "Hits durably added to a count.", m.counted.Load())
	fmt.Fprintf(w, "# HELP browsecount_hits_refused_total Hits not counted, by reason.\n# TYPE browsecount_hits_refused_total counter\n")
	for _, r := range reasons {
		fmt.Fprintf(w, "browsecount_hits_refused_total{reason=%q} %d\n", r, m.refused[r].Load())
	}
	counter("browsecount_views_requests_total", "Answered GET /v1/views requests.", m.views.Load())
	counter("browsecount_store_errors_total", "Failed store operations.", m.storeErrors.Load())
	m.batchSize.write(w, "browsecount_batch_size", "Hits committed per transaction (group commit).")
	m.commitSecs.write(w, "browsecount_commit_duration_seconds", "Time to commit one batch of hits.")
	gauge("browsecount_manifest_pages", "Pages in the loaded manifest.", float64(g.pages))
	gauge("browsecount_manifest_loaded_timestamp_seconds", "When the manifest in use was loaded.", float64(g.manifestLoaded.UnixMilli())/1000)
	counter("browsecount_manifest_reload_errors_total", "Manifest reloads that failed (the previous manifest stays in use).", g.manifestReloadErrors)
	gauge("browsecount_dedupe_entries", "Visitors remembered for deduplication.", float64(g.dedupeEntries))
	gauge("browsecount_ratelimit_entries", "Clients tracked by the rate limiter.", float64(g.rateLimitEntries))
}
