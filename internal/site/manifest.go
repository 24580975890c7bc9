package site

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"gazette/internal/manifest"
	"gazette/internal/redirect"
)

// manifestPath is where the browse-count manifest is written in the output.
const manifestPath = "browsecount/manifest.json"

// buildManifest lists every page that shows a browse count (the browsecount
// sidecar counts these ids and no others) and encodes it.
func buildManifest(pages []pageInfo) (manifest.Manifest, []byte, error) {
	m := manifest.Manifest{Version: manifest.Version}
	seen := map[string]string{}
	for _, p := range pages {
		// Checked here too, so the message names both content files.
		if other, dup := seen[p.id]; dup {
			return m, nil, fmt.Errorf("%s: browse-count id %q is also used by %s; give one of them its own translationKey or id", p.file, p.id, other)
		}
		seen[p.id] = p.file
		if err := manifest.ValidID(p.id); err != nil {
			return m, nil, fmt.Errorf("%s: %w", p.file, err)
		}
		m.Pages = append(m.Pages, manifest.Page{ID: p.id, Lang: p.lang, Path: p.path, Aliases: p.aliases})
	}
	var buf bytes.Buffer
	if err := manifest.Write(&buf, m); err != nil {
		// Name the content file: a bad or shared alias is the writer's to
		// fix.
		var pe *manifest.PageError
		if errors.As(err, &pe) {
			if file, ok := seen[pe.ID]; ok {
				return m, nil, fmt.Errorf("%s: %w", file, err)
			}
		}
		return m, nil, fmt.Errorf("site: %w", err)
	}
	return m, buf.Bytes(), nil
}

// writeManifest writes the manifest of pages into the output folder dir,
// and the redirect pages of their aliases. taken are the files the build
// wrote already: a redirect may not replace one.
func writeManifest(dir string, pages []pageInfo, baseURL string, taken map[string]bool) (files int, err error) {
	m, data, err := buildManifest(pages)
	if err != nil {
		return 0, err
	}
	redirects, err := redirectFiles(m, baseURL, pages, taken)
	if err != nil {
		return 0, err
	}
	for _, f := range redirects {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return 0, fmt.Errorf("site: %w", err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return 0, fmt.Errorf("site: writing the redirect page %s: %w", f.Name, err)
		}
	}
	name := filepath.Join(dir, filepath.FromSlash(manifestPath))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return 0, fmt.Errorf("site: %w", err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return 0, fmt.Errorf("site: writing the browse-count manifest: %w", err)
	}
	return len(redirects) + 1, nil
}

// redirectFiles returns the redirect pages of the manifest's aliases,
// refusing one that would replace a file of the site.
func redirectFiles(m manifest.Manifest, baseURL string, pages []pageInfo, taken map[string]bool) ([]redirect.File, error) {
	files := redirect.Files(m, baseURL)
	for _, f := range files {
		if taken[f.Name] || f.Name == manifestPath {
			file := ""
			for _, p := range pages {
				if slices.Contains(p.aliases, f.Alias) {
					file = p.file
				}
			}
			return nil, fmt.Errorf("%s: the alias %q would replace %s, a file of the site; remove it from aliases", file, f.Alias, f.Name)
		}
	}
	return files, nil
}
