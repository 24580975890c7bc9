package importer

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"gazette/internal/content"
	"gazette/internal/messages"
)

// announcementFile is an imported file split into its front matter and body.
type announcementFile struct {
	Title          string
	Date           time.Time
	Source         string
	DocNumber      string
	IndexNumber    string
	TranslationKey string
	Summary        string
	Keywords       []string
	Aliases        []string
	Attachments    []Attachment
	ImportedFrom   string
	body           string
}

func readAnnouncement(t *testing.T, name string) announcementFile {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("reading the imported announcement: %v", err)
	}
	fm, body, ok := strings.Cut(strings.TrimPrefix(string(data), "+++\n"), "\n+++\n")
	if !ok {
		t.Fatalf("%s has no TOML front matter:\n%s", name, data)
	}
	var a announcementFile
	if err := toml.Unmarshal([]byte(fm), &a); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, fm)
	}
	a.body = body
	return a
}

// oldArticles are the articles of the fixture site, by their old path.
var oldArticles = []string{
	"/en/notices/202406/t20240612_1002.html",
	"/tzgg/202405/t20240528_1003.html",
	"/tzgg/202406/t20240612_1001.html",
	"/xwdt/202405/t20240520_2001.html",
	"/zcwj/202403/t20240301_3001.html",
}

