package config

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const minimal = `baseURL = "https://www.example.gov.cn/"
[languages.zh]
siteName = "示例市人民政府"
[languages.en]
siteName = "Example Municipal People's Government"
`

func TestDefaults(t *testing.T) {
	c, err := Parse("config.toml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if c.TimeZone != "Asia/Shanghai" || c.Location().String() != "Asia/Shanghai" {
		t.Errorf("time zone = %q (%v), want Asia/Shanghai", c.TimeZone, c.Location())
	}
	if c.PageSize != 20 {
		t.Errorf("pageSize = %d, want 20", c.PageSize)
	}
	if c.Browsecount.Endpoint != "/api/browsecount" {
		t.Errorf("endpoint = %q, want /api/browsecount", c.Browsecount.Endpoint)
	}
	if c.SiteDomain != "www.example.gov.cn" {
		t.Errorf("siteDomain = %q, want the host of baseURL", c.SiteDomain)
	}
}

func TestZeroMaxAgeIsKept(t *testing.T) {
	c, err := Parse("config.toml", []byte(minimal+"[deploy]\nhtmlMaxAge = 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Deploy.HTMLMaxAge != 0 {
		t.Errorf("htmlMaxAge = %d, want the 0 that was set", c.Deploy.HTMLMaxAge)
	}
	c, _ = Parse("config.toml", []byte(minimal))
	if c.Deploy.HTMLMaxAge != 300 {
		t.Errorf("default htmlMaxAge = %d, want 300", c.Deploy.HTMLMaxAge)
	}
}

func TestSampleConfigLoads(t *testing.T) {
	if _, err := Load("../.."); err != nil {
		t.Fatalf("the repository's config.toml: %v", err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string // substrings of the error, each must appear
	}{
		{"unknown key with suggestion", "pageSzie = 10\n" + minimal,
			[]string{"config.toml:1:", "pageSzie", "unknown setting", `did you mean "pageSize"`}},
		{"root key in a language table", minimal + "pageSize = 10\n",
			[]string{"config.toml:6:", "languages.en.pageSize", "unknown setting"}},
		{"unknown key in a table", strings.Replace(minimal, `siteName = "示例市人民政府"`, "siteName = \"示例市人民政府\"\nsiteNmae = \"x\"", 1),
			[]string{"config.toml:4:", "languages.zh.siteNmae", `did you mean "siteName"`}},
		{"wrong type", "pageSize = \"twenty\"\n" + minimal,
			[]string{"config.toml:1:", "pageSize"}},
		{"syntax error", minimal + "icp = \n",
			[]string{"config.toml:6:"}},
		{"bad time zone", "\ntimeZone = \"Mars/Olympus\"\n" + minimal,
			[]string{"config.toml:2:", "timeZone", "Mars/Olympus"}},
		{"page size out of range", "\npageSize = -1\n" + minimal,
			[]string{"config.toml:2:", "pageSize", "between 1 and 1000"}},
		{"relative baseURL", strings.Replace(minimal, "https://www.example.gov.cn/", "/site/", 1),
			[]string{"config.toml:1:", "baseURL", "absolute URL"}},
		{"missing language", "baseURL = \"https://x.gov.cn/\"\n[languages.zh]\nsiteName = \"x\"\n",
			[]string{"languages", "[languages.en]"}},
		{"unsupported language", minimal + "[languages.fr]\nsiteName = \"x\"\n",
			[]string{"config.toml:6:", "languages.fr", "unsupported language"}},
		{"bad endpoint", minimal + "[browsecount]\nendpoint = \"ftp://x\"\n",
			[]string{"config.toml:7:", "browsecount.endpoint"}},
		{"empty site name", strings.Replace(minimal, `"示例市人民政府"`, `""`, 1),
			[]string{"config.toml:3:", "languages.zh.siteName", "must not be empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tt.input))
			if err == nil {
				t.Fatalf("no error for\n%s", tt.input)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestDefaultColumns(t *testing.T) {
	c, err := Parse("config.toml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.ColumnPaths(), ","); got != "notices,news,policies" {
		t.Errorf("columns of a site without [[columns]] = %s, want notices,news,policies", got)
	}
	for _, col := range c.Columns {
		if !col.builtin || len(col.Name) != 0 || !col.OnHome() || col.Kind != KindList {
			t.Errorf("default column %s: builtin %v, names %v, home %v, kind %q", col.Key, col.builtin, col.Name, col.OnHome(), col.Kind)
		}
	}
	if news, _ := c.Column("news"); news.Stale() != (Age{Days: 14}) {
		t.Errorf("news staleAfter = %v, want two weeks", news.Stale())
	}
	if notices, _ := c.Column("notices"); notices.Stale() != (Age{Months: 6}) {
		t.Errorf("notices staleAfter = %v, want six months", notices.Stale())
	}
}

const columns = minimal + `
[[columns]]
key = "notices"
type = "通知公告"
name = { zh = "通知公告", en = "Notices" }

[[columns]]
key = "policies"
type = "政策文件"
kind = "policy"
pageSize = 10
staleAfter = "1y"
name = { zh = "政策文件", en = "Policies" }
description = { zh = "规范性文件", en = "Normative documents" }
keywords = { zh = ["政策"], en = ["policy"] }

[[columns]]
key = "city"
parent = "policies"
type = "政策文件"
kind = "policy"
home = true
staleAfter = "off"
name = { zh = "市政府文件", en = "Municipal documents" }
`

func TestColumns(t *testing.T) {
	c, err := Parse("config.toml", []byte(columns))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.ColumnPaths(), ","); got != "notices,policies,policies/city" {
		t.Errorf("column paths = %s", got)
	}
	city, ok := c.Column("city")
	if !ok || city.Path() != "policies/city" || !city.OnHome() || !city.Stale().Off {
		t.Errorf("sub-column city = %+v", city)
	}
	if byPath, ok := c.Column("policies/city"); !ok || byPath != city {
		t.Error("a sub-column is not found by its path")
	}
	if kids := c.Children("policies"); len(kids) != 1 || kids[0] != city {
		t.Errorf("children of policies = %v", kids)
	}
	p, _ := c.Column("policies")
	if p.PageSize != 10 || p.Kind != KindPolicy || p.Stale() != (Age{Months: 12}) || p.Name["en"] != "Policies" || p.Keywords["zh"][0] != "政策" {
		t.Errorf("policies = %+v", p)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings for guideline types: %v", c.Warnings)
	}
}

func TestColumnErrors(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"bad key", `key = "city"`, `key = "City Hall"`, []string{"config.toml:23:", "columns.key", `"City Hall"`, "lower-case"}},
		{"unknown parent", `parent = "policies"`, `parent = "policy"`, []string{"config.toml:24:", "columns.parent", `parent "policy" is no column key`}},
		{"duplicate key", `key = "city"`, `key = "notices"`, []string{"config.toml:23:", `"notices" is used twice`}},
		{"reserved key", `key = "city"`, `key = "search"`, []string{"config.toml:23:", `"search" is taken`}},
		{"missing name", `name = { zh = "市政府文件", en = "Municipal documents" }`, `name = { zh = "市政府文件" }`, []string{"config.toml:29:", "columns.name", "missing en"}},
		{"bad kind", `kind = "policy"
home`, `kind = "table"
home`, []string{"config.toml:26:", `kind must be "list" or "policy"`}},
		{"bad staleAfter", `staleAfter = "off"`, `staleAfter = "6 months"`, []string{"config.toml:28:", "columns.staleAfter", "not an age"}},
		{"page size", `pageSize = 10`, `pageSize = 5000`, []string{"config.toml:16:", "columns.pageSize", "between 1 and 1000"}},
		{"missing type", `type = "通知公告"`, `type = ""`, []string{"config.toml:9:", "needs a type"}},
		{"two levels deep", `[[columns]]
key = "city"`, `[[columns]]
key = "town"
parent = "city"
type = "政策文件"
name = { zh = "区", en = "Town" }

[[columns]]
key = "city"`, []string{"config.toml:24:", `parent "city" is itself a sub-column`}},
		{"unknown language", `description = { zh = "规范性文件", en = "Normative documents" }`, `description = { zh = "规范性文件", fr = "Documents" }`, []string{"config.toml:19:", `unsupported language "fr"`}},
		{"unknown key", `home = true`, `hmoe = true`, []string{"config.toml:27:", "columns.hmoe", `did you mean "home"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := strings.Replace(columns, tt.old, tt.new, 1)
			if input == columns {
				t.Fatalf("the case does not change the input")
			}
			_, err := Parse("config.toml", []byte(input))
			if err == nil {
				t.Fatalf("no error for\n%s", input)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestColumnTypeOutsideTheGuidelineIsAWarning(t *testing.T) {
	c, err := Parse("config.toml", []byte(strings.Replace(columns, `type = "通知公告"`, `type = "人事信息"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Line != 9 || !strings.Contains(c.Warnings[0].Error(), `type "人事信息"`) {
		t.Errorf("warnings = %v, want one for line 9", c.Warnings)
	}
}

func TestAges(t *testing.T) {
	for in, want := range map[string]Age{"14d": {Days: 14}, "2w": {Days: 14}, "6mo": {Months: 6}, "1y": {Months: 12}, "off": {Off: true}, " 3 w ": {Days: 21}} {
		got, err := parseAge(in)
		if err != nil || got != want {
			t.Errorf("parseAge(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "6 months", "0d", "-1w", "2h", "y"} {
		if _, err := parseAge(in); err == nil {
			t.Errorf("parseAge(%q) accepted", in)
		}
	}
	day := func(s string) string {
		t0, _ := time.Parse(time.DateOnly, s)
		return t0.Format(time.DateOnly)
	}
	now, _ := time.Parse(time.DateOnly, "2026-08-31")
	if got := (Age{Months: 6}).Before(now).Format(time.DateOnly); got != day("2026-03-03") {
		t.Errorf("six months before 2026-08-31 = %s", got)
	}
}

func TestFurniture(t *testing.T) {
	c, err := Parse("config.toml", []byte(strings.Replace(minimal, "[languages.zh]", `publicSecurityRecord = "川公网安备 51070302000000号"
sitemapPage = true

[widgets]
identityBadge = "https://badge.example.cn/x.js"

[languages.zh]
sponsor = "示例市人民政府办公室"
contact = "/zh/contact/"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.PublicSecurityLink(); got != "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=51070302000000" {
		t.Errorf("public security link = %q", got)
	}
	for _, tt := range []struct{ add, want string }{
		{"[widgets]\nerrorReport = \"https://report.example.cn/x.js\"\n", "needs siteIDCode"},
		{"[widgets]\nerrorReport = \"report.js\"\n", "widgets.errorReport"},
		{"publicSecurityRecord = \"川公网安备\"\n", "holds no record code"},
		{"[languages.zh]\ncontact = \"contact.html\"\n", "languages.zh.contact"},
	} {
		input := tt.add + minimal
		if strings.HasPrefix(tt.add, "[languages.zh]") {
			input = strings.Replace(minimal, "[languages.zh]", tt.add, 1)
		} else if strings.HasPrefix(tt.add, "[") {
			input = minimal + tt.add
		}
		if _, err := Parse("config.toml", []byte(input)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want one containing %q", tt.add, err, tt.want)
		}
	}
}

// TestCRLF: a config.toml saved on Windows reads exactly like the same
// file with LF line endings, multi-line strings included, and its errors
// point at the same lines.
func TestCRLF(t *testing.T) {
	lf := strings.Replace(minimal, "siteName = \"Example Municipal People's Government\"\n",
		"siteName = \"Example Municipal People's Government\"\ndescription = '''\nNotices, news\nand policies.'''\nkeywords = [\n  \"a\",\n  \"b\",\n]\n", 1)
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	want, err := Parse("config.toml", []byte(lf))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("config.toml", []byte(crlf))
	if err != nil {
		t.Fatal(err)
	}
	if got.Languages["en"].Description != "Notices, news\nand policies." {
		t.Errorf("description = %q, want LF line endings inside", got.Languages["en"].Description)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with CRLF: %+v\nwith LF:   %+v", got, want)
	}
	for _, bad := range []string{"pageSzie = 10\n" + lf, lf + "icp = \n", "\npageSize = -1\n" + lf} {
		_, errLF := Parse("config.toml", []byte(bad))
		_, errCRLF := Parse("config.toml", []byte(strings.ReplaceAll(bad, "\n", "\r\n")))
		if errLF == nil || errCRLF == nil || errCRLF.Error() != errLF.Error() {
			t.Errorf("with CRLF: %v\nwith LF:   %v", errCRLF, errLF)
		}
	}
}
