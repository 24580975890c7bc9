package site

// Reader-facing behaviour of the built sample site, checked in headless
// Chromium: the font-size switcher, printing, a phone-sized screen and the
// WCAG 2.2 AA rules of axe-core, the last three in every reading mode of the
// accessibility bar (see a11y_test.go). Pages are found in the build output by
// folder, and controls by the text a reader sees, so that the tests do not
// depend on the markup details of the layouts.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/internal/browsertest"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// readerLang is what a reader of one language sees on the controls.
type readerLang struct {
	code               string
	big, middle, small string // the font-size switcher: 字号：【大 中 小】
	print              string // the print control
	otherLanguage      string // the text of the language toggle
}

var readerLangs = []readerLang{
	{code: "zh", big: "大", middle: "中", small: "小", print: "打印", otherLanguage: "English"},
	{code: "en", big: "Big", middle: "Middle", small: "Small", print: "Print", otherLanguage: "中文"},
}

// minLargeFontPx is the body text size of the largest font step: the issue
// asks for at least 22 px for elderly readers.
const minLargeFontPx = 22

// readerColumns are the columns of the sample site, sub-columns included
// (their folders under content/<lang>/).
var readerColumns = []string{"notices", "news", "policies", "policies/city-gov", "policies/city-office", "interpretations"}

// readerSite builds the sample site once, serves it, and returns the output
// folder and the base URL.
func readerSite(t *testing.T) (dir, base string) {
	t.Helper()
	dir = sampleSite(t)
	return dir, browsertest.Serve(t, dir)
}

// announcements returns the URL paths of the announcement pages of one
// column in one language, sorted: every LANG/COLUMN/NAME/index.html except
// the pagination folder and sub-columns (list pages, which have a feed).
func announcements(t *testing.T, dir, lang, column string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, lang, column, "*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		name := filepath.Base(filepath.Dir(f))
		if name == "page" {
			continue
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(f), "index.xml")); err == nil {
			continue // a sub-column's list page
		}
		paths = append(paths, "/"+lang+"/"+column+"/"+name+"/")
	}
	slices.Sort(paths)
	return paths
}

// twoAnnouncements returns two different announcement pages of lang.
func twoAnnouncements(t *testing.T, dir, lang string) (first, second string) {
	t.Helper()
	var all []string
	for _, c := range readerColumns {
		all = append(all, announcements(t, dir, lang, c)...)
	}
	if len(all) < 2 {
		t.Fatalf("the sample site has %d announcement pages in %s, want at least 2: %q", len(all), lang, all)
	}
	return all[0], all[1]
}

// navigate loads base+path in the tab and fails the test when it does not
// load.
func navigate(t *testing.T, ctx context.Context, base, path string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
		t.Fatalf("loading %s: %v", path, err)
	}
}

// evaluate runs a script in the tab and fails the test on an error.
func evaluate[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("script failed: %v\n%s", err, script)
	}
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// controlJS is a script that finds the control (a button or link) whose
// visible text or accessible name is exactly label, or null.
func controlJS(label string) string {
	return fmt.Sprintf(`[...document.querySelectorAll("button, [role=button], a, input[type=button]")].find(e =>
		e.textContent.trim() === %[1]s || e.getAttribute("aria-label") === %[1]s || e.value === %[1]s) || null`, jsString(label))
}

// requireControl fails the test unless the page has the control.
func requireControl(t *testing.T, ctx context.Context, label, page string) {
	t.Helper()
	if !evaluate[bool](t, ctx, "!!("+controlJS(label)+")") {
		t.Fatalf("%s: no button or link %q (the font-size switcher 字号：【大 中 小】 / Size:【 Big Middle Small 】)", page, label)
	}
}

// bodyTextJS finds the article's body text: the longest paragraph in main.
const bodyTextJS = `(() => {
	const ps = [...document.querySelectorAll("main p")];
	if (ps.length === 0) throw new Error("no paragraph in <main>");
	return ps.reduce((a, b) => b.textContent.trim().length > a.textContent.trim().length ? b : a);
})()`

// bodyFontSize returns the computed font size in px of the article's body
// text, once it has stopped changing (a CSS transition may animate it).
func bodyFontSize(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	script := `parseFloat(getComputedStyle(` + bodyTextJS + `).fontSize)`
	last := evaluate[float64](t, ctx, script)
	for range 20 {
		time.Sleep(50 * time.Millisecond)
		now := evaluate[float64](t, ctx, script)
		if now == last {
			return now
		}
		last = now
	}
	return last
}

