package site

// The reading tools of every page (无障碍 / Accessibility bar: elder mode,
// high contrast, large pointer, read-aloud, text size steps), checked in
// headless Chromium as a reader would: what each control changes on screen
// (computed sizes, line height, colour contrast, pointer), its aria-pressed
// state, that the choice survives a reload and a move to another page and is
// applied before anything is painted, that everything works from the keyboard
// alone, and that the reader's system settings are honoured. Controls are
// found by their data-a11y names, which are the bar's contract; their labels
// are checked against the strings a reader of each language must see.

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gazette/internal/browsertest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var (
	//go:embed testdata/a11y/colours.js
	coloursJS string
	//go:embed testdata/a11y/speech-stub.js
	speechStubJS string
	//go:embed testdata/a11y/speech-absent.js
	speechAbsentJS string
	//go:embed testdata/a11y/paint-watch.js
	paintWatchJS string
	//go:embed testdata/a11y/popup-watch.js
	popupWatchJS string
)

// a11yLabels are the labels of the bar's controls, by language and
// data-a11y name; "" is the label of the bar itself.
var a11yLabels = map[string]map[string]string{
	"zh": {"": "无障碍：", "elder": "长者模式", "contrast": "高对比度", "cursor": "大鼠标", "zoom-in": "放大",
		"zoom-out": "缩小", "reset": "重置", "speak": "朗读", "play": "朗读全文", "pause": "暂停", "stop": "停止"},
	"en": {"": "Accessibility:", "elder": "Easy reading", "contrast": "High contrast", "cursor": "Large pointer",
		"zoom-in": "Zoom in", "zoom-out": "Zoom out", "reset": "Reset", "speak": "Read aloud", "play": "Read page",
		"pause": "Pause", "stop": "Stop"},
}

// a11yToggles are the bar's on/off controls; each is mirrored on <html> as
// data-NAME.
var a11yToggles = []string{"elder", "contrast", "cursor", "speak"}

// What the issue asks of the modes.
const (
	elderMinFontPx     = 24  // body text in elder mode
	elderMinLineHeight = 1.8 // line height in elder mode, times the font size
	elderMinTargetPx   = 48  // width and height of controls in elder mode
	contrastMin        = 7.0 // text, links and controls in high-contrast mode (WCAG AAA)
	defaultContrastMin = 4.5 // text and links otherwise (WCAG AA)
	focusRingMinPx     = 3   // focus indicator in high-contrast mode
)

// a11yPage is one page of the sample site the reading tools are checked on.
type a11yPage struct{ name, path string }

// a11yPages returns one page of each kind in lang: home, a column, an
// announcement, an announcement with a table, the 404 page, and the search
// page when the site has one.
func a11yPages(t *testing.T, dir, lang string) []a11yPage {
	t.Helper()
	pages := []a11yPage{
		{"home", "/" + lang + "/"},
		{"column", "/" + lang + "/notices/"},
		{"announcement", "/" + lang + "/notices/2019-expert-forum/"},
		{"announcement with a table", "/" + lang + "/notices/2024-water-supply-maintenance/"},
		{"404", "/" + lang + "/no-such-page/"},
	}
	if _, err := os.Stat(filepath.Join(dir, lang, "search", "index.html")); err == nil {
		pages = append(pages, a11yPage{"search", "/" + lang + "/search/"})
	}
	for _, p := range pages[:4] {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.path), "index.html")); err != nil {
			t.Fatalf("the sample site has no %s page at %s", p.name, p.path)
		}
	}
	return pages
}

// a11yControlJS finds the bar's control named name (its data-a11y value).
func a11yControlJS(name string) string {
	return fmt.Sprintf(`document.querySelector('[data-a11y=%q]')`, name)
}

// press clicks the bar's control named name with the mouse.
func press(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(a11yControlJS(name)))); err != nil {
		t.Fatalf("clicking the %q control of the reading tools: %v", name, err)
	}
}

// onNewDocument runs script in every page the tab opens from now on, before
// the page's own scripts.
func onNewDocument(t *testing.T, ctx context.Context, script string) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
		return err
	}))
	if err != nil {
		t.Fatalf("adding a script to new documents: %v", err)
	}
}

// emulateMedia emulates a media type ("" for the default, screen) and media
// features such as prefers-contrast: more.
func emulateMedia(t *testing.T, ctx context.Context, media string, features ...string) {
	t.Helper()
	params := emulation.SetEmulatedMediaParams{Media: media}
	for i := 0; i+1 < len(features); i += 2 {
		params.Features = append(params.Features, &emulation.MediaFeature{Name: features[i], Value: features[i+1]})
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, emulation.SetEmulatedMedia, params)
		return err
	}))
	if err != nil {
		t.Fatalf("emulating media %q %v: %v", media, features, err)
	}
}

// reload reloads the tab's page.
func reload(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading: %v", err)
	}
}

// a11yMode is a saved state of the reading tools, written into the browser's
// storage under the keys the pages use.
type a11yMode struct {
	name  string
	items map[string]string // key without the "gazette-" prefix -> value
}

var (
	modeDefault  = a11yMode{"default", nil}
	modeElder    = a11yMode{"elder", map[string]string{"elder": "1"}}
	modeContrast = a11yMode{"high contrast", map[string]string{"contrast": "1"}}
	modeAll      = a11yMode{"every mode at the largest step", map[string]string{
		"elder": "1", "contrast": "1", "cursor": "1", "speak": "1", "fontsize": "xxl"}}
)

// useMode replaces the tab's saved reading-tools state with m. Pages opened
// afterwards start in it.
func useMode(t *testing.T, ctx context.Context, base string, m a11yMode) {
	t.Helper()
	navigate(t, ctx, base, "/robots.txt") // any page of the origin gives its storage
	script := "localStorage.clear();"
	for k, v := range m.items {
		script += fmt.Sprintf("localStorage.setItem(%s, %s);", jsString("gazette-"+k), jsString(v))
	}
	evaluate[any](t, ctx, script+"true")
}

