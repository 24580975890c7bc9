package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected outputs of the scripts")

// siteConfig is a minimal valid config.toml for test sites.
const siteConfig = `baseURL = "https://www.example.gov.cn/"
timeZone = "Asia/Shanghai"

[languages.zh]
siteName = "示例市人民政府"
source = "示例市人民政府办公室"

[languages.en]
siteName = "Example Municipal People's Government"
source = "General Office of Example Municipal People's Government"
`

// inEnglish clears the locale of the test process, whose commands would
// otherwise speak Chinese on a machine with a Chinese LANG, and fail the
// tests that look for English messages.
func inEnglish(t *testing.T) {
	t.Setenv("LANG", "C")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
}

// writeSite creates a site from a map of site-relative paths to contents.
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

const goodZH = `+++
title = "关于召开专家论坛的通知"
date = 2019-10-24T10:11:00+08:00
translationKey = "expert-forum"
+++

论坛于10月16日开幕。
`

const goodEN = `+++
title = "Notice on the expert forum"
date = 2019-10-24T10:11:00+08:00
translationKey = "expert-forum"
+++

The forum opens on 16 October.
`

// TestExitCodes pins the exit codes of check and new: 0 success, 1 problems
// found (or nothing written), 2 usage errors.
func TestExitCodes(t *testing.T) {
	inEnglish(t)
	good := map[string]string{
		"config.toml":                  siteConfig,
		"content/zh/notices/a.md":      goodZH,
		"content/en/notices/a.md":      goodEN,
		"content/zh/notices/no-en.md":  strings.Replace(goodZH, `"expert-forum"`, `"no-en"`, 1),
		"content/zh/notices/future.md": strings.Replace(strings.Replace(goodZH, `"expert-forum"`, `"future"`, 1), "2019-10-24", "2099-10-24", 1),
		"content/en/notices/future.md": strings.Replace(strings.Replace(goodEN, `"expert-forum"`, `"future"`, 1), "2019-10-24", "2099-10-24", 1),
	}
	bad := map[string]string{
		"config.toml":             siteConfig,
		"content/zh/notices/a.md": strings.Replace(goodZH, "title", "titel", 1),
		"content/en/notices/a.md": goodEN,
	}
	tests := []struct {
		name  string
		site  map[string]string
		args  []string
		want  int
		inOut string // expected in stdout+stderr
	}{
		{"check clean with warnings and info", good, []string{"check"}, 0, "0 error(s), 9 warning(s), 2 info"},
		{"check strict turns the warning into an error", good, []string{"check", "--strict"}, 1, "no-en.md:4:1: error: there is no English version"},
		{"check finds errors", bad, []string{"check"}, 1, `unknown field "titel": did you mean "title"?`},
		{"check json finds errors", bad, []string{"check", "--format", "json"}, 1, `"code": "unknown-field"`},
		{"check bad format", good, []string{"check", "--format", "xml"}, 2, "--format must be text or json"},
		{"check unknown flag", good, []string{"check", "--frobnicate"}, 2, "flag provided but not defined"},
		{"check extra argument", good, []string{"check", "somewhere"}, 2, `unexpected argument "somewhere"`},
		{"check bad lang", good, []string{"check", "--lang", "fr"}, 2, `--lang must be zh or en, not "fr"`},
		{"check help", good, []string{"check", "-h"}, 0, "usage: gazette check"},
		{"check not a site", map[string]string{"content/zh/notices/a.md": goodZH}, []string{"check"}, 2, "not a Gazette site folder"},
		{"check invalid config", map[string]string{"config.toml": "baseURL = 3\n"}, []string{"check"}, 1, "config.toml:1"},
		{"new", good, []string{"new", "news", "2026-new"}, 0, "content/en/news/2026-new.md"},
		{"new existing", good, []string{"new", "notices", "a"}, 1, "already exists"},
		{"new unknown column", good, []string{"new", "announcements", "x"}, 2, "valid columns: notices, news, policies"},
		{"new bad name", good, []string{"new", "news", "Big News"}, 2, `the name "Big News" cannot be used`},
		{"new one argument", good, []string{"new", "news"}, 2, "needs two arguments"},
		{"new not a site", map[string]string{}, []string{"new", "news", "x"}, 2, "not a Gazette site folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, tt.site)
			var out bytes.Buffer
			args := append([]string{tt.args[0], "-s", dir}, tt.args[1:]...)
			got := run(context.Background(), args, &out, &out)
			if got != tt.want {
				t.Errorf("exit %d, want %d; output:\n%s", got, tt.want, out.String())
			}
			if !strings.Contains(out.String(), tt.inOut) {
				t.Errorf("output does not contain %q:\n%s", tt.inOut, out.String())
			}
		})
	}
}

// TestNewWritesNothingWhenEitherExists checks that new never leaves half a
// pair: when only the English file exists, the Chinese one is not written.
func TestNewWritesNothingWhenEitherExists(t *testing.T) {
	dir := writeSite(t, map[string]string{"config.toml": siteConfig, "content/en/news/x/index.md": goodEN})
	var out bytes.Buffer
	if code := run(context.Background(), []string{"new", "-s", dir, "news", "x"}, &out, &out); code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "zh", "news", "x.md")); !os.IsNotExist(err) {
		t.Errorf("the Chinese file was written: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "en", "news", "x.md")); !os.IsNotExist(err) {
		t.Errorf("the English file was written: %v", err)
	}
}
