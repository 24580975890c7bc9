package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// announcement describes what a reader must find on one announcement page
// of the sample site.
type announcement struct {
	page, lang, locale, title, published, source string
	id, other                                    string // browse-count id; the toggle's target
	labels                                       []string
}

var forum = []announcement{
	{
		page: "zh/notices/2019-expert-forum/index.html", lang: "zh", locale: "zh-CN",
		title: "四川省首届专家智力服务基层论坛在绵阳举办", published: "2019-10-24 10:11",
		source: "绵阳市人力资源和社会保障局", id: "zh/2019-expert-forum",
		other:  "/en/notices/2019-expert-forum/",
		labels: []string{"字号：【大 中 小】", "打印", "浏览次数：-", "绵阳市人民政府", "5107000001", "蜀ICP备05003305号"},
	},
	{
		page: "en/notices/2019-expert-forum/index.html", lang: "en", locale: "en",
		title: "Sichuan's First Expert Intelligence Serving Grass-roots Forum Held in Mianyang", published: "2019-10-24 10:11",
		source: "Mianyang Municipal Bureau of Human Resources and Social Security", id: "en/2019-expert-forum",
		other:  "/zh/notices/2019-expert-forum/",
		labels: []string{"Size:【 Big Middle Small 】", "Print", "Browse times: -", "Mianyang Municipal People's Government", "5107000001"},
	},
}

func TestSampleAnnouncementPage(t *testing.T) {
	public := sampleSite(t)
	for _, a := range forum {
		t.Run(a.lang, func(t *testing.T) {
			d := parsePage(t, public, a.page)
			body := d.text("body")
			if got := d.attr("html", "lang"); got != a.locale {
				t.Errorf("<html lang> = %q, want %q", got, a.locale)
			}
			if got := d.text("h1"); got != a.title {
				t.Errorf("h1 = %q, want %q", got, a.title)
			}
			if got := d.text("article time"); got != a.published {
				t.Errorf("publish time = %q, want %q", got, a.published)
			}
			for _, want := range append(a.labels, a.source) {
				if !strings.Contains(body, want) {
					t.Errorf("page text lacks %q", want)
				}
			}
			if got := d.attr("header a[hreflang]", "href"); got != a.other {
				t.Errorf("language toggle goes to %q, want %q", got, a.other)
			}
			crumbs := d.all("nav[aria-label] ol li a")
			if len(crumbs) < 2 || attrOf(crumbs[1], "href") != "/"+a.lang+"/notices/" {
				t.Errorf("breadcrumb does not lead to the column: %d links", len(crumbs))
			}
			if got := d.attr("[data-browsecount-id]", "data-browsecount-id"); got != a.id {
				t.Errorf("browse-count id = %q, want %q", got, a.id)
			}
			if d.text("[data-browsecount-id]") != "-" {
				t.Errorf("browse count placeholder = %q, want -", d.text("[data-browsecount-id]"))
			}
			if n := len(d.all("button[data-size]")); n != 3 {
				t.Errorf("font-size switcher has %d buttons, want 3", n)
			}
			if !d.has("a[rel=next]") && !d.has("a[rel=prev]") {
				t.Error("no previous/next link in the column")
			}
			if !d.has("main#main") || d.attr("a.skip", "href") != "#main" {
				t.Error("skip link to main landmark missing")
			}
			if n := len(d.all("p")); n < 4 {
				t.Errorf("body has %d paragraphs, want the article's", n)
			}
		})
	}
}

func TestSampleHead(t *testing.T) {
	public := sampleSite(t)
	for _, a := range forum {
		t.Run(a.lang, func(t *testing.T) {
			d := parsePage(t, public, a.page)
			self := "https://www.mianyang.gov.cn/" + strings.TrimSuffix(a.page, "index.html")
			if got := d.attr("link[rel=canonical]", "href"); got != self {
				t.Errorf("canonical = %q, want %q", got, self)
			}
			alt := map[string]string{}
			for _, n := range d.all("link[rel=alternate][hreflang]") {
				alt[attrOf(n, "hreflang")] = attrOf(n, "href")
			}
			zh := "https://www.mianyang.gov.cn/zh/notices/2019-expert-forum/"
			en := "https://www.mianyang.gov.cn/en/notices/2019-expert-forum/"
			if alt["zh-CN"] != zh || alt["en"] != en || alt["x-default"] != zh {
				t.Errorf("hreflang alternates = %v", alt)
			}
			for name, want := range map[string]string{
				"SiteName": "", "SiteDomain": "www.mianyang.gov.cn", "SiteIDCode": "5107000001",
				"ColumnName": "", "ArticleTitle": a.title, "PubDate": a.published,
				"ContentSource": a.source, "Keywords": "", "Description": "", "Url": self,
			} {
				got := d.attr("meta[name="+name+"]", "content")
				if got == "" || (want != "" && got != want) {
					t.Errorf("meta %s = %q, want %q", name, got, want)
				}
			}
			for _, p := range []string{"og:title", "og:url", "og:site_name", "og:locale", "og:type"} {
				if d.attr(`meta[property="`+p+`"]`, "content") == "" {
					t.Errorf("Open Graph %s missing", p)
				}
			}
		})
	}
}

