package site

// The site's shape (columns from config.toml, the 47号 guideline's meta
// tags, 信息公开 metadata, policy ↔ interpretation links, footer furniture,
// the site map page) on the repository's sample site and on small sites.

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gazette/internal/browsertest"
)

func TestSampleNavigationFollowsTheColumnTree(t *testing.T) {
	public := sampleSite(t)
	for lang, want := range map[string][]string{
		"zh": {"首页", "通知公告", "政务动态", "政策文件", "政策解读"},
		"en": {"Home", "Notices", "News", "Policies", "Interpretations"},
	} {
		d := parsePage(t, public, lang+"/index.html")
		var got []string
		for _, a := range d.all("nav.site-nav a") {
			got = append(got, textOf(a))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s menu = %q, want the top-level columns in config order %q", lang, got, want)
		}
	}
}

func TestSampleParentColumnShowsItsChildren(t *testing.T) {
	d := parsePage(t, sampleSite(t), "zh/policies/index.html")
	var blocks []string
	for _, h := range d.all("main section.column h2 a") {
		blocks = append(blocks, textOf(h)+" "+attrOf(h, "href"))
	}
	want := []string{"市政府文件 /zh/policies/city-gov/", "市政府办公室文件 /zh/policies/city-office/"}
	if strings.Join(blocks, "|") != strings.Join(want, "|") {
		t.Errorf("blocks on the parent column = %q, want %q", blocks, want)
	}
	items := d.text("main .columns")
	for _, title := range []string{"进一步支持小微企业", "人才安居补贴实施办法", "公共数据开放管理暂行办法"} {
		if !strings.Contains(items, title) {
			t.Errorf("the parent column's blocks lack the latest item %q", title)
		}
	}
	for _, name := range []string{"zh/policies/city-gov/index.html", "zh/policies/city-gov/index.xml", "en/policies/city-office/index.html"} {
		read(t, sampleSite(t), name) // fails when missing
	}
}

func TestSampleBreadcrumbsFollowTheTree(t *testing.T) {
	public := sampleSite(t)
	for page, want := range map[string]string{
		"zh/policies/city-office/2022-talent-housing/index.html": "首页 /zh/|政策文件 /zh/policies/|市政府办公室文件 /zh/policies/city-office/|绵阳市人民政府办公室关于印发《绵阳市人才安居补贴实施办法》的通知",
		"en/policies/city-gov/index.html":                        "Home /en/|Policies /en/policies/|Municipal Government Documents",
		"en/notices/2019-expert-forum/index.html":                "Home /en/|Notices /en/notices/|Sichuan's First Expert Intelligence Serving Grass-roots Forum Held in Mianyang",
	} {
		d := parsePage(t, public, page)
		var got []string
		for _, li := range d.all("nav.breadcrumb li") {
			s := textOf(li)
			for _, a := range d.within(li, "a") {
				s += " " + attrOf(a, "href")
			}
			got = append(got, s)
		}
		if g := strings.Join(got, "|"); g != want {
			t.Errorf("%s breadcrumb =\n%s\nwant\n%s", page, g, want)
		}
	}
}

func TestSampleColumnMetaTags(t *testing.T) {
	public := sampleSite(t)
	for page, want := range map[string][4]string{
		"zh/notices/index.html":           {"通知公告", "市政府及其部门发布的通知、公告和通告。", "通知,公告", "通知公告"},
		"en/notices/index.html":           {"Notices", "Notices and announcements of the municipal government and its departments.", "notices,announcements", "通知公告"},
		"zh/news/index.html":              {"政务动态", "市政府工作的最新动态。", "政务动态", "工作动态"},
		"zh/policies/city-gov/index.html": {"市政府文件", "市政府文件", "市政府文件", "政策文件"},
		"en/interpretations/index.html":   {"Interpretations", "Explanations of, and questions and answers on, the municipal government's policies.", "Interpretations", "政策解读"},
	} {
		d := parsePage(t, public, page)
		for i, name := range []string{"ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"} {
			if got := d.attr("meta[name="+name+"]", "content"); got != want[i] {
				t.Errorf("%s: meta %s = %q, want %q", page, name, got, want[i])
			}
		}
	}
	// An announcement names its own sub-column.
	d := parsePage(t, public, "zh/policies/city-office/2026-public-data-opening/index.html")
	if got := d.attr("meta[name=ColumnName]", "content"); got != "市政府办公室文件" {
		t.Errorf("announcement ColumnName = %q, want its sub-column 市政府办公室文件", got)
	}
	if d.has("meta[name=ColumnType]") {
		t.Error("an announcement carries the column-page tag ColumnType")
	}
}