// a11yState is what the page shows of the reading tools' state.
type a11yState struct {
	FontSize string            `json:"fontsize"` // data-fontsize on <html>
	On       map[string]bool   `json:"on"`       // data-elder, data-contrast, ... on <html>
	Pressed  map[string]string `json:"pressed"`  // aria-pressed by data-a11y name, or "size-X" for 大/中/小
	Disabled map[string]string `json:"disabled"` // aria-disabled by data-a11y name
	BodyPx   float64           `json:"bodyPx"`   // font size of the body text
	LineH    float64           `json:"lineH"`    // its line height in px
	MainPx   float64           `json:"mainPx"`   // font size of <main>
	NamePx   float64           `json:"namePx"`   // font size of the site name in the header
	Cursor   string            `json:"cursor"`   // computed cursor of the body text
	LinkCur  string            `json:"linkCur"`  // computed cursor of a link
	Scroll   string            `json:"scroll"`   // scroll-behavior of <html>
}

const a11yStateJS = `(() => {
	const h = document.documentElement;
	const on = {};
	for (const n of ["elder", "contrast", "cursor", "speak"]) on[n] = h.hasAttribute("data-" + n);
	const pressed = {}, disabled = {};
	for (const b of document.querySelectorAll("[data-a11y], [data-size]")) {
		const name = b.getAttribute("data-a11y") || "size-" + b.getAttribute("data-size");
		if (b.hasAttribute("aria-pressed")) pressed[name] = b.getAttribute("aria-pressed");
		if (b.hasAttribute("aria-disabled")) disabled[name] = b.getAttribute("aria-disabled");
	}
	const text = ` + bodyTextJS + `;
	const s = getComputedStyle(text);
	const link = document.querySelector("main a[href]") || document.querySelector("a[href]");
	const name = document.querySelector("header a");
	return {
		fontsize: h.getAttribute("data-fontsize") || "",
		on, pressed, disabled,
		bodyPx: parseFloat(s.fontSize),
		lineH: s.lineHeight === "normal" ? 0 : parseFloat(s.lineHeight),
		mainPx: parseFloat(getComputedStyle(document.querySelector("main")).fontSize),
		namePx: parseFloat(getComputedStyle(name).fontSize),
		cursor: s.cursor,
		linkCur: getComputedStyle(link).cursor,
		scroll: getComputedStyle(h).scrollBehavior,
	};
})()`

func readState(t *testing.T, ctx context.Context) a11yState {
	t.Helper()
	return evaluate[a11yState](t, ctx, a11yStateJS)
}

// colourReport is the result of colours.js report().
type colourReport struct {
	Checked       int      `json:"checked"`
	Links         int      `json:"links"`
	Low           []string `json:"low"`
	NotUnderlined []string `json:"notUnderlined"`
	Borders       []string `json:"borders"`
}

func colours(t *testing.T, ctx context.Context, min float64) colourReport {
	t.Helper()
	return evaluate[colourReport](t, ctx, fmt.Sprintf("(%s).report(%g)", coloursJS, min))
}

// smallTargetsJS lists the rendered controls smaller than %d x %d px, links
// inside running text excepted (WCAG 2.5.8 exempts them too).
const smallTargetsJS = `(() => {
	const min = %d;
	const out = [];
	for (const e of document.querySelectorAll("a[href], button, input, select, summary")) {
		if (e.closest(".prose") || !e.getClientRects().length || getComputedStyle(e).visibility === "hidden") continue;
		const r = e.getBoundingClientRect();
		if (r.width < min - 0.01 || r.height < min - 0.01) {
			out.push(e.tagName.toLowerCase() + " \"" + e.textContent.trim().slice(0, 30) + "\" " + Math.round(r.width) + "x" + Math.round(r.height));
		}
	}
	return out;
})()`

// motionJS lists the elements that animate or transition.
const motionJS = `[...document.querySelectorAll("*")].filter(e => {
	const s = getComputedStyle(e);
	return s.animationName !== "none" || s.transitionDuration.split(",").some(d => parseFloat(d) > 0);
}).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""))`

