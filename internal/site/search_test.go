package site

// Site search on the built sample site, in headless Chromium: what a reader
// types, in either language, and what the search page then lists. The
// page's contract is the one the issue names: the header form's action and
// its input q, the list [data-search-results] with one link per result,
// and the result count in a polite live region.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/fsnotify/fsnotify"

	"gazette/internal/browsertest"
	"gazette/internal/search"
)

// searchView is what the search page shows once a search has finished.
type searchView struct {
	Status string   `json:"status"`
	Live   string   `json:"live"` // the status line's role
	URLs   []string `json:"urls"` // the result links' paths, in order
	Links  []int    `json:"links"`
	Marks  []string `json:"marks"`
	More   bool     `json:"more"` // the "more results" button is shown
	Query  string   `json:"query"`
	Images int      `json:"images"`
}

// searchViewJS waits for the search to finish and reads the page.
const searchViewJS = `new Promise((resolve, reject) => {
	const started = Date.now();
	const read = () => {
		const root = document.querySelector("[data-search]");
		const status = document.querySelector("[data-search-status]");
		const text = status ? status.textContent.trim() : "";
		if (!text || text === root.dataset.msgSearching) {
			if (Date.now() - started > 10000) reject(new Error("no result after 10 s: " + text));
			else setTimeout(read, 20);
			return;
		}
		const items = [...document.querySelectorAll("[data-search-results] > li")];
		resolve({
			status: text,
			live: status.getAttribute("role") || "",
			urls: items.map(li => { const a = li.querySelector("a[href]"); return a ? new URL(a.href).pathname : ""; }),
			links: items.map(li => li.querySelectorAll("a[href]").length),
			marks: [...document.querySelectorAll("[data-search-results] mark")].map(m => m.textContent),
			more: !document.querySelector("[data-search-more]").hidden,
			query: document.querySelector("[data-search] input[name=q]").value,
			images: document.querySelectorAll("main img").length,
		});
	};
	read();
})`

// await runs a script that returns a promise and waits for its value.
func await[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("script failed: %v\n%.300s", err, script)
	}
	return v
}