func TestReaderFontSizeGrowsAndPersists(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			first, second := twoAnnouncements(t, dir, l.code)
			ctx := browsertest.Tab(t, browser)

			navigate(t, ctx, base, first)
			requireControl(t, ctx, l.big, first)
			before := bodyFontSize(t, ctx)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(controlJS(l.big)))); err != nil {
				t.Fatalf("%s: clicking %q: %v", first, l.big, err)
			}
			large := bodyFontSize(t, ctx)
			if large <= before {
				t.Errorf("%s: after clicking %q the body text is %gpx, was %gpx; want it larger", first, l.big, large, before)
			}
			if large < minLargeFontPx {
				t.Errorf("%s: after clicking %q the body text is %gpx, want at least %dpx", first, l.big, large, minLargeFontPx)
			}

			// The choice is remembered (localStorage) and applied on the
			// next page the reader opens.
			navigate(t, ctx, base, second)
			if got := bodyFontSize(t, ctx); got != large {
				t.Errorf("%s, opened after choosing %q on %s: body text is %gpx, want %gpx", second, l.big, first, got, large)
			}

			// 中 / Middle goes back to the size the page started with.
			requireControl(t, ctx, l.middle, second)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(controlJS(l.middle)))); err != nil {
				t.Fatalf("%s: clicking %q: %v", second, l.middle, err)
			}
			if got := bodyFontSize(t, ctx); got != before {
				t.Errorf("%s: after clicking %q the body text is %gpx, want the starting %gpx", second, l.middle, got, before)
			}
		})
	}
}

func TestReaderFontSizeByKeyboard(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	keys := []struct {
		name string
		key  string
	}{
		{"Enter", kb.Enter},
		{"Space", " "},
	}
	for _, l := range readerLangs {
		for _, k := range keys {
			t.Run(l.code+"/"+k.name, func(t *testing.T) {
				page, _ := twoAnnouncements(t, dir, l.code)
				ctx := browsertest.Tab(t, browser)
				navigate(t, ctx, base, page)
				requireControl(t, ctx, l.big, page)
				before := bodyFontSize(t, ctx)

				// Reach the button with the Tab key, as a keyboard user does.
				isFocused := "document.activeElement === (" + controlJS(l.big) + ")"
				const maxTabs = 80
				reached := false
				for range maxTabs {
					if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
						t.Fatal(err)
					}
					if evaluate[bool](t, ctx, isFocused) {
						reached = true
						break
					}
				}
				if !reached {
					t.Fatalf("%s: %d presses of Tab never focus the %q button; it must be reachable by keyboard", page, maxTabs, l.big)
				}
				if !evaluate[bool](t, ctx, focusVisibleJS) {
					t.Errorf("%s: the focused %q button shows no focus indicator (outline or box-shadow)", page, l.big)
				}

				if err := chromedp.Do(ctx, chromedp.KeyEvent(k.key)); err != nil {
					t.Fatal(err)
				}
				if got := bodyFontSize(t, ctx); got <= before || got < minLargeFontPx {
					t.Errorf("%s: after %s on the focused %q button the body text is %gpx (was %gpx); want larger and at least %dpx",
						page, k.name, l.big, got, before, minLargeFontPx)
				}
			})
		}
	}
}

// focusVisibleJS reports whether the focused element draws a focus
// indicator: an outline or a box shadow.
const focusVisibleJS = `(() => {
	const s = getComputedStyle(document.activeElement);
	return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
})()`

// printView is what the print check sees on a page in print media.
type printView struct {
	Shown      []string `json:"shown"`      // chrome that is still shown
	TextColor  string   `json:"textColor"`  // of the body text
	TitleColor string   `json:"titleColor"` // of the h1
	Background string   `json:"background"` // behind the body text; "" when none (paper)
	NotBlack   []string `json:"notBlack"`   // texts printed in another colour than black on white
	URL        string   `json:"url"`        // the page's address
	URLShown   bool     `json:"urlShown"`   // whether the page shows it
}

