package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	toml "github.com/pelletier/go-toml/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"gazette/internal/messages"
)

// PagesOptions configure an import of an old site's pages.
type PagesOptions struct {
	Options
	// From is a folder of saved pages or an http(s) URL to start a crawl at.
	From string
	// BaseURL is the old site's address, for a folder: the folder's files
	// are the site's paths under it. Optional (see docs/import.md).
	BaseURL string
	// Selectors find the parts of pages that carry no gov meta tags.
	Selectors Selectors
	// Concurrency is how many requests run at once; 4 when 0.
	Concurrency int
	// Timeout bounds each request; 30 s when 0.
	Timeout time.Duration
	// MaxPages bounds a crawl; 10,000 when 0.
	MaxPages int
	// Client makes the requests; a plain http.Client when nil.
	Client *http.Client
}

// UserAgent is how the importer names itself to the old site, and the
// name robots.txt rules for it are looked up by.
const UserAgent = "gazette-import/1"

// ImportPages imports the article pages of an old site into the site
// folder and reports what it did. The error is for what stops the whole
// run (a bad option, an unreadable folder); problems with single pages
// are in the report, and the other pages are imported all the same.
func ImportPages(ctx context.Context, opts PagesOptions) (*Report, error) {
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.MaxPages <= 0 {
		opts.MaxPages = 10000
	}
	if opts.Client == nil {
		opts.Client = &http.Client{}
	}
	if opts.Column != "" {
		if _, err := columnDir(opts.Config, opts.Column); err != nil {
			return nil, err
		}
	}
	sel, err := compileSelectors(opts.Selectors)
	if err != nil {
		return nil, err
	}
	rep := &Report{DryRun: opts.DryRun}
	var got []*candidate
	var mu sync.Mutex
	pagesSeen := 0
	handle := func(f *fetched, doc *html.Node) {
		c, ignore, skip := extract(doc, f, sel, &opts)
		mu.Lock()
		defer mu.Unlock()
		pagesSeen++
		switch {
		case skip != nil:
			rep.Skipped = append(rep.Skipped, Item{Input: f.url.String(), Err: skip})
		case ignore != nil:
			rep.Ignored = append(rep.Ignored, Item{Input: f.url.String(), Err: ignore})
		default:
			got = append(got, c)
		}
		opts.progress(messages.ImportProgress, pagesSeen, len(got))
	}
	var fetch fetcher
	if u, err := url.Parse(opts.From); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		hf, err := newHTTPFetcher(ctx, opts.Client, u, UserAgent, opts.Timeout)
		if err != nil {
			return nil, err
		}
		fetch = hf
		failed, ignored := crawl(ctx, hf, u, &opts, handle)
		rep.Skipped = append(rep.Skipped, failed...)
		rep.Ignored = append(rep.Ignored, ignored...)
	} else {
		fi, err := os.Stat(opts.From)
		if err != nil || !fi.IsDir() {
			return nil, problem(messages.ImportBadFrom, opts.From)
		}
		base, err := folderBase(opts.From, opts.BaseURL)
		if err != nil {
			return nil, err
		}
		ff := &folderFetcher{root: opts.From, base: base}
		fetch = ff
		if err := walkFolder(ctx, ff, handle, rep); err != nil {
			return nil, err
		}
	}
	opts.progressDone()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	imp := &pageImport{opts: &opts, fetch: fetch, rep: rep, conv: newConverter()}
	imp.run(ctx, got)
	sortItems(rep)
	return rep, nil
}

func (o *Options) progress(key messages.Key, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, "\r%s\x1b[K", o.Messages.Sprintf(key, args...))
	}
}

func (o *Options) progressDone() {
	if o.Progress != nil {
		fmt.Fprint(o.Progress, "\r\x1b[K")
	}
}

// pageExts are the file names a crawl follows as pages: links to other
// files are fetched only when an article links to them.
var pageExts = []string{"", ".html", ".htm", ".shtml", ".jhtml", ".xhtml", ".php", ".asp", ".aspx", ".jsp", ".do"}

