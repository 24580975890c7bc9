package serve_test

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"

	"gazette/internal/serve"
)

// announcements follows the live-reload stream: every build id the
// server announces, in order.
func announcements(t *testing.T, srv *serve.Server) <-chan string {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL()+"__gazette/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ids := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ids <- id
			}
		}
	}()
	return ids
}

func next(t *testing.T, ids <-chan string, what string) string {
	t.Helper()
	select {
	case id := <-ids:
		return id
	case <-time.After(pollTimeout):
		t.Fatalf("no announcement of %s within %s", what, pollTimeout)
		return ""
	}
}

// olderNotices are two more Chinese notices, older than the one the tests
// edit: its neighbour in the column is the 2024-01 one.
func olderNotices(t *testing.T, dir string) {
	writeFile(t, dir, "content/zh/notices/january.md", "+++\ntitle = \"一月的通知\"\ndate = 2024-01-10T09:00:00\n+++\n\n一月。\n")
	writeFile(t, dir, "content/zh/notices/last-year.md", "+++\ntitle = \"去年的通知\"\ndate = 2023-03-10T09:00:00\n+++\n\n去年。\n")
}

// TestPageRenderedAheadIsServedDuringTheRebuild holds the preview between
// rendering an edited announcement ahead and rebuilding: the page already
// shows the edit, and it names the coming rebuild as its build, so that
// the browser, which reloaded for the page rendered ahead, does not reload
// once more when the rebuild renders the same page.
func TestPageRenderedAheadIsServedDuringTheRebuild(t *testing.T) {
	reached, release := serve.HoldRebuildBehind(t)
	dir := newSite(t)
	olderNotices(t, dir)
	srv, out := startWith(t, serve.Options{Site: dir, AheadAfter: alwaysAhead})
	page := srv.URL() + zhPage
	first := get(t, page)
	ids := announcements(t, srv)
	if id := next(t, ids, "the current build"); id != buildOf(first.body) {
		t.Fatalf("the stream opened with %q, the page names %q", id, buildOf(first.body))
	}

	writeFile(t, dir, zhNotice, zhNoticeText("提前生成的正文。"))
	<-reached
	lane := next(t, ids, "the page rendered ahead")
	ahead := get(t, page)
	if ahead.status != http.StatusOK || !strings.Contains(ahead.body, "提前生成的正文。") {
		t.Fatalf("during the rebuild: %d, want the edited page:\n%s", ahead.status, ahead.body)
	}
	if !strings.Contains(ahead.body, "一月的通知") {
		t.Errorf("the page rendered ahead lacks its neighbour in the column")
	}
	if buildOf(ahead.body) == lane || buildOf(ahead.body) == buildOf(first.body) {
		t.Errorf("the page rendered ahead names build %q; the announcements were %q then %q", buildOf(ahead.body), buildOf(first.body), lane)
	}
	close(release)
	rebuilt := next(t, ids, "the rebuild")
	if rebuilt != buildOf(ahead.body) {
		t.Errorf("the rebuild was announced as %q, the page rendered ahead names %q: the browser reloads it again for nothing", rebuilt, buildOf(ahead.body))
	}
	if final := get(t, page); final.body != ahead.body {
		t.Errorf("the rebuild changed the page rendered ahead")
	}
	if !strings.Contains(out.String(), "rendered ahead") {
		t.Errorf("the log does not say the page was rendered ahead:\n%s", out.String())
	}
}

// TestMovedPageReloadsAfterTheRebuild: an edit that moves the announcement
// among its neighbours renders ahead with the neighbours it had; the
// rebuild knows better, and its announcement must reload the page.
func TestMovedPageReloadsAfterTheRebuild(t *testing.T) {
	reached, release := serve.HoldRebuildBehind(t)
	dir := newSite(t)
	olderNotices(t, dir)
	srv, _ := startWith(t, serve.Options{Site: dir, AheadAfter: alwaysAhead})
	page := srv.URL() + zhPage
	get(t, page)
	ids := announcements(t, srv)
	next(t, ids, "the current build")

	// Now older than both: its neighbour becomes last year's notice, which
	// the page did not link before.
	writeFile(t, dir, zhNotice, strings.Replace(zhNoticeText("移到更早。"), "date = 2024-05-06", "date = 2022-05-06", 1))
	<-reached
	next(t, ids, "the page rendered ahead")
	ahead := get(t, page)
	if !strings.Contains(ahead.body, "移到更早。") {
		t.Fatalf("during the rebuild: %d, want the edited page:\n%s", ahead.status, ahead.body)
	}
	close(release)
	rebuilt := next(t, ids, "the rebuild")
	if rebuilt == buildOf(ahead.body) {
		t.Errorf("the rebuild was announced as %q, the id the page rendered ahead has: it keeps showing old neighbours", rebuilt)
	}
	final := get(t, page)
	if !strings.Contains(final.body, "去年的通知") || buildOf(final.body) != rebuilt {
		t.Errorf("after the rebuild the page names build %q (announced %q) and links:\n%s", buildOf(final.body), rebuilt, final.body)
	}
}

// TestOtherPagesWaitForTheRebuild holds the preview between rendering an
// edited announcement ahead and rebuilding: the column list asked for
// meanwhile is answered by the rebuild, with the new title, never from
// the build before the edit.
func TestOtherPagesWaitForTheRebuild(t *testing.T) {
	reached, release := serve.HoldRebuildBehind(t)
	dir := newSite(t)
	srv, _ := startWith(t, serve.Options{Site: dir, AheadAfter: alwaysAhead})
	list := srv.URL() + "zh/notices/"
	if r := get(t, list); !strings.Contains(r.body, "预览测试通知") {
		t.Fatalf("the column list before the edit lacks the notice:\n%s", r.body)
	}

	writeFile(t, dir, zhNotice, strings.Replace(zhNoticeText("正文。"), "预览测试通知", "改过标题的通知", 1))
	<-reached
	if r := get(t, srv.URL()+zhPage); !strings.Contains(r.body, "改过标题的通知") {
		t.Fatalf("the page rendered ahead lacks the new title:\n%s", r.body)
	}
	answered := make(chan response, 1)
	go func() { answered <- get(t, list) }()
	// Give a wrong answer the time to come; a right one waits for release.
	var r response
	select {
	case r = <-answered:
		close(release)
	case <-time.After(500 * time.Millisecond):
		close(release)
		r = <-answered
	}
	if r.status != http.StatusOK || !strings.Contains(r.body, "改过标题的通知") || strings.Contains(r.body, "预览测试通知") {
		t.Errorf("the column list asked for during the rebuild: %d, want only the new title:\n%s", r.status, r.body)
	}
}
