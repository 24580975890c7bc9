package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
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
// upload only the pages that show that announcement, no asset, and of the
// search index only the files the edit changed.
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
	indexBefore := searchFiles(t, filepath.Join(site, "public"))

	page := filepath.Join(site, "content", "en", "news", "2020-flood-drill.md")
	body, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(body, "\nA correction was added after publication.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	edited := publish()
	indexAfter := searchFiles(t, filepath.Join(site, "public"))
	var changed, uploadedIndex, pages []string
	for name, sum := range indexAfter {
		if indexBefore[name] != sum {
			changed = append(changed, name)
		}
	}
	for _, key := range edited {
		if strings.HasPrefix(key, "search/") {
			uploadedIndex = append(uploadedIndex, key)
		} else {
			pages = append(pages, key)
		}
	}
	sort.Strings(changed)
	if strings.Join(uploadedIndex, " ") != strings.Join(changed, " ") {
		t.Errorf("search index files uploaded after the edit: %q; the files the edit changed: %q", uploadedIndex, changed)
	}
	if !contains(changed, "search/en/meta.json") || len(changed) == 0 || len(changed) > len(indexAfter)/2 {
		t.Errorf("the edit changed %d of %d search index files: %q", len(changed), len(indexAfter), changed)
	}
	for _, key := range changed {
		if strings.HasPrefix(key, "search/zh/") {
			t.Errorf("an English edit changed the Chinese index: %s", key)
		}
	}
	t.Logf("search index files uploaded after the edit: %d of %d", len(uploadedIndex), len(indexAfter))
	edited = pages
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

// searchFiles hashes every file of the search index in a built site.
func searchFiles(t *testing.T, public string) map[string]string {
	t.Helper()
	files := map[string]string{}
	root := filepath.Join(public, "search")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		sum := sha256.Sum256(data)
		files[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("reading the search index of %s: %d files, %v", public, len(files), err)
	}
	return files
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
