package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gazette/internal/deploy/deploytest"
)

// TestBuildAndDeployTheSampleSite is the CI pipeline on the repository's
// own site against a real S3-compatible server: build, deploy, edit one
// announcement's body, build and deploy again. The second deploy must
// upload only the pages that show that announcement, and no asset.
func TestBuildAndDeployTheSampleSite(t *testing.T) {
	gw := deploytest.Start(t)
	proxy := deploytest.NewProxy(t, gw)
	gw.Bucket(t, "www")
	target := proxy.Target("www")
	t.Setenv("AWS_ACCESS_KEY_ID", deploytest.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", deploytest.SecretKey)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))

	site := filepath.Join(t.TempDir(), "site")
	for _, d := range []string{"content", "static"} {
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	gazette := func(args ...string) {
		t.Helper()
		var out bytes.Buffer
		if code := run(context.Background(), args, &out, &out); code != 0 {
			t.Fatalf("gazette %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
		}
	}
	publish := func() []string {
		t.Helper()
		gazette("build", "-s", site)
		proxy.Requests()
		gazette("deploy", "-s", site, "--target", target)
		var puts []string
		for _, r := range proxy.Requests() {
			if r.Method == "PUT" && r.Key != "" && !strings.HasPrefix(r.Key, ".gazette/") {
				puts = append(puts, r.Key)
			}
		}
		sort.Strings(puts)
		return puts
	}

	first := publish()
	if len(first) < 50 {
		t.Fatalf("first deploy uploaded %d objects, want the whole site", len(first))
	}
	if again := publish(); len(again) != 0 {
		t.Fatalf("a deploy without changes uploaded %q", again)
	}

	page := filepath.Join(site, "content", "en", "news", "2020-flood-drill.md")
	body, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(body, "\nA correction was added after publication.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := publish()
	if !contains(edited, "en/news/2020-flood-drill/index.html") {
		t.Errorf("the edited page was not uploaded; uploads: %q", edited)
	}
	// What may change: the page, its column's lists and feed, the home
	// page and feed, sitemaps.
	allowed := func(key string) bool {
		switch key {
		case "en/news/2020-flood-drill/index.html", "en/news/index.html", "en/news/index.xml",
			"en/index.html", "en/index.xml", "en/sitemap.xml", "sitemap.xml":
			return true
		}
		return strings.HasPrefix(key, "en/news/page/") // later pages of the column list
	}
	for _, key := range edited {
		if strings.HasSuffix(key, ".css") || strings.HasSuffix(key, ".js") {
			t.Errorf("an asset was uploaded after a content edit: %s", key)
		} else if !allowed(key) {
			t.Errorf("uploaded %s, which does not show the edited announcement", key)
		}
	}
	t.Logf("uploaded after the edit: %q", edited)
	if len(edited) > 8 {
		t.Errorf("uploaded %d objects after one edit: %q", len(edited), edited)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