func isPageLink(u *url.URL) bool {
	return slices.Contains(pageExts, strings.ToLower(path.Ext(u.Path)))
}

// crawl fetches the pages of start's host that links lead to, level by
// level from start, at most opts.Concurrency at a time, and hands each
// HTML page to handle. It returns the pages it could not fetch, and
// those it left alone because they redirect where robots.txt disallows.
func crawl(ctx context.Context, f *httpFetcher, start *url.URL, opts *PagesOptions, handle func(*fetched, *html.Node)) (failed, ignored []Item) {
	var mu sync.Mutex
	seen := map[string]bool{normURL(start): true}
	level := []*url.URL{start}
	fetchedPages := 0
	for len(level) > 0 && ctx.Err() == nil {
		var next []*url.URL
		sem := make(chan struct{}, opts.Concurrency)
		var wg sync.WaitGroup
		for _, u := range level {
			if fetchedPages >= opts.MaxPages {
				break
			}
			fetchedPages++
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				r, err := f.fetch(ctx, u)
				if err != nil {
					mu.Lock()
					defer mu.Unlock()
					switch problemKey(err) {
					case messages.ImportRobots:
						// The site asked not to; not a failure.
					case messages.ImportRobotsRedirect:
						ignored = append(ignored, Item{Input: u.String(), Err: err})
					default:
						failed = append(failed, Item{Input: u.String(), Err: err})
					}
					return
				}
				if mt, _, _ := mime.ParseMediaType(r.contentType); mt != "text/html" && mt != "application/xhtml+xml" {
					return
				}
				doc, err := decodeHTML(r.body, r.contentType)
				if err != nil {
					mu.Lock()
					failed = append(failed, Item{Input: u.String(), Err: problem(messages.ImportUndecodable, u.String(), err)})
					mu.Unlock()
					return
				}
				links := pageLinks(doc, r.url)
				mu.Lock()
				for _, l := range links {
					if k := normURL(l); !seen[k] {
						seen[k] = true
						next = append(next, l)
					}
				}
				mu.Unlock()
				handle(r, doc)
			}()
		}
		wg.Wait()
		sort.Slice(next, func(i, j int) bool { return next[i].String() < next[j].String() })
		level = next
	}
	return failed, ignored
}

// pageLinks returns the links of a page to other pages on the same host.
func pageLinks(doc *html.Node, base *url.URL) []*url.URL {
	var out []*url.URL
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.A {
			continue
		}
		u, err := base.Parse(strings.TrimSpace(attr(n, "href")))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, base.Host) || !isPageLink(u) {
			continue
		}
		u.Fragment = ""
		out = append(out, u)
	}
	return out
}

// walkFolder hands every saved page of a folder to handle, in name order.
func walkFolder(ctx context.Context, f *folderFetcher, handle func(*fetched, *html.Node), rep *Report) error {
	var names []string
	err := filepath.WalkDir(f.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != f.root {
			return filepath.SkipDir
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".html", ".htm", ".shtml", ".xhtml", ".jhtml":
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return problem(messages.ImportReadFailed, f.root, err)
	}
	for _, p := range names {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, _ := filepath.Rel(f.root, p)
		u := f.pageURL(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			rep.Skipped = append(rep.Skipped, Item{Input: p, Err: problem(messages.ImportReadFailed, p, err)})
			continue
		}
		doc, err := decodeHTML(data, "")
		if err != nil {
			rep.Skipped = append(rep.Skipped, Item{Input: p, Err: problem(messages.ImportUndecodable, p, err)})
			continue
		}
		handle(&fetched{url: u, body: data}, doc)
	}
	return nil
}

func sortItems(rep *Report) {
	for _, list := range [][]Item{rep.Imported, rep.Existing, rep.Skipped, rep.Ignored, rep.Warnings} {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Input < list[j].Input })
	}
}