func readSearch(t *testing.T, ctx context.Context) searchView {
	t.Helper()
	var v searchView
	// A form that leads to another page may still be loading it: the
	// script then dies with the old page, and runs again on the new one.
	for try := 0; ; try++ {
		var err error
		v, err = chromedp.Run(ctx, chromedp.Evaluate[searchView](searchViewJS, chromedp.EvalAwaitPromise))
		if err == nil {
			break
		}
		if try == 5 {
			t.Fatalf("reading the search page: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	for i, n := range v.Links {
		if n != 1 {
			t.Errorf("result %d (%s) has %d links, want 1", i+1, v.URLs[i], n)
		}
	}
	return v
}

// searchFor opens the search page of lang with the given address query.
func searchFor(t *testing.T, ctx context.Context, base, lang string, params url.Values) searchView {
	t.Helper()
	navigate(t, ctx, base, "/"+lang+"/search/?"+params.Encode())
	return readSearch(t, ctx)
}

// searchURLs asks the Go reader of the index in fsys (a built site) for
// the first ten results of text, and returns their addresses.
func searchURLs(t *testing.T, fsys fs.FS, lang, text string) []string {
	t.Helper()
	se, err := search.OpenSearcher(fsys, lang)
	if err != nil {
		t.Fatal(err)
	}
	res, err := se.Search(search.Query{Text: text}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.URL)
	}
	return urls
}

func q(text string, more ...string) url.Values {
	v := url.Values{"q": {text}}
	for i := 0; i+1 < len(more); i += 2 {
		v.Set(more[i], more[i+1])
	}
	return v
}

const (
	talentZh   = "/zh/policies/city-office/2022-talent-housing/"
	talentEn   = "/en/policies/city-office/2022-talent-housing/"
	campZh     = "/zh/news/2026-hong-kong-student-science-camp/"
	campEn     = "/en/news/2026-hong-kong-student-science-camp/"
	forumZh    = "/zh/notices/2019-expert-forum/"
	waterZh    = "/zh/notices/2024-water-supply-maintenance/"
	waterEn    = "/en/notices/2024-water-supply-maintenance/"
	elderlyZh  = "/zh/news/2025-community-elderly-care/"
	interpZh   = "/zh/interpretations/2022-talent-housing-explained/"
	interpEn   = "/en/interpretations/2022-talent-housing-explained/"
	businessEn = "/en/policies/city-gov/2024-small-business-support/"
)

// TestSearchFinds runs the searches a reader makes, on the sample site.
func TestSearchFinds(t *testing.T) {
	_, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, tc := range []struct {
		name, lang string
		params     url.Values
		first      string   // the first result
		all        []string // or exactly these results, in order
		marked     string   // a term shown in <mark>
	}{
		{name: "title word", lang: "zh", params: q("人才"), first: talentZh, marked: "人才"},
		// Two title matches, the newer first, then a passing mention.
		{name: "title word", lang: "en", params: q("housing"), all: []string{interpEn, talentEn, waterEn}, marked: "Housing"},
		{name: "body phrase", lang: "zh", params: q("储水准备"), all: []string{waterZh}, marked: "储水准备"},
		{name: "body phrase", lang: "en", params: q("store water"), first: waterEn},
		{name: "doc number", lang: "zh", params: q("绵府办发〔2022〕15号"), first: talentZh},
		{name: "doc number, square brackets", lang: "zh", params: q("绵府办发[2022]15号"), first: talentZh},
		{name: "doc number, no brackets", lang: "zh", params: q("绵府办发 2022 15"), first: talentZh},
		{name: "doc number, full width", lang: "zh", params: q("绵府办发〔２０２２〕１５号"), first: talentZh},
		{name: "doc number", lang: "en", params: q("Mianfu Banfa [2022] No. 15"), first: talentEn},
		{name: "doc number, no brackets", lang: "en", params: q("mianfu banfa 2022 15"), first: talentEn},
		{name: "simplified over traditional", lang: "zh", params: q("学生"), all: []string{campZh}, marked: "學生"},
		{name: "simplified phrase over traditional", lang: "zh", params: q("科技交流营"), all: []string{campZh}, marked: "科技交流營"},
		{name: "traditional over simplified", lang: "zh", params: q("養老服務"), all: []string{elderlyZh}, marked: "养老服务"},
		{name: "plural query, singular text", lang: "en", params: q("policies"), all: []string{campEn}, marked: "policy"},
		{name: "singular query, plural text", lang: "en", params: q("Subsidy"), first: talentEn, marked: "Subsidies"},
		{name: "upper case", lang: "en", params: q("STUDENT"), all: []string{campEn}},
		{name: "two terms", lang: "en", params: q("small business"), first: businessEn},
		{name: "column filter", lang: "zh", params: q("人才", "column", "news"), all: []string{campZh}},
		{name: "year filter", lang: "zh", params: q("人才", "year", "2019"), all: []string{forumZh}},
		// The title match first, then many mentions before one.
		{name: "relevance", lang: "zh", params: q("人才"), all: []string{talentZh, interpZh, forumZh, campZh}},
		{name: "newest first", lang: "zh", params: q("人才", "sort", "newest"), all: []string{campZh, interpZh, talentZh, forumZh}},
	} {
		t.Run(tc.lang+"/"+tc.name, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			v := searchFor(t, ctx, base, tc.lang, tc.params)
			if tc.all != nil && !slices.Equal(v.URLs, tc.all) {
				t.Errorf("%s: results %q, want %q", tc.params.Encode(), v.URLs, tc.all)
			}
			if tc.first != "" && (len(v.URLs) == 0 || v.URLs[0] != tc.first) {
				t.Errorf("%s: results %q, want %s first", tc.params.Encode(), v.URLs, tc.first)
			}
			if !strings.Contains(v.Status, fmt.Sprint(len(v.URLs))) {
				t.Errorf("%s: status %q does not give the number of results, %d", tc.params.Encode(), v.Status, len(v.URLs))
			}
			if v.Live != "status" {
				t.Errorf("the result count is in an element with role %q, want status (a polite live region)", v.Live)
			}
			if tc.marked != "" && !slices.Contains(v.Marks, tc.marked) {
				t.Errorf("%s: marked %q, want %q among them", tc.params.Encode(), v.Marks, tc.marked)
			}
			if v.Query != tc.params.Get("q") {
				t.Errorf("the search box shows %q, want the query %q", v.Query, tc.params.Get("q"))
			}
		})
	}
}

