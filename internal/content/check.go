// Package content knows what an announcement is and checks a site's
// content before anything is built: front matter (TOML or YAML) and its
// fields, file encodings, translations, links, images and attachments.
// It reports every problem with the file, line and column and a message in
// the writer's language; it never writes anything.
package content

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// DefaultMaxAttachmentMB is the attachment size limit when Options leave
// it unset; it matches config's default.
const DefaultMaxAttachmentMB = 20

// Options tune a check. The zero value checks with the defaults: HTML not
// allowed, 20 MB attachments, the China Standard Time zone, now, English.
type Options struct {
	// Strict turns warnings (a missing translation, an image without alt
	// text, a skipped heading level...) into errors.
	Strict bool
	// AllowHTML is config's allowHTML: raw HTML in markdown is rendered.
	AllowHTML bool
	// MaxAttachmentMB is the largest attachment or linked file, in MiB.
	MaxAttachmentMB int
	// Location is the site time zone; dates without an offset are in it.
	Location *time.Location
	// BaseURL is where the site is published; links to it are checked as
	// links inside the site. Optional.
	BaseURL string
	// Now is the time publish and expiry dates are compared with.
	Now time.Time
	// Messages prints diagnostics in the writer's language.
	Messages *messages.Printer
	// Columns are the site's columns; nil means the three columns of a
	// site without [[columns]] (notices, news, policies).
	Columns []*config.Column
	// SitemapPage says the site has a site map page per language, which
	// links may lead to.
	SitemapPage bool
	// ConfigWarnings are config.toml's non-fatal problems, reported with
	// the content's.
	ConfigWarnings config.Errors
	// Freshness turns on the findings about whole columns that the 2019
	// inspection indicators count: empty columns, columns not updated
	// within their staleAfter, a home page not updated for two weeks.
	// `gazette check` turns it on: it is about the site at a moment, not
	// about what a build renders.
	Freshness bool
	// ReadFile reads a markdown file, named by its path on disk; nil
	// means os.ReadFile. A build hands in a reader it shares with Hugo,
	// so that each file is read from disk once.
	ReadFile func(name string) ([]byte, error)
}

// OptionsFromConfig returns the options a site's settings call for.
func OptionsFromConfig(cfg *config.Config) Options {
	return Options{
		AllowHTML:       cfg.AllowHTML,
		MaxAttachmentMB: cfg.MaxAttachmentMB,
		Location:        cfg.Location(),
		BaseURL:         cfg.BaseURL,
		Columns:         cfg.Columns,
		SitemapPage:     cfg.SitemapPage,
		ConfigWarnings:  cfg.Warnings,
	}
}

// page kinds, as Hugo names them.
const (
	kindHome    = "home"
	kindSection = "section"
	kindPage    = "page"
)

// page is one content file as check understands it: an announcement, a
// column's list page (_index.md) or a language's home page (_index.md).
type page struct {
	file    string // site-relative, slash-separated
	lang    string // "" when the file is not in a language folder
	kind    string
	section string // the top-level column: Hugo's section
	column  *config.Column
	path    string // Hugo's page path without the leading slash: "notices/x"
	dir     string // the folder its relative links and resources start from
	bundle  bool   // a leaf bundle: index.md with its resources beside it
	parsed  bool   // front matter decoded

	title, translationKey, id, slug, url string
	draft                                bool
	date, publishDate, expiryDate        time.Time

	// 信息公开 metadata and the documents an interpretation explains.
	indexNumber, validity   string
	writtenDate, validUntil time.Time
	interprets              []named

	fm   *frontMatter
	refs []ref // links and images in the text, resolved after all pages are read
}

