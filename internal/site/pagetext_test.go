package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/tpl"

	"gazette/internal/config"
)

// TestPageTextIsHugosPlain: the text the search index takes from each
// written page is exactly what Hugo's .Plain gives for that announcement,
// and none of the marks it is taken by reaches a reader.
func TestPageTextIsHugosPlain(t *testing.T) {
	root := repoRoot(t)
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	out := newMinifyFs(t.TempDir())
	h, err := openHugo(root, cfg, hugoLog{}, out, out.dir, hugoMode{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()
	h.texts = &out.texts
	if err := h.build(hugolib.BuildCfg{}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range h.sites.Sites {
		for _, p := range s.RegularPages() {
			if !isColumn(cfg, p.Section()) {
				continue
			}
			n++
			got, ok := out.texts.text(p.RelPermalink())
			if !ok {
				t.Errorf("%s: no text taken from the written page", p.RelPermalink())
				continue
			}
			if want := p.Plain(context.Background()); got != want {
				t.Errorf("%s: text taken from the page differs from .Plain:\n got %.200q\nwant %.200q", p.RelPermalink(), got, want)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d announcements in the sample", n)
	}
	for _, rel := range out.rendered() {
		data, err := os.ReadFile(filepath.Join(out.dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "gazette:text") {
			t.Errorf("%s: the text marks reached the written page", rel)
		}
	}
}

// TestSearchWithOwnPageLayout: a site whose own page.html has no text
// marks still gets its announcements' bodies into the search index.
func TestSearchWithOwnPageLayout(t *testing.T) {
	dir := copySample(t)
	layout, err := os.ReadFile(filepath.Join(repoRoot(t), "internal", "theme", "layouts", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(layout), "\n") {
		if strings.Contains(line, "gazette:text") {
			line = "{{ .Content }}"
		}
		kept = append(kept, line)
	}
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "page.html"), []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	const notice = "content/en/notices/2024-water-supply-maintenance.md"
	orig, err := os.ReadFile(filepath.Join(dir, notice))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, notice, string(orig)+"\nHydrant flushing follows the works.\n")
	dest := t.TempDir()
	if _, err := Build(t.Context(), Options{Source: dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dest, "en", "notices", "2024-water-supply-maintenance", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Hydrant flushing") {
		t.Fatal("the site's own page layout was not used")
	}
	urls := searchURLs(t, os.DirFS(dest), "en", "hydrant flushing")
	if want := []string{"/en/notices/2024-water-supply-maintenance/"}; !slices.Equal(urls, want) {
		t.Errorf("search for a word of the body found %q, want %q", urls, want)
	}
}

// plainTextCases are HTML the fast path must treat exactly as StripHTML
// does, or leave to it.
var plainTextCases = []string{
	"",
	"no tags at all\nkept  as\tit is",
	"a > b, but no tag",
	"<p>One</p>\n<p>Two  words</p>\n",
	"<p>line<br>break<br />again<br/>not a newline</p>",
	"<h2 id=\"x\">Head</h2>\n<ul>\n<li>a</li>\n<li><strong>b</strong></li>\n</ul>",
	`<p><a href="https://x.gov.cn/a?b=1&amp;c=2" title="say &quot;hi&quot; > there">link</a> after</p>`,
	`<p><a href='single'>q</a></p>`,
	`<img src="a.png" alt="">text<img src=a.png>unquoted`,
	"<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">名称</th>\n</tr>\n</thead>\n</table>",
	"<p>中文　全角空格　　两个，\u00a0\u00a0不换行空格</p>",
	"a < b and c <d> e",
	"text ends with <",
	"text ends with </",
	"an unterminated <a href=\"x",
	"<!-- a comment --><p>after</p>",
	"<p>before</p><script>var x = '<p>';</script><p>after</p>",
	"<style>p { color: red }</style>x",
	"<SCRIPT>a<b>c</b></SCRIPT>upper-case raw element",
	"<textarea><b>raw</b></textarea>",
	"<title>t</title><meta charset=utf-8>m",
	"<p>___hugonl_ literal</p>",
	"<p>bad \xff byte</p>",
	"<p >spaced</p ><p\n class=\"c\"\n>multi\nline</p>",
	"<x-y:z a=\"1\">custom</x-y:z>",
	"<a =\"x\">no name</a>",
	"<a b\"c>quote in name</a>",
	"<p>\r\n\r\ncarriage</p>",
	"<div>\u2028sep\u0085nel</div>",
	"<p>&lt;not a tag&gt; &amp; entity</p>",
	"<BR>upper<BR />case</P>",
}

// TestPlainTextIsStripHTML: the search text is byte for byte what Hugo's
// StripHTML gives, on the cases above.
func TestPlainTextIsStripHTML(t *testing.T) {
	for _, c := range plainTextCases {
		if got, want := plainText([]byte(c)), tpl.StripHTML(c); got != want {
			t.Errorf("plainText(%q)\n got %q\nwant %q", c, got, want)
		}
	}
	// The fast path, not the fallback, must do goldmark's usual output.
	for _, c := range []string{plainTextCases[3], plainTextCases[5], plainTextCases[6], plainTextCases[9]} {
		if _, ok := fastPlainText([]byte(c)); !ok {
			t.Errorf("fastPlainText(%q) left it to StripHTML", c)
		}
	}
}

func FuzzPlainText(f *testing.F) {
	for _, c := range plainTextCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plainText([]byte(s)), tpl.StripHTML(s); got != want {
			t.Errorf("plainText(%q)\n got %q\nwant %q", s, got, want)
		}
	})
}