// tabTo presses Tab until the element that script finds has the focus, and
// returns how many presses that took (none when it has the focus already);
// it fails the test after max presses.
func tabTo(t *testing.T, ctx context.Context, script string, max int, what string) int {
	t.Helper()
	focused := "document.activeElement === (" + script + ")"
	for i := 0; i <= max; i++ {
		if evaluate[bool](t, ctx, focused) {
			return i
		}
		if i == max {
			break
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("%d presses of Tab never focus %s; it must be reachable by keyboard", max, what)
	return 0
}

func TestA11yBarOnEveryPage(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		labels := a11yLabels[l.code]
		for _, p := range a11yPages(t, dir, l.code) {
			t.Run(l.code+"/"+p.name, func(t *testing.T) {
				ctx := browsertest.Tab(t, browser)
				onNewDocument(t, ctx, speechStubJS)
				navigate(t, ctx, base, p.path)

				bar := evaluate[struct {
					Role   string            `json:"role"`
					Label  string            `json:"label"`
					Tags   map[string]string `json:"tags"`
					Texts  map[string]string `json:"texts"`
					Shown  map[string]bool   `json:"shown"`
					Toggle map[string]string `json:"toggle"`
				}](t, ctx, `(() => {
					const first = document.querySelector("[data-a11y]");
					const region = first && first.closest("[role=region], section, nav, aside, header");
					const tags = {}, texts = {}, shown = {}, toggle = {};
					for (const b of document.querySelectorAll("[data-a11y]")) {
						const n = b.getAttribute("data-a11y");
						tags[n] = b.tagName.toLowerCase() + (b.type ? "/" + b.type : "");
						texts[n] = b.textContent.trim();
						shown[n] = b.getClientRects().length > 0;
						toggle[n] = b.getAttribute("aria-pressed") || "";
					}
					const label = region && (region.getAttribute("aria-label") ||
						(document.getElementById(region.getAttribute("aria-labelledby")) || {}).textContent || "");
					return {role: region ? (region.getAttribute("role") || region.tagName.toLowerCase()) : "", label: (label || "").trim(), tags, texts, shown, toggle};
				})()`)
				if bar.Role == "" {
					t.Fatalf("%s: no reading-tools bar (controls with data-a11y inside a labelled region)", p.path)
				}
				if bar.Label != labels[""] {
					t.Errorf("%s: the reading-tools bar is labelled %q, want %q", p.path, bar.Label, labels[""])
				}
				for _, name := range []string{"elder", "contrast", "cursor", "speak", "zoom-in", "zoom-out", "reset"} {
					if bar.Tags[name] != "button/button" {
						t.Errorf("%s: control %q is %q, want a <button type=button>", p.path, name, bar.Tags[name])
					}
					if bar.Texts[name] != labels[name] {
						t.Errorf("%s: control %q says %q, want %q", p.path, name, bar.Texts[name], labels[name])
					}
					if !bar.Shown[name] {
						t.Errorf("%s: control %q is not shown", p.path, name)
					}
					toggle := slices.Contains(a11yToggles, name)
					if got := bar.Toggle[name]; toggle && got != "false" || !toggle && got != "" {
						t.Errorf("%s: control %q has aria-pressed=%q, want %q", p.path, name, got, map[bool]string{true: "false"}[toggle])
					}
				}
				for _, name := range []string{"play", "pause", "stop"} {
					if bar.Shown[name] {
						t.Errorf("%s: read-aloud's %q control shows while read-aloud is off", p.path, name)
					}
				}

				// First after the skip link, for keyboard users.
				if n := tabTo(t, ctx, `document.querySelector("a[href='#main']")`, 1, "the skip link"); n != 1 {
					t.Errorf("%s: the skip link is not the first stop of Tab", p.path)
				}
				tabTo(t, ctx, a11yControlJS("elder"), 1, "the first control of the reading tools, right after the skip link")
			})
		}
	}
}

func TestA11yElderMode(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			pages := a11yPages(t, dir, l.code)
			ctx := browsertest.Tab(t, browser)
			first := pages[2].path // an announcement
			navigate(t, ctx, base, first)
			before := readState(t, ctx)
			if before.Scroll != "smooth" {
				t.Fatalf("%s: without elder mode and without reduced motion, scroll-behavior is %q; the check for motion would prove nothing", first, before.Scroll)
			}
			press(t, ctx, "elder")
			check := func(where string, s a11yState) {
				t.Helper()
				if !s.On["elder"] || s.Pressed["elder"] != "true" {
					t.Errorf("%s: elder mode: data-elder on <html> %v, aria-pressed %q; want both on", where, s.On["elder"], s.Pressed["elder"])
				}
				if s.BodyPx < elderMinFontPx || s.MainPx < elderMinFontPx {
					t.Errorf("%s: elder mode: body text %gpx (main %gpx), want at least %dpx", where, s.BodyPx, s.MainPx, elderMinFontPx)
				}
				if s.LineH < elderMinLineHeight*s.BodyPx-0.01 {
					t.Errorf("%s: elder mode: line height %gpx for %gpx text (%.2f), want at least %.1f", where, s.LineH, s.BodyPx, s.LineH/s.BodyPx, elderMinLineHeight)
				}
				if s.Scroll != "auto" {
					t.Errorf("%s: elder mode: scroll-behavior %q, want auto (no motion)", where, s.Scroll)
				}
				for _, m := range evaluate[[]string](t, ctx, motionJS) {
					t.Errorf("%s: elder mode: %s moves (animation or transition)", where, m)
				}
				for _, small := range evaluate[[]string](t, ctx, fmt.Sprintf(smallTargetsJS, elderMinTargetPx)) {
					t.Errorf("%s: elder mode: control %s, want at least %dx%[3]dpx", where, small, elderMinTargetPx)
				}
			}
			on := readState(t, ctx)
			check(first, on)
			if on.BodyPx <= before.BodyPx {
				t.Errorf("%s: elder mode: body text %gpx, was %gpx; want it larger", first, on.BodyPx, before.BodyPx)
			}

			reload(t, ctx)
			check(first+" reloaded", readState(t, ctx))

			for _, p := range pages {
				navigate(t, ctx, base, p.path)
				check(p.path, readState(t, ctx))
				if p.name == "home" {
					lefts := evaluate[[]float64](t, ctx, `[...document.querySelectorAll("main .column, main section")].map(e => e.getBoundingClientRect().left)`)
					if len(lefts) < 2 {
						t.Fatalf("%s: found %d columns on the home page", p.path, len(lefts))
					}
					for _, x := range lefts[1:] {
						if x != lefts[0] {
							t.Errorf("%s: elder mode: the home page's columns stand side by side (left edges %v); want one column", p.path, lefts)
							break
						}
					}
				}
			}

			// The text size steps stay above the floor in elder mode.
			navigate(t, ctx, base, first)
			press(t, ctx, "zoom-out")
			if s := readState(t, ctx); s.BodyPx < elderMinFontPx {
				t.Errorf("%s: elder mode at the smallest step: body text %gpx, want at least %dpx", first, s.BodyPx, elderMinFontPx)
			}
			press(t, ctx, "reset")
			if s := readState(t, ctx); s.On["elder"] || s.BodyPx != before.BodyPx || s.Pressed["elder"] != "false" {
				t.Errorf("%s: after reset: elder %v (aria-pressed %q), body text %gpx; want off and %gpx", first, s.On["elder"], s.Pressed["elder"], s.BodyPx, before.BodyPx)
			}
			press(t, ctx, "elder")
			press(t, ctx, "elder")
			if s := readState(t, ctx); s.On["elder"] || s.BodyPx != before.BodyPx || s.Pressed["elder"] != "false" {
				t.Errorf("%s: elder mode pressed twice: on %v, aria-pressed %q, body text %gpx; want off and %gpx", first, s.On["elder"], s.Pressed["elder"], s.BodyPx, before.BodyPx)
			}
		})
	}
}

