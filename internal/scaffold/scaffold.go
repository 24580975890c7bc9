// Package scaffold writes a new Gazette site: a commented config.toml, one
// announcement pair, .gitignore, the two CI pipelines and a README for the
// site's team. The theme is not copied: it stays in the gazette binary,
// so that upgrading gazette upgrades the site.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"gazette/internal/config"
	"gazette/internal/newfile"
)

//go:embed files
var files embed.FS

// Options say what site to write. Empty names, address and code get
// placeholders that build as they are and are easy to find and replace.
type Options struct {
	// Dir is the folder to write the site into; it is created if needed.
	Dir string
	// NameZH and NameEN are the site's names (siteName) per language.
	NameZH, NameEN string
	// BaseURL is the address the site will be published at.
	BaseURL string
	// SiteID is the 政府网站标识码.
	SiteID string
	// Lang is the language of the comments in config.toml and of the
	// README: "zh" or "en".
	Lang string
	// Force writes into a folder that is not empty. Files already there
	// are kept either way.
	Force bool
	// Now dates the first announcement; zero means the current time.
	Now time.Time
	// Version is the gazette release the CI pipelines install.
	Version string
}

// Placeholders for what Options leave empty.
const (
	PlaceholderNameZH  = "示例市人民政府"
	PlaceholderNameEN  = "Example Municipal People's Government"
	PlaceholderBaseURL = "https://www.example.gov.cn/"
)

// ErrNotEmpty is returned when Dir holds files and Force is off.
var ErrNotEmpty = errors.New("scaffold: the folder is not empty")

// Result lists what Write did, with site-relative, slash-separated paths.
type Result struct {
	Written []string
	// Kept are files that were already in the folder; Write never
	// overwrites.
	Kept []string
}

// output is one file of a new site: its path in the site and the
// template it comes from.
type output struct {
	path, template string
}

// Write writes a new site into opts.Dir.
func Write(opts Options) (*Result, error) {
	if opts.NameZH == "" {
		opts.NameZH = PlaceholderNameZH
	}
	if opts.NameEN == "" {
		opts.NameEN = PlaceholderNameEN
	}
	if opts.BaseURL == "" {
		opts.BaseURL = PlaceholderBaseURL
	}
	if opts.Lang != "zh" {
		opts.Lang = "en"
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Version == "" {
		opts.Version = "v0.0.0"
	}
	if entries, err := os.ReadDir(opts.Dir); err == nil && len(entries) > 0 && !opts.Force {
		return nil, fmt.Errorf("%w: %s", ErrNotEmpty, opts.Dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("scaffold: %w", err)
	}

	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	day := opts.Now.In(loc).Format("2006-01-02")
	data := map[string]string{
		"NameZH": opts.NameZH, "NameEN": opts.NameEN, "BaseURL": opts.BaseURL, "SiteID": opts.SiteID,
		"Version": opts.Version, "Date": opts.Now.In(loc).Truncate(time.Minute).Format(time.RFC3339),
	}
	outputs := []output{
		{"config.toml", "config." + opts.Lang + ".toml"},
		{"README.md", "README." + opts.Lang + ".md"},
		{".gitignore", "gitignore"},
		{".github/workflows/publish.yml", "publish.yml"},
		{".gitlab-ci.yml", "gitlab-ci.yml"},
		{"content/zh/notices/" + day + "-welcome.md", "welcome.zh.md"},
		{"content/en/notices/" + day + "-welcome.md", "welcome.en.md"},
	}
	// Render everything first: a template error writes nothing.
	texts := make([][]byte, len(outputs))
	for i, o := range outputs {
		texts[i], err = render(o.template, data)
		if err != nil {
			return nil, err
		}
	}
	if _, err := config.Parse("config.toml", texts[0]); err != nil {
		return nil, fmt.Errorf("scaffold: the new config.toml does not load (%v); check the names and address given", err)
	}
	res := &Result{}
	for i, o := range outputs {
		written, err := create(filepath.Join(opts.Dir, filepath.FromSlash(o.path)), texts[i])
		if err != nil {
			return res, err
		}
		if written {
			res.Written = append(res.Written, o.path)
		} else {
			res.Kept = append(res.Kept, o.path)
		}
	}
	return res, nil
}

func render(name string, data map[string]string) ([]byte, error) {
	src, err := files.ReadFile("files/" + name)
	if err != nil {
		return nil, fmt.Errorf("scaffold: %w", err)
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{"q": config.Quote}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("scaffold: %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("scaffold: %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// create writes a new file, reporting false when one is already there.
func create(path string, data []byte) (bool, error) {
	err := newfile.Write(path, data)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("scaffold: writing %s: %w", path, err)
	}
	return true, nil
}

// Version shapes a gazette version for the pipelines: releases are named
// by their tag (v1.2.3); a development build has no release to install.
func Version(v string) string {
	if strings.HasPrefix(v, "v") && !strings.Contains(v, "devel") {
		return v
	}
	return "v0.0.0"
}
