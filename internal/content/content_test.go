package content

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// writeSite creates a site from site-relative paths and their contents.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// check runs Check and returns the diagnostics as "file:line:col: severity code".
func check(t *testing.T, dir string, opts Options) []string {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = corpusNow
	}
	diags, err := Check(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range diags {
		out = append(out, strings.Join([]string{d.File, itoa(d.Line), itoa(d.Col)}, ":")+": "+string(d.Severity)+" "+d.Code)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func announcement(title, extra, body string) string {
	return "+++\ntitle = \"" + title + "\"\ndate = 2019-10-24T10:11:00+08:00\n" + extra + "+++\n\n" + body
}

func TestGuessEncoding(t *testing.T) {
	// The sample site's own announcements, as a Windows editor might save them.
	simplified := "绵阳市人民政府办公室关于印发《绵阳市人才安居补贴实施办法》的通知。各县（市、区）人民政府，市级各部门：现印发给你们，请认真贯彻执行。"
	traditional := "綿陽市人民政府辦公室關於印發《綿陽市人才安居補貼實施辦法》的通知。各縣（市、區）人民政府，市級各部門：現印發給你們，請認真貫徹執行。"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(simplified)
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().String(simplified)
	big5, _ := traditionalchinese.Big5.NewEncoder().String(traditional)
	short, _ := simplifiedchinese.GBK.NewEncoder().String("通知")
	shortBig5, _ := traditionalchinese.Big5.NewEncoder().String("通知")
	tests := []struct {
		name string
		data string
		want string
	}{
		{"GBK", gbk, encGB18030},
		{"GB18030", gb18030, encGB18030},
		{"Big5", big5, encBig5},
		{"short GBK", "title = \"" + short + "\"\n", encGB18030},
		{"short Big5", "title = \"" + shortBig5 + "\"\n", encBig5},
		{"Windows-1252 curly quotes", "He said \x93hello\x94 to all.", encCP1252},
		{"not text", "\xff\xfe\xfd\xfc\x80\x81", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guessEncoding([]byte(tt.data)); got != tt.want {
				t.Errorf("guessEncoding = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSuggestField(t *testing.T) {
	for in, want := range map[string]string{
		"titel":          "title",
		"tilte":          "title",
		"Titel":          "title",
		"daet":           "date",
		"sourse":         "source",
		"docnumber":      "docNumber", // case alone is no mistake: matched before suggesting
		"translationkye": "translationKey",
		"pubdate":        "publishDate",
		"tags":           "keywords",
		"attachment":     "attachments",
		"colour":         "",
		"x":              "",
	} {
		got := suggestField(in)
		if canonicalName(in) != "" {
			got = canonicalName(in)
		}
		if got != want {
			t.Errorf("suggestion for %q = %q, want %q", in, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"title", "title", 0}, {"titel", "title", 1}, {"titl", "title", 1}, {"date", "data", 1},
		{"", "abc", 3}, {"来源", "来原", 1},
	} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	for _, tt := range []struct {
		in          string
		hasTime, ok bool
		want        time.Time
	}{
		{"2019-10-24T10:11:00+08:00", true, true, time.Date(2019, 10, 24, 10, 11, 0, 0, cst)},
		{"2019-10-24T02:11:00Z", true, true, time.Date(2019, 10, 24, 10, 11, 0, 0, cst)},
		{"2019-10-24T10:11:00", true, true, time.Date(2019, 10, 24, 10, 11, 0, 0, cst)},
		{"2019-10-24 10:11:00", true, true, time.Date(2019, 10, 24, 10, 11, 0, 0, cst)},
		{"2019-10-24 10:11:00 +08:00", true, true, time.Date(2019, 10, 24, 10, 11, 0, 0, cst)},
		{"2019-10-24", false, true, time.Date(2019, 10, 24, 0, 0, 0, 0, cst)},
		{"2019/10/24", false, false, time.Time{}},
		{"2019-13-01T10:00:00+08:00", false, false, time.Time{}},
		{"2019年10月24日", false, false, time.Time{}},
		{"yesterday", false, false, time.Time{}},
	} {
		got, hasTime, ok := parseDate(tt.in, cst)
		if ok != tt.ok || hasTime != tt.hasTime || (ok && !got.Equal(tt.want)) {
			t.Errorf("parseDate(%q) = %v, %v, %v; want %v, %v, %v", tt.in, got, hasTime, ok, tt.want, tt.hasTime, tt.ok)
		}
	}
}

// TestPositions pins the columns of findings: characters, not bytes, so
// an editor's "go to line:column" lands on the mistake in Chinese text.
func TestPositions(t *testing.T) {
	en := announcement("Notice", "", "Text.\n")
	dir := writeSite(t, map[string]string{
		"content/zh/notices/a.md": "---\ntitle: 关于召开专家论坛的通知\ndate: 2019-10-24T10:11:00+08:00\nattachments: [{title: 申请表, fiel: /files/a.pdf}]\n---\n\n正文中有<b>粗体</b>和[失效链接](/zh/none/)。\n",
		"content/en/notices/a.md": en,
	})
	got := check(t, dir, Options{})
	want := []string{
		"content/zh/notices/a.md:4:15: error attachment-missing-key",
		"content/zh/notices/a.md:4:28: error attachment-unknown-field",
		"content/zh/notices/a.md:7:5: error raw-html",
		"content/zh/notices/a.md:7:22: error broken-link",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLinksResolve covers the ways a link may lead to something that
// exists: content files relative to the page or to the language folder,
// page URLs, bundle files, static files, feeds and the site's own host.
func TestLinksResolve(t *testing.T) {
	body := strings.Join([]string{
		"[a](b.md) [b](../news/c.md) [c](/news/c) [d](/zh/news/c/) [e](../news/c/)",
		"[f](/zh/policies/p/form.pdf) [g](/files/x.pdf) [h](/zh/index.xml) [i](/zh/policies/)",
		"[j](https://www.example.gov.cn/zh/news/c/) [k](https://elsewhere.example/none) [l](#top) [m](mailto:a@example.com)",
		"[n](/zh/notices/b/#part) [o](/en/notices/b/) [p](/sitemap.xml) [q](b.md#x)",
		"![s](/images/p.png)",
		"",
		"[bad1](nope.md) [bad2](/zh/news/nope/) [bad3](/files/X.pdf) [bad4](https://www.example.gov.cn/zh/nope/) [bad5](/zh/news/C/) ![bad6](photo.jpg)",
		"",
	}, "\n")
	files := map[string]string{
		"content/zh/notices/a.md":        announcement("甲", "translationKey = \"a\"\n", body),
		"content/zh/notices/b.md":        announcement("乙", "translationKey = \"b\"\n", "正文\n"),
		"content/zh/news/c.md":           announcement("丙", "translationKey = \"c\"\n", "正文\n"),
		"content/zh/policies/p/index.md": announcement("丁", "translationKey = \"p\"\n", "正文\n"),
		"content/zh/policies/p/form.pdf": "%PDF",
		"static/files/x.pdf":             "%PDF",
		"content/zh/notices/photo.jpg":   "not published beside a page that is no bundle",
		"static/images/p.png":            "png",
	}
	for _, k := range []string{"a", "b"} {
		files["content/en/notices/"+k+".md"] = announcement("E", "translationKey = \""+k+"\"\n", "Text\n")
	}
	files["content/en/news/c.md"] = announcement("E", "translationKey = \"c\"\n", "Text\n")
	files["content/en/policies/p/index.md"] = announcement("E", "translationKey = \"p\"\n", "Text\n")
	dir := writeSite(t, files)
	got := check(t, dir, Options{BaseURL: "https://www.example.gov.cn/"})
	want := []string{
		"content/zh/notices/a.md:13:8: error broken-link",
		"content/zh/notices/a.md:13:24: error broken-link",
		"content/zh/notices/a.md:13:47: error broken-link",
		"content/zh/notices/a.md:13:68: error broken-link",
		"content/zh/notices/a.md:13:112: error broken-link",
		"content/zh/notices/a.md:13:133: error broken-image",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAllowHTML(t *testing.T) {
	files := map[string]string{
		"content/zh/notices/a.md": announcement("甲", "", "<div>表格</div>\n\n文字<br>换行<!-- 注释 -->\n\n<!--more-->\n"),
		"content/en/notices/a.md": announcement("A", "", "Text\n"),
	}
	dir := writeSite(t, files)
	if got := check(t, dir, Options{}); len(got) != 2 {
		t.Errorf("without allowHTML: want the <div> block and the <br>, got %v", got)
	}
	if got := check(t, dir, Options{AllowHTML: true}); len(got) != 0 {
		t.Errorf("with allowHTML: got %v", got)
	}
}

func TestHeadings(t *testing.T) {
	files := map[string]string{
		"content/zh/notices/a.md": announcement("甲", "", "# 大标题\n\n## 一\n\n### 1\n\n## 二\n\n#### 跳级\n\n标题\n---\n"),
		"content/en/notices/a.md": announcement("A", "", "## One\n\n### Two\n\n## Three\n"),
	}
	got := check(t, writeSite(t, files), Options{})
	want := []string{
		"content/zh/notices/a.md:6:1: warning heading-h1",
		"content/zh/notices/a.md:14:1: warning heading-skip",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStrictAndOrder checks that --strict turns only warnings into errors
// and that the report is sorted the same way every time.
func TestStrictAndOrder(t *testing.T) {
	files := map[string]string{
		"content/zh/notices/b.md": announcement("乙", "publishDate = 2099-01-01T00:00:00+08:00\n", "![](/none.png)\n"),
		"content/zh/notices/a.md": announcement("甲", "", "正文\n"),
	}
	dir := writeSite(t, files)
	first, err := Check(dir, Options{Strict: true, Now: corpusNow})
	if err != nil {
		t.Fatal(err)
	}
	var sev []string
	for _, d := range first {
		sev = append(sev, d.File+" "+string(d.Severity)+" "+d.Code)
	}
	want := []string{
		"content/zh/notices/a.md error missing-translation",
		"content/zh/notices/b.md error missing-translation",
		"content/zh/notices/b.md info future",
		"content/zh/notices/b.md error broken-image",
		"content/zh/notices/b.md error image-alt",
	}
	if strings.Join(sev, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(sev, "\n"), strings.Join(want, "\n"))
	}
	for range 5 {
		again, _ := Check(dir, Options{Strict: true, Now: corpusNow})
		if render(again) != render(first) {
			t.Fatalf("two checks of the same site differ:\n%s\n%s", render(first), render(again))
		}
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, nil); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("empty report = %q, %v", b.String(), err)
	}
	b.Reset()
	d := Diagnostic{File: "content/zh/notices/a.md", Line: 3, Col: 1, Severity: Error, Code: "date-no-time", Message: "<日期>"}
	if err := WriteJSON(&b, []Diagnostic{d}); err != nil {
		t.Fatal(err)
	}
	var back []Diagnostic
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != 1 || back[0] != d {
		t.Errorf("round trip = %v, %v", back, err)
	}
	if !strings.Contains(b.String(), `"message": "<日期>"`) {
		t.Errorf("HTML-escaped or missing message: %s", b.String())
	}
}

func TestNoContentFolder(t *testing.T) {
	got := check(t, writeSite(t, map[string]string{"config.toml": ""}), Options{})
	if strings.Join(got, "") != "content:0:0: error no-content" {
		t.Errorf("got %v", got)
	}
}

func TestBundleResourcesAreNotPages(t *testing.T) {
	files := map[string]string{
		"content/zh/policies/p/index.md":   announcement("甲", "", "[说明](notes.md)\n"),
		"content/zh/policies/p/notes.md":   "not a page: no front matter",
		"content/en/policies/p/index.md":   announcement("A", "", "Text\n"),
		"content/zh/policies/_index.md":    "+++\ntitle = \"政策文件\"\n+++\n",
		"content/en/policies/_index.md":    "+++\ntitle = \"Policies\"\n+++\n",
		"content/zh/_index.md":             "+++\ntitle = \"首页\"\n+++\n",
		"content/en/_index.md":             "+++\ntitle = \"Home\"\n+++\n",
		"content/zh/policies/.DS_Store":    "\x00\x01",
		"content/zh/policies/~$draft.md":   "\x00\x01",
		"content/zh/policies/p/.hidden.md": "",
	}
	if got := check(t, writeSite(t, files), Options{}); len(got) != 0 {
		t.Errorf("got %v", got)
	}
}

func TestDuplicateBrowseCountID(t *testing.T) {
	files := map[string]string{
		"content/zh/notices/a.md": announcement("甲", "id = \"forum\"\n", "正文\n"),
		"content/zh/notices/b.md": announcement("乙", "translationKey = \"forum\"\n", "正文\n"),
		"content/en/notices/a.md": announcement("A", "id = \"forum-en\"\n", "Text\n"),
		"content/en/notices/b.md": announcement("B", "translationKey = \"forum\"\n", "Text\n"),
	}
	got := check(t, writeSite(t, files), Options{})
	want := []string{
		"content/zh/notices/a.md:4:1: error duplicate-id",
		"content/zh/notices/b.md:4:1: error duplicate-id",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEdgeCases pins how check reads files that are unusual but not
// necessarily wrong.
func TestEdgeCases(t *testing.T) {
	en := announcement("A", "", "Text\n")
	tests := []struct {
		name string
		zh   string
		want []string
	}{
		{"Windows line endings", strings.ReplaceAll(announcement("甲", "", "## 一\r\n\r\n正文。\r\n"), "\n", "\r\n"), nil},
		{"field names in any case", "+++\nTitle = \"甲\"\nDATE = 2019-10-24T10:11:00+08:00\n+++\n正文\n", nil},
		{"blank lines before the front matter", "\n\n+++\ntitle = \"甲\"\ndate = 2019-10-24T10:11:00+08:00\n+++\n正文\n", nil},
		{"empty front matter", "+++\n+++\n正文\n", []string{
			"content/zh/notices/a.md:1:1: error missing-field",
			"content/zh/notices/a.md:1:1: error missing-field",
		}},
		{"YAML list instead of fields", "---\n- title\n- date\n---\n", []string{"content/zh/notices/a.md:2:1: error front-matter-shape"}},
		{"JSON front matter", "{\"title\": \"甲\"}\n", []string{"content/zh/notices/a.md:1:1: error front-matter-format"}},
		{"duplicate key", "+++\ntitle = \"甲\"\ntitle = \"乙\"\ndate = 2019-10-24T10:11:00+08:00\n+++\n", []string{"content/zh/notices/a.md:3:1: error toml-syntax"}},
		{"local date and time", "+++\ntitle = \"甲\"\ndate = 2019-10-24T10:11:00\n+++\n正文\n", nil},
		{"date as a number", "+++\ntitle = \"甲\"\ndate = 20191024\n+++\n正文\n", []string{"content/zh/notices/a.md:3:1: error wrong-type"}},
		{"publishDate without time is a warning", announcement("甲", "publishDate = 2019-10-25\n", "正文\n"), []string{"content/zh/notices/a.md:4:1: warning date-no-time"}},
		{"draft", announcement("甲", "draft = true\n", "正文\n"), []string{"content/zh/notices/a.md:4:1: info draft"}},
		{"unknown field without a near match", announcement("甲", "colour = \"red\"\n", "正文\n"), []string{"content/zh/notices/a.md:4:1: error unknown-field"}},
		{"zero-width space", announcement("甲", "", "正\u200b文\n"), []string{"content/zh/notices/a.md:6:2: warning invisible-char"}},
		{"long id", announcement("甲", "id = \""+strings.Repeat("x", 201)+"\"\n", "正文\n"), []string{"content/zh/notices/a.md:4:1: error bad-id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, map[string]string{"content/zh/notices/a.md": tt.zh, "content/en/notices/a.md": en})
			got := check(t, dir, Options{})
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestCheckerSeesEveryChange runs one Checker over a site as the preview
// does, save after save, and compares each result with a fresh Check: the
// findings it remembers must never hide or invent one.
func TestCheckerSeesEveryChange(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/zh/notices/a.md": announcement("甲", "translationKey = \"a\"\n", "见[附件](/files/a.pdf)。\n"),
		"content/en/notices/a.md": announcement("A", "translationKey = \"a\"\n", "See the text.\n"),
	})
	k := NewChecker(dir, Options{Now: corpusNow})
	steps := []struct {
		name string
		edit func()
		want []string // codes, in order
	}{
		{"first run", func() {}, []string{"broken-link"}},
		{"attachment added", func() {
			write(t, dir, "static/files/a.pdf", "%PDF-1.4\n")
		}, nil},
		{"front matter broken", func() {
			write(t, dir, "content/zh/notices/a.md", "+++\ntitle = \"甲\n+++\n正文\n")
		}, []string{"toml-syntax"}},
		{"fixed", func() {
			write(t, dir, "content/zh/notices/a.md", announcement("甲", "translationKey = \"a\"\n", "见[附件](/files/a.pdf)。\n"))
		}, nil},
		{"attachment removed", func() {
			os.Remove(filepath.Join(dir, "static/files/a.pdf"))
		}, []string{"broken-link"}},
		{"attachment in the front matter, missing", func() {
			write(t, dir, "content/en/notices/a.md", announcement("A", "translationKey = \"a\"\n[[attachments]]\ntitle = \"Text\"\nfile = \"/files/b.pdf\"\n", "See the text.\n"))
		}, []string{"attachment-not-found", "broken-link"}},
		{"that attachment added", func() {
			write(t, dir, "static/files/b.pdf", "%PDF-1.4\n")
		}, []string{"broken-link"}},
		{"translation removed", func() {
			os.Remove(filepath.Join(dir, "content/en/notices/a.md"))
		}, []string{"missing-translation", "broken-link"}},
	}
	for _, st := range steps {
		st.edit()
		got, err := k.Check()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		fresh, err := Check(dir, Options{Now: corpusNow})
		if err != nil {
			t.Fatal(err)
		}
		if render(got) != render(fresh) {
			t.Errorf("%s: the checker's findings differ from a fresh check:\n%s\nfresh:\n%s", st.name, render(got), render(fresh))
		}
		var codes []string
		for _, d := range got {
			codes = append(codes, d.Code)
		}
		if strings.Join(codes, " ") != strings.Join(st.want, " ") {
			t.Errorf("%s: codes %v, want %v\n%s", st.name, codes, st.want, render(got))
		}
	}
}

// writes makes each write's modification time later than the one before.
var writes atomic.Int64

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	// A later time than the file had: some file systems keep only seconds.
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Duration(writes.Add(1)) * time.Second)
	os.Chtimes(p, later, later)
}