func TestSamplePolicyTable(t *testing.T) {
	public := sampleSite(t)
	for page, want := range map[string][]string{
		"zh/policies/city-office/2022-talent-housing/index.html": {
			"索引号=008364871/2022-00215", "主题分类=住房保障", "发文机关=绵阳市人民政府办公室", "成文日期=2022-08-10",
			"标题=绵阳市人民政府办公室关于印发《绵阳市人才安居补贴实施办法》的通知", "发文字号=绵府办发〔2022〕15号",
			"发布日期=2022-08-15", "有效性=有效（有效期至2027-08-14）",
		},
		"en/policies/city-office/2022-talent-housing/index.html": {
			"Index number=008364871/2022-00215", "Topic=Housing", "Issued by=General Office of Mianyang Municipal People's Government",
			"Date written=2022-08-10", "Title=Measures of Mianyang on Housing Subsidies for Talent",
			"Document number=Mianfu Banfa [2022] No. 15", "Published=2022-08-15", "Validity=In force (valid until 2027-08-14)",
		},
	} {
		d := parsePage(t, public, page)
		var got []string
		for _, th := range d.all("table.policy-meta th[scope=row]") {
			td := th.NextSibling
			for td != nil && td.Data != "td" {
				td = td.NextSibling
			}
			if td == nil {
				t.Fatalf("%s: header %q has no cell", page, textOf(th))
			}
			got = append(got, textOf(th)+"="+textOf(td))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s table =\n%q\nwant\n%q", page, got, want)
		}
		if d.text("table.policy-meta caption") == "" {
			t.Errorf("%s: the table has no caption", page)
		}
	}
	// Outside policy columns there is no table.
	if parsePage(t, public, "zh/notices/2019-expert-forum/index.html").has("table.policy-meta") {
		t.Error("a notice shows the 信息公开 table")
	}
}

func TestSampleDocumentNoLongerInForce(t *testing.T) {
	public := sampleSite(t)
	for lang, want := range map[string][3]string{
		"zh": {"本文件已失效", "有效期至2021-12-31", "已失效"},
		"en": {"This document has expired", "valid until 2021-12-31", "Expired"},
	} {
		d := parsePage(t, public, lang+"/policies/city-gov/2020-flood-season-relief/index.html")
		notice := d.one("article .notice-invalid")
		if notice == nil {
			t.Fatalf("%s: no notice that the document is no longer in force", lang)
		}
		if text := textOf(notice); !strings.Contains(text, want[0]) || !strings.Contains(text, want[1]) {
			t.Errorf("%s notice = %q, want %q and %q", lang, text, want[0], want[1])
		}
		// The notice comes before the table and the text: nobody acts on
		// the document before reading it.
		article := read(t, public, lang+"/policies/city-gov/2020-flood-season-relief/index.html")
		if n, tb := strings.Index(article, "notice-invalid"), strings.Index(article, "policy-meta"); n < 0 || tb < 0 || n > tb {
			t.Errorf("%s: the notice is not above the table", lang)
		}
		for _, list := range []string{lang + "/policies/city-gov/index.html", lang + "/policies/index.html"} {
			l := parsePage(t, public, list)
			found := false
			for _, li := range l.all("main li") {
				if strings.Contains(textOf(li), "2020") && strings.Contains(textOf(li), want[2]) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s does not mark the expired document %q in its list", list, want[2])
			}
		}
	}
	// Documents in force are not marked.
	if strings.Contains(parsePage(t, public, "zh/policies/city-gov/index.html").text("main"), "已废止") {
		t.Error("a list marks a document in force")
	}
}

func TestSampleInterpretationLinks(t *testing.T) {
	public := sampleSite(t)
	for _, lang := range []string{"zh", "en"} {
		doc := parsePage(t, public, lang+"/policies/city-office/2022-talent-housing/index.html")
		interp := "/" + lang + "/interpretations/2022-talent-housing-explained/"
		if got := doc.attr("#interpretations + ul a", "href"); got != interp {
			t.Errorf("%s document's interpretations link to %q, want %q", lang, got, interp)
		}
		ip := parsePage(t, public, strings.TrimPrefix(interp, "/")+"index.html")
		if got := ip.attr("#original-docs + ul a", "href"); got != "/"+lang+"/policies/city-office/2022-talent-housing/" {
			t.Errorf("%s interpretation's original document link = %q", lang, got)
		}
	}
	if parsePage(t, public, "zh/interpretations/2022-talent-housing-explained/index.html").has("#interpretations") {
		t.Error("an interpretation that nothing interprets lists interpretations")
	}
	if got := parsePage(t, public, "zh/interpretations/2022-talent-housing-explained/index.html").text("#original-docs"); got != "原文" {
		t.Errorf("Chinese heading of the original document = %q, want 原文", got)
	}
	if got := parsePage(t, public, "en/policies/city-office/2022-talent-housing/index.html").text("#interpretations"); got != "Interpretations" {
		t.Errorf("English heading = %q", got)
	}
}