// checkImportedSite asserts what an import of the fixture site must give,
// whether it was fetched or read from a folder. host is the old site's
// host as the pages name it.
func checkImportedSite(t *testing.T, site, host string) {
	t.Helper()
	c := filepath.Join(site, "content")
	loc, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		file string
		want announcementFile
		text []string // in the body
	}{
		{
			file: "zh/notices/t20240612-1001/index.md",
			want: announcementFile{
				Title: "关于城区部分路段夜间施工的通告", Date: time.Date(2024, 6, 12, 9, 30, 0, 0, loc),
				Source: "示例市住房和城乡建设局", TranslationKey: "t20240612-1001",
				Summary:  "6月15日至6月30日每晚22时至次日6时，人民路和滨江路部分路段封闭施工。",
				Keywords: []string{"夜间施工", "交通管制"}, Aliases: []string{"/tzgg/202406/t20240612_1001.html"},
				Attachments: []Attachment{
					{"施工通告（PDF版）", "P020240612_notice.pdf"},
					{"施工路段明细表", "P020240612_roads.xls"},
					{"意见反馈表", "W020240612_form.doc"},
				},
			},
			text: []string{
				"为完成雨污分流管网改造，市住房和城乡建设局将在城区部分路段夜间施工。现将有关事项通告如下：",
				"**一、施工时间**",
				"2024年6月15日至6月30日，每晚22时至次日6时。",
				"![施工路段示意图](W020240612_map.png)",
				"1. 请过往车辆提前绕行，服从现场交通管理人员指挥。",
				"[消防安全检查通知](/zh/notices/t20240528-1003/)",
				"[施工通告（PDF版）](P020240612_notice.pdf)",
				"[中国政府网](https://www.gov.cn/zhengce/)",
				"特此通告。",
			},
		},
		{
			file: "en/notices/t20240612-1001/index.md",
			want: announcementFile{
				Title: "Notice on Night-time Road Works in the City Centre", Date: time.Date(2024, 6, 12, 10, 0, 0, 0, loc),
				Source: "Example City Housing and Urban-Rural Development Bureau", TranslationKey: "t20240612-1001",
				Aliases: []string{"/en/notices/202406/t20240612_1002.html"},
			},
			text: []string{
				"To separate rainwater from sewage pipes, parts of Renmin Road and Binjiang Road will be closed at night from 15 to 30 June 2024, between 10 pm and 6 am.",
				"![Map of the road sections](W020240612_map.png)",
			},
		},
		{
			file: "zh/notices/t20240528-1003.md",
			want: announcementFile{
				Title: "关于开展第三季度消防安全检查的通知", Date: time.Date(2024, 5, 28, 16, 5, 0, 0, loc),
				Source: "示例市消防救援支队", Aliases: []string{"/tzgg/202405/t20240528_1003.html"},
			},
			text: []string{
				"各区县消防救援大队，各重点单位：",
				"检查重点是**人员密集场所**和*高层住宅*的疏散通道",
				"相关施工安排见[夜间施工通告](/zh/notices/t20240612-1001/)。",
			},
		},
		{
			file: "zh/news/t20240520-2001.md",
			want: announcementFile{
				Title: "市政府召开防汛工作专题会议", Date: time.Date(2024, 5, 20, 15, 30, 0, 0, loc),
				Source: "示例市应急管理局", Aliases: []string{"/xwdt/202405/t20240520_2001.html"},
			},
			text: []string{
				"5月20日下午，市政府召开防汛工作专题会议，分析今年汛期形势，部署防汛备汛各项工作。",
				"市气象局、水利局、自然资源局负责人在会上作了发言。",
			},
		},
		{
			file: "zh/policies/t20240301-3001.md",
			want: announcementFile{
				Title: "示例市老旧小区改造补助办法", Date: time.Date(2024, 3, 1, 11, 20, 0, 0, loc),
				Source: "示例市人民政府办公室", DocNumber: "示府办发〔2024〕5号", IndexNumber: "008364871/2024-00031",
				Aliases: []string{"/zcwj/202403/t20240301_3001.html"},
			},
			text: []string{
				"第一条　为改善居民居住条件，规范老旧小区改造补助资金的使用，制定本办法。",
				"- 基础类改造每平方米不超过150元；",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := readAnnouncement(t, filepath.Join(c, filepath.FromSlash(tt.file)))
			body := got.body
			got.body = ""
			if !got.Date.Equal(tt.want.Date) {
				t.Errorf("date %v, want %v", got.Date, tt.want.Date)
			}
			got.Date = tt.want.Date
			if !equalAnnouncement(got, tt.want) {
				t.Errorf("front matter\n got %+v\nwant %+v", got, tt.want)
			}
			for _, s := range tt.text {
				if !strings.Contains(body, s) {
					t.Errorf("the body lacks %q:\n%s", s, body)
				}
			}
			// What the old CMS wrapped around the text is gone.
			for _, junk := range []string{"style", "TRS_Editor", "&nbsp;", "\u00a0", "<", "javascript", "返回顶部", "发布时间", "浏览次数", "打印本页", host} {
				if strings.Contains(body, junk) {
					t.Errorf("the body still holds %q:\n%s", junk, body)
				}
			}
			if regexp.MustCompile(`(?m)^[\x{3000} ]`).MatchString(body) {
				t.Errorf("a line of the body starts with indentation:\n%s", body)
			}
			if regexp.MustCompile(`\n\n\n`).MatchString(body) {
				t.Errorf("the body has empty paragraphs:\n%s", body)
			}
		})
	}
	// The merged cell of the road table is repeated in both its rows.
	zh := readAnnouncement(t, filepath.Join(c, "zh/notices/t20240612-1001/index.md")).body
	rows := regexp.MustCompile(`(?m)^\| 人民路 +\| (文化宫至长虹桥|长虹桥至火车站) +\| (全封闭|半封闭) +\|$`).FindAllString(zh, -1)
	if len(rows) != 2 {
		t.Errorf("the table's merged cell is not in both rows:\n%s", zh)
	}
	// Attachments and images are copies of the old site's files.
	for bundle, files := range map[string][]string{
		"zh/notices/t20240612-1001": {"W020240612_map.png", "P020240612_notice.pdf", "P020240612_roads.xls", "W020240612_form.doc"},
		"en/notices/t20240612-1001": {"W020240612_map.png"},
	} {
		for _, f := range files {
			got, err := os.ReadFile(filepath.Join(c, filepath.FromSlash(bundle), f))
			if err != nil {
				t.Errorf("%s/%s was not copied: %v", bundle, f, err)
				continue
			}
			want, _ := os.ReadFile(filepath.Join("testdata/oldsite/tzgg/202406", f))
			if string(got) != string(want) {
				t.Errorf("%s/%s differs from the old site's file", bundle, f)
			}
		}
	}
	// The result passes gazette check.
	diags, err := content.Check(site, content.Options{Location: loc, Now: time.Date(2024, 7, 1, 0, 0, 0, 0, loc)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == content.Error {
			t.Errorf("gazette check: %s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
		}
	}
}

func equalAnnouncement(a, b announcementFile) bool {
	return a.Title == b.Title && a.Source == b.Source && a.DocNumber == b.DocNumber && a.IndexNumber == b.IndexNumber &&
		a.TranslationKey == b.TranslationKey && a.Summary == b.Summary && slices.Equal(a.Keywords, b.Keywords) &&
		slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.Attachments, b.Attachments)
}