// pageImport turns the articles read from the old site into announcements.
type pageImport struct {
	opts  *PagesOptions
	fetch fetcher
	rep   *Report
	// newPaths maps an article's old URL (normalised) to its new path, for
	// rewriting links between imported articles.
	newPaths map[string]string
	// conv converts every article's text; it is safe for concurrent use,
	// and setting up its plugins once is cheaper than per article.
	conv *converter.Converter
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slugOf derives an announcement's name from its old URL: the file name
// without extension (or the folder's name for an index page), in
// lower-case letters, digits and hyphens. A name with none of those (a
// Chinese file name) becomes "page-" and a short hash of the URL.
func slugOf(u *url.URL) string {
	p := strings.TrimSuffix(u.Path, "/")
	base := path.Base(p)
	if stem := strings.TrimSuffix(base, path.Ext(base)); stem == "index" || stem == "default" || stem == "" {
		base = path.Base(path.Dir(p))
	}
	base = strings.TrimSuffix(base, path.Ext(base))
	if u.RawQuery != "" {
		base += "-" + u.RawQuery
	}
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(base), "-"), "-")
	if s == "" || s == "." {
		sum := sha256.Sum256([]byte(normURL(u)))
		s = "page-" + hex.EncodeToString(sum[:4])
	}
	if len(s) > 80 {
		s = strings.Trim(s[:80], "-")
	}
	return s
}

// oldPath is the old URL's path, which becomes the announcement's alias
// when it can be one (see aliasOf).
func oldPath(u *url.URL) string {
	if u.Path == "" {
		return "/"
	}
	return u.Path
}

// settle picks the name of an announcement: base, or base-2, base-3… when
// base is taken by another announcement (one not imported from old) or
// by another article of this run. exists is the file of an announcement
// imported from the same old page by an earlier run.
func settle(site, lang, dir, base string, old *url.URL, used map[string]bool) (name, exists string) {
	for i := 1; i <= 50; i++ {
		name = base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		key := lang + "/" + dir + "/" + name
		if used[key] {
			continue
		}
		t := taken(site, lang, dir, name)
		if t == "" {
			used[key] = true
			return name, ""
		}
		if importedFrom(filepath.Join(site, filepath.FromSlash(strings.TrimSuffix(t, "/"))), old) {
			used[key] = true
			return name, t
		}
	}
	return "", ""
}

// importedFrom reports whether the announcement file (or bundle folder) at
// name was imported from the old page at old: its importedFrom field
// names the same path and query, or, in a file without the field, its
// aliases hold old's path. Only importedFrom tells apart addresses that
// differ by their query alone, which get no alias. The scheme and host
// are left aside, as aliases leave them: a saved copy (whose host may be
// a placeholder) and the live site are the same old site.
func importedFrom(name string, old *url.URL) bool {
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		name = filepath.Join(name, "index.md")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	fm, ok := strings.CutPrefix(string(data), "+++\n")
	if !ok {
		return false
	}
	fm, _, ok = strings.Cut(fm, "\n+++")
	var f struct {
		Aliases      []string `toml:"aliases"`
		ImportedFrom string   `toml:"importedFrom"`
	}
	if !ok || toml.Unmarshal([]byte(fm), &f) != nil {
		return false
	}
	if f.ImportedFrom != "" {
		u, err := url.Parse(f.ImportedFrom)
		return err == nil && u.EscapedPath() == old.EscapedPath() && u.RawQuery == old.RawQuery
	}
	alias, err := aliasOf(old)
	return err == nil && slices.Contains(f.Aliases, alias)
}

type planned struct {
	c      *candidate
	dir    string
	exists string
}