// permalink returns the page's URL path on the site, as Hugo derives it
// with pretty, lower-cased URLs.
func (pg *page) permalink() string {
	clean := func(s string) string {
		return strings.ReplaceAll(strings.ToLower(s), " ", "-")
	}
	switch {
	case pg.kind == kindHome:
		return "/" + pg.lang + "/"
	case pg.url != "":
		u := pg.url
		if !strings.HasPrefix(u, "/") {
			u = "/" + pg.lang + "/" + u
		}
		if !strings.Contains(path.Base(u), ".") && !strings.HasSuffix(u, "/") {
			u += "/"
		}
		return u
	case pg.slug != "" && pg.kind == kindPage:
		return "/" + pg.lang + "/" + clean(path.Join(path.Dir(pg.path), pg.slug)) + "/"
	}
	return "/" + pg.lang + "/" + clean(pg.path) + "/"
}

// checker carries one run of Check.
type checker struct {
	site  string
	opts  Options
	p     *messages.Printer
	loc   *time.Location
	now   time.Time
	limit int64 // attachment limit in bytes

	diags []Diagnostic
	links *symlinks            // made when the first symbolic link under content/ is met
	files map[string]int64     // every file under content/, static/ and assets/, by site-relative path: its size
	mods  map[string]time.Time // the markdown files under content/: their modification times
	pages []*page
}

func (c *checker) report(file string, line, col int, sev Severity, code string, key messages.Key, args ...any) {
	c.diags = append(c.diags, Diagnostic{
		File: file, Line: line, Col: col, Severity: sev, Code: code,
		Message: c.p.Sprintf(key, args...),
	})
}

// Check validates the content of the site in siteDir and returns what it
// found, sorted by file and position. The error is for failures to read
// the site (a folder that cannot be listed, a file that cannot be read);
// problems with the content itself are diagnostics, and the content may be
// published when none of them is an error (see HasErrors).
func Check(siteDir string, opts Options) ([]Diagnostic, error) {
	return NewChecker(siteDir, opts).Check()
}

// Checker checks one site again and again, as the preview does after every
// save: a markdown file whose size and modification time are unchanged is
// not read again, its findings are reused. Only the checks across files
// (links, translations, duplicates) run over every page each time. Any
// change to the other files (attachments, images, a new or removed page)
// clears what it remembers, as those findings depend on them. A Checker
// is not safe for concurrent use.
type Checker struct {
	site string
	opts Options
	// layout fingerprints every file but the markdown files' sizes and
	// times; the remembered findings hold while it is the same.
	layout string
	files  map[string]fileResult
}

// fileResult is what checking one markdown file found.
type fileResult struct {
	size  int64
	mod   time.Time
	pages []*page
	diags []Diagnostic
}

// NewChecker returns a Checker for the site in siteDir.
func NewChecker(siteDir string, opts Options) *Checker {
	return &Checker{site: siteDir, opts: opts}
}

// Check checks the site as it is now; see the package function Check.
func (k *Checker) Check() ([]Diagnostic, error) {
	opts := k.opts
	if opts.Columns == nil {
		opts.Columns = config.DefaultColumns()
	}
	c := &checker{site: k.site, opts: opts, p: opts.Messages, loc: opts.Location, now: opts.Now}
	if c.p == nil {
		c.p = messages.New(messages.EN)
	}
	if c.loc == nil {
		c.loc = time.FixedZone("CST", 8*60*60)
	}
	if c.now.IsZero() {
		c.now = time.Now()
	}
	mb := opts.MaxAttachmentMB
	if mb <= 0 {
		mb = DefaultMaxAttachmentMB
	}
	c.limit = int64(mb) << 20

	if fi, err := os.Stat(filepath.Join(k.site, "content")); err != nil || !fi.IsDir() {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("content: %w", err)
		}
		c.report("content", 0, 0, Error, "no-content", messages.DiagNoContent)
		return c.finish(), nil
	}
	c.files, c.mods = map[string]int64{}, map[string]time.Time{}
	var md []string // in the order the folders list them
	for _, root := range []string{"content", "static", "assets"} {
		if err := c.index(root, &md); err != nil {
			return nil, err
		}
	}
	if layout := c.layout(); layout != k.layout {
		k.layout, k.files = layout, nil
	}
	fresh := map[string]fileResult{}
	var todo []string
	for _, file := range md {
		if r, ok := k.files[file]; ok && r.size == c.files[file] && r.mod.Equal(c.mods[file]) {
			fresh[file] = r
			continue
		}
		todo = append(todo, file)
	}
	results, err := c.checkFiles(todo)
	if err != nil {
		return nil, err
	}
	for i, file := range todo {
		results[i].size, results[i].mod = c.files[file], c.mods[file]
		fresh[file] = results[i]
	}
	k.files = fresh
	for _, file := range md {
		c.pages = append(c.pages, fresh[file].pages...)
		c.diags = append(c.diags, fresh[file].diags...)
	}
	c.checkLinks()
	c.checkTranslations()
	c.checkDuplicates()
	c.checkInterprets()
	if opts.Freshness {
		c.checkFreshness()
	}
	c.reportConfig()
	return c.finish(), nil
}

