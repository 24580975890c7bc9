package site

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"gazette/internal/browsertest"
)

// TestHTMLValid checks every generated HTML page of the sample site with the
// W3C Nu HTML Checker: the minified output must be valid HTML.
func TestHTMLValid(t *testing.T) {
	dir := sampleSite(t)
	var pages []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".html") {
			pages = append(pages, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("the sample site has no .html page")
	}

	msgs := browsertest.VNU(t, pages...)
	for _, m := range msgs {
		if rel, err := filepath.Rel(dir, m.File); err == nil {
			m.File = filepath.ToSlash(rel)
		}
		t.Errorf("%s", m)
	}
	if len(msgs) > 0 {
		t.Logf("vnu: %d errors in %d pages checked", len(msgs), len(pages))
	}
}