func TestA11yHighContrast(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			pages := a11yPages(t, dir, l.code)
			ctx := browsertest.Tab(t, browser)
			first := pages[3].path // the announcement with a table
			navigate(t, ctx, base, first)
			if r := colours(t, ctx, contrastMin); len(r.NotUnderlined) == 0 && len(r.Low) == 0 {
				t.Logf("%s: the default look already passes the high-contrast check", first)
			}
			for _, low := range colours(t, ctx, defaultContrastMin).Low {
				t.Errorf("%s, default look: %s, want at least %.1f:1", first, low, defaultContrastMin)
			}

			press(t, ctx, "contrast")
			check := func(where string) {
				t.Helper()
				s := readState(t, ctx)
				if !s.On["contrast"] || s.Pressed["contrast"] != "true" {
					t.Errorf("%s: high contrast: data-contrast on <html> %v, aria-pressed %q; want both on", where, s.On["contrast"], s.Pressed["contrast"])
				}
				r := colours(t, ctx, contrastMin)
				if r.Checked < 10 || r.Links < 3 {
					t.Fatalf("%s: the colour check saw %d texts and %d links; it is not looking at the page", where, r.Checked, r.Links)
				}
				for _, low := range append(r.Low, r.Borders...) {
					t.Errorf("%s: high contrast: %s, want at least %.0f:1", where, low, contrastMin)
				}
				for _, link := range r.NotUnderlined {
					t.Errorf("%s: high contrast: link %s is not underlined", where, link)
				}
			}
			check(first)
			reload(t, ctx)
			check(first + " reloaded")
			for _, p := range pages {
				navigate(t, ctx, base, p.path)
				check(p.path)
			}

			// The focus ring, on every stop of the first screenful of Tab presses.
			navigate(t, ctx, base, first)
			for i := 0; i < 20; i++ {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
					t.Fatal(err)
				}
				ring := evaluate[struct {
					What  string  `json:"what"`
					Width float64 `json:"width"`
					Ratio float64 `json:"ratio"`
				}](t, ctx, "("+coloursJS+").focusRing()")
				if ring.Width < focusRingMinPx || ring.Ratio < 3 {
					t.Errorf("%s: high contrast: focused %s has a %gpx focus ring at %.2f:1 against its surroundings; want at least %dpx and 3:1",
						first, ring.What, ring.Width, ring.Ratio, focusRingMinPx)
				}
			}

			press(t, ctx, "contrast")
			if s := readState(t, ctx); s.On["contrast"] || s.Pressed["contrast"] != "false" {
				t.Errorf("%s: high contrast pressed twice: on %v, aria-pressed %q; want off", first, s.On["contrast"], s.Pressed["contrast"])
			}
		})
	}
}

