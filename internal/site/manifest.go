package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gazette/internal/manifest"
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
		m.Pages = append(m.Pages, manifest.Page{ID: p.id, Lang: p.lang, Path: p.path})
	}
	var buf bytes.Buffer
	if err := manifest.Write(&buf, m); err != nil {
		return m, nil, fmt.Errorf("site: %w", err)
	}
	return m, buf.Bytes(), nil
}

// writeManifest writes the manifest of pages into the output folder dir.
func writeManifest(dir string, pages []pageInfo) error {
	_, data, err := buildManifest(pages)
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
