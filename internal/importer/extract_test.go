package importer

import (
	"net/url"
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	r := parseRobots([]byte(`# comment
User-agent: Baiduspider
Disallow: /

User-agent: *
Disallow: /private/
Disallow: /*.jsp$
Allow: /private/public-notices/
Crawl-delay: 2

User-agent: gazette-import
User-agent: other
Disallow: /drafts/
`), UserAgent)
	tests := []struct {
		path string
		want bool
	}{
		{"/index.html", true},
		{"/drafts/a.html", false},
		{"/private/a.html", true}, // our own group replaces "*"
	}
	for _, tt := range tests {
		if got := r.allowed(tt.path); got != tt.want {
			t.Errorf("own group: allowed(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	any := parseRobots([]byte("User-agent: *\nDisallow: /private/\nDisallow: /*.jsp$\nAllow: /private/public-notices/\nCrawl-delay: 2\n"), UserAgent)
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"/private/a.html", false},
		{"/private/public-notices/a.html", true},
		{"/view.jsp", false},
		{"/view.jsp?id=3", true},
		{"/tzgg/", true},
	} {
		if got := any.allowed(tt.path); got != tt.want {
			t.Errorf("* group: allowed(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if any.delay != 2*time.Second {
		t.Errorf("crawl delay %v, want 2s", any.delay)
	}
	if !parseRobots(nil, UserAgent).allowed("/anything") {
		t.Error("an empty robots.txt disallows")
	}
}

func TestParseDate(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2019-10-24 10:11", time.Date(2019, 10, 24, 10, 11, 0, 0, loc), true},
		{"发布时间：2019/10/24 10:11:05", time.Date(2019, 10, 24, 10, 11, 5, 0, loc), true},
		{"2024年02月26日", time.Date(2024, 2, 26, 0, 0, 0, 0, loc), true},
		{"日期：2024.3.1", time.Date(2024, 3, 1, 0, 0, 0, 0, loc), true},
		{"2023-02-30", time.Time{}, false},
		{"电话：0816-0000000", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in, loc)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSlugOf(t *testing.T) {
	tests := map[string]string{
		"http://a/tzgg/202406/t20240612_1001.html": "t20240612-1001",
		"http://a/news/2019/Expert-Forum.shtml":    "expert-forum",
		"http://a/xwdt/fire-drill/index.html":      "fire-drill",
		"http://a/art/view.jsp?id=35":              "view-id-35",
	}
	for in, want := range tests {
		u, _ := url.Parse(in)
		if got := slugOf(u); got != want {
			t.Errorf("slugOf(%s) = %q, want %q", in, got, want)
		}
	}
	// A Chinese file name has no letters to keep: a stable hash instead.
	u, _ := url.Parse("http://a/tzgg/%E9%80%9A%E7%9F%A5.html")
	if a, b := slugOf(u), slugOf(u); a != b || !validName.MatchString(a) {
		t.Errorf("slugOf of a Chinese name: %q then %q", a, b)
	}
}

func TestLabelled(t *testing.T) {
	page := `<html><body><table>
<tr><th>成文日期：</th><td>2024年02月26日</td><th>发布日期：</th><td>2024年03月01日</td></tr>
<tr><th>发文字号：</th><td>示府办发〔2024〕5号</td></tr></table>
<div class="info">来源：示例市水务局　发布时间：2024-03-01 11:20　浏览次数：</div></body></html>`
	doc, err := decodeHTML([]byte(page), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		labels []string
		want   string
	}{
		{[]string{"发布时间", "日期"}, "2024-03-01 11:20"},
		{[]string{"日期"}, ""}, // 成文日期 and 发布日期 are other labels
		{[]string{"发布日期"}, "2024年03月01日"},
		{[]string{"成文日期"}, "2024年02月26日"},
		{[]string{"来源"}, "示例市水务局"},
		{[]string{"发文字号", "文号"}, "示府办发〔2024〕5号"},
		{[]string{"文号"}, ""},
	}
	for _, tt := range tests {
		if got := labelled(doc, tt.labels...); got != tt.want {
			t.Errorf("labelled(%q) = %q, want %q", tt.labels, got, tt.want)
		}
	}
}
