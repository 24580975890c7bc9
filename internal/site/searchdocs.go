package site

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gohugoio/hugo/resources/page"

	"gazette/internal/search"
)

// The site's side of search: after Hugo has rendered, each announcement's
// text goes to the search package, which writes the index files into the
// output (see docs/search.md). Only announcements are indexed: no list
// page, and nothing of a page's header, footer or tools.

// searchDocs are the announcements of one build for the index, per
// language, each keyed by its content file.
type searchDocs map[string]map[string]search.Doc

// searchDocs collects the announcements of the last build.
func (h *hugoRun) searchDocs() (searchDocs, map[string][]search.Column) {
	docs := searchDocs{}
	cols := map[string][]search.Column{}
	for _, s := range h.sites.Sites {
		lang := s.Language().Lang
		docs[lang] = map[string]search.Doc{}
		// Announcements of a sub-column belong to their top-level column
		// (their section), which the filter lists.
		for _, c := range h.cfg.Columns {
			if c.Parent != "" {
				continue
			}
			name := c.Name[lang]
			if name == "" {
				name = s.Translate(context.Background(), "column_"+c.Key, nil)
			}
			cols[lang] = append(cols[lang], search.Column{Key: c.Path(), Name: name})
		}
		var pages []page.Page
		for _, p := range s.RegularPages() {
			if isColumn(h.cfg, p.Section()) {
				pages = append(pages, p)
			}
		}
		// Hugo makes each page's plain text on demand, which costs about
		// as much as rendering it again: spread it over the cores, as
		// Hugo's rendering was.
		found := make([]search.Doc, len(pages))
		files := make([]string, len(pages))
		next := make(chan int)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := range next {
					found[i], files[i] = h.searchDoc(pages[i]), pageFile(pages[i], h.abs)
				}
			})
		}
		for i := range pages {
			next <- i
		}
		close(next)
		wg.Wait()
		for i, f := range files {
			docs[lang][f] = found[i]
		}
	}
	return docs, cols
}

// searchDoc is what the index needs of an announcement page.
func (h *hugoRun) searchDoc(p page.Page) search.Doc {
	d := search.Doc{
		URL:    p.RelPermalink(),
		Title:  p.Title(),
		Column: p.Section(),
		Date:   p.Date(),
	}
	var ok bool
	if d.Body, ok = h.texts.text(d.URL); !ok {
		d.Body = p.Plain(context.Background())
	}
	if h.loc != nil {
		d.Date = d.Date.In(h.loc)
	}
	params := p.Params()
	d.DocNumber, _ = params["docnumber"].(string)
	d.Source, _ = params["source"].(string)
	if list, ok := params["attachments"].([]any); ok {
		for _, a := range list {
			if m, ok := a.(map[string]any); ok {
				if t, ok := m["title"].(string); ok && t != "" {
					d.Attachments = append(d.Attachments, t)
				}
			}
		}
	}
	return d
}

// writeSearch adds each language's announcements to its index (kept in
// indexes, which remember analyses between calls) and hands every file of
// the indexes to put. The languages are indexed in parallel.
func writeSearch(indexes map[string]*search.Index, docs searchDocs, cols map[string][]search.Column, put func(search.File) error) error {
	langs := slices.Sorted(maps.Keys(docs))
	for _, lang := range langs {
		if indexes[lang] == nil {
			indexes[lang] = search.NewIndex(lang)
		}
	}
	// Each language's files are handed on as soon as its index is made,
	// so writing them overlaps the other language's indexing; put is
	// called by one goroutine at a time.
	var (
		mu    sync.Mutex
		seen  = map[string]bool{}
		first error
		wg    sync.WaitGroup
	)
	for _, lang := range langs {
		wg.Go(func() {
			ix := indexes[lang]
			for _, file := range slices.Sorted(maps.Keys(docs[lang])) {
				ix.Add(docs[lang][file])
			}
			files, err := ix.Files(cols[lang])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if first == nil {
					first = fmt.Errorf("site: search index: %w", err)
				}
				return
			}
			for _, f := range files {
				// Both languages write the shared fold table.
				if seen[f.Name] || first != nil {
					continue
				}
				seen[f.Name] = true
				first = put(f)
			}
		})
	}
	wg.Wait()
	return first
}

// isSearchFile reports whether rel is a file of the search index.
func isSearchFile(rel string) bool { return strings.HasPrefix(rel, search.Dir+"/") }

// writeSearchFiles writes the index files into the output folder dir,
// several at a time: at 10,000 announcements they are tens of thousands
// of small files.
func writeSearchFiles(docs searchDocs, cols map[string][]search.Column, dir string) (stats, error) {
	var (
		st    stats
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		work  = make(chan search.File)
	)
	dirs := &madeDirs{}
	for range 4 {
		wg.Go(func() {
			for f := range work {
				err := dirs.writeOut(dir, f.Name, f.Data)
				mu.Lock()
				st.add(stats{files: 1, before: int64(len(f.Data)), after: int64(len(f.Data))})
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	err := writeSearch(map[string]*search.Index{}, docs, cols, func(f search.File) error {
		work <- f
		return nil
	})
	close(work)
	wg.Wait()
	if err == nil {
		err = first
	}
	return st, err
}

// madeDirs remembers the folders already made: the index's files are
// tens of thousands in a few folders, and asking the system for each
// file's folder again cost more than writing some of them.
type madeDirs struct {
	mu   sync.Mutex
	made map[string]bool
}

func (m *madeDirs) writeOut(dir, rel string, data []byte) error {
	name := filepath.Join(dir, filepath.FromSlash(rel))
	parent := filepath.Dir(name)
	m.mu.Lock()
	made := m.made[parent]
	m.mu.Unlock()
	if !made {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return fmt.Errorf("site: %w", err)
		}
		m.mu.Lock()
		if m.made == nil {
			m.made = map[string]bool{}
		}
		m.made[parent] = true
		m.mu.Unlock()
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("site: writing %s: %w", rel, err)
	}
	return nil
}