func TestA11yLargePointer(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			pages := a11yPages(t, dir, l.code)
			ctx := browsertest.Tab(t, browser)
			first := pages[2].path
			navigate(t, ctx, base, first)
			before := readState(t, ctx)
			if strings.Contains(before.Cursor, "url(") {
				t.Fatalf("%s: the pointer is an image (%s) before the large pointer is chosen", first, before.Cursor)
			}
			press(t, ctx, "cursor")
			check := func(where string) {
				t.Helper()
				s := readState(t, ctx)
				if !s.On["cursor"] || s.Pressed["cursor"] != "true" {
					t.Errorf("%s: large pointer: data-cursor on <html> %v, aria-pressed %q; want both on", where, s.On["cursor"], s.Pressed["cursor"])
				}
				for _, c := range []struct{ what, value string }{{"text", s.Cursor}, {"links", s.LinkCur}} {
					size, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(async () => {
						const m = /url\("?([^")]+)"?\)/.exec(%s);
						if (!m) return [0, 0];
						const img = new Image();
						img.src = m[1];
						try { await img.decode(); } catch (e) { return [-1, -1]; }
						return [img.naturalWidth, img.naturalHeight];
					})()`, jsString(c.value)), chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("%s: loading the pointer image: %v", where, err)
					}
					if size[0] < 48 || size[1] < 48 {
						t.Errorf("%s: large pointer over %s is %q (image %vx%v px), want an image of at least 48x48px that loads", where, c.what, c.value, size[0], size[1])
					}
				}
				if s.Cursor == s.LinkCur {
					t.Errorf("%s: large pointer: the same pointer %q over text and links; links need the hand", where, s.Cursor)
				}
			}
			check(first)
			reload(t, ctx)
			check(first + " reloaded")
			navigate(t, ctx, base, pages[0].path)
			check(pages[0].path)
			press(t, ctx, "cursor")
			if s := readState(t, ctx); s.On["cursor"] || strings.Contains(s.Cursor, "url(") {
				t.Errorf("%s: large pointer pressed twice: on %v, pointer %q; want off", pages[0].path, s.On["cursor"], s.Cursor)
			}
		})
	}
}

func TestA11yTextSizeSteps(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			pages := a11yPages(t, dir, l.code)
			ctx := browsertest.Tab(t, browser)
			first := pages[2].path
			navigate(t, ctx, base, first)
			m := readState(t, ctx)
			if m.FontSize != "" || m.Pressed["size-m"] != "true" {
				t.Fatalf("%s: a new reader starts at step %q with 中/Middle aria-pressed %q; want the default step", first, m.FontSize, m.Pressed["size-m"])
			}
			// sizeSwitch is what the 大/中/小 switcher must show at each step.
			sizeSwitch := func(where string, s a11yState, want string) {
				t.Helper()
				for _, size := range []string{"s", "m", "l"} {
					if got := s.Pressed["size-"+size]; got != fmt.Sprint(size == want) {
						t.Errorf("%s: 大/中/小 button %q has aria-pressed %q at step %q", where, size, got, s.FontSize)
					}
				}
			}

			press(t, ctx, "zoom-out")
			s := readState(t, ctx)
			if s.BodyPx >= m.BodyPx || s.FontSize != "s" {
				t.Errorf("%s: zoom out: step %q, body text %gpx (was %gpx); want smaller", first, s.FontSize, s.BodyPx, m.BodyPx)
			}
			sizeSwitch(first+" after zoom out", s, "s")
			press(t, ctx, "zoom-out")
			if s := readState(t, ctx); s.FontSize != "s" || s.Disabled["zoom-out"] != "true" {
				t.Errorf("%s: zoom out at the smallest step: step %q, zoom out aria-disabled %q; want to stay, and say it can go no further", first, s.FontSize, s.Disabled["zoom-out"])
			}
			press(t, ctx, "reset")
			if s := readState(t, ctx); s.BodyPx != m.BodyPx || s.FontSize != "" {
				t.Errorf("%s: reset: step %q, body text %gpx; want the default %gpx", first, s.FontSize, s.BodyPx, m.BodyPx)
			}

			// Each step up is larger, and the whole page grows, not only the
			// reading area; 大/中/小 follow.
			prev := m
			for i, want := range []string{"l", "xl", "xxl"} {
				press(t, ctx, "zoom-in")
				s := readState(t, ctx)
				if s.FontSize != want || s.BodyPx <= prev.BodyPx || s.NamePx <= prev.NamePx {
					t.Errorf("%s: zoom in #%d: step %q, body text %gpx (was %gpx), site name %gpx (was %gpx); want step %q, both larger",
						first, i+1, s.FontSize, s.BodyPx, prev.BodyPx, s.NamePx, prev.NamePx, want)
				}
				if want == "l" && s.BodyPx < elderMinFontPx {
					t.Errorf("%s: the 大/Big step gives %gpx body text, want at least %dpx", first, s.BodyPx, elderMinFontPx)
				}
				sizeSwitch(fmt.Sprintf("%s after zoom in #%d", first, i+1), s, want)
				prev = s
			}
			if math.Abs(prev.BodyPx-2*m.BodyPx) > 0.5 || prev.Disabled["zoom-in"] != "true" {
				t.Errorf("%s: the largest step: body text %gpx, zoom in aria-disabled %q; want twice the default %gpx (WCAG 1.4.4), and no further", first, prev.BodyPx, prev.Disabled["zoom-in"], m.BodyPx)
			}

			// The article's switcher and the bar share one state.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(controlJS(l.middle)))); err != nil {
				t.Fatal(err)
			}
			if s := readState(t, ctx); s.FontSize != "" || s.BodyPx != m.BodyPx {
				t.Errorf("%s: %q after zoom in: step %q, body text %gpx; want the default %gpx", first, l.middle, s.FontSize, s.BodyPx, m.BodyPx)
			}
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(controlJS(l.big)))); err != nil {
				t.Fatal(err)
			}
			press(t, ctx, "zoom-in")
			xl := readState(t, ctx)
			if xl.FontSize != "xl" {
				t.Errorf("%s: %q then zoom in: step %q, want xl (one step above %q)", first, l.big, xl.FontSize, l.big)
			}
			reload(t, ctx)
			if s := readState(t, ctx); s.FontSize != "xl" || s.BodyPx != xl.BodyPx {
				t.Errorf("%s reloaded: step %q, body text %gpx; want xl, %gpx", first, s.FontSize, s.BodyPx, xl.BodyPx)
			}
			for _, p := range pages {
				navigate(t, ctx, base, p.path)
				if s := readState(t, ctx); s.FontSize != "xl" || s.NamePx != xl.NamePx {
					t.Errorf("%s, opened after choosing a step: step %q, site name %gpx; want xl, %gpx", p.path, s.FontSize, s.NamePx, xl.NamePx)
				}
			}
		})
	}
}

func TestA11yKeyboardOnly(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	// Each step focuses a control with Tab alone, presses a key, and checks
	// the state the page then shows.
	steps := []struct {
		control, key string
		stay         bool // go on from where the last step left the focus
		want         func(a11yState) bool
		says         string
	}{
		{"elder", kb.Enter, false, func(s a11yState) bool { return s.On["elder"] && s.Pressed["elder"] == "true" }, "elder mode on"},
		{"elder", " ", false, func(s a11yState) bool { return !s.On["elder"] && s.Pressed["elder"] == "false" }, "elder mode off"},
		{"contrast", kb.Enter, false, func(s a11yState) bool { return s.On["contrast"] && s.Pressed["contrast"] == "true" }, "high contrast on"},
		{"contrast", " ", false, func(s a11yState) bool { return !s.On["contrast"] && s.Pressed["contrast"] == "false" }, "high contrast off"},
		{"cursor", kb.Enter, false, func(s a11yState) bool { return s.On["cursor"] && strings.Contains(s.Cursor, "url(") }, "large pointer on"},
		{"zoom-in", kb.Enter, false, func(s a11yState) bool { return s.FontSize == "l" }, "one step larger"},
		{"zoom-in", " ", false, func(s a11yState) bool { return s.FontSize == "xl" }, "two steps larger"},
		{"zoom-out", kb.Enter, false, func(s a11yState) bool { return s.FontSize == "l" }, "one step smaller"},
		{"reset", kb.Enter, false, func(s a11yState) bool { return s.FontSize == "" && !s.On["cursor"] }, "every choice undone"},
		{"speak", kb.Enter, false, func(s a11yState) bool { return s.On["speak"] && s.Pressed["speak"] == "true" }, "read-aloud on"},
		{"pause", kb.Enter, true, func(s a11yState) bool { return s.Pressed["pause"] == "true" }, "reading paused"},
		{"pause", " ", true, func(s a11yState) bool { return s.Pressed["pause"] == "false" }, "reading resumed"},
		{"stop", kb.Enter, true, func(s a11yState) bool { return s.On["speak"] && s.Pressed["pause"] == "false" }, "reading stopped"},
		{"speak", " ", true, func(s a11yState) bool { return !s.On["speak"] && s.Pressed["speak"] == "false" }, "read-aloud off"},
	}
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			page := a11yPages(t, dir, l.code)[2].path
			ctx := browsertest.Tab(t, browser)
			onNewDocument(t, ctx, speechStubJS)
			for _, st := range steps {
				// Most steps start from the top, as a keyboard user who has
				// just opened the page; the choice of the step before holds.
				if !st.stay {
					navigate(t, ctx, base, page)
				}
				tabTo(t, ctx, a11yControlJS(st.control), 30, "the "+st.control+" control")
				if !evaluate[bool](t, ctx, focusVisibleJS) {
					t.Errorf("%s: the focused %q control shows no focus indicator", page, st.control)
				}
				name := map[string]string{kb.Enter: "Enter", " ": "Space"}[st.key]
				if err := chromedp.Do(ctx, chromedp.KeyEvent(st.key)); err != nil {
					t.Fatal(err)
				}
				if s := readState(t, ctx); !st.want(s) {
					t.Errorf("%s: %s on the focused %q control: want %s; the page shows step %q, on %v, aria-pressed %v, pointer %q",
						page, name, st.control, st.says, s.FontSize, s.On, s.Pressed, s.Cursor)
				}
			}
		})
	}
}

func TestA11yAppliedBeforeFirstPaint(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	modes := []struct {
		mode a11yMode
		want map[string]string // attribute on <html> -> value; "" present without a value
	}{
		{modeElder, map[string]string{"data-elder": ""}},
		{modeContrast, map[string]string{"data-contrast": ""}},
		{a11yMode{"large pointer and the 小 step", map[string]string{"cursor": "1", "fontsize": "s"}},
			map[string]string{"data-cursor": "", "data-fontsize": "s"}},
		{modeAll, map[string]string{"data-elder": "", "data-contrast": "", "data-cursor": "", "data-speak": "", "data-fontsize": "xxl"}},
	}
	for _, l := range readerLangs {
		pages := a11yPages(t, dir, l.code)
		for _, m := range modes {
			t.Run(l.code+"/"+m.mode.name, func(t *testing.T) {
				ctx := browsertest.Tab(t, browser)
				onNewDocument(t, ctx, speechStubJS)
				onNewDocument(t, ctx, paintWatchJS)
				useMode(t, ctx, base, m.mode)
				for _, p := range pages {
					navigate(t, ctx, base, p.path)
					w := evaluate[struct {
						AtBody map[string]*string `json:"atBody"`
						Later  []string           `json:"later"`
					}](t, ctx, "window.paintWatch")
					if w.AtBody == nil {
						t.Fatalf("%s: the watch never saw <body> appear", p.path)
					}
					for attr, want := range m.want {
						if got := w.AtBody[attr]; got == nil || *got != want {
							t.Errorf("%s: when <body> appeared, <html> had %s=%v; want %q applied before anything is painted", p.path, attr, deref(got), want)
						}
					}
					for _, change := range w.Later {
						t.Errorf("%s: after <body> appeared, <html> %s: the page changes on screen after the first paint", p.path, change)
					}
				}
			})
		}
	}
}

// deref shows a possibly absent attribute value.
func deref(s *string) string {
	if s == nil {
		return "(absent)"
	}
	return fmt.Sprintf("%q", *s)
}

// speechCall is one call the page made to the stubbed speech synthesis.
type speechCall struct {
	Op   string `json:"op"` // speak, cancel, pause or resume
	Text string `json:"text"`
	Lang string `json:"lang"`
}

func speechLog(t *testing.T, ctx context.Context) []speechCall {
	t.Helper()
	return evaluate[[]speechCall](t, ctx, "window.speechLog")
}

// spoken returns the texts of the speak calls in log from index from on.
func spoken(log []speechCall, from int) []string {
	return speechTexts(log, from, "speak")
}

// started returns the texts the voice began to say (not merely queued) in
// log from index from on.
func started(log []speechCall, from int) []string {
	return speechTexts(log, from, "start")
}

// lastCancel returns the index of the last cancel call in log from index
// from on, or from: where the latest reading begins. A click on a control
// focuses it first, which may read the control's own name before the reading
// it asks for.
func lastCancel(log []speechCall, from int) int {
	at := from
	for i := from; i < len(log); i++ {
		if log[i].Op == "cancel" {
			at = i
		}
	}
	return at
}

func speechTexts(log []speechCall, from int, op string) []string {
	var out []string
	for _, c := range log[from:] {
		if c.Op == op {
			out = append(out, c.Text)
		}
	}
	return out
}

// metaLabels are the labels of the publish time and source of an
// announcement, by language.
var metaLabels = map[string][2]string{"zh": {"发布时间：", "来源："}, "en": {"Published:", "Source:"}}

func TestA11yReadAloud(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			locale := map[string]string{"zh": "zh-CN", "en": "en"}[l.code]
			pages := a11yPages(t, dir, l.code)
			first := pages[2].path
			ctx := browsertest.Tab(t, browser)
			onNewDocument(t, ctx, speechStubJS)
			navigate(t, ctx, base, first)
			want := evaluate[struct {
				Title string   `json:"title"`
				Meta  string   `json:"meta"`
				Body  []string `json:"body"`
				Tools string   `json:"tools"`
				Views string   `json:"views"`
			}](t, ctx, `(() => {
				const norm = s => s.replace(/\s+/g, " ").trim();
				return {
					title: norm(document.querySelector("article h1").innerText),
					meta: norm(document.querySelector("article time").closest("p").innerText),
					body: [...document.querySelectorAll("article p")].filter(p => p.closest(".prose")).map(p => norm(p.innerText)),
					tools: norm(document.querySelector(".tools").innerText),
					views: norm(document.querySelector("article .views").firstChild.textContent),
				};
			})()`)
			if len(want.Body) < 3 {
				t.Fatalf("%s: found %d body paragraphs to compare with", first, len(want.Body))
			}

			press(t, ctx, "speak")
			log := speechLog(t, ctx)
			said := spoken(log, 0)
			if len(said) < 2+len(want.Body) {
				t.Fatalf("%s: read-aloud said %q; want the title, publish time and source, and %d paragraphs", first, said, len(want.Body))
			}
			if said[0] != want.Title {
				t.Errorf("%s: read-aloud begins with %q, want the title %q", first, said[0], want.Title)
			}
			if said[1] != want.Meta || !strings.Contains(said[1], metaLabels[l.code][0]) || !strings.Contains(said[1], metaLabels[l.code][1]) {
				t.Errorf("%s: read-aloud goes on with %q, want the publish time and source %q", first, said[1], want.Meta)
			}
			at := 2
			for _, p := range want.Body {
				i := slices.Index(said[at:], p)
				if i < 0 {
					t.Errorf("%s: read-aloud never says the paragraph %q (in order); said %q", first, p, said)
					break
				}
				at += i + 1
			}
			for _, c := range log {
				if c.Op == "speak" && c.Lang != locale {
					t.Errorf("%s: read-aloud speaks %q in language %q, want %q", first, c.Text, c.Lang, locale)
				}
				if c.Op == "speak" && strings.Contains(c.Text, want.Tools) {
					t.Errorf("%s: read-aloud reads the font-size controls aloud: %q", first, c.Text)
				}
				// The count is page furniture, not the announcement.
				if c.Op == "speak" && want.Views != "" && strings.Contains(c.Text, want.Views) {
					t.Errorf("%s: read-aloud reads the browse count aloud: %q", first, c.Text)
				}
			}
			s := readState(t, ctx)
			if !s.On["speak"] || s.Pressed["speak"] != "true" {
				t.Errorf("%s: read-aloud: data-speak %v, aria-pressed %q; want both on", first, s.On["speak"], s.Pressed["speak"])
			}
			if !evaluate[bool](t, ctx, `["play", "pause", "stop"].every(n => document.querySelector("[data-a11y=" + n + "]").getClientRects().length > 0)`) {
				t.Errorf("%s: read-aloud is on but its play, pause and stop controls are not all shown", first)
			}

			// Moving through the bar does not interrupt the reading; pause,
			// resume and stop reach the synthesis.
			n := len(speechLog(t, ctx))
			tabTo(t, ctx, a11yControlJS("pause"), 30, "the pause control")
			if l := speechLog(t, ctx)[n:]; len(l) != 0 {
				t.Errorf("%s: moving the focus through the bar while the page is read calls %v; want the reading left alone", first, l)
			}
			steps := []struct{ control, op, pressed string }{
				{"pause", "pause", "true"}, {"pause", "resume", "false"}, {"stop", "cancel", "false"},
			}
			for _, st := range steps {
				n := len(speechLog(t, ctx))
				press(t, ctx, st.control)
				l := speechLog(t, ctx)[n:]
				if !slices.ContainsFunc(l, func(c speechCall) bool { return c.Op == st.op }) {
					t.Errorf("%s: pressing %q calls %v, want %s", first, st.control, l, st.op)
				}
				if got := readState(t, ctx).Pressed["pause"]; got != st.pressed {
					t.Errorf("%s: after pressing %q the pause control has aria-pressed %q, want %q", first, st.control, got, st.pressed)
				}
			}

			// Chromium keeps its voice paused through cancel(): after Pause
			// then Stop, Play must still be heard, not just queued, and the
			// pause control must no longer show as pressed.
			for _, c := range []string{"play", "pause", "stop"} {
				press(t, ctx, c)
			}
			n = len(speechLog(t, ctx))
			press(t, ctx, "play")
			log = speechLog(t, ctx)
			if got := started(log, lastCancel(log, n)); len(got) == 0 || got[0] != want.Title {
				t.Errorf("%s: play after pause and stop: the voice begins %q, want the title %q (calls %v)", first, got, want.Title, log[n:])
			}
			if got := readState(t, ctx).Pressed["pause"]; got != "false" {
				t.Errorf("%s: play after pause and stop: the pause control has aria-pressed %q, want false", first, got)
			}

			// While read-aloud is on, focus reads what it lands on, also after
			// the reading was paused.
			press(t, ctx, "pause")
			target := `document.querySelector("header a")`
			n = len(speechLog(t, ctx))
			tabTo(t, ctx, target, 30, "the first link of the header")
			name := evaluate[string](t, ctx, target+".innerText.trim()")
			log = speechLog(t, ctx)
			if last := log[len(log)-1]; last.Op != "start" || last.Text != name || last.Lang != locale {
				t.Errorf("%s: focusing the link %q with read-aloud on and the reading paused: last call %+v; want it spoken in %s (calls %v)", first, name, last, locale, log[n:])
			}
			if got := readState(t, ctx).Pressed["pause"]; got != "false" {
				t.Errorf("%s: focus read aloud after a pause: the pause control has aria-pressed %q, want false", first, got)
			}

			// The play control reads the page again from the start (the click
			// that focuses it may first read its own name).
			n = len(speechLog(t, ctx))
			press(t, ctx, "play")
			log = speechLog(t, ctx)
			if again := started(log, lastCancel(log, n)); len(again) == 0 || again[0] != want.Title {
				t.Errorf("%s: pressing play says %q, want the announcement from its title", first, started(log, n))
			}
			evaluate[any](t, ctx, "speechSynthesis.finish(), true")

			// On the next page read-aloud is still on, says nothing by itself,
			// and reads what gets the focus.
			second := pages[0].path
			navigate(t, ctx, base, second)
			if s := readState(t, ctx); !s.On["speak"] || s.Pressed["speak"] != "true" {
				t.Errorf("%s, opened with read-aloud on: data-speak %v, aria-pressed %q; want both on", second, s.On["speak"], s.Pressed["speak"])
			}
			if said := spoken(speechLog(t, ctx), 0); len(said) != 0 {
				t.Errorf("%s: opened with read-aloud on, the page speaks %q by itself; it must wait for the reader", second, said)
			}
			tabTo(t, ctx, a11yControlJS("elder"), 2, "the first control of the bar")
			if said := spoken(speechLog(t, ctx), 0); len(said) == 0 || said[len(said)-1] != a11yLabels[l.code]["elder"] {
				t.Errorf("%s: focusing the elder-mode control with read-aloud on says %q, want %q", second, said, a11yLabels[l.code]["elder"])
			}

			// Off: silence, and focus reads nothing any more.
			press(t, ctx, "speak")
			n = len(speechLog(t, ctx))
			if s := readState(t, ctx); s.On["speak"] || s.Pressed["speak"] != "false" {
				t.Errorf("%s: read-aloud pressed again: data-speak %v, aria-pressed %q; want off", second, s.On["speak"], s.Pressed["speak"])
			}
			tabTo(t, ctx, target, 30, "the first link of the header")
			if said := spoken(speechLog(t, ctx), n); len(said) != 0 {
				t.Errorf("%s: with read-aloud off, moving the focus says %q", second, said)
			}
		})
	}
}

func TestA11yReadAloudHiddenWithoutSpeech(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			onNewDocument(t, ctx, speechAbsentJS)
			useMode(t, ctx, base, a11yMode{"read-aloud saved", map[string]string{"speak": "1"}})
			for _, p := range a11yPages(t, dir, l.code) {
				navigate(t, ctx, base, p.path)
				shown := evaluate[[]string](t, ctx, `["speak", "play", "pause", "stop"].filter(n => document.querySelector("[data-a11y=" + n + "]").getClientRects().length > 0)`)
				if len(shown) > 0 {
					t.Errorf("%s: the browser cannot speak, yet the page shows the read-aloud controls %q", p.path, shown)
				}
				if evaluate[bool](t, ctx, `document.querySelector("[data-a11y=elder]").getClientRects().length === 0`) {
					t.Errorf("%s: without speech synthesis the rest of the bar disappears too", p.path)
				}
			}
		})
	}
}

func TestA11ySystemSettings(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		pages := a11yPages(t, dir, l.code)
		first := pages[2].path

		t.Run(l.code+"/prefers-contrast", func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			emulateMedia(t, ctx, "", "prefers-contrast", "no-preference")
			navigate(t, ctx, base, first)
			if s := readState(t, ctx); s.On["contrast"] {
				t.Fatalf("%s: high contrast is on although neither the reader nor the system asked for it", first)
			}
			// A change of the system setting applies to the open page, once
			// the browser has told the page (an event, so poll briefly).
			emulateMedia(t, ctx, "", "prefers-contrast", "more")
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
				for (let i = 0; i < 40 && !document.documentElement.hasAttribute("data-contrast"); i++) await new Promise(r => setTimeout(r, 50));
				return true;
			})()`, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatal(err)
			}
			if s := readState(t, ctx); !s.On["contrast"] || s.Pressed["contrast"] != "true" {
				t.Errorf("%s: the system setting changed to more contrast: data-contrast %v, aria-pressed %q; want high contrast on", first, s.On["contrast"], s.Pressed["contrast"])
			}
			navigate(t, ctx, base, first)
			if s := readState(t, ctx); !s.On["contrast"] || s.Pressed["contrast"] != "true" {
				t.Errorf("%s: the system asks for more contrast: data-contrast %v, aria-pressed %q; want high contrast on", first, s.On["contrast"], s.Pressed["contrast"])
			}
			for _, low := range colours(t, ctx, contrastMin).Low {
				t.Errorf("%s: the system asks for more contrast: %s, want at least %.0f:1", first, low, contrastMin)
			}
			// The reader's own choice wins over the system's, and reset gives
			// the choice back to the system.
			press(t, ctx, "contrast")
			reload(t, ctx)
			if s := readState(t, ctx); s.On["contrast"] {
				t.Errorf("%s: high contrast turned off by the reader comes back on reload because of the system setting", first)
			}
			press(t, ctx, "reset")
			if s := readState(t, ctx); !s.On["contrast"] || s.Pressed["contrast"] != "true" {
				t.Errorf("%s: after reset, the system's setting (more contrast) does not apply: on %v, aria-pressed %q", first, s.On["contrast"], s.Pressed["contrast"])
			}
		})

		t.Run(l.code+"/forced-colors", func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			emulateMedia(t, ctx, "", "forced-colors", "active")
			useMode(t, ctx, base, modeElder)
			navigate(t, ctx, base, first)
			if !evaluate[bool](t, ctx, `matchMedia("(forced-colors: active)").matches`) {
				t.Fatalf("%s: the emulation of forced colours did not take", first)
			}
			// Pressed and unpressed toggles stay apart in the system's colours.
			v := evaluate[map[string]string](t, ctx, `(() => {
				const bg = s => getComputedStyle(document.querySelector(s)).backgroundColor;
				return {elder: bg("[data-a11y=elder]"), contrast: bg("[data-a11y=contrast]"), middle: bg("[data-size=m]"), big: bg("[data-size=l]")};
			})()`)
			if v["elder"] == v["contrast"] {
				t.Errorf("%s, forced colours: the pressed elder-mode control looks like the unpressed contrast control (background %s)", first, v["elder"])
			}
			if v["middle"] == v["big"] {
				t.Errorf("%s, forced colours: the pressed 中 looks like the unpressed 大 (background %s)", first, v["middle"])
			}
			tabTo(t, ctx, a11yControlJS("elder"), 3, "the elder-mode control")
			if !evaluate[bool](t, ctx, focusVisibleJS) {
				t.Errorf("%s, forced colours: the focused control shows no focus indicator", first)
			}
			for _, v := range browsertest.Axe(ctx, t) {
				t.Errorf("%s, forced colours: %s", first, v)
			}
		})

		t.Run(l.code+"/prefers-reduced-motion", func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			emulateMedia(t, ctx, "", "prefers-reduced-motion", "no-preference")
			navigate(t, ctx, base, first)
			if s := readState(t, ctx).Scroll; s != "smooth" {
				t.Fatalf("%s: with no preference, scroll-behavior is %q; the check below would prove nothing", first, s)
			}
			emulateMedia(t, ctx, "", "prefers-reduced-motion", "reduce")
			for _, p := range pages {
				navigate(t, ctx, base, p.path)
				if s := readState(t, ctx).Scroll; s != "auto" {
					t.Errorf("%s: the system asks for reduced motion, yet scroll-behavior is %q", p.path, s)
				}
				for _, m := range evaluate[[]string](t, ctx, motionJS) {
					t.Errorf("%s: the system asks for reduced motion, yet %s moves", p.path, m)
				}
			}
		})
	}
}