func (imp *pageImport) run(ctx context.Context, got []*candidate) {
	opts := imp.opts
	sort.Slice(got, func(i, j int) bool { return normURL(got[i].url) < normURL(got[j].url) })
	// One article per old address: a page reached twice (a saved copy and
	// its redirect) is imported once.
	byURL := map[string]*candidate{}
	var list []*candidate
	for _, c := range got {
		k := normURL(c.url)
		if byURL[k] == nil {
			byURL[k] = c
			list = append(list, c)
		}
	}
	// Pair zh and en pages that name each other (either way).
	partner := map[*candidate]*candidate{}
	for _, c := range list {
		if c.lang != "zh" || partner[c] != nil {
			continue
		}
		for _, o := range list {
			if o.lang != "en" || partner[o] != nil {
				continue
			}
			if slices.Contains(c.alternates, normURL(o.url)) || slices.Contains(o.alternates, normURL(c.url)) {
				partner[c], partner[o] = o, c
				break
			}
		}
	}
	// Names: a pair shares the Chinese page's name, its translationKey.
	used := map[string]bool{}
	var plan []planned
	imp.newPaths = map[string]string{}
	for _, c := range list {
		if p := partner[c]; p != nil && c.lang == "en" {
			continue // named with its Chinese partner below
		}
		dir, _ := columnDir(opts.Config, c.column)
		name, exists := settle(opts.Site, c.lang, dir, slugOf(c.url), c.url, used)
		if name == "" {
			imp.rep.Skipped = append(imp.rep.Skipped, Item{Input: c.url.String(), Err: problem(messages.ImportNoName, c.url.String())})
			continue
		}
		c.name = name
		plan = append(plan, planned{c, dir, exists})
		if p := partner[c]; p != nil {
			pdir, _ := columnDir(opts.Config, p.column)
			pname, pexists := name, ""
			key := p.lang + "/" + pdir + "/" + name
			t := taken(opts.Site, p.lang, pdir, name)
			switch {
			case !used[key] && t == "":
				used[key] = true
			case !used[key] && importedFrom(filepath.Join(opts.Site, filepath.FromSlash(strings.TrimSuffix(t, "/"))), p.url):
				used[key], pexists = true, t
			default:
				pname, pexists = settle(opts.Site, p.lang, pdir, name, p.url, used)
			}
			if pname == "" {
				imp.rep.Skipped = append(imp.rep.Skipped, Item{Input: p.url.String(), Err: problem(messages.ImportNoName, p.url.String())})
				continue
			}
			p.name = pname
			c.fields.TranslationKey, p.fields.TranslationKey = name, name
			plan = append(plan, planned{p, pdir, pexists})
		}
	}
	for _, pl := range plan {
		imp.newPaths[normURL(pl.c.url)] = "/" + pl.c.lang + "/" + pl.dir + "/" + pl.c.name + "/"
	}

	type result struct {
		item     Item
		exists   bool
		warnings []Item
	}
	results := make([]result, len(plan))
	sem := make(chan struct{}, opts.Concurrency)
	var wg sync.WaitGroup
	for i, pl := range plan {
		if pl.exists != "" {
			results[i] = result{item: Item{Input: pl.c.url.String(), Files: []string{pl.exists}}, exists: true}
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			a, warns := imp.announcement(ctx, pl.c)
			r := result{item: Item{Input: pl.c.url.String()}}
			for _, w := range warns {
				r.warnings = append(r.warnings, Item{Input: pl.c.url.String(), Err: w})
			}
			files, err := write(opts.Site, a, pl.dir, opts.DryRun)
			switch {
			case errors.Is(err, errExists):
				r.item.Files, r.exists = files, true
			case err != nil:
				r.item.Err = err
			default:
				r.item.Files = files
			}
			results[i] = r
		}()
	}
	wg.Wait()
	for _, r := range results {
		switch {
		case r.exists:
			imp.rep.Existing = append(imp.rep.Existing, r.item)
		case r.item.Err != nil:
			imp.rep.Skipped = append(imp.rep.Skipped, r.item)
		default:
			imp.rep.Imported = append(imp.rep.Imported, r.item)
			imp.rep.Warnings = append(imp.rep.Warnings, r.warnings...)
		}
	}
}
