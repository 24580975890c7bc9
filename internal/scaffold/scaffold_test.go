package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"

	"gazette/internal/config"
)

var day = time.Date(2026, 12, 1, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

func TestWriteANewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	res, err := Write(Options{Dir: dir, NameZH: `某"市"人民政府`, NameEN: "Anytown Municipal Government",
		BaseURL: "https://www.anytown.gov.cn/", SiteID: "5107000099", Now: day, Version: "v1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"config.toml", "README.md", ".gitignore", ".github/workflows/publish.yml", ".gitlab-ci.yml",
		"content/zh/notices/2026-12-01-welcome.md", "content/en/notices/2026-12-01-welcome.md"}
	if !slices.Equal(res.Written, want) || len(res.Kept) != 0 {
		t.Errorf("written %v, kept %v", res.Written, res.Kept)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatalf("the new config.toml: %v", err)
	}
	if cfg.Languages["zh"].SiteName != `某"市"人民政府` || cfg.BaseURL != "https://www.anytown.gov.cn/" || cfg.SiteIDCode != "5107000099" || !cfg.SitemapPage {
		t.Errorf("settings = %+v", cfg)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("config warnings: %v", cfg.Warnings)
	}
	// Every setting is there, so that a team finds them all in one place.
	text := read(t, dir, "config.toml")
	for _, key := range []string{"siteDomain", "icp", "publicSecurityRecord", "publicSecurityURL", "timeZone", "pageSize", "homeItems",
		"allowHTML", "maxAttachmentMB", "endpoint", "htmlMaxAge", "errorReport", "identityBadge", "sponsor", "organizer", "contact",
		"description", "keywords", "[[columns]]", "staleAfter", "kind", "parent"} {
		if !strings.Contains(text, key) {
			t.Errorf("config.toml lacks %s", key)
		}
	}
	for _, name := range []string{".github/workflows/publish.yml", ".gitlab-ci.yml"} {
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(read(t, dir, name)), &doc); err != nil {
			t.Errorf("%s is not valid YAML: %v", name, err)
		}
		if !strings.Contains(read(t, dir, name), "v1.2.3") {
			t.Errorf("%s does not install the gazette release that wrote it", name)
		}
	}
	if gh := read(t, dir, ".github/workflows/publish.yml"); !strings.Contains(gh, "${{ secrets.DEPLOY_TARGET }}") {
		t.Error("the GitHub workflow lost its ${{ }} expressions")
	}
	if !strings.Contains(read(t, dir, "content/zh/notices/2026-12-01-welcome.md"), "date = 2026-12-01T09:30:00+08:00") {
		t.Error("the first announcement is not dated when the site was made")
	}
}

func TestPlaceholdersAndLanguage(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(Options{Dir: dir, Lang: "zh", Now: day}); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Languages["zh"].SiteName != PlaceholderNameZH || cfg.Languages["en"].SiteName != PlaceholderNameEN || cfg.BaseURL != PlaceholderBaseURL {
		t.Errorf("placeholders = %q %q %q", cfg.Languages["zh"].SiteName, cfg.Languages["en"].SiteName, cfg.BaseURL)
	}
	if !strings.Contains(read(t, dir, "config.toml"), "# 网站发布的地址。") || !strings.Contains(read(t, dir, "README.md"), "日常工作") {
		t.Error("with Lang zh the comments and README are not in Chinese")
	}
}

func TestRefusesAFolderThatIsNotEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(Options{Dir: dir}); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("error = %v, want ErrNotEmpty", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("wrote into the folder it refused: %d entries", len(entries))
	}
	res, err := Write(Options{Dir: dir, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if read(t, dir, "config.toml") != "mine" || !slices.Equal(res.Kept, []string{"config.toml"}) {
		t.Errorf("--force overwrote config.toml or did not report it: kept %v", res.Kept)
	}
}

func TestBadAddressWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Write(Options{Dir: dir, BaseURL: "www.example.gov.cn"}); err == nil || !strings.Contains(err.Error(), "baseURL") {
		t.Fatalf("error = %v, want one about baseURL", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("the folder was created although nothing could be written")
	}
}

func TestVersion(t *testing.T) {
	for in, want := range map[string]string{"v1.4.0": "v1.4.0", "devel": "v0.0.0", "": "v0.0.0", "v0.0.0-20261201-abcdef": "v0.0.0-20261201-abcdef"} {
		if got := Version(in); got != want {
			t.Errorf("Version(%q) = %q, want %q", in, got, want)
		}
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
