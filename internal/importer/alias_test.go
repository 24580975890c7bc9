package importer

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gazette/internal/messages"
	"gazette/internal/site"
)

// TestImportBadAliases imports pages whose old paths cannot be an alias
// of the built site (a space, a full-width space, a control character, an
// empty segment): each is imported without the alias and with a warning
// naming the page and the path, and the site builds.
func TestImportBadAliases(t *testing.T) {
	odd := []string{"/odd/a%20b.html", "/odd//double.html", "/odd/c%01d.html", "/odd/e%E3%80%80f.html"}
	// No ServeMux: it would redirect "//" to a clean path before the
	// importer saw it.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			fmt.Fprint(w, `<html><body><ul>`)
			for i, p := range append([]string{"/odd/plain.html"}, odd...) {
				fmt.Fprintf(w, `<li><a href="%s">通知%d</a></li>`, p, i)
			}
			fmt.Fprint(w, `</ul><p>共 1 页</p></body></html>`)
		default:
			title := "关于" + strings.Trim(nonSlug.ReplaceAllString(r.URL.Path, "-"), "-") + "的通知"
			fmt.Fprintf(w, `<html><head><meta name="ArticleTitle" content="%s"><meta name="PubDate" content="2024-04-01 09:00">
<meta name="ColumnName" content="通知公告"></head><body><div class="TRS_Editor"><p>%s的正文。</p></div></body></html>`, title, title)
		}
	}))
	t.Cleanup(srv.Close)
	dir, cfg := newSite(t)
	rep, err := ImportPages(context.Background(), pagesOptions(dir, cfg, srv.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Imported) != 5 || len(rep.Skipped) != 0 {
		t.Fatalf("imported %q, skipped %v; want all five pages imported", inputs(rep.Imported), rep.Skipped)
	}
	warned := map[string]string{}
	for _, w := range rep.Warnings {
		if problemKey(w.Err) == messages.ImportBadAlias {
			warned[w.Input] = describe(messages.New(messages.EN), w.Err)
		}
	}
	for _, p := range odd {
		u, _ := url.Parse(srv.URL + p)
		msg, ok := warned[u.String()]
		if !ok {
			t.Errorf("no warning for %s; warnings %v", u, rep.Warnings)
			continue
		}
		if !strings.Contains(msg, u.String()) || !strings.Contains(msg, fmt.Sprintf("%q", u.Path)) {
			t.Errorf("the warning does not name the page and its path: %s", msg)
		}
	}
	if a := readAnnouncement(t, filepath.Join(dir, "content/zh/notices/plain.md")); !slices.Equal(a.Aliases, []string{"/odd/plain.html"}) {
		t.Errorf("plain.md aliases %q, want its old path", a.Aliases)
	}
	if a := readAnnouncement(t, filepath.Join(dir, "content/zh/notices/a-b.md")); len(a.Aliases) > 0 {
		t.Errorf("a-b.md aliases %q, want none", a.Aliases)
	}
	if _, err := site.Build(context.Background(), site.Options{Source: dir, Dest: filepath.Join(dir, "public")}); err != nil {
		t.Fatalf("the imported site does not build: %v", err)
	}
}

// TestAliasOf: the alias of an old address is its path, with "." and ".."
// segments resolved as a browser resolves them before asking.
func TestAliasOf(t *testing.T) {
	for in, want := range map[string]string{
		"http://old.example/tzgg/t1.html":                 "/tzgg/t1.html",
		"http://old.example/tzgg/../xwdt/t2.html":         "/xwdt/t2.html",
		"http://old.example/tzgg/./2024/":                 "/tzgg/2024/",
		"http://old.example/../../t3.html":                "/t3.html",
		"http://old.example/信息公开/通知.html":                 "/信息公开/通知.html",
		"http://old.example/a%20b.html":                   "",
		"http://old.example/view.jsp?id=5":                "",
		"http://old.example/a//b.html":                    "",
		"http://old.example/" + strings.Repeat("x", 2100): "",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := aliasOf(u)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("aliasOf(%.60s) = %.60q, %v; want %q", in, got, err, want)
		}
	}
}