// TestImportPagesOverHTTP crawls the fixture portal from its home page.
func TestImportPagesOverHTTP(t *testing.T) {
	s := newOldSite(t)
	site, cfg := newSite(t)
	opts := pagesOptions(site, cfg, s.URL+"/")
	var progress strings.Builder
	opts.Progress = &progress
	rep, err := ImportPages(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// The progress line is rewritten in place, and cleared at the end.
	if !strings.HasSuffix(progress.String(), "\rread 11 pages, 5 articles\x1b[K\r\x1b[K") {
		t.Errorf("progress line: %q", progress.String())
	}
	var want []string
	for _, p := range oldArticles {
		want = append(want, s.URL+p)
	}
	if got := inputs(rep.Imported); !slices.Equal(got, want) {
		t.Errorf("imported\n %q\nwant\n %q", got, want)
	}
	// Bad input: each named, with its reason, and nothing written for it.
	skipped := map[string]messages.Key{}
	for _, it := range rep.Skipped {
		skipped[strings.TrimPrefix(it.Input, s.URL)] = problemKey(it.Err)
		if !strings.Contains(describe(messages.New(messages.EN), it.Err), it.Input) {
			t.Errorf("the reason for skipping %s does not name it: %v", it.Input, it.Err)
		}
	}
	wantSkipped := map[string]messages.Key{
		"/about/contact.html": messages.ImportNoArticle,
		"/loop/a.html":        messages.ImportRedirectLoop,
		"/slow/page.html":     messages.ImportTimeout,
	}
	if !equalMaps(skipped, wantSkipped) {
		t.Errorf("skipped %v, want %v", skipped, wantSkipped)
	}
	for _, list := range []string{"/tzgg/index.html", "/tzgg/index_1.html", "/en/index.html"} {
		if !slices.Contains(inputs(rep.Ignored), s.URL+list) {
			t.Errorf("the list page %s was not recognised: ignored %q", list, inputs(rep.Ignored))
		}
	}
	if len(rep.Warnings) > 0 {
		t.Errorf("warnings: %v", rep.Warnings)
	}
	if !rep.Failed() {
		t.Error("the report does not say that inputs were skipped")
	}
	if got := s.requested("/private/"); len(got) > 0 {
		t.Errorf("fetched %q, which robots.txt disallows", got)
	}
	if got := len(s.requested("/robots.txt")); got != 1 {
		t.Errorf("robots.txt was fetched %d times, want 1", got)
	}
	for _, name := range []string{"contact", "a", "page", "staff"} {
		for _, lang := range []string{"zh", "en"} {
			if m, _ := filepath.Glob(filepath.Join(site, "content", lang, "*", name+"*")); len(m) > 0 {
				t.Errorf("written for a skipped page: %q", m)
			}
		}
	}
	host := strings.TrimPrefix(s.URL, "http://")
	checkImportedSite(t, site, host)

	// A second run changes nothing and says every article is there.
	before := tree(t, site)
	rep2, err := ImportPages(context.Background(), pagesOptions(site, cfg, s.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep2.Imported) != 0 || !slices.Equal(inputs(rep2.Existing), want) {
		t.Errorf("second run: imported %q, existing %q; want nothing imported and every article existing", inputs(rep2.Imported), inputs(rep2.Existing))
	}
	if after := tree(t, site); !equalMaps(before, after) {
		t.Error("the second run changed the site")
	}
}

func equalMaps[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// copyOldSite copies the fixture into dir as the saved copy of a site at
// host, as wget --mirror leaves it.
func copyOldSite(t *testing.T, dir, host string) {
	t.Helper()
	if err := os.CopyFS(dir, os.DirFS("testdata/oldsite")); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			data, _ := os.ReadFile(p)
			os.Chmod(p, 0o644)
			os.WriteFile(p, []byte(strings.ReplaceAll(string(data), "{{HOST}}", host)), 0o644)
		}
		return err
	})
}

// TestImportPagesFromFolder reads a saved copy of the portal: the folder's
// name is the old host, as wget --mirror names it.
func TestImportPagesFromFolder(t *testing.T) {
	saved := filepath.Join(t.TempDir(), "www.oldcity.gov.cn")
	copyOldSite(t, saved, "www.oldcity.gov.cn")
	site, cfg := newSite(t)
	rep, err := ImportPages(context.Background(), pagesOptions(site, cfg, saved))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range oldArticles {
		want = append(want, "http://www.oldcity.gov.cn"+p)
	}
	if got := inputs(rep.Imported); !slices.Equal(got, want) {
		t.Errorf("imported\n %q\nwant\n %q", got, want)
	}
	if got := inputs(rep.Skipped); !slices.Equal(got, []string{"http://www.oldcity.gov.cn/about/contact.html"}) {
		t.Errorf("skipped %q, want the contact page only", got)
	}
	checkImportedSite(t, site, "www.oldcity.gov.cn")
}

