package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// engine is a search that the benchmark drives in the browser.
type engine interface {
	name() string
	// page is the page the queries are typed on.
	page(lang string) string
	// runJS is a script that runs the query q (a JavaScript string) and
	// returns {ms, total, urls}: the time until the results show, their
	// number and the first ten.
	runJS(q string) string
	// counts reports whether a request for path is the search's: its code
	// or its index.
	counts(path string) bool
}

type gazetteEngine struct{}

func (gazetteEngine) name() string            { return "gazette" }
func (gazetteEngine) page(lang string) string { return "/" + lang + "/search/" }
func (gazetteEngine) counts(p string) bool {
	return strings.HasPrefix(p, "/search/") || strings.HasPrefix(p, "/js/search.")
}

// The search page's own form, as a reader submits it; the results show
// when the status line gives their number.
func (gazetteEngine) runJS(q string) string {
	return `(async q => {
	const root = document.querySelector("[data-search]"), form = root.querySelector("form");
	const status = root.querySelector("[data-search-status]");
	for (const el of form.elements) if (el.name) el.value = "";
	form.elements.q.value = q;
	const done = new Promise(resolve => {
		const o = new MutationObserver(() => {
			const t = status.textContent.trim();
			if (t && t !== root.dataset.msgSearching) { o.disconnect(); resolve(); }
		});
		o.observe(status, {childList: true, characterData: true, subtree: true});
	});
	const t0 = performance.now();
	form.requestSubmit();
	await done;
	const ms = performance.now() - t0;
	const urls = [...root.querySelectorAll("[data-search-results] a")].slice(0, 10).map(a => new URL(a.href).pathname);
	const m = status.textContent.match(/\d+/);
	return {ms, total: urls.length ? (m ? +m[0] : urls.length) : 0, urls};
})(` + q + `)`
}

type pagefindEngine struct{ v pagefindVariant }

func (e pagefindEngine) name() string            { return e.v.name }
func (e pagefindEngine) page(lang string) string { return "/bench-" + e.v.dir + "/" + lang + ".html" }
func (e pagefindEngine) counts(p string) bool    { return strings.HasPrefix(p, "/"+e.v.dir+"/") }
func (e pagefindEngine) runJS(q string) string   { return "window.run(" + q + ")" }

// queryResult is one labelled query through one engine.
type queryResult struct {
	Query     query    `json:"-"`
	Lang      string   `json:"lang"`
	Q         string   `json:"q"`
	What      string   `json:"what"`
	Want      int      `json:"want"`
	Found     int      `json:"found"` // of want, in the first ten
	Total     int      `json:"total"`
	Top       []string `json:"top"`
	FirstMS   float64  `json:"firstMs"`
	FirstKB   float64  `json:"firstKB"`
	LaterMS   float64  `json:"laterMs"`
	LaterKB   float64  `json:"laterKB"`
	LaterOf   string   `json:"laterOf"` // the query run before it
	Requests1 int      `json:"requests1"`
	Requests2 int      `json:"requests2"`
}

type engineResult struct {
	name    string
	results []queryResult
}

type runOut struct {
	MS    float64  `json:"ms"`
	Total int      `json:"total"`
	URLs  []string `json:"urls"`
}

// query runs every labelled query through e: each in a fresh browser
// context (an empty cache, as a first visit), then, in the same page, the
// next query of its language as a later query.
func (b *bench) query(ctx context.Context, srv *server, e engine) (*engineResult, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(b.chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		return nil, fmt.Errorf("starting chromium: %w", err)
	}
	res := &engineResult{name: e.name()}
	byLang := map[string][]query{}
	for _, q := range queries {
		if b.only == "" || strings.Contains(q.q, b.only) {
			byLang[q.lang] = append(byLang[q.lang], q)
		}
	}
	for _, lang := range []string{"zh", "en"} {
		qs := byLang[lang]
		for i, q := range qs {
			next := qs[(i+1)%len(qs)]
			r, err := b.queryPair(browser, srv, e, q, next)
			if err != nil {
				return nil, fmt.Errorf("%s %q: %w", lang, q.q, err)
			}
			res.results = append(res.results, r)
		}
	}
	data, _ := json.MarshalIndent(res.results, "", " ")
	os.WriteFile(filepath.Join(b.work, "results-"+e.name()+".json"), data, 0o644)
	return res, nil
}

func (b *bench) queryPair(browser context.Context, srv *server, e engine, q, next query) (queryResult, error) {
	tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	tab, cancelT := context.WithTimeout(tab, 2*time.Minute)
	defer cancelT()
	r := queryResult{Query: q, Lang: q.lang, Q: q.q, What: q.what, Want: len(q.want), LaterOf: next.q}
	_, mark := srv.sent(0)
	if err := chromedp.Do(tab, chromedp.Navigate(srv.base+e.page(q.lang))); err != nil {
		return r, err
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`new Promise(r => { const w = () => (window.ready || document.querySelector("[data-search]")) ? r(true) : setTimeout(w, 10); w(); })`, chromedp.EvalAwaitPromise)); err != nil {
		return r, err
	}
	run := func(text string) (runOut, error) {
		js, _ := json.Marshal(text)
		return chromedp.Run(tab, chromedp.Evaluate[runOut](e.runJS(string(js)), chromedp.EvalAwaitPromise))
	}
	first, err := run(q.q)
	if err != nil {
		return r, err
	}
	sent1, mark := srv.sent(mark)
	second, err := run(next.q)
	if err != nil {
		return r, err
	}
	sent2, _ := srv.sent(mark)
	r.FirstMS, r.Total, r.Top = first.MS, first.Total, first.URLs
	r.LaterMS = second.MS
	for _, x := range sent1 {
		if e.counts(x.path) {
			r.FirstKB += float64(x.bytes) / 1024
			r.Requests1++
		}
	}
	for _, x := range sent2 {
		if e.counts(x.path) {
			r.LaterKB += float64(x.bytes) / 1024
			r.Requests2++
		}
	}
	for _, w := range q.want {
		want := "/" + q.lang + "/" + needleColumn(w) + "/" + w + "/"
		for _, u := range first.URLs {
			if strings.TrimSuffix(u, "index.html") == want {
				r.Found++
				break
			}
		}
	}
	return r, nil
}

func needleColumn(key string) string {
	for _, n := range needles {
		if n.key == key {
			return n.column
		}
	}
	panic("unknown needle " + key)
}