func TestSearchNothingFound(t *testing.T) {
	_, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, tc := range []struct{ lang, q, want string }{
		{"zh", "不存在的词语", "没有找到与“不存在的词语”相关的公告。"},
		{"en", "xylophone", "No announcements match “xylophone”."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			v := searchFor(t, ctx, base, tc.lang, q(tc.q))
			if len(v.URLs) != 0 || v.Status != tc.want || v.More {
				t.Errorf("searching %q: status %q, results %q, more %v; want %q and nothing listed", tc.q, v.Status, v.URLs, v.More, tc.want)
			}
		})
	}
}

// TestSearchHTMLInQuery: markup in a query is shown as text and never runs.
func TestSearchHTMLInQuery(t *testing.T) {
	_, base := readerSite(t)
	browser := browsertest.Chromium(t)
	const attack = `<img src=x onerror="window.pwned=1"><b>人才</b>`
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			v := searchFor(t, ctx, base, lang, q(attack))
			if v.Images != 0 || evaluate[bool](t, ctx, "window.pwned === 1 || !!document.querySelector('[data-search] b')") {
				t.Fatalf("the query's markup became part of the page")
			}
			if lang == "en" && !strings.Contains(v.Status, attack) {
				t.Errorf("status %q does not show the query as typed", v.Status)
			}
			if v.Query != attack {
				t.Errorf("the search box shows %q, want the query as typed", v.Query)
			}
		})
	}
}

// TestSearchMore: more results come on demand, and focus moves to the first
// new one so a keyboard user carries on from there.
func TestSearchMore(t *testing.T) {
	_, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, tc := range []struct{ lang, q, more string }{
		{"zh", "绵阳", "更多结果"},
		{"en", "Mianyang", "More results"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			// Every result on one page, then pages of three, as a site whose
			// template sets data-page-size="3" would have.
			pageOf := func(size int) searchView {
				navigate(t, ctx, base, "/"+tc.lang+"/search/")
				evaluate[any](t, ctx, fmt.Sprintf(`document.querySelector("[data-search]").dataset.pageSize = "%d"`, size))
				typeQuery(t, ctx, "#search-q", tc.q)
				return readSearch(t, ctx)
			}
			all := pageOf(100)
			if len(all.URLs) < 7 || all.More {
				t.Fatalf("%q finds %d announcements (more shown: %v); the test needs at least 7", tc.q, len(all.URLs), all.More)
			}
			v := pageOf(3)
			if !slices.Equal(v.URLs, all.URLs[:3]) || !v.More {
				t.Fatalf("first page %q (more shown: %v), want %q and a %q button", v.URLs, v.More, all.URLs[:3], tc.more)
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-search-more]"))); err != nil {
				t.Fatal(err)
			}
			// The new results' excerpts load asynchronously.
			got := await[[]string](t, ctx, `new Promise(r => setTimeout(() => r([...document.querySelectorAll("[data-search-results] a")].map(a => new URL(a.href).pathname)), 300))`)
			if !slices.Equal(got, all.URLs[:6]) {
				t.Errorf("after %q: %q, want %q", tc.more, got, all.URLs[:6])
			}
			focused := evaluate[string](t, ctx, `document.activeElement && document.activeElement.href ? new URL(document.activeElement.href).pathname : ""`)
			if focused != all.URLs[3] {
				t.Errorf("after %q focus is on %q, want the first new result %s", tc.more, focused, all.URLs[3])
			}
			status := evaluate[string](t, ctx, `document.querySelector("[data-search-status]").textContent`)
			if !strings.Contains(status, "6") || !strings.Contains(status, fmt.Sprint(len(all.URLs))) {
				t.Errorf("status after %q: %q, want it to say 6 of %d", tc.more, status, len(all.URLs))
			}
		})
	}
}