func TestSampleSiteMapAndFooter(t *testing.T) {
	public, _ := sampleBuild(t)
	for lang, want := range map[string][]string{
		"zh": {"首页", "通知公告", "政务动态", "政策文件", "市政府文件", "市政府办公室文件", "政策解读"},
		"en": {"Home", "Notices", "News", "Policies", "Municipal Government Documents", "General Office Documents", "Interpretations"},
	} {
		d := parsePage(t, public, lang+"/sitemap/index.html")
		var got []string
		for _, a := range d.all("main ul.sitemap a") {
			got = append(got, textOf(a))
			if href := attrOf(a, "href"); href != "/"+lang+"/" {
				read(t, public, strings.TrimPrefix(href, "/")+"index.html")
			}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s site map = %q, want %q", lang, got, want)
		}
		if d.has("meta[name=ArticleTitle]") || d.has("[data-browsecount-id]") {
			t.Errorf("%s site map page carries an announcement's metadata or browse count", lang)
		}
		home := parsePage(t, public, lang+"/index.html")
		links := map[string]string{}
		for _, a := range home.all("footer a") {
			links[textOf(a)] = attrOf(a, "href")
		}
		if links[map[string]string{"zh": "网站地图", "en": "Site map"}[lang]] != "/"+lang+"/sitemap/" {
			t.Errorf("%s footer links %v: no link to the site map", lang, links)
		}
		if links["川公网安备 51070302000000号"] != "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=51070302000000" {
			t.Errorf("%s footer links %v: the public security record is not linked to its record page", lang, links)
		}
	}
	footer := parsePage(t, public, "zh/index.html").text("footer")
	for _, want := range []string{"主办单位：绵阳市人民政府办公室", "承办单位：绵阳市政务服务和大数据管理局"} {
		if !strings.Contains(footer, want) {
			t.Errorf("footer %q lacks %q", footer, want)
		}
	}
	if m := read(t, public, manifestPath); strings.Contains(m, "sitemap") {
		t.Errorf("the site map page is in the browse-count manifest: %s", m)
	}
}

// A site without [[columns]] keeps its three columns, named by the theme,
// and the stylesheet it had: only the column meta tags are new.
func TestSiteWithoutColumns(t *testing.T) {
	public, _ := mustBuild(t, writeSite(t, themedConfig+`
-- content/zh/news/a.md --
+++
title = "动态"
date = 2024-03-01T09:00:00
+++
正文。
`))
	d := parsePage(t, public, "zh/news/index.html")
	for name, want := range map[string]string{"ColumnName": "政务动态", "ColumnDescription": "政务动态", "ColumnKeywords": "政务动态", "ColumnType": "工作动态"} {
		if got := d.attr("meta[name="+name+"]", "content"); got != want {
			t.Errorf("meta %s = %q, want %q", name, got, want)
		}
	}
	var menu []string
	for _, a := range d.all("nav.site-nav a") {
		menu = append(menu, textOf(a))
	}
	if strings.Join(menu, "|") != "首页|通知公告|政务动态|政策文件" {
		t.Errorf("menu = %q", menu)
	}
	css := read(t, public, strings.TrimPrefix(d.attr("link[rel=stylesheet]", "href"), "/"))
	if strings.Contains(css, "policy-meta") {
		t.Error("a site without policy columns or furniture gets the furniture styles")
	}
	if files, _ := filepath.Glob(filepath.Join(public, "*", "sitemap", "index.html")); len(files) > 0 {
		t.Errorf("a site map page without sitemapPage: %v", files)
	}
}

