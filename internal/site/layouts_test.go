package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const themedConfig = `
-- config.toml --
baseURL = "https://www.example.gov.cn/"
siteIDCode = "9999000001"
icp = "示ICP备00000001号"
pageSize = 3
[languages.zh]
siteName = "示例市人民政府"
[languages.en]
siteName = "Example Municipal People's Government"
`

func TestLayoutEmptyColumn(t *testing.T) {
	dir := writeSite(t, themedConfig+`
-- content/zh/notices/a.md --
+++
title = "唯一的通知"
date = 2024-05-06T07:08:00
source = "示例办公室"
translationKey = "a"
+++
正文。
-- content/en/notices/a.md --
+++
title = "The only notice"
date = 2024-05-06T07:08:00
source = "Example Office"
translationKey = "a"
+++
Body.
`)
	public, _ := mustBuild(t, dir)
	// news and policies have no announcements: the home page must still
	// render, and must not claim items that are not there.
	home := parsePage(t, public, "zh/index.html")
	if !strings.Contains(home.text("main"), "唯一的通知") {
		t.Error("home lacks the one notice")
	}
	for _, lang := range []string{"zh", "en"} {
		if _, err := os.Stat(filepath.Join(public, lang, "index.html")); err != nil {
			t.Errorf("%s home missing", lang)
		}
	}
}

func TestLayoutAnnouncementWithoutSource(t *testing.T) {
	dir := writeSite(t, themedConfig+`
-- content/zh/news/a.md --
+++
title = "没有来源的动态"
date = 2024-05-06T07:08:00
translationKey = "a"
+++
正文。
-- content/en/news/a.md --
+++
title = "News without a source"
date = 2024-05-06T07:08:00
translationKey = "a"
+++
Body.
`)
	public, _ := mustBuild(t, dir)
	d := parsePage(t, public, "zh/news/a/index.html")
	meta := d.text("article .meta")
	if strings.Contains(meta, "来源") {
		t.Errorf("meta line shows an empty source: %q", meta)
	}
	if !strings.Contains(meta, "2024-05-06 07:08") {
		t.Errorf("meta line %q lacks the publish time", meta)
	}
	if d.has("meta[name=ContentSource]") && d.attr("meta[name=ContentSource]", "content") == "" {
		t.Error("empty ContentSource meta tag")
	}
}

func TestLayoutEveryOptionalField(t *testing.T) {
	dir := writeSite(t, themedConfig+`
-- content/zh/policies/full/index.md --
---
title: 全字段政策文件
date: 2023-01-02T03:04:05+08:00
lastmod: 2023-02-03T04:05:06+08:00
publishDate: 2023-01-02T03:04:05+08:00
expiryDate: 2099-01-01T00:00:00+08:00
source: 示例市司法局
docNumber: 示府发〔2023〕1号
indexNumber: 000000000/2023-00001
translationKey: full
id: policy-full-2023
summary: 一份用到全部可选字段的文件。
keywords: [示例, 字段]
attachments:
  - title: 申请表
    file: form.pdf
  - title: 说明
    file: /files/guide.txt
---
正文。
-- content/zh/policies/full/form.pdf --
%PDF-1.4 tiny
-- static/files/guide.txt --
guide
-- content/en/policies/full/index.md --
---
title: A policy with every field
date: 2023-01-02T03:04:05+08:00
source: Example Justice Bureau
translationKey: full
id: policy-full-2023
---
Body.
`)
	public, _ := mustBuild(t, dir)
	d := parsePage(t, public, "zh/policies/full/index.html")
	meta := d.text("article .meta")
	for _, want := range []string{"2023-01-02 03:04", "示例市司法局", "示府发〔2023〕1号", "000000000/2023-00001"} {
		if !strings.Contains(meta, want) {
			t.Errorf("meta line %q lacks %q", meta, want)
		}
	}
	if got := d.attr("[data-browsecount-id]", "data-browsecount-id"); got != "zh/policy-full-2023" {
		t.Errorf("explicit id not used: %q", got)
	}
	if got := d.attr("meta[name=Description]", "content"); got != "一份用到全部可选字段的文件。" {
		t.Errorf("Description = %q, want the summary", got)
	}
	if got := d.attr("meta[name=Keywords]", "content"); !strings.Contains(got, "示例") {
		t.Errorf("Keywords = %q, want the page's keywords", got)
	}
	items := d.all(".attachments li")
	if len(items) != 2 {
		t.Fatalf("%d attachments shown, want 2", len(items))
	}
	if got := textOf(items[0]); !strings.Contains(got, "PDF") {
		t.Errorf("first attachment %q lacks its type", got)
	}
	if got := textOf(items[1]); !strings.Contains(got, "TXT") {
		t.Errorf("second attachment %q lacks its type", got)
	}
}