func TestA11yNoPopupsInElderMode(t *testing.T) {
	dir, base := readerSite(t)
	browser := browsertest.Chromium(t)
	for _, l := range readerLangs {
		t.Run(l.code, func(t *testing.T) {
			ctx := browsertest.Tab(t, browser)
			onNewDocument(t, ctx, popupWatchJS)
			onNewDocument(t, ctx, speechStubJS)
			useMode(t, ctx, base, modeElder)
			for _, p := range a11yPages(t, dir, l.code) {
				navigate(t, ctx, base, p.path)
				for _, c := range []string{"zoom-in", "contrast", "cursor", "speak", "pause", "stop", "speak", "contrast", "cursor", "zoom-out"} {
					press(t, ctx, c)
				}
				v := evaluate[struct {
					Popups   []string `json:"popups"`
					Overlays []string `json:"overlays"`
				}](t, ctx, `({
					popups: window.popups,
					overlays: [...document.querySelectorAll("body *")].filter(e => {
						const s = getComputedStyle(e);
						return e.getClientRects().length > 0 && (["fixed", "sticky"].includes(s.position) ||
							e.matches("dialog[open], [role=dialog], [role=alertdialog]"));
					}).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")),
				})`)
				for _, p2 := range v.Popups {
					t.Errorf("%s, elder mode: the page calls %s (a pop-up)", p.path, p2)
				}
				for _, o := range v.Overlays {
					t.Errorf("%s, elder mode: %s floats over the page (fixed, sticky or a dialog)", p.path, o)
				}
				if s := readState(t, ctx); !s.On["elder"] {
					t.Errorf("%s: elder mode was lost while using the bar", p.path)
				}
			}
		})
	}
}