func TestSamplePolicyWithAttachment(t *testing.T) {
	d := parsePage(t, sampleSite(t), "zh/policies/city-office/2022-talent-housing/index.html")
	table := d.text("table.policy-meta")
	for _, want := range []string{"发文字号绵府办发〔2022〕15号", "索引号008364871/2022-00215"} {
		if !strings.Contains(table, want) {
			t.Errorf("信息公开 table %q lacks %q", table, want)
		}
	}
	att := d.text(".attachments li")
	if !strings.Contains(att, "PDF") || !regexp.MustCompile(`\d+(\.\d+)? ?(字节|KB|MB)`).MatchString(att) {
		t.Errorf("attachment %q does not show its type and size", att)
	}
	href := d.attr(".attachments li a", "href")
	if _, err := os.Stat(filepath.Join(sampleSite(t), filepath.FromSlash(href))); err != nil {
		t.Errorf("attachment link %q is not in the output: %v", href, err)
	}
}

func TestSampleMissingTranslation(t *testing.T) {
	public, rep := sampleBuild(t)
	d := parsePage(t, public, "zh/notices/2021-park-rules-consultation/index.html")
	if got := d.attr("header a[hreflang]", "href"); got != "/en/notices/" {
		t.Errorf("toggle of an untranslated page goes to %q, want the English column /en/notices/", got)
	}
	if !strings.Contains(d.text("article"), "暂无英文版") {
		t.Error("untranslated page does not say so")
	}
	if d.has(`link[hreflang="en"]`) {
		t.Error("untranslated page announces an English alternate")
	}
	warned := false
	for _, w := range rep.Warnings {
		warned = warned || strings.HasPrefix(w, "content/zh/notices/2021-park-rules-consultation.md")
	}
	if !warned {
		t.Errorf("no build warning for the missing translation; warnings: %q", rep.Warnings)
	}
}

func TestSampleSiteFiles(t *testing.T) {
	public := sampleSite(t)
	for _, name := range []string{
		"index.html", "robots.txt", "sitemap.xml", "zh/sitemap.xml", "en/sitemap.xml",
		"zh/index.xml", "en/index.xml", "zh/404.html", "en/404.html",
		"zh/notices/index.xml", "zh/news/index.xml", "zh/policies/index.xml",
		"en/notices/index.xml", "en/news/index.xml", "en/policies/index.xml",
	} {
		if _, err := os.Stat(filepath.Join(public, name)); err != nil {
			t.Errorf("%s missing", name)
		}
	}
	if root := read(t, public, "index.html"); !strings.Contains(root, "/zh/") {
		t.Errorf("/ does not lead to the Chinese home: %s", root)
	}
	sm := read(t, public, "zh/sitemap.xml")
	for _, want := range []string{
		`<loc>https://www.mianyang.gov.cn/zh/notices/2019-expert-forum/</loc>`,
		`<xhtml:link rel="alternate" hreflang="en" href="https://www.mianyang.gov.cn/en/notices/2019-expert-forum/"/>`,
		`<xhtml:link rel="alternate" hreflang="x-default" href="https://www.mianyang.gov.cn/zh/notices/2019-expert-forum/"/>`,
	} {
		if !strings.Contains(sm, want) {
			t.Errorf("zh/sitemap.xml lacks %s", want)
		}
	}
	if r := read(t, public, "robots.txt"); !strings.Contains(r, "Sitemap: https://www.mianyang.gov.cn/sitemap.xml") {
		t.Errorf("robots.txt does not point at the sitemap: %q", r)
	}
	if got := parsePage(t, public, "en/404.html").attr("html", "lang"); got != "en" {
		t.Errorf("English 404 has lang %q", got)
	}
}