// printViewJS inspects the page; %s is a JSON object with the labels of
// the controls.
const printViewJS = `(() => {
	const labels = %s;
	const shown = e => {
		if (getComputedStyle(e).visibility === "hidden") return false;
		return [...e.getClientRects()].some(r => r.width > 0 && r.height > 0);
	};
	const describe = e => {
		let d = e.tagName.toLowerCase();
		if (e.id) d += "#" + e.id;
		if (e.classList.length) d += "." + [...e.classList].join(".");
		const text = e.textContent.trim().replace(/\s+/g, " ");
		return d + " \"" + (text.length > 40 ? text.slice(0, 40) + "…" : text) + "\"";
	};
	const controls = names => [...document.querySelectorAll("button, [role=button], a, input[type=button]")]
		.filter(e => names.includes(e.textContent.trim()) || names.includes(e.getAttribute("aria-label")));
	const chrome = [
		["navigation", [...document.querySelectorAll("nav, [role=navigation]")]],
		["language toggle", [...document.querySelectorAll("body a[hreflang]"), ...controls([labels.otherLanguage])]],
		["font-size switcher", controls([labels.big, labels.middle, labels.small])],
		["print control", controls([labels.print])],
		["reading tools", [...document.querySelectorAll("[data-a11y]")]],
		["footer", [...document.querySelectorAll("body > footer, [role=contentinfo]")]],
	];
	const out = [];
	for (const [what, els] of chrome) {
		for (const e of new Set(els)) if (shown(e)) out.push(what + ": " + describe(e));
	}

	const text = ` + bodyTextJS + `;
	let background = "";
	for (let e = text; e; e = e.parentElement) {
		const c = getComputedStyle(e).backgroundColor;
		if (c !== "transparent" && c !== "rgba(0, 0, 0, 0)") { background = c; break; }
	}
	const canonical = document.querySelector("link[rel=canonical]");
	const urls = [location.href, canonical && canonical.href].filter(Boolean);
	const has = s => urls.some(u => s.includes(u));
	let urlShown = has(document.body.innerText);
	if (!urlShown) {
		// The address may be generated content, such as a::after { content: attr(href) }.
		for (const e of document.body.querySelectorAll("*")) {
			if (!shown(e)) continue;
			for (const pseudo of ["::before", "::after"]) {
				const c = getComputedStyle(e, pseudo).content;
				const attr = /^attr\(([\w-]+)\)$/.exec(c);
				if (has(c) || (attr && has(e.getAttribute(attr[1]) || ""))) urlShown = true;
			}
		}
	}
	// Every text on paper, not only the body text: black on white.
	const notBlack = [];
	for (const e of document.body.querySelectorAll("*")) {
		if (!shown(e) || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
		let bg = "";
		for (let x = e; x && !bg; x = x.parentElement) {
			const c = getComputedStyle(x).backgroundColor;
			if (c !== "transparent" && c !== "rgba(0, 0, 0, 0)") bg = c;
		}
		const color = getComputedStyle(e).color;
		if (color !== "rgb(0, 0, 0)" || (bg && bg !== "rgb(255, 255, 255)")) notBlack.push(describe(e) + " is " + color + " on " + (bg || "paper"));
	}
	const h1 = document.querySelector("main h1");
	return {
		shown: out,
		notBlack: notBlack,
		textColor: getComputedStyle(text).color,
		titleColor: h1 ? getComputedStyle(h1).color : "",
		background: background,
		url: urls[urls.length - 1],
		urlShown: urlShown,
	};
})()`

func TestReaderPrint(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	const black, white = "rgb(0, 0, 0)", "rgb(255, 255, 255)"
	// Paper looks the same whatever the reader chose on screen.
	modes := []a11yMode{modeDefault, modeElder, modeContrast,
		{"large pointer at the 大 step", map[string]string{"cursor": "1", "fontsize": "l"}}, modeAll}
	for _, l := range readerLangs {
		for _, m := range modes {
			t.Run(l.code+"/"+m.name, func(t *testing.T) {
				page, _ := twoAnnouncements(t, dir, l.code)
				ctx := browsertest.Tab(t, browser)
				onNewDocument(t, ctx, speechStubJS)
				useMode(t, ctx, base, m)
				navigate(t, ctx, base, page)
				emulateMedia(t, ctx, "print")
				labels, _ := json.Marshal(map[string]string{
					"big": l.big, "middle": l.middle, "small": l.small, "print": l.print, "otherLanguage": l.otherLanguage,
				})
				v := evaluate[printView](t, ctx, fmt.Sprintf(printViewJS, labels))

				for _, s := range v.Shown {
					t.Errorf("%s, printed: still shows %s", page, s)
				}
				if v.TextColor != black {
					t.Errorf("%s, printed: body text color %s, want black %s", page, v.TextColor, black)
				}
				if v.TitleColor != black {
					t.Errorf("%s, printed: title color %s, want black %s", page, v.TitleColor, black)
				}
				if v.Background != "" && v.Background != white {
					t.Errorf("%s, printed: background behind the body text %s, want white or none", page, v.Background)
				}
				for _, s := range v.NotBlack {
					t.Errorf("%s, printed: %s; want black on white", page, s)
				}
				if !v.URLShown {
					t.Errorf("%s, printed: the page address %s is not shown", page, v.URL)
				}
			})
		}
	}
}