// Whether a document is in force is judged at build time: the day after
// validUntil it shows as expired.
func TestValidityIsJudgedAtBuildTime(t *testing.T) {
	dir := writeSite(t, policySite)
	build := func(now string) *doc {
		t.Helper()
		at, _ := time.Parse(time.RFC3339, now)
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Source: dir, Dest: out, Now: at}); err != nil {
			t.Fatal(err)
		}
		return parsePage(t, out, "zh/policies/rules/index.html")
	}
	before := build("2026-06-30T12:00:00+08:00")
	if before.has(".notice-invalid") || !strings.Contains(before.text("table.policy-meta"), "有效（有效期至2026-06-30）") {
		t.Errorf("on its last day the document shows as not in force: %q", before.text("article"))
	}
	after := build("2026-07-01T08:00:00+08:00")
	if !after.has(".notice-invalid") || !strings.Contains(after.text("table.policy-meta"), "已失效") {
		t.Errorf("the day after validUntil the document shows as in force: %q", after.text("article"))
	}
}

// policySite has one policy column with one document valid until
// 2026-06-30, and the two third-party widgets switched on.
const policySite = `
-- config.toml --
baseURL = "https://www.example.gov.cn/"
siteIDCode = "5107000001"

[widgets]
errorReport = "http://127.0.0.1:9/jiucuo.js"
identityBadge = "http://127.0.0.1:9/conac.js"

[languages.zh]
siteName = "示例市人民政府"
contact = "/zh/policies/"

[languages.en]
siteName = "Example Municipal People's Government"

[[columns]]
key = "policies"
type = "政策文件"
kind = "policy"
name = { zh = "政策文件", en = "Policies" }
-- content/zh/policies/rules.md --
+++
title = "示例市某某管理办法"
date = 2024-03-01T09:00:00
indexNumber = "008364871/2024-00001"
issuer = "示例市人民政府"
writtenDate = 2024-02-20
validUntil = 2026-06-30
translationKey = "rules"
+++
正文。
-- content/en/policies/rules.md --
+++
title = "Measures of Example City"
date = 2024-03-01T09:00:00
indexNumber = "008364871/2024-00001"
issuer = "Example Municipal People's Government"
writtenDate = 2024-02-20
validUntil = 2026-06-30
translationKey = "rules"
+++
Text.
`

// The two third-party widgets load after the page, from the URLs in
// config.toml, and when they cannot be reached the page stays valid and
// works: its own scripts run and nothing is left waiting.
func TestWidgetsFailWithoutHarm(t *testing.T) {
	public, _ := mustBuild(t, writeSite(t, policySite))
	page := read(t, public, "zh/policies/rules/index.html")
	for _, want := range []string{`id=_ideConac`, `"http://127.0.0.1:9/jiucuo.js"`, `"_jiucuo_"`, `"5107000001"`, `"http://127.0.0.1:9/conac.js"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "sitecode=") {
		t.Error("the non-standard sitecode attribute is in the markup; set it from script")
	}
	for _, m := range browsertest.VNU(t, filepath.Join(public, "zh", "policies", "rules", "index.html")) {
		t.Errorf("with the widgets on: %s", m)
	}

	base := browsertest.Serve(t, public)
	ctx := browsertest.Tab(t, browsertest.Chromium(t))
	navigate(t, ctx, base, "/zh/policies/rules/")
	// Both scripts were added and failed; the page's own controls work.
	var added int
	deadline := time.Now().Add(10 * time.Second)
	for added < 2 && time.Now().Before(deadline) {
		added = evaluate[int](t, ctx, `document.querySelectorAll('script[src^="http://127.0.0.1:9/"]').length`)
		time.Sleep(50 * time.Millisecond)
	}
	if added != 2 {
		t.Fatalf("%d widget scripts were added after load, want 2", added)
	}
	if got := evaluate[string](t, ctx, `document.getElementById("_jiucuo_").getAttribute("sitecode")`); got != "5107000001" {
		t.Errorf("error-report script's sitecode = %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(`document.querySelector('button[data-size="l"]')`))); err != nil {
		t.Fatal(err)
	}
	if got := evaluate[string](t, ctx, `document.documentElement.getAttribute("data-fontsize") || ""`); got != "l" {
		t.Errorf("after the widgets failed, the font-size switcher does not work: data-fontsize = %q", got)
	}
	if got := evaluate[string](t, ctx, `document.readyState`); got != "complete" {
		t.Errorf("document.readyState = %q", got)
	}

	// In elder mode no third-party script is loaded.
	evaluate[bool](t, ctx, `localStorage.setItem("gazette-elder", "1"), true`)
	navigate(t, ctx, base, "/zh/policies/rules/")
	time.Sleep(500 * time.Millisecond)
	if n := evaluate[int](t, ctx, `document.readyState === "complete" ? document.querySelectorAll('script[src^="http://127.0.0.1:9/"]').length : -1`); n != 0 {
		t.Errorf("in elder mode %d widget scripts were loaded (or the page did not finish loading: -1)", n)
	}
}
