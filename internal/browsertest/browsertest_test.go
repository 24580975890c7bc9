package browsertest

import (
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const testSite = "testdata/site"

func TestServe(t *testing.T) {
	base := Serve(t, testSite)
	// Follow no redirect, to see the server's own answer.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantBody   string // a part of the body
	}{
		{"root index", "/", http.StatusOK, "<title>Good page</title>"},
		{"folder index", "/bad/", http.StatusOK, "<title>Bad page</title>"},
		{"folder without slash redirects", "/bad", http.StatusMovedPermanently, ""},
		{"file", "/nolist/readme.txt", http.StatusOK, "is not listed"},
		{"missing file under a language", "/zh/notices/none/", http.StatusNotFound, "页面不存在"},
		{"missing file elsewhere", "/en/none/", http.StatusNotFound, "<title>Not found</title>"},
		{"folder without index is not listed", "/nolist/", http.StatusNotFound, "<title>Not found</title>"},
		{"no escape from the site", "/../../go.mod", http.StatusNotFound, "<title>Not found</title>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := client.Get(base + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.wantStatus)
			}
			if !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("GET %s: body does not contain %q:\n%s", tt.path, tt.wantBody, body)
			}
		})
	}
}

func TestChromium(t *testing.T) {
	base := Serve(t, testSite)
	ctx := Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	if text != "Good page" {
		t.Errorf("h1 = %q, want %q", text, "Good page")
	}
}

func TestTabStorageIsSeparate(t *testing.T) {
	base := Serve(t, testSite)
	browser := Chromium(t)
	first := Tab(t, browser)
	if err := chromedp.Do(first,
		chromedp.Navigate(base+"/"),
		chromedp.Evaluate[chromedp.Void](`localStorage.setItem("k", "v")`),
	); err != nil {
		t.Fatal(err)
	}
	second := Tab(t, browser)
	if err := chromedp.Do(second, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(second, chromedp.Evaluate[*string](`localStorage.getItem("k")`))
	if err != nil {
		t.Fatal(err)
	}
	if got != nil {
		t.Errorf("a new tab sees localStorage %q of another tab, want none", *got)
	}
}

func TestAxe(t *testing.T) {
	base := Serve(t, testSite)
	browser := Chromium(t)
	tests := []struct {
		name  string
		path  string
		rules []string // ids of the expected violations, sorted
	}{
		{"accessible page", "/", nil},
		{"page without lang and alt", "/bad/", []string{"html-has-lang", "image-alt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := Tab(t, browser)
			if err := chromedp.Do(ctx, chromedp.Navigate(base+tt.path)); err != nil {
				t.Fatal(err)
			}
			var rules []string
			for _, v := range Axe(ctx, t) {
				rules = append(rules, v.ID)
				if len(v.Nodes) == 0 || v.Nodes[0].Target == "" {
					t.Errorf("violation %s names no element:\n%s", v.ID, v)
				}
			}
			slices.Sort(rules)
			if !slices.Equal(rules, tt.rules) {
				t.Errorf("violations %q, want %q", rules, tt.rules)
			}
		})
	}
}

func TestVNU(t *testing.T) {
	good := filepath.Join(testSite, "index.html")
	bad := filepath.Join(testSite, "bad", "index.html")
	msgs := VNU(t, good, bad)
	want := []struct {
		line int
		text string
	}{
		{10, "alt"},          // <img> without alt
		{11, "Duplicate ID"}, // the second id="x"
	}
	if len(msgs) != len(want) {
		t.Fatalf("vnu gave %d messages, want %d:\n%s", len(msgs), len(want), msgs)
	}
	for i, m := range msgs {
		if m.File != bad || m.Line != want[i].line || !strings.Contains(m.Text, want[i].text) {
			t.Errorf("message %d = %s\nwant %s:%d: …%s…", i, m, bad, want[i].line, want[i].text)
		}
	}
}