func TestSampleManifestMatchesPages(t *testing.T) {
	public := sampleSite(t)
	var m struct {
		Version int
		Pages   []struct{ ID, Lang, Path string }
	}
	if err := json.Unmarshal([]byte(read(t, public, manifestPath)), &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.Version != 1 {
		t.Errorf("manifest version %d", m.Version)
	}
	listed := map[string]bool{}
	for _, p := range m.Pages {
		listed[p.Path] = true
		d := parsePage(t, public, strings.TrimPrefix(p.Path, "/")+"index.html")
		if got := d.attr("[data-browsecount-hit]", "data-browsecount-id"); got != p.ID {
			t.Errorf("%s shows id %q, manifest says %q", p.Path, got, p.ID)
		}
	}
	// Every page that counts views is listed.
	for _, name := range htmlFiles(t, public) {
		d := parsePage(t, public, name)
		if d.has("[data-browsecount-hit]") && !listed["/"+strings.TrimSuffix(name, "index.html")] {
			t.Errorf("%s shows a browse count but is not in the manifest", name)
		}
	}
	if len(m.Pages) < 18 {
		t.Errorf("manifest lists %d pages, want every announcement of the sample", len(m.Pages))
	}
}

func TestSampleIsMinified(t *testing.T) {
	public, rep := sampleBuild(t)
	var onDisk int64
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, filepath.FromSlash(manifestPath)) {
			info, _ := d.Info()
			onDisk += info.Size()
		}
		return nil
	})
	if onDisk != rep.BytesAfter || rep.BytesAfter >= rep.BytesBefore {
		t.Errorf("bytes on disk %d, reported after %d, before %d: want minified output smaller than the unminified render", onDisk, rep.BytesAfter, rep.BytesBefore)
	}
	for _, name := range []string{"zh/index.html", "en/notices/2019-expert-forum/index.html", "zh/notices/index.xml", "sitemap.xml"} {
		if s := read(t, public, name); strings.Contains(s, "\n  ") || strings.Contains(s, "\n\t") {
			t.Errorf("%s still has indentation: not minified", name)
		}
	}
}

// gzipSize is the size of s compressed as a web server would send it.
func gzipSize(s string) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Len()
}

// The reader's first visit to an announcement: HTML, CSS and JS, gzipped;
// and within it the reading tools' script, the file and the inline part in
// <head> that applies the saved modes before first paint.
func TestSampleAnnouncementWeight(t *testing.T) {
	public := sampleSite(t)
	d := parsePage(t, public, forum[0].page)
	files := []string{forum[0].page}
	var toolsJS []string
	for _, n := range append(d.all("link[rel=stylesheet]"), d.all("script[src]")...) {
		ref := strings.TrimPrefix(attrOf(n, "href")+attrOf(n, "src"), "/")
		files = append(files, ref)
		if strings.HasPrefix(ref, "js/a11y.") {
			toolsJS = append(toolsJS, read(t, public, ref))
		}
	}
	var total int
	for _, f := range files {
		total += gzipSize(read(t, public, f))
	}
	if total > 14*1024 {
		t.Errorf("announcement page weighs %d bytes gzipped (%v), want at most 14 KiB", total, files)
	}

	for _, n := range d.all("head script:not([src])") {
		if strings.Contains(textOf(n), "localStorage") {
			toolsJS = append(toolsJS, textOf(n))
		}
	}
	if len(toolsJS) != 2 {
		t.Fatalf("found %d parts of the reading tools' script (js/a11y.*.js and the inline one in <head>), want 2", len(toolsJS))
	}
	tools := gzipSize(toolsJS[0]) + gzipSize(toolsJS[1])
	if tools > 3*1024 {
		t.Errorf("the reading tools' script weighs %d bytes gzipped, want at most 3 KiB", tools)
	}
	t.Logf("announcement page: %d bytes gzipped, of which the reading tools' script %d", total, tools)
}

func TestSampleHasNoThirdPartyRequests(t *testing.T) {
	public := sampleSite(t)
	for _, name := range htmlFiles(t, public) {
		d := parsePage(t, public, name)
		for _, n := range d.all("script[src], link[href]:not([rel=alternate]):not([rel=canonical]), img[src], iframe, source[src], video[src], audio[src]") {
			ref := attrOf(n, "src") + attrOf(n, "href")
			u, err := url.Parse(ref)
			if err != nil || (u.Host != "" && u.Host != "www.mianyang.gov.cn") {
				t.Errorf("%s loads %q from another host", name, ref)
			}
		}
	}
}
