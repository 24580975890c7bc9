package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// manifestPath is where the browse-count manifest is written in the output.
const manifestPath = "browsecount/manifest.json"

type manifestPage struct {
	ID   string `json:"id"`
	Lang string `json:"lang"`
	Path string `json:"path"`
}

// writeManifest lists every page that shows a browse count; the
// browsecount sidecar counts these ids and no others.
func writeManifest(dir string, pages []pageInfo) error {
	m := struct {
		Version int            `json:"version"`
		Pages   []manifestPage `json:"pages"`
	}{Version: 1, Pages: []manifestPage{}}
	seen := map[string]string{}
	for _, p := range pages {
		if other, dup := seen[p.id]; dup {
			return fmt.Errorf("%s: browse-count id %q is also used by %s; give one of them its own translationKey or id", p.file, p.id, other)
		}
		seen[p.id] = p.file
		m.Pages = append(m.Pages, manifestPage{ID: p.id, Lang: p.lang, Path: p.path})
	}
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	name := filepath.Join(dir, filepath.FromSlash(manifestPath))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("site: writing the browse-count manifest: %w", err)
	}
	return nil
}
