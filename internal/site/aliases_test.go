package site

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/internal/browsertest"
	"gazette/internal/manifest"
)

const aliasedSite = themedConfig + `
-- content/zh/notices/works/index.md --
+++
title = "夜间施工通告"
date = 2024-06-12T09:30:00
translationKey = "works"
aliases = ["/tzgg/202406/t20240612_1001.html", "/old/works/", "older"]
+++
正文。
-- content/en/notices/works.md --
+++
title = "Night works"
date = 2024-06-12T09:30:00
translationKey = "works"
aliases = ["/en/notices/202406/t20240612_1002.html"]
+++
Body.
`

// TestAliases builds a page with old addresses: each is answered, at the
// site root, by a small valid redirect page to the page, and the manifest
// lists them for moving legacy counts.
func TestAliases(t *testing.T) {
	dir := writeSite(t, aliasedSite)
	public, _ := mustBuild(t, dir)
	redirects := map[string]string{
		"tzgg/202406/t20240612_1001.html":       "https://www.example.gov.cn/zh/notices/works/",
		"old/works/index.html":                  "https://www.example.gov.cn/zh/notices/works/",
		"zh/notices/older/index.html":           "https://www.example.gov.cn/zh/notices/works/",
		"en/notices/202406/t20240612_1002.html": "https://www.example.gov.cn/en/notices/works/",
	}
	var files []string
	for name, target := range redirects {
		d := parsePage(t, public, name)
		if got := d.attr(`link[rel="canonical"]`, "href"); got != target {
			t.Errorf("%s: canonical %q, want %q", name, got, target)
		}
		if got := d.attr(`meta[http-equiv="refresh"]`, "content"); got != "0; url="+target {
			t.Errorf("%s: refresh %q", name, got)
		}
		files = append(files, filepath.Join(public, filepath.FromSlash(name)))
	}
	// Hugo's own alias pages, under the language folder, are not written.
	if _, err := os.Stat(filepath.Join(public, "zh", "tzgg")); !os.IsNotExist(err) {
		t.Errorf("an alias was written under /zh/: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(public, manifestPath))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	byPath := m.ByPath()
	for _, old := range []string{"/tzgg/202406/t20240612_1001.html", "/old/works/", "/zh/notices/older"} {
		if byPath[old] != "zh/works" {
			t.Errorf("the manifest maps %s to %q, want zh/works:\n%s", old, byPath[old], data)
		}
	}
	if byPath["/en/notices/202406/t20240612_1002.html"] != "en/works" {
		t.Errorf("the English alias is not in the manifest:\n%s", data)
	}
	for _, msg := range browsertest.VNU(t, files...) {
		t.Errorf("%s", msg)
	}
}

// TestAliasClash refuses an alias that would replace a page of the site,
// naming the file to fix, and publishes nothing.
func TestAliasClash(t *testing.T) {
	site := strings.Replace(aliasedSite, `"/old/works/"`, `"/en/notices/works/"`, 1)
	dir := writeSite(t, site)
	_, err := build(t, dir)
	if err == nil || !strings.Contains(err.Error(), "content/zh/notices/works/index.md") {
		t.Fatalf("build error %v, want one naming the page with the alias", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("a failed build published")
	}
	// Two pages claiming one old address.
	site = strings.Replace(aliasedSite, `"/en/notices/202406/t20240612_1002.html"`, `"/old/works/"`, 1)
	dir = writeSite(t, site)
	if _, err := Build(context.Background(), Options{Source: dir, Dest: filepath.Join(dir, "public")}); err == nil || !strings.Contains(err.Error(), `"/old/works/"`) {
		t.Fatalf("build error %v, want one naming the shared alias", err)
	}
}
