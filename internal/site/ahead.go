package site

import (
	"bytes"
	"context"
	"os"
	pathpkg "path"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
)

// DefaultAheadAfter is when a Session starts rendering edited announcements
// ahead of the rebuild (see RenderAhead): once a build of the site has
// taken this long. Below it the rebuild itself is quicker than the detour.
const DefaultAheadAfter = 250 * time.Millisecond

// aheadPage is an edited announcement rendered ahead of the rebuild.
type aheadPage struct {
	file string // the content file
	url  string // the page's address, "/zh/notices/x/"
	name string // its output file, "zh/notices/x/index.html"
	data []byte // what was rendered ahead
}

// RenderAhead renders the announcements that events edited on their own,
// before Rebuild, and puts them into the output; it returns the names of
// the output files it replaced ("zh/notices/x/index.html"), or none when
// it does not apply.
//
// Why: on a large site, most of a rebuild is spent by Hugo asking every
// page whether the change concerns it (about 1.5 s at 10,000
// announcements), while the edited page itself renders in milliseconds.
// Here Hugo renders a small site instead: the site's own layouts,
// strings, assets and settings, but of the content only the edited pages,
// their translations, their neighbours in the column (the page links to
// them) and one page of each column (the navigation lists the columns).
// That page is the same as the full build's as long as the edit did not
// move it (a new date changes its neighbours): Rebuild then renders it
// again, as always, and reports in Report.AheadDiffered the pages whose
// bytes changed, so that the preview reloads them once more.
//
// It applies only to edits of existing announcements (markdown files
// written or saved over, none added or removed, no other file changed), after a
// good build that took at least Options.AheadAfter, and only when the
// small site renders every edited page at its current address.
func (s *Session) RenderAhead(ctx context.Context, events []fsnotify.Event) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.hugo == nil || s.failed || len(events) == 0 || ctx.Err() != nil {
		return nil
	}
	after := s.opts.AheadAfter
	if after == 0 {
		after = DefaultAheadAfter
	}
	if after < 0 || s.lastBuild < after {
		return nil
	}
	start := time.Now()
	edited, keep, ok := s.aheadSources(events)
	if !ok {
		return nil
	}
	scratch := newMemSite()
	h, err := s.openInMemory(s.cfg, scratch, hugoMode{only: keep, now: s.opts.Now})
	if err != nil {
		s.log.Debug("render ahead: opening the small site failed", "err", err)
		return nil
	}
	defer h.close()
	if err := h.build(hugolib.BuildCfg{}); err != nil {
		// The rebuild reports it, in full.
		s.log.Debug("render ahead: the small site failed", "err", err)
		return nil
	}
	var pages []aheadPage
	for _, ed := range edited {
		p := h.contentPage(ed.file)
		if p == nil || p.RelPermalink() != ed.url {
			return nil // a draft now, or a new address: leave it to the rebuild
		}
		name := outputName(ed.url)
		data, err := scratch.ReadFile(name)
		if err != nil {
			return nil
		}
		pages = append(pages, aheadPage{file: ed.file, url: ed.url, name: name, data: data})
	}
	out := s.out.Load()
	names := make([]string, len(pages))
	s.ahead = pages
	s.vmu.Lock()
	for i, a := range pages {
		out.put(a.name, bytes.Clone(a.data))
		names[i] = a.name
	}
	// Only these pages are current until the rebuild: any other page
	// waits for it (Visit).
	s.allFresh, s.fresh = false, s.aheadFresh()
	s.behind = make(chan struct{})
	s.vmu.Unlock()
	s.log.Debug("rendered ahead", "pages", names, "took", time.Since(start))
	return names
}

// editedPage is an announcement an edit touched, as the live site has it.
type editedPage struct {
	file string
	url  string
}