// typeQuery focuses the field sel, types text as keys and presses Enter.
func typeQuery(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	evaluate[any](t, ctx, fmt.Sprintf(`document.querySelector(%s).value = ""`, jsString(sel)))
	if err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.SendKeys(chromedp.CSS(sel), text),
		chromedp.KeyEvent(kb.Enter),
	); err != nil {
		t.Fatalf("typing into %s: %v", sel, err)
	}
}

// TestSearchFromHeader: the header box on any page leads to the search
// page with the query in its address; the back button returns to the last
// search.
func TestSearchFromHeader(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			page, _ := twoAnnouncements(t, dir, lang)
			ctx := browsertest.Tab(t, browser)
			navigate(t, ctx, base, page)
			form := evaluate[map[string]string](t, ctx, `(() => {
				const f = document.querySelector("header form[role=search]");
				if (!f) return {};
				return {action: f.getAttribute("action"), method: f.method, input: f.querySelector("input[name=q]") ? "q" : "",
					label: f.querySelector("label") ? f.querySelector("label").textContent.trim() : ""};
			})()`)
			wantLabel := map[string]string{"zh": "搜索", "en": "Search"}[lang]
			if form["action"] != "/"+lang+"/search/" || form["method"] != "get" || form["input"] != "q" || form["label"] != wantLabel {
				t.Fatalf("%s: header search form %v; want action /%s/search/, GET, an input named q and the label %q", page, form, lang, wantLabel)
			}
			word := map[string]string{"zh": "人才", "en": "housing"}[lang]
			typeQuery(t, ctx, "#site-search-q", word)
			v := readSearch(t, ctx)
			loc := evaluate[string](t, ctx, "location.pathname + location.search")
			if want := "/" + lang + "/search/?q=" + url.QueryEscape(word); loc != want || len(v.URLs) == 0 {
				t.Fatalf("after searching from the header: at %s with %d results, want %s and results", loc, len(v.URLs), want)
			}
			// A second search on the search page, then back.
			typeQuery(t, ctx, "#search-q", map[string]string{"zh": "养老", "en": "elderly"}[lang])
			second := readSearch(t, ctx)
			if slices.Equal(second.URLs, v.URLs) {
				t.Fatalf("the second search lists the same results %q", v.URLs)
			}
			if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
				t.Fatal(err)
			}
			back := readSearch(t, ctx)
			if !slices.Equal(back.URLs, v.URLs) || back.Query != word {
				t.Errorf("after Back: query %q, results %q; want %q and %q", back.Query, back.URLs, word, v.URLs)
			}
		})
	}
}

// TestSearchByKeyboard: Tab reaches the search field, typing and Enter
// search, and Tab then reaches the results.
func TestSearchByKeyboard(t *testing.T) {
	_, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			navigate(t, ctx, base, "/"+lang+"/search/")
			reached := false
			for range 30 {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
					t.Fatal(err)
				}
				if evaluate[bool](t, ctx, `document.activeElement && document.activeElement.id === "search-q"`) {
					reached = true
					break
				}
			}
			if !reached {
				t.Fatal("30 presses of Tab never reach the search field")
			}
			word := map[string]string{"zh": "人才", "en": "housing"}[lang]
			if err := chromedp.Do(ctx, chromedp.KeyEvent(word), chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			v := readSearch(t, ctx)
			if len(v.URLs) == 0 {
				t.Fatalf("typing %q and Enter found nothing: %q", word, v.Status)
			}
			for range 20 {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
					t.Fatal(err)
				}
				if evaluate[bool](t, ctx, `!!document.activeElement.closest("[data-search-results]")`) {
					return
				}
			}
			t.Error("20 presses of Tab after the search never reach a result")
		})
	}
}

