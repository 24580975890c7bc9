package config

import (
	"strings"
	"testing"
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