// aheadSources works out, for RenderAhead, which pages events edited and
// which content files a small site needs to render them as the full site
// does. ok is false when the events are not all edits of announcements.
func (s *Session) aheadSources(events []fsnotify.Event) (edited []editedPage, keep []string, ok bool) {
	add := func(p page.Page) {
		if p != nil && p.File() != nil && !slices.Contains(keep, p.File().Filename()) {
			keep = append(keep, p.File().Filename())
		}
	}
	for _, ev := range events {
		rel, in := s.rel(ev.Name)
		// Written in place, or (Create) saved by renaming a new file over
		// it: either way a page Hugo has (below) with new text.
		if !in || !strings.HasPrefix(rel, "content/") || !isMarkdown(rel) ||
			!(ev.Op.Has(fsnotify.Write) || ev.Op.Has(fsnotify.Create)) || ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
			return nil, nil, false
		}
		if fi, err := os.Stat(ev.Name); err != nil || !fi.Mode().IsRegular() {
			return nil, nil, false
		}
		p := s.hugo.contentPage(ev.Name)
		if p == nil || !p.IsPage() || !isColumn(s.cfg, p.Section()) {
			return nil, nil, false
		}
		edited = append(edited, editedPage{file: ev.Name, url: p.RelPermalink()})
		add(p)
		for _, t := range p.Translations() {
			add(t)
		}
		add(p.PrevInSection())
		add(p.NextInSection())
		for _, r := range s.hugo.interpretationLinks(p) {
			add(r)
		}
	}
	// Every column of every language keeps one page, so that the
	// navigation and the language toggle find them, and the home and
	// column pages keep their own files (titles, descriptions).
	for _, site := range s.hugo.sites.Sites {
		add(site.Home())
		for _, col := range s.cfg.ColumnPaths() {
			sec, err := site.GetPage("/" + col)
			if err != nil || sec == nil {
				continue
			}
			add(sec)
			if pages := sec.RegularPages(); len(pages) > 0 {
				add(pages[0])
			}
		}
	}
	return edited, keep, true
}

// interpretationLinks returns the pages p links to or from through
// `interprets`: the documents p interprets and the interpretations that
// name p. A document is named by its path ("policies/city/x") or, in a
// sub-column, by the sub-column's key and its name ("city/x").
func (h *hugoRun) interpretationLinks(p page.Page) []page.Page {
	var site page.Site
	for _, s := range h.sites.Sites {
		if s.Language().Lang == p.Lang() {
			site = s.Site()
		}
	}
	if site == nil {
		return nil
	}
	names := func(q page.Page) []string {
		path := strings.TrimPrefix(q.Path(), "/")
		n := []string{path}
		if sec := q.CurrentSection(); sec != nil {
			if col, ok := h.cfg.ColumnByPath(strings.TrimPrefix(sec.Path(), "/")); ok && col.Parent != "" {
				n = append(n, col.Key+"/"+pathpkg.Base(path))
			}
		}
		return n
	}
	var linked []page.Page
	for _, target := range interprets(p) {
		if d, _ := site.GetPage("/" + target); d != nil {
			linked = append(linked, d)
		} else if key, name, ok := strings.Cut(target, "/"); ok {
			if col, ok := h.cfg.Column(key); ok && col.Parent != "" {
				if d, _ := site.GetPage("/" + col.Path() + "/" + name); d != nil {
					linked = append(linked, d)
				}
			}
		}
	}
	mine := names(p)
	for _, q := range site.RegularPages() {
		for _, target := range interprets(q) {
			if slices.Contains(mine, target) {
				linked = append(linked, q)
				break
			}
		}
	}
	return linked
}

// interprets returns a page's `interprets` entries, normalised as the
// templates read them: lower-case, no ".md", no slashes at the ends.
func interprets(p page.Page) []string {
	v, ok := p.Params()["interprets"]
	if !ok {
		return nil
	}
	var out []string
	switch list := v.(type) {
	case []string:
		for _, x := range list {
			out = append(out, strings.Trim(strings.TrimSuffix(strings.ToLower(x), ".md"), "/"))
		}
	case []any:
		for _, x := range list {
			if s, ok := x.(string); ok {
				out = append(out, strings.Trim(strings.TrimSuffix(strings.ToLower(s), ".md"), "/"))
			}
		}
	}
	return out
}

// outputName is the output file of a page at url ("/zh/notices/x/").
func outputName(url string) string {
	name := strings.TrimPrefix(url, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name
}

// settleAhead, after a rebuild, compares the pages rendered ahead with
// what the rebuild made of them and forgets them. After a failed rebuild
// their files are handed to Hugo again with the next one, so that a page
// rendered ahead is never taken for the full build's.
func (s *Session) settleAhead(failed bool) (differed []string) {
	if failed {
		for _, a := range s.ahead {
			if !slices.Contains(s.failedFiles, a.file) {
				s.failedFiles = append(s.failedFiles, a.file)
			}
		}
	} else {
		out := s.out.Load()
		for _, a := range s.ahead {
			if now, err := out.ReadFile(a.name); err != nil || !bytes.Equal(now, a.data) {
				differed = append(differed, a.name)
			}
		}
	}
	s.ahead = nil
	s.vmu.Lock()
	if s.behind != nil {
		close(s.behind)
		s.behind = nil
	}
	s.vmu.Unlock()
	return differed
}

// aheadFresh is the pages rendered ahead, which stay current while the
// rebuild runs: requests for them need not wait for it.
func (s *Session) aheadFresh() map[string]bool {
	m := map[string]bool{}
	for _, a := range s.ahead {
		m[a.url] = true
	}
	return m
}