func TestLayoutPaginationBoundaries(t *testing.T) {
	// pageSize is 3: 3 items fit one page, 4 need two, 6 exactly two.
	for _, n := range []int{3, 4, 6, 7} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var b strings.Builder
			b.WriteString(themedConfig)
			for i := 1; i <= n; i++ {
				fmt.Fprintf(&b, "-- content/zh/notices/n%d.md --\n+++\ntitle = \"第%d号通知\"\ndate = 2024-01-%02dT09:00:00\ntranslationKey = \"n%d\"\n+++\n正文。\n", i, i, i, i)
				fmt.Fprintf(&b, "-- content/en/notices/n%d.md --\n+++\ntitle = \"Notice %d\"\ndate = 2024-01-%02dT09:00:00\ntranslationKey = \"n%d\"\n+++\nBody.\n", i, i, i, i)
			}
			public, _ := mustBuild(t, writeSite(t, b.String()))
			pages := (n + 2) / 3
			for p := 1; p <= pages+1; p++ {
				name := "zh/notices/index.html"
				if p > 1 {
					name = fmt.Sprintf("zh/notices/page/%d/index.html", p)
				}
				_, err := os.Stat(filepath.Join(public, name))
				if p <= pages && err != nil {
					t.Fatalf("list page %d of %d missing", p, pages)
				}
				if p > pages && err == nil {
					t.Fatalf("list page %d exists, want %d pages", p, pages)
				}
			}
			last := "zh/notices/index.html"
			if pages > 1 {
				last = fmt.Sprintf("zh/notices/page/%d/index.html", pages)
			}
			d := parsePage(t, public, last)
			want := n - (pages-1)*3
			if got := len(d.all("main li [data-browsecount-id], main li a[href^='/zh/notices/n']")); got < want {
				t.Errorf("last page lists %d items, want %d", got, want)
			}
			if pages > 1 {
				// Page 2+ is its own page: canonical and og:url name it, and
				// it has no counterpart in the other language.
				self := fmt.Sprintf("https://www.example.gov.cn/zh/notices/page/%d/", pages)
				if got := d.attr("link[rel=canonical]", "href"); got != self {
					t.Errorf("page %d: canonical %q, want %q", pages, got, self)
				}
				if got := d.attr("meta[property='og:url']", "content"); got != self {
					t.Errorf("page %d: og:url %q, want %q", pages, got, self)
				}
				if n := len(d.all("link[hreflang]")); n != 0 {
					t.Errorf("page %d has %d hreflang alternates, want none", pages, n)
				}
				first := parsePage(t, public, "zh/notices/index.html")
				links := first.all("nav a[href*='/page/']")
				if len(links) == 0 {
					t.Error("first page has no numbered page links")
				}
			}
		})
	}
}

func TestLayoutChineseEmphasis(t *testing.T) {
	dir := writeSite(t, themedConfig+`
-- content/zh/news/a.md --
+++
title = "强调"
date = 2024-05-06T07:08:00
translationKey = "a"
+++
请市民**「错峰出行」**，并关注*《公告》*。
-- content/en/news/a.md --
+++
title = "Emphasis"
date = 2024-05-06T07:08:00
translationKey = "a"
+++
Please **travel off-peak**.
`)
	public, _ := mustBuild(t, dir)
	page := read(t, public, "zh/news/a/index.html")
	for _, want := range []string{"<strong>「错峰出行」</strong>", "<em>《公告》</em>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "**") {
		t.Error("literal ** left in the page")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	root := repoRoot(t)
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	for _, dest := range []string{a, b} {
		if _, err := Build(t.Context(), Options{Source: root, Dest: dest}); err != nil {
			t.Fatal(err)
		}
	}
	if d := diffTrees(treeHashes(t, a), treeHashes(t, b)); len(d) > 0 {
		t.Errorf("two builds of the same input differ in %v", d)
	}
}