// TestSearchWithoutJavaScript: the page says that search needs JavaScript.
func TestSearchWithoutJavaScript(t *testing.T) {
	_, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, tc := range []struct{ lang, want string }{
		{"zh", "站内搜索需要浏览器启用 JavaScript"},
		{"en", "Site search needs JavaScript"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
				_, err := cdp.Call(ctx, tgt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			})); err != nil {
				t.Fatal(err)
			}
			navigate(t, ctx, base, "/"+tc.lang+"/search/?q=x")
			text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, tc.want) {
				t.Errorf("with JavaScript off the search page says %q; want it to say %q", text, tc.want)
			}
		})
	}
}

// TestSearchAxeAndNarrow: the search page with results passes axe-core and
// fits a 320 px screen, in both languages; every request it makes stays
// on the site.
func TestSearchAxeAndNarrow(t *testing.T) {
	_, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, tc := range []struct{ lang, q string }{{"zh", "人才"}, {"en", "housing"}} {
		t.Run(tc.lang, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 700, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
				t.Fatal(err)
			}
			v := searchFor(t, ctx, base, tc.lang, q(tc.q))
			if len(v.URLs) == 0 {
				t.Fatalf("%q finds nothing", tc.q)
			}
			for _, viol := range browsertest.Axe(ctx, t) {
				t.Errorf("search page with results: %s", viol)
			}
			o := evaluate[struct {
				Width       int      `json:"width"`
				ScrollWidth int      `json:"scrollWidth"`
				Wide        []string `json:"wide"`
			}](t, ctx, overflowJS)
			if o.ScrollWidth > o.Width {
				t.Errorf("at 320 px the search page scrolls sideways (content %d px); sticking out: %s", o.ScrollWidth, strings.Join(o.Wide, ", "))
			}
			requests := evaluate[[]string](t, ctx, `performance.getEntriesByType("resource").map(e => e.name)`)
			if len(requests) < 4 {
				t.Errorf("the search page made %d requests (%q); the index was not read", len(requests), requests)
			}
			for _, r := range requests {
				if !strings.HasPrefix(r, base+"/") {
					t.Errorf("the search page requested %s, outside the site", r)
				}
			}
		})
	}
}

