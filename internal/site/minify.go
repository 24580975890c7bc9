package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"gazette/internal/theme"
)

// mediaTypes maps the extensions Gazette minifies to their minifier.
var mediaTypes = map[string]string{
	".html": "text/html",
	".htm":  "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".json": "application/json",
	".xml":  "text/xml",
	".svg":  "image/svg+xml",
}

// fingerprinted matches asset names carrying a content hash, like
// site.<64 hex>.css. The layouts minify those before hashing, because the
// hash and the Subresource Integrity value must describe the bytes served;
// minifying them again would break both.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{64}\.[a-z]+$`)

// newMinifier uses the same settings as Hugo's defaults, so a page minified
// here is byte-for-byte what `hugo --minify` would give.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepSpecialComments: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	m.Add("text/css", &css.Minifier{})
	m.Add("application/javascript", &js.Minifier{Version: 2022})
	m.Add("application/json", &json.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{KeepNamespaces: []string{"", "x-bind"}})
	m.Add("text/xml", &xml.Minifier{})
	return m
}

// stats counts what was written.
type stats struct {
	files         int
	before, after int64
}

func (s *stats) add(o stats) {
	s.files += o.files
	s.before += o.before
	s.after += o.after
}

// file is a static file waiting to be minified and written.
type file struct {
	rel  string // slash-separated, relative to the output root
	read func() ([]byte, error)
}

// listStatic lists the static files of the site in siteDir: the theme's,
// then the site's own static/ folder, whose files replace the theme's of
// the same name. Hugo's Build leaves copying them to its caller.
func listStatic(siteDir string) ([]file, error) {
	byName := map[string]file{}
	themeFS := theme.FS()
	err := fs.WalkDir(themeFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		byName[strings.TrimPrefix(p, "static/")] = file{rel: strings.TrimPrefix(p, "static/"),
			read: func() ([]byte, error) { return fs.ReadFile(themeFS, p) }}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site: reading the theme's static files: %w", err)
	}
	staticDir := filepath.Join(siteDir, "static")
	err = filepath.WalkDir(staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == staticDir {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(staticDir, p)
		rel = filepath.ToSlash(rel)
		byName[rel] = file{rel: rel, read: func() ([]byte, error) { return os.ReadFile(p) }}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site: reading static files: %w", err)
	}
	files := make([]file, 0, len(byName))
	for _, name := range slices.Sorted(maps.Keys(byName)) {
		files = append(files, byName[name])
	}
	return files, nil
}

// writeFiles minifies and writes files on all cores.
func writeFiles(ctx context.Context, files []file, dest string) (stats, error) {
	m := newMinifier()
	var (
		mu    sync.Mutex
		total stats
		first error
		wg    sync.WaitGroup
	)
	work := make(chan file)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for f := range work {
				st, err := writeFile(m, &buf, f, dest)
				mu.Lock()
				total.add(st)
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		work <- f
	}
	close(work)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return total, first
}

func writeFile(m *minify.M, buf *bytes.Buffer, f file, dest string) (stats, error) {
	data, err := f.read()
	if err != nil {
		return stats{}, fmt.Errorf("site: reading %s: %w", f.rel, err)
	}
	data, st, err := minifyFile(m, buf, f.rel, data)
	if err != nil {
		return stats{}, err
	}
	name := filepath.Join(dest, filepath.FromSlash(f.rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return stats{}, fmt.Errorf("site: %w", err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return stats{}, fmt.Errorf("site: writing %s: %w", f.rel, err)
	}
	return st, nil
}

// minifyFile minifies data by the media type of its name into buf and
// returns the bytes to write. Files that are not minifiable, and
// fingerprinted assets, come back unchanged.
func minifyFile(m *minify.M, buf *bytes.Buffer, rel string, data []byte) ([]byte, stats, error) {
	st := stats{files: 1, before: int64(len(data)), after: int64(len(data))}
	mt, ok := mediaTypes[strings.ToLower(path.Ext(rel))]
	if !ok || fingerprinted.MatchString(rel) {
		return data, st, nil
	}
	buf.Reset()
	// A reader with Bytes() is parsed in place; any other is first copied
	// whole into a growing buffer, for every page of the site.
	if err := m.Minify(mt, buf, bytes.NewBuffer(data)); err != nil {
		return nil, stats{}, fmt.Errorf("site: minifying %s: %w", rel, err)
	}
	st.after = int64(buf.Len())
	return buf.Bytes(), st, nil
}
