// Package theme is Gazette's default theme, compiled into the binary: the
// layouts, strings (i18n), CSS, JavaScript and static files every site
// starts from. A site overrides the theme one file at a time by putting a
// file at the same path in its own layouts/, i18n/, assets/ or static/
// folder (for i18n, single keys: Hugo merges a site's strings over the
// theme's). Upgrading gazette upgrades every file a site did not override.
package theme

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gazette/internal/newfile"
)

// The "all:" prefix keeps folders such as layouts/_partials, whose names
// start with an underscore and which embed would otherwise leave out.
//
//go:embed all:layouts all:i18n all:assets all:static all:content
var files embed.FS

// Dirs are the folders the theme provides, in the order Hugo's own
// documentation lists them. A site's folder of the same name overrides
// the theme's file by file.
var Dirs = []string{"layouts", "i18n", "assets", "static"}

// Name is the theme's name in the Hugo configuration Gazette writes.
const Name = "gazette"

// FS returns the theme's files, rooted at the folder holding Dirs.
func FS() fs.FS { return files }

// Files lists every theme file as a slash-separated path such as
// "layouts/baseof.html", sorted.
func Files() []string {
	var names []string
	_ = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	return names
}

// WriteTo writes the whole theme under dir, creating it. Gazette hands
// the result to Hugo as a theme folder.
func WriteTo(dir string) error {
	for _, name := range Files() {
		data, err := files.ReadFile(name)
		if err != nil {
			return fmt.Errorf("theme: reading %s: %w", name, err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
	}
	return nil
}

// Exported says what Export did with each theme file it was asked for.
type Exported struct {
	// Written are the files copied into the site, site-relative and
	// slash-separated.
	Written []string
	// Kept are the files the site already had: Export never overwrites
	// them, so the site's own version stays.
	Kept []string
}

// Export copies theme files into siteDir for editing: all of them when
// names is empty, else the named ones. A name is a file ("layouts/baseof.html")
// or a folder ("layouts/_partials") of the theme; a name the theme does
// not have is an error, and then nothing is written. A file the site
// already has is never overwritten.
func Export(siteDir string, names []string) (*Exported, error) {
	all := Files()
	want := all
	if len(names) > 0 {
		want = nil
		seen := map[string]bool{}
		var unknown []string
		for _, n := range names {
			n = strings.Trim(path.Clean(filepath.ToSlash(n)), "/")
			matched := false
			for _, f := range all {
				if f == n || strings.HasPrefix(f, n+"/") || n == "." {
					matched = true
					if !seen[f] {
						seen[f] = true
						want = append(want, f)
					}
				}
			}
			if !matched {
				unknown = append(unknown, n)
			}
		}
		if len(unknown) > 0 {
			return nil, fmt.Errorf("theme: no theme file or folder named %s (the theme has %s)",
				strings.Join(quoteAll(unknown), ", "), strings.Join(Dirs, "/, ")+"/")
		}
		sort.Strings(want)
	}
	res := &Exported{}
	for _, name := range want {
		data, err := files.ReadFile(name)
		if err != nil {
			return res, fmt.Errorf("theme: reading %s: %w", name, err)
		}
		dst := filepath.Join(siteDir, filepath.FromSlash(name))
		err = newfile.Write(dst, data)
		if errors.Is(err, fs.ErrExist) {
			res.Kept = append(res.Kept, name)
			continue
		}
		if err != nil {
			return res, fmt.Errorf("theme: writing %s: %w", dst, err)
		}
		res.Written = append(res.Written, name)
	}
	return res, nil
}

func quoteAll(s []string) []string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return q
}