// TestImportPagesDryRun writes nothing and lists what it would write.
func TestImportPagesDryRun(t *testing.T) {
	s := newOldSite(t)
	site, cfg := newSite(t)
	opts := pagesOptions(site, cfg, s.URL+"/")
	opts.DryRun = true
	rep, err := ImportPages(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, "content")); !os.IsNotExist(err) {
		t.Errorf("a dry run wrote content: %v", err)
	}
	var files []string
	for _, it := range rep.Imported {
		files = append(files, it.Files...)
	}
	for _, f := range []string{"content/zh/notices/t20240612-1001/index.md", "content/zh/notices/t20240612-1001/P020240612_roads.xls", "content/zh/policies/t20240301-3001.md"} {
		if !slices.Contains(files, f) {
			t.Errorf("the dry run does not list %s: %q", f, files)
		}
	}
	var out strings.Builder
	rep.Print(&out, messages.New(messages.EN))
	if !strings.Contains(out.String(), "would write content/zh/news/t20240520-2001.md") || !strings.Contains(out.String(), "dry run: nothing was written") {
		t.Errorf("the report does not say what would be written:\n%s", out.String())
	}
}

// TestImportPagesSelectors imports a page that has neither gov meta tags
// nor a container the importer knows, through the selectors given.
func TestImportPagesSelectors(t *testing.T) {
	saved := filepath.Join(t.TempDir(), "saved")
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head><body>
<div class="side"><p>友情链接</p></div>
<div class="wz"><div class="wz-bt">二〇二三年统计公报发布</div>
<div class="wz-xx"><span class="rq">2023/12/05 08:45</span><span class="ly">示例市统计局</span></div>
<div class="wz-nr"><p>全年地区生产总值比上年增长百分之六点一。</p><p>常住人口城镇化率提高零点八个百分点。</p></div></div>
</body></html>`
	if err := os.MkdirAll(filepath.Join(saved, "tjxx"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(saved, "tjxx", "gb2023.html"), []byte(page), 0o644)
	site, cfg := newSite(t)
	opts := pagesOptions(site, cfg, saved)
	opts.Column = "news"
	opts.BaseURL = "https://tjj.oldcity.gov.cn/"
	opts.Selectors = Selectors{Body: ".wz-nr", Title: ".wz-bt", Date: ".wz-xx .rq", Source: ".wz-xx .ly"}
	rep, err := ImportPages(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Imported) != 1 || len(rep.Skipped) != 0 {
		t.Fatalf("imported %v, skipped %v", rep.Imported, rep.Skipped)
	}
	got := readAnnouncement(t, filepath.Join(site, "content/zh/news/gb2023.md"))
	loc := cfg.Location()
	if got.Title != "二〇二三年统计公报发布" || !got.Date.Equal(time.Date(2023, 12, 5, 8, 45, 0, 0, loc)) || got.Source != "示例市统计局" ||
		!slices.Equal(got.Aliases, []string{"/tjxx/gb2023.html"}) {
		t.Errorf("front matter %+v", got)
	}
	if want := "全年地区生产总值比上年增长百分之六点一。\n\n常住人口城镇化率提高零点八个百分点。\n"; got.body != "\n"+want {
		t.Errorf("body %q, want %q", got.body, want)
	}

	// Without the selectors the page has no date to be found: skipped, and
	// the reason says which selector would help.
	site2, _ := newSite(t)
	opts.Site, opts.Selectors = site2, Selectors{}
	rep, err = ImportPages(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 1 || !strings.Contains(describe(messages.New(messages.EN), rep.Skipped[0].Err), "--") {
		t.Errorf("skipped %v, want the page with a hint at a selector", rep.Skipped)
	}
}

func TestImportPagesBadOptions(t *testing.T) {
	site, cfg := newSite(t)
	for name, mod := range map[string]func(*PagesOptions){
		"unknown column": func(o *PagesOptions) { o.Column = "announcements" },
		"bad selector":   func(o *PagesOptions) { o.Selectors.Body = "div[" },
		"missing folder": func(o *PagesOptions) { o.From = filepath.Join(site, "nowhere") },
		"ftp":            func(o *PagesOptions) { o.From = "ftp://old.example/" },
		"bad base URL":   func(o *PagesOptions) { o.BaseURL = "old-site" },
	} {
		t.Run(name, func(t *testing.T) {
			opts := pagesOptions(site, cfg, "testdata/oldsite")
			mod(&opts)
			if _, err := ImportPages(context.Background(), opts); err == nil {
				t.Error("no error")
			}
		})
	}
}