// TestSearchScriptMatchesGo holds search.js to the Go search package: the
// same stems for words that exercise every step of the stemmer, the same
// terms for queries of every kind, and the same results in the same order
// for queries over the sample site.
func TestSearchScriptMatchesGo(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	ctx := browsertest.Tab(t, browser)
	navigate(t, ctx, base, "/zh/")
	script := searchScript(t, dir)
	a := search.NewAnalyzer()

	// Words go through the whole pipeline on both sides: Go's stemmer is
	// reached through the analyser.
	words := stemmerWords()
	var want []string
	for _, w := range words {
		want = append(want, fmt.Sprint(a.QueryTerms(w)))
	}
	got := await[[]string](t, ctx, fmt.Sprintf(`(async () => { const m = new Function(%s + "; return {queryTerms}")(); return %s.map(w => "[" + m.queryTerms(w).map(g => "[" + g.join(" ") + "]").join(" ") + "]"); })()`, jsString(script), jsonOf(words)))
	bad := 0
	for i := range words {
		if got[i] != want[i] {
			if bad++; bad <= 20 {
				t.Errorf("terms of %q: search.js %s, Go %s", words[i], got[i], want[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d words stem differently", bad, len(words))
	}

	queries := []string{
		"学生", "學生", "一帶一路", "綫上辦理", "城市更新行动方案", "暴雨橙色预警", "下凹式绿地", "水",
		"绵府办发〔2022〕15号", "绵府办发[2022]15号", "绵府办发（２０２２）１５号", "Ｇ２０峰会", "５Ｇ基站",
		"Rain Gardens", "POLICIES", "Café crème", "residents' committee", "city’s", "high-quality", "e-mail",
		"ΟΔΟΣ", "naïve coöperation", "Müller", "ｶﾞｲﾄﾞ", "한국어 검색", "①②③", "Ⅻ", "ﬁne", "İstanbul",
		"<b>人才</b>", "  ，。  ", "2024年度", "COVID-19疫苗",
	}
	fold := fmt.Sprintf(`await fetch(%s).then(r => new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()).then(b => m.foldTable(new Uint8Array(b)))`,
		jsString(base+"/search/"+strings.TrimPrefix(foldFile(t, dir), "search/")))
	gotTerms := await[[][][]string](t, ctx, fmt.Sprintf(`(async () => { const m = new Function(%s + "; return {queryTerms, foldTable}")(); const fold = %s; return %s.map(q => m.queryTerms(q, fold)); })()`,
		jsString(script), fold, jsonOf(queries)))
	for i, q := range queries {
		if w := a.QueryTerms(q); !slices.EqualFunc(nilEmpty(w), nilEmpty(gotTerms[i]), slices.Equal) {
			t.Errorf("terms of %q: search.js %q, Go %q", q, gotTerms[i], w)
		}
	}

	for _, tc := range []struct {
		lang string
		qs   []string
	}{
		{"zh", []string{"人才", "绵阳", "学生", "养老服务", "服务", "绵府办发 2022 15", "政务服务", "的", "市 人"}},
		{"en", []string{"Mianyang", "housing", "policies", "service", "the", "small business support", "students", "water"}},
	} {
		s, err := search.OpenSearcher(os.DirFS(dir), tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range tc.qs {
			for _, newest := range []bool{false, true} {
				res, err := s.Search(search.Query{Text: text, Newest: newest}, 0, 100)
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for _, h := range res.Hits {
					want = append(want, h.URL)
				}
				params := q(text)
				if newest {
					params.Set("sort", "newest")
				}
				navigate(t, ctx, base, "/"+tc.lang+"/search/")
				evaluate[any](t, ctx, `document.querySelector("[data-search]").dataset.pageSize = "100"`)
				navigateSame(t, ctx, base, "/"+tc.lang+"/search/?"+params.Encode())
				if got := readSearch(t, ctx).URLs; !slices.Equal(nilEmpty1(got), nilEmpty1(want)) {
					t.Errorf("%s %s: search.js lists %q, Go %q", tc.lang, params.Encode(), got, want)
				}
			}
		}
	}
}

// navigateSame changes the address within the page, as the search form
// does, so that a setting made on the page stays.
func navigateSame(t *testing.T, ctx context.Context, base, path string) {
	t.Helper()
	evaluate[any](t, ctx, fmt.Sprintf(`history.pushState(null, "", %s); dispatchEvent(new PopStateEvent("popstate"))`, jsString(path)))
}

// searchScript returns the search script the sample site serves.
func searchScript(t *testing.T, dir string) string {
	t.Helper()
	page := read(t, dir, "zh/search/index.html")
	m := regexp.MustCompile(`<script type=module src=(/js/search\.[0-9a-f]{64}\.js)`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("zh/search/index.html loads no search script")
	}
	return read(t, dir, strings.TrimPrefix(m[1], "/"))
}

// foldFile names the fold table in the output.
func foldFile(t *testing.T, dir string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "search", "fold.*.bin"))
	if err != nil || len(m) != 1 {
		t.Fatalf("fold table: %v %q", err, m)
	}
	rel, _ := filepath.Rel(dir, m[0])
	return filepath.ToSlash(rel)
}

// stemmerWords are words built to reach every rule of the Snowball English
// stemmer: stems of several shapes, each with every suffix a step removes
// or rewrites, and the words the stemmer treats specially.
func stemmerWords() []string {
	stems := []string{"hop", "hope", "tap", "tape", "fil", "file", "run", "agree", "feed", "bleed", "plaster",
		"conflat", "troubl", "siz", "fall", "hiss", "fizz", "fail", "cry", "by", "say", "toy", "happ", "gener",
		"commun", "arsen", "relat", "condit", "valen", "hesit", "digit", "conform", "radic", "differ", "vil",
		"analog", "vietnam", "predic", "oper", "feud", "decis", "call", "form", "sensit", "sensib", "tripl",
		"electr", "good", "reviv", "allow", "infer", "airlin", "gyroscop", "adjust", "defens", "irrit", "replac",
		"depend", "adopt", "homolog", "activ", "angular", "effect", "bowdler", "prob", "rat", "ceas", "control",
		"roll", "polic", "resid", "employ", "inspect", "garden", "vaccin", "graduat", "electric", "bicycl",
		"committe", "elect", "meteorolog", "charg", "contribut", "notabl", "disclos", "inform", "drone", "yell",
		"ey", "oy", "ay", "sky", "y", "ab", "ob", "ag", "ow", "ox", "bo"}
	suffixes := []string{"", "s", "es", "ies", "ied", "sses", "ss", "us", "'s", "'s'", "'", "ed", "edly", "ing",
		"ingly", "eed", "eedly", "y", "ational", "tional", "enci", "anci", "izer", "bli", "alli", "entli", "eli",
		"ousli", "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness", "aliti", "iviti", "biliti",
		"logi", "ogi", "fulli", "lessli", "li", "alize", "icate", "iciti", "ical", "ful", "ness", "ative", "al",
		"ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
		"ive", "ize", "sion", "tion", "ion", "e", "ll", "at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn",
		"pp", "rr", "tt", "ying", "yed"}
	var words []string
	for _, s := range stems {
		for _, x := range suffixes {
			if w := s + x; len(w) > 2 {
				words = append(words, w)
			}
		}
	}
	return append(words, "skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only",
		"singly", "news", "howe", "atlas", "cosmos", "bias", "andes", "innings", "outings", "cannings",
		"herrings", "earrings", "proceeds", "exceeded", "succeeding", "yyy", "yay", "eyeing",
		"bus", "buses", "busses", "gases", "children", "child", "crises", "crisis", "indices", "index",
		"criteria", "criterion", "men", "women", "lives", "wolves", "phenomena")
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func nilEmpty(g [][]string) [][]string {
	if len(g) == 0 {
		return nil
	}
	return g
}

func nilEmpty1(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestSearchIndexDeterministic: two builds of the same sources write the
// same index files, byte for byte.
func TestSearchIndexDeterministic(t *testing.T) {
	root := repoRoot(t)
	var trees []map[string]string
	for _, name := range []string{"a", "b"} {
		dest := filepath.Join(t.TempDir(), name)
		if _, err := Build(t.Context(), Options{Source: root, Dest: dest}); err != nil {
			t.Fatal(err)
		}
		index := map[string]string{}
		for name, sum := range treeHashes(t, dest) {
			if strings.HasPrefix(name, "search/") {
				index[name] = sum
			}
		}
		trees = append(trees, index)
	}
	if len(trees[0]) < 10 {
		t.Fatalf("the build wrote %d index files", len(trees[0]))
	}
	if d := diffTrees(trees[0], trees[1]); len(d) > 0 {
		t.Errorf("two builds wrote different index files: %v", d)
	}
}

// TestSearchIndexInPreview: gazette serve's index follows each save.
func TestSearchIndexInPreview(t *testing.T) {
	dir := copySample(t)
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	find := func(lang, text string) []string {
		t.Helper()
		return searchURLs(t, s.FS(), lang, text)
	}
	const notice = "content/en/notices/2024-water-supply-maintenance.md"
	if got := find("en", "hydrant flushing"); len(got) != 0 {
		t.Fatalf("before the edit, %q", got)
	}
	orig, err := os.ReadFile(filepath.Join(dir, notice))
	if err != nil {
		t.Fatal(err)
	}
	ev := write(t, dir, notice, string(orig)+"\nHydrant flushing follows the works.\n")
	if _, err := s.Rebuild(ctx, []fsnotify.Event{ev}); err != nil {
		t.Fatal(err)
	}
	if got := find("en", "hydrant flushing"); !slices.Equal(got, []string{"/en/notices/2024-water-supply-maintenance/"}) {
		t.Errorf("after the save, %q", got)
	}
	ev = write(t, dir, notice, string(orig))
	if _, err := s.Rebuild(ctx, []fsnotify.Event{ev}); err != nil {
		t.Fatal(err)
	}
	if got := find("en", "hydrant flushing"); len(got) != 0 {
		t.Errorf("after undoing the edit, %q", got)
	}
}

// TestSearchScriptBudget: the search page's client code stays small; the
// issue budgets it at 6 KB gzipped.
func TestSearchScriptBudget(t *testing.T) {
	dir := sampleSite(t)
	script := searchScript(t, dir)
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write([]byte(script))
	w.Close()
	if b.Len() > 6*1024 {
		t.Errorf("search.js is %d bytes gzipped, over the budget of 6 KB", b.Len())
	}
	t.Logf("search.js: %d bytes, %d gzipped", len(script), b.Len())
}

// TestSearchAfterRebuild: the site is rebuilt while a reader has the search
// page open, with an announcement dated before the others, which shifts the
// ids of all of them; the web server still has the old build's index files
// (a CDN keeps them until the deploy ends), and the page holds the old
// meta.json and shards. The reader's next search must list the
// announcements that match, never another announcement at a result's place.
func TestSearchAfterRebuild(t *testing.T) {
	src := copySample(t)
	served := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: src, Dest: served}); err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, served)
	browser := browsertest.Chromium(t)
	ctx := browsertest.Tab(t, browser)
	if v := searchFor(t, ctx, base, "zh", q("人才", "year", "2019")); !slices.Equal(v.URLs, []string{forumZh}) {
		t.Fatalf("before the rebuild, 人才 in 2019 finds %q", v.URLs)
	}

	write(t, src, "content/zh/notices/2015-river-patrol.md", "+++\ntitle = \"关于开展汛前河道巡查的通知\"\ndate = 2015-04-01T09:00:00\n"+
		"source = \"绵阳市水利局\"\n+++\n\n各区县于五月底前完成河道巡查。\n")
	rebuilt := filepath.Join(t.TempDir(), "public")
	if _, err := Build(t.Context(), Options{Source: src, Dest: rebuilt}); err != nil {
		t.Fatal(err)
	}
	want := searchURLs(t, os.DirFS(rebuilt), "zh", "人才")
	if len(want) < 3 {
		t.Fatalf("the rebuilt site finds %q for 人才; the test needs more", want)
	}
	// The new build over the old one, whose fingerprinted files stay.
	err := filepath.WalkDir(rebuilt, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		to := filepath.Join(served, p[len(rebuilt):])
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}

	// Without the year, the same term: the page reuses the meta.json and
	// shard it read, and reads the excerpts of the results it has not shown.
	evaluate[any](t, ctx, `document.querySelector("#search-year").value = "", true`)
	typeQuery(t, ctx, "#search-q", "人才")
	if v := readSearch(t, ctx); !slices.Equal(v.URLs, want) {
		t.Errorf("after the rebuild, 人才 finds %q, want %q", v.URLs, want)
	}
}

// TestSearchYearOptions: the year filter offers each year that has an
// announcement in the index, newest first, once.
func TestSearchYearOptions(t *testing.T) {
	dir := sampleSite(t)
	for _, lang := range []string{"zh", "en"} {
		var m struct {
			Years [][2]int `json:"years"`
		}
		if err := json.Unmarshal([]byte(read(t, dir, "search/"+lang+"/meta.json")), &m); err != nil {
			t.Fatal(err)
		}
		var want []string
		for i := len(m.Years) - 1; i >= 0; i-- {
			want = append(want, fmt.Sprint(m.Years[i][0]))
		}
		var got []string
		// The first option, with an empty value, is all years.
		for _, o := range parsePage(t, dir, lang+"/search/index.html").all("#search-year option[value]:first-child ~ option") {
			got = append(got, textOf(o))
		}
		if len(want) < 3 || !slices.Equal(got, want) {
			t.Errorf("%s: the year filter offers %q, want %q", lang, got, want)
		}
	}
}