// layout fingerprints what the findings about one file may depend on
// besides the file itself: the names of all files, the sizes of all but
// the markdown files.
func (c *checker) layout() string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(c.files)) {
		if _, isMD := c.mods[name]; isMD {
			fmt.Fprintf(h, "%s\x00", name)
		} else {
			fmt.Fprintf(h, "%s\x00%d\x00", name, c.files[name])
		}
	}
	return string(h.Sum(nil))
}

// FilesChecked is the number of content files a check looks at, for the
// summary line; it counts the same files Check reads.
func FilesChecked(siteDir string) int {
	n := 0
	_ = filepath.WalkDir(filepath.Join(siteDir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if hidden(d.Name()) && p != filepath.Join(siteDir, "content") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && d.Type()&fs.ModeSymlink == 0 && isMarkdown(d.Name()) {
			n++
		}
		return nil
	})
	return n
}

func (c *checker) finish() []Diagnostic {
	if c.opts.Strict {
		for i := range c.diags {
			if c.diags[i].Severity == Warning {
				c.diags[i].Severity = Error
			}
		}
	}
	Sort(c.diags)
	return c.diags
}

// hidden names are editor and system droppings (.DS_Store, ~$lock files
// of Word) that are neither content nor published.
func hidden(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~")
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// index lists the files under root (a folder of the site), recording
// their sizes, and collects the markdown files under content/ with their
// modification times.
func (c *checker) index(root string, md *[]string) error {
	dir := filepath.Join(c.site, root)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		if p != dir && hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(c.site, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if root == "content" && d.Type()&fs.ModeSymlink != 0 && p != dir {
			// Neither read nor listed: the build skips it too (symlinks.go).
			if c.links == nil {
				if c.links, err = newSymlinks(c.site); err != nil {
					return err
				}
			}
			c.diags = append(c.diags, c.links.diagnose(p, rel, c.p))
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		c.files[rel] = info.Size()
		if root == "content" && isMarkdown(d.Name()) {
			*md = append(*md, rel)
			c.mods[rel] = info.ModTime()
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("content: listing %s: %w", root, err)
	}
	return nil
}

// bundleOf returns the folder of the leaf bundle file lies in (a folder
// with an index.md above it), or "" when it is in none.
func (c *checker) bundleOf(file string) string {
	for dir := path.Dir(file); strings.Count(dir, "/") >= 2; dir = path.Dir(dir) {
		for _, idx := range []string{"index.md", "index.markdown"} {
			if _, ok := c.files[dir+"/"+idx]; ok {
				return dir
			}
		}
	}
	return ""
}

// checkFiles checks each markdown file on its own, spread over the CPUs:
// a file's checks read only the shared file index. The results come back
// in the order of files, so they do not depend on timing.
func (c *checker) checkFiles(files []string) ([]fileResult, error) {
	results := make([]fileResult, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fc := *c
				fc.diags, fc.pages = nil, nil
				errs[i] = fc.checkFile(files[i])
				results[i] = fileResult{pages: fc.pages, diags: fc.diags}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return results, nil
}

// checkFile checks one markdown file under content/.
func (c *checker) checkFile(file string) error {
	base := path.Base(file)
	isIndex := strings.TrimSuffix(base, path.Ext(base)) == "index"
	bundle := c.bundleOf(file)
	if bundle != "" && !(isIndex && path.Dir(file) == bundle) {
		return nil // a page resource of a bundle, not a page
	}
	pg := c.place(file, isIndex)

	read := c.opts.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	data, err := read(filepath.Join(c.site, filepath.FromSlash(file)))
	if err != nil {
		return fmt.Errorf("content: %w", err)
	}
	c.pages = append(c.pages, pg)
	text, ok := c.checkText(file, data)
	if !ok {
		return nil
	}
	fm, ok := c.parseFrontMatter(file, text)
	if !ok {
		return nil
	}
	pg.parsed, pg.fm = true, fm
	c.checkFields(pg, fm)
	c.checkBody(pg, text, fm)
	return nil
}

// place works out where in the site file belongs from its folder: the
// language, column and page path, reporting files in the wrong place.
func (c *checker) place(file string, isIndex bool) *page {
	rel := strings.TrimPrefix(file, "content/")
	parts := strings.Split(rel, "/")
	pg := &page{file: file, kind: kindPage, dir: path.Dir(file)}
	name := strings.TrimSuffix(parts[len(parts)-1], path.Ext(parts[len(parts)-1]))
	if len(parts) == 1 {
		c.report(file, 1, 1, Error, "unknown-language", messages.DiagUnknownLanguage, "content")
		return pg
	}
	if !slices.Contains(config.Languages, parts[0]) {
		c.report(file, 1, 1, Error, "unknown-language", messages.DiagUnknownLanguage, parts[0])
		return pg
	}
	pg.lang = parts[0]
	inner := parts[1:]
	top, _ := c.columnAt(inner[0])
	switch {
	case len(inner) == 1 && name == "_index":
		pg.kind = kindHome
		return pg
	case len(inner) == 1:
		c.report(file, 1, 1, Error, "outside-column", messages.DiagOutsideColumn, pg.lang, c.columnList())
		pg.lang = ""
		return pg
	case top == nil:
		c.report(file, 1, 1, Error, "unknown-column", messages.DiagUnknownColumn, inner[0], c.columnList())
		pg.lang = ""
		return pg
	}
	col, rest := top, inner[1:]
	if len(inner) >= 3 {
		if sub, ok := c.columnAt(inner[0] + "/" + inner[1]); ok {
			col, rest = sub, inner[2:]
		}
	}
	pg.section, pg.column = top.Key, col
	// rest is what lies inside the column: a page, the column's own
	// _index, or a bundle's index; any other folder is no column.
	if len(rest) > 2 || (len(rest) == 2 && !isIndex) {
		c.report(file, 1, 1, Error, "folder-not-column", messages.DiagFolderNotColumn,
			path.Join("content", pg.lang, col.Path(), rest[0]), col.Path(), c.columnList())
		pg.lang = ""
		return pg
	}
	dirs := inner[:len(inner)-1]
	switch {
	case name == "_index":
		pg.kind = kindSection
		pg.path = strings.Join(dirs, "/")
	case isIndex:
		pg.bundle = true
		pg.path = strings.Join(dirs, "/")
	default:
		pg.path = strings.Join(append(slices.Clone(dirs), name), "/")
	}
	return pg
}

// columns returns the site's columns.
func (c *checker) columns() []*config.Column { return c.opts.Columns }

// columnAt returns the column whose folder is path.
func (c *checker) columnAt(path string) (*config.Column, bool) {
	for _, col := range c.columns() {
		if col.Path() == path {
			return col, true
		}
	}
	return nil, false
}

// columnList names every column folder, for messages.
func (c *checker) columnList() string {
	paths := make([]string, 0, len(c.columns()))
	for _, col := range c.columns() {
		paths = append(paths, col.Path())
	}
	return strings.Join(paths, ", ")
}