// overflowJS measures horizontal scrolling and names the elements that
// stick out of the viewport (outside any scrolling box of their own).
//
// The viewport is the layout viewport, documentElement.clientWidth: with
// mobile emulation Chrome widens window.innerWidth to fit content that sticks
// out, which would hide the overflow.
const overflowJS = `(() => {
	const vw = document.documentElement.clientWidth;
	const meta = document.querySelector("meta[name=viewport]");
	const scrolls = e => {
		for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
			if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowX)) return true;
		}
		return false;
	};
	const wide = [...document.body.querySelectorAll("*")]
		.filter(e => e.getBoundingClientRect().right > vw + 0.5 && !scrolls(e));
	const leaves = wide.filter(e => !wide.some(o => o !== e && e.contains(o)));
	return {
		viewport: meta ? meta.content : "",
		width: vw,
		scrollWidth: document.scrollingElement.scrollWidth,
		wide: leaves.slice(0, 5).map(e => {
			let d = e.tagName.toLowerCase();
			if (e.id) d += "#" + e.id;
			if (e.classList.length) d += "." + [...e.classList].join(".");
			return d + " (right edge at " + Math.round(e.getBoundingClientRect().right) + "px)";
		}),
	};
})()`

// narrowWidth is the width WCAG 1.4.10 (Reflow) asks content to fit without
// scrolling sideways: 320 CSS px, as 1280 px at 400 %.
const narrowWidth, narrowHeight = 320, 780

// emulateNarrow makes the tab a 320 px wide phone.
func emulateNarrow(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(narrowWidth, narrowHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait)); err != nil {
		t.Fatal(err)
	}
}

func TestReaderNarrowScreen(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	modes := []a11yMode{modeDefault, modeElder, modeContrast, modeAll}
	for _, l := range readerLangs {
		pages := []string{"/" + l.code + "/", "/" + l.code + "/no-such-page/"}
		for _, c := range readerColumns {
			pages = append(pages, "/"+l.code+"/"+c+"/")
			pages = append(pages, announcements(t, dir, l.code, c)...)
		}
		for _, m := range modes {
			t.Run(l.code+"/"+m.name, func(t *testing.T) {
				ctx := browsertest.Tab(t, browser)
				onNewDocument(t, ctx, speechStubJS)
				useMode(t, ctx, base, m)
				emulateNarrow(t, ctx)
				for _, page := range pages {
					navigate(t, ctx, base, page)
					v := evaluate[struct {
						Viewport    string   `json:"viewport"`
						Width       int      `json:"width"`
						ScrollWidth int      `json:"scrollWidth"`
						Wide        []string `json:"wide"`
					}](t, ctx, overflowJS)
					if v.Width != narrowWidth {
						t.Errorf("%s on a %dpx phone: the page lays out %dpx wide (meta viewport %q); it needs <meta name=viewport content=\"width=device-width, initial-scale=1\">",
							page, narrowWidth, v.Width, v.Viewport)
					}
					if v.ScrollWidth > v.Width {
						t.Errorf("%s on a %dpx phone: scrolls sideways (content %dpx wide); sticking out: %s",
							page, narrowWidth, v.ScrollWidth, strings.Join(v.Wide, ", "))
					}
				}
			})
		}
	}
}

func TestReaderAxe(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	modes := []a11yMode{modeDefault, modeElder, modeContrast}
	widths := []struct {
		name   string
		narrow bool
	}{{"1280px", false}, {"320px", true}}
	for _, l := range readerLangs {
		// One page of each kind at both widths; the other kinds of page,
		// which share their layout, at 1280 px: the 320 px layout of every
		// page is checked by TestReaderNarrowScreen.
		kinds := a11yPages(t, dir, l.code)
		more := []a11yPage{
			{"parent column", "/" + l.code + "/policies/"},
			{"sub-column", "/" + l.code + "/policies/city-gov/"},
			{"document no longer in force", "/" + l.code + "/policies/city-gov/2020-flood-season-relief/"},
			{"site map", "/" + l.code + "/sitemap/"},
		}
		for _, c := range readerColumns[1:] {
			if a := announcements(t, dir, l.code, c); len(a) > 0 {
				more = append(more, a11yPage{c + " announcement", a[0]})
			}
		}
		for _, m := range modes {
			for _, w := range widths {
				pages := kinds
				if !w.narrow {
					pages = append(slices.Clone(kinds), more...)
				}
				t.Run(l.code+"/"+m.name+"/"+w.name, func(t *testing.T) {
					ctx := browsertest.Tab(t, browser)
					useMode(t, ctx, base, m)
					if w.narrow {
						emulateNarrow(t, ctx)
					}
					for _, p := range pages {
						navigate(t, ctx, base, p.path)
						for _, v := range browsertest.Axe(ctx, t) {
							t.Errorf("%s (%s): %s", p.path, p.name, v)
						}
					}
				})
			}
		}
	}
}
