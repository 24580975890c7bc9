package main

import (
	"gazette/internal/manifest"

	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name    string
		cmd     string
		args    []string
		env     map[string]string
		check   func(t *testing.T, c config)
		wantErr string
	}{
		{name: "defaults", cmd: "serve", check: func(t *testing.T, c config) {
			if c.Listen != "127.0.0.1:8090" || c.DB != "browsecount.db" || c.Postgres != "" || c.RateLimit != 120 ||
				c.Manifest != "public/browsecount/manifest.json" || c.ClientIPHeader != "" {
				t.Fatalf("defaults: %+v", c)
			}
		}},
		{name: "flags", cmd: "serve", args: []string{"--listen", "127.0.0.1:0", "--db", "x.db", "--allow-origin", "https://a.example", "--allow-origin", "https://b.example", "--rate-limit", "0", "--client-ip-header", "X-Real-IP", "--manifest", "https://site.example/browsecount/manifest.json", "--manifest-interval", "1m"},
			check: func(t *testing.T, c config) {
				if c.Listen != "127.0.0.1:0" || c.DB != "x.db" || c.RateLimit != 0 || c.ClientIPHeader != "X-Real-IP" || c.ManifestInterval != time.Minute ||
					!reflect.DeepEqual(c.AllowOrigins, []string{"https://a.example", "https://b.example"}) {
					t.Fatalf("flags: %+v", c)
				}
			}},
		{name: "environment", cmd: "serve", env: map[string]string{"BROWSECOUNT_POSTGRES": "postgres://u:p@127.0.0.1/db", "BROWSECOUNT_ALLOW_ORIGIN": "https://a.example, https://b.example", "BROWSECOUNT_RATE_LIMIT": "7"},
			check: func(t *testing.T, c config) {
				if c.Postgres != "postgres://u:p@127.0.0.1/db" || c.RateLimit != 7 || len(c.AllowOrigins) != 2 {
					t.Fatalf("env: %+v", c)
				}
			}},
		{name: "flag beats environment", cmd: "serve", args: []string{"--allow-origin", "https://c.example", "--rate-limit", "9"}, env: map[string]string{"BROWSECOUNT_ALLOW_ORIGIN": "https://a.example", "BROWSECOUNT_RATE_LIMIT": "7"},
			check: func(t *testing.T, c config) {
				if c.RateLimit != 9 || !reflect.DeepEqual(c.AllowOrigins, []string{"https://c.example"}) {
					t.Fatalf("flag over env: %+v", c)
				}
			}},
		{name: "import file", cmd: "import", args: []string{"--db", "x.db", "old.csv"}, check: func(t *testing.T, c config) {
			if c.ImportFile != "old.csv" {
				t.Fatalf("import: %+v", c)
			}
		}},
		{name: "import without file", cmd: "import", wantErr: "exactly one FILE.csv"},
		{name: "both stores", cmd: "serve", args: []string{"--db", "x.db", "--postgres", "postgres://127.0.0.1/db"}, wantErr: "choose one store"},
		{name: "bad origin", cmd: "serve", args: []string{"--allow-origin", "www.example.gov.cn"}, wantErr: `"www.example.gov.cn"`},
		{name: "negative rate", cmd: "serve", args: []string{"--rate-limit", "-1"}, wantErr: "rate limit -1"},
		{name: "bad env number", cmd: "serve", env: map[string]string{"BROWSECOUNT_RATE_LIMIT": "lots"}, wantErr: "BROWSECOUNT_RATE_LIMIT"},
		{name: "stray argument", cmd: "serve", args: []string{"old.csv"}, wantErr: "browsecount import old.csv"},
		{name: "bad log level", cmd: "serve", args: []string{"--log-level", "loud"}, wantErr: "--log-level"},
		{name: "bad sqlite sync", cmd: "serve", args: []string{"--sqlite-sync", "off"}, wantErr: "--sqlite-sync \"off\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			c, err := parseConfig(tt.cmd, tt.args, getenv, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseConfig(%q): %v, want error containing %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseConfig(%q): %v", tt.args, err)
			}
			tt.check(t, c)
		})
	}
}

func TestParseCSV(t *testing.T) {
	known := manifest.Manifest{Version: 1, Pages: []manifest.Page{
		{ID: "zh/a", Lang: "zh", Path: "/zh/notices/a/", Aliases: []string{"/tzgg/202406/t20240612_1001.html", "/old/a/"}},
		{ID: "zh/b", Lang: "zh", Path: "/zh/notices/b/"},
		{ID: "en/a", Lang: "en", Path: "/en/notices/a/", Aliases: []string{"/en/notices/t1002.html"}},
	}}
	tests := []struct {
		name, in string
		want     map[string]int64
		wantErr  string
	}{
		{name: "with header and BOM", in: "\ufeffid,count\nzh/a,10\nen/a, 3\n", want: map[string]int64{"zh/a": 10, "en/a": 3}},
		{name: "no header", in: "zh/a,0\n", want: map[string]int64{"zh/a": 0}},
		{name: "quoted", in: "\"zh/a\",\"5\"\r\n", want: map[string]int64{"zh/a": 5}},
		{name: "unknown ids refused whole", in: "zh/a,1\nzh/gone,2\nzh/old,3\n", wantErr: "2 ids or addresses are not in the manifest"},
		{name: "negative", in: "zh/a,-1\n", wantErr: "old.csv:1: count \"-1\""},
		{name: "not a number", in: "id,count\nzh/a,12k\n", wantErr: "old.csv:2"},
		{name: "duplicate", in: "zh/a,1\nzh/b,1\nzh/a,2\n", wantErr: "old.csv:3: id \"zh/a\" already on line 1"},
		{name: "three fields", in: "zh/a,1,x\n", wantErr: "wrong number of fields"},
		{name: "old addresses", in: "url,count\nhttp://www.oldcity.gov.cn/tzgg/202406/t20240612_1001.html,1523\n/en/notices/t1002.html,40\n", want: map[string]int64{"zh/a": 1523, "en/a": 40}},
		{name: "old addresses of one page add up", in: "/tzgg/202406/t20240612_1001.html,5\nhttps://old.example/old/a/index.html,7\nzh/a,1\n", want: map[string]int64{"zh/a": 13}},
		{name: "a current path", in: "/zh/notices/b,2\n", want: map[string]int64{"zh/b": 2}},
		{name: "unknown address refused whole", in: "/tzgg/202406/t20240612_1001.html,5\n/tzgg/gone.html,1\n", wantErr: "old.csv:2: \"/tzgg/gone.html\""},
		{name: "duplicate address", in: "/old/a/,1\n/old/a/,2\n", wantErr: "old.csv:2: address \"/old/a/\" already on line 1"},
		{name: "not utf-8", in: "zh/\xc4\xe3\xba\xc3,1\n", wantErr: "iconv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCSV("old.csv", []byte(tt.in), known)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseCSV(%q): %v, want error containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("parseCSV(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestRedactingLogger(t *testing.T) {
	for _, in := range []string{
		"http: TLS handshake error from 203.0.113.5:4711: EOF",
		"http: panic serving [2001:db8::1]:443: boom",
		"http: panic serving 2001:db8::1: boom",
	} {
		got := addrPattern.ReplaceAllString(in, "[addr]")
		if strings.Contains(got, "203.0.113") || strings.Contains(got, "2001:db8") {
			t.Errorf("redacted %q to %q", in, got)
		}
	}
}
