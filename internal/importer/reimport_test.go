package importer

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReimportQueryAddresses imports articles whose old addresses differ
// only by their query (article.jsp?id=123), which get no alias, twice: the
// second run finds each by the old address recorded in importedFrom and
// writes nothing.
func TestReimportQueryAddresses(t *testing.T) {
	titles := map[string]string{"123": "关于春季植树活动的通知", "124": "关于夏季防汛演练的通知"}
	s := newSmallSite(t, http.NotFound, map[string]http.HandlerFunc{
		"/article.jsp": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			id := r.URL.Query().Get("id")
			title, ok := titles[id]
			if !ok {
				// Without an id the CMS shows the column's list.
				fmt.Fprint(w, `<html><body><ul><li><a href="article.jsp?id=123">植树</a></li><li><a href="article.jsp?id=124">防汛</a></li></ul><p>共 1 页</p></body></html>`)
				return
			}
			fmt.Fprintf(w, `<html><head><meta name="ArticleTitle" content="%s"><meta name="PubDate" content="2024-03-0%s 09:00">
<meta name="ColumnName" content="通知公告"></head><body><div class="TRS_Editor"><p>%s的正文。</p></div></body></html>`, title, id[2:], title)
		},
	})
	site, cfg := newSite(t)
	want := []string{s.URL + "/article.jsp?id=123", s.URL + "/article.jsp?id=124", s.URL + "/tzgg/bus.html"}
	rep, err := ImportPages(context.Background(), pagesOptions(site, cfg, s.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if got := inputs(rep.Imported); !slices.Equal(got, want) {
		t.Fatalf("imported %q, want %q", got, want)
	}
	for id, file := range map[string]string{"123": "article-id-123.md", "124": "article-id-124.md"} {
		a := readAnnouncement(t, filepath.Join(site, "content", "zh", "notices", file))
		if a.Title != titles[id] || a.ImportedFrom != s.URL+"/article.jsp?id="+id || len(a.Aliases) > 0 {
			t.Errorf("%s: title %q, importedFrom %q, aliases %q", file, a.Title, a.ImportedFrom, a.Aliases)
		}
	}
	if a := readAnnouncement(t, filepath.Join(site, "content", "zh", "notices", "bus.md")); a.ImportedFrom != s.URL+"/tzgg/bus.html" {
		t.Errorf("bus.md: importedFrom %q", a.ImportedFrom)
	}

	before := tree(t, site)
	rep2, err := ImportPages(context.Background(), pagesOptions(site, cfg, s.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if got := inputs(rep2.Existing); len(rep2.Imported) != 0 || !slices.Equal(got, want) {
		t.Errorf("second run: imported %q, existing %q; want every article existing", inputs(rep2.Imported), got)
	}
	if after := tree(t, site); !equalMaps(before, after) {
		var added []string
		for f := range after {
			if _, ok := before[f]; !ok {
				added = append(added, f)
			}
		}
		t.Errorf("the second run changed the site; new files %q", added)
	}
}

// TestImportedFrom: an earlier import is recognised by the path and query
// of its importedFrom, whichever copy of the old site it was read from;
// a file without importedFrom by its alias, which a query never matches.
func TestImportedFrom(t *testing.T) {
	dir := t.TempDir()
	write := func(name, fm string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("+++\ntitle = '通知'\n"+fm+"+++\n\n正文\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	withField := write("a.md", "importedFrom = 'http://old-site.invalid/article.jsp?id=1'\n")
	withAlias := write("b.md", "aliases = ['/tzgg/b.html']\n")
	for _, tt := range []struct {
		file, old string
		want      bool
	}{
		{withField, "https://www.oldcity.gov.cn/article.jsp?id=1", true},
		{withField, "http://old-site.invalid/article.jsp?id=2", false},
		{withField, "http://old-site.invalid/article.jsp", false},
		{withAlias, "http://www.oldcity.gov.cn/tzgg/b.html", true},
		{withAlias, "http://www.oldcity.gov.cn/tzgg/b.html?page=2", false},
		{withAlias, "http://www.oldcity.gov.cn/tzgg/c.html", false},
	} {
		u, _ := url.Parse(tt.old)
		if got := importedFrom(tt.file, u); got != tt.want {
			t.Errorf("importedFrom(%s, %s) = %v, want %v", filepath.Base(tt.file), tt.old, got, tt.want)
		}
	}
}
