package serve_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gazette/internal/browsertest"
	"gazette/internal/serve"
)

// TestLiveReloadInChromium opens a page in headless Chromium and edits its
// file: the page must change by itself (the test never navigates again),
// show the error when the front matter breaks, and recover when it is
// fixed.
func TestLiveReloadInChromium(t *testing.T) {
	for _, mode := range aheadModes {
		t.Run(mode.name, func(t *testing.T) { testLiveReloadInChromium(t, mode.after) })
	}
}

func testLiveReloadInChromium(t *testing.T, ahead time.Duration) {
	dir := newSite(t)
	srv, _ := startWith(t, serve.Options{Site: dir, AheadAfter: ahead})
	ctx := browsertest.Chromium(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL()+zhPage)); err != nil {
		t.Fatal(err)
	}
	waitInPage(t, ctx, "the first version", `document.body.innerText.includes("原始正文：第一版。")`)
	// A reload replaces the document, and with it this mark.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.gazetteTestMark = true`)); err != nil {
		t.Fatal(err)
	}

	writeFile(t, dir, zhNotice, zhNoticeText("修改后的正文：第二版。"))
	waitInPage(t, ctx, "the edit, after a reload of its own",
		`!window.gazetteTestMark && document.body.innerText.includes("修改后的正文：第二版。")`)

	writeFile(t, dir, zhNotice, brokenZhNotice)
	waitInPage(t, ctx, "the build error naming file and line",
		`(document.getElementById("gazette-build-error") || {textContent: ""}).textContent.includes("`+zhNotice+`:2:")`)

	writeFile(t, dir, zhNotice, zhNoticeText("改好后的正文：第三版。"))
	waitInPage(t, ctx, "the fixed page",
		`!document.getElementById("gazette-build-error") && document.body.innerText.includes("改好后的正文：第三版。")`)

	// Counts work in preview: the page's own script (when the theme loads
	// one) fills in the count from the preview's API.
	hasCounter, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector("script[data-endpoint]") && !!document.querySelector("[data-browsecount-hit]")`))
	if err != nil {
		t.Fatal(err)
	}
	if hasCounter {
		waitInPage(t, ctx, "a browse count", `/^\d+$/.test(document.querySelector("[data-browsecount-hit]").textContent.trim())`)
	} else {
		t.Log("the page loads no browse-count script; count not checked")
	}
}

// waitInPage evaluates cond in the tab until it is true. Errors are retried:
// while the page reloads there is no document to evaluate in.
func waitInPage(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(pollTimeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+cond+`)`))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	t.Fatalf("page never showed %s within %s (last error: %v); page:\n%s", what, pollTimeout, last, text)
}
