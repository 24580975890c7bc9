package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/hugolib"

	"gazette/internal/config"
	"gazette/internal/content"
	"gazette/internal/manifest"
	"gazette/internal/redirect"
	"gazette/internal/search"
	"gazette/internal/theme"
)

// visitedPages is how many recently visited pages a Session keeps current
// after each change, as Hugo's own server does (its default is 20).
const visitedPages = 20

// Session keeps a site's Hugo build alive between changes, for the
// preview. A change re-renders only what it touches: the changed pages and
// the pages visited recently, while the rest are re-rendered when they are
// next visited (see Visit). The output is minified like a build's and held
// in memory (see FS); nothing is written to disk.
//
// A Session runs one build at a time; its methods may be called from any
// goroutine.
type Session struct {
	source string
	abs    string
	opts   Options
	log    *slog.Logger

	mu   sync.Mutex // held while Hugo builds
	cfg  *config.Config
	hugo *hugoRun // nil when the site must be opened again (config changed, opening failed)
	// out is the output being served; a full build replaces it whole.
	out     atomic.Pointer[memSite]
	static  []string // names of the static files in out
	visited *types.EvictingQueue[string]
	// fresh holds the pages current since the last change: those Hugo
	// re-rendered with it and those rendered on a visit since. allFresh
	// is set after a full build, when every page is current. vmu guards
	// both, so that a visit to a current page waits for no build.
	vmu      sync.Mutex
	fresh    map[string]bool
	allFresh bool
	// failedFiles are the files Hugo's last error named; like Hugo's server,
	// the next build hands them to Hugo again so it re-reads them.
	failedFiles []string
	failed      bool
	closed      bool
	manifest    manifest.Manifest
	pages       map[string]int
	warnings    []string
	// checkDiags are the findings of the last content checks.
	checkDiags []content.Diagnostic
	// rendered is what the last build rendered, for patch.
	rendered  *rendered
	checkTook time.Duration
	checker   *content.Checker // remembers the findings of unchanged files
	// lastBuild is how long the last build took Hugo, to decide whether
	// rendering ahead pays (see RenderAhead).
	lastBuild time.Duration
	// ahead are the pages RenderAhead put into the output for the next
	// Rebuild to settle.
	ahead []aheadPage
	// behind, guarded by vmu, is closed when the Rebuild that follows
	// RenderAhead has settled its pages; nil when none is pending.
	behind chan struct{}
	// redirects are the redirect pages of aliases in out.
	redirects []string
	// indexes are the search indexes per language, which remember the
	// analyses of unchanged announcements; searchFiles names their files
	// in the output.
	indexes     map[string]*search.Index
	searchFiles map[string]bool
}

// Open builds the site in opts.Source (opts.Dest is not used: the output
// stays in memory) and returns the Session, with the report of the first
// build or its error. Even when the first build fails the Session is
// returned, ready for Rebuild once the files are fixed; the error is nil
// only for a good build. Close the Session when done.
func Open(ctx context.Context, opts Options) (*Session, *Report, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	abs, err := filepath.Abs(opts.Source)
	if err != nil {
		return nil, nil, fmt.Errorf("site: %w", err)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Session{source: opts.Source, abs: abs, opts: opts, log: log}
	s.out.Store(newMemSite())
	s.mu.Lock()
	defer s.mu.Unlock()
	rep, err := s.reopen(ctx)
	return s, rep, err
}

// FS is the output of the last builds: every page, feed, asset and static
// file, minified. Files change as builds finish; each file is replaced
// whole.
func (s *Session) FS() fs.FS { return sessionFS{s} }

// sessionFS reads whichever output the session serves at the moment.
type sessionFS struct{ s *Session }

func (f sessionFS) Open(name string) (fs.File, error)          { return f.s.out.Load().Open(name) }
func (f sessionFS) Stat(name string) (fs.FileInfo, error)      { return f.s.out.Load().Stat(name) }
func (f sessionFS) ReadFile(name string) ([]byte, error)       { return f.s.out.Load().ReadFile(name) }
func (f sessionFS) ReadDir(name string) ([]fs.DirEntry, error) { return f.s.out.Load().ReadDir(name) }

// Manifest lists the pages of the last good build that show a browse count.
func (s *Session) Manifest() manifest.Manifest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.manifest
}

// BaseURL is the site's configured address as of the last build that read
// config.toml, or "" before one succeeded.
func (s *Session) BaseURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg == nil {
		return ""
	}
	return s.cfg.BaseURL
}

// Close releases Hugo's sites; the FS stays readable.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.settleAhead(true)
	if s.hugo != nil {
		s.hugo.close()
		s.hugo = nil
	}
	return nil
}

// Rebuild brings the output up to date with the files changed (fsnotify
// events, as a watcher reports them). Content, layouts, strings and assets
// are Hugo's to rebuild in part; static files are copied again; a change
// of config.toml, a file removed or renamed away, or a site whose last
// opening failed cost a full build. On error the output keeps what it had,
// and the error says which file to fix.
func (s *Session) Rebuild(ctx context.Context, events []fsnotify.Event) (*Report, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errClosed
	}
	if s.hugo == nil || s.needsReopen(events) {
		rep, err := s.reopen(ctx)
		differed := s.settleAhead(err != nil)
		if rep != nil {
			rep.AheadDiffered = differed
		}
		return rep, err
	}
	start := time.Now()
	var hugoEvents []fsnotify.Event
	staticChanged := false
	for _, ev := range events {
		if rel, ok := s.rel(ev.Name); ok && (rel == "static" || strings.HasPrefix(rel, "static/")) {
			staticChanged = true
			continue
		}
		hugoEvents = append(hugoEvents, ev)
	}
	if len(hugoEvents) == 0 && !staticChanged && !s.failed {
		s.settleAhead(false)
		return s.report(start, 0), nil
	}
	for _, f := range s.failedFiles {
		hugoEvents = append(hugoEvents, fsnotify.Event{Name: f, Op: fsnotify.Write})
	}

	checked := s.startCheck()
	var err error
	if len(hugoEvents) > 0 {
		// Pages rendered ahead stay current while Hugo runs; any other page
		// waits for it.
		s.setFresh(false, s.aheadFresh())
		err = s.build(hugolib.BuildCfg{RecentlyTouched: s.visited, ErrRecovery: s.failed}, hugoEvents...)
		if err == nil {
			// Hugo re-rendered the recently visited pages the change made
			// stale, and the changed pages themselves, which it adds.
			s.setFresh(false, s.visited.PeekAllSet())
		}
	}
	hugoDone := time.Now()
	if len(hugoEvents) > 0 {
		s.lastBuild = hugoDone.Sub(start)
	}
	if cerr := checked(); cerr != nil {
		err = cerr // the checks name the file and line in the writer's terms
	}
	checkDone := time.Now()
	out := s.out.Load()
	if err == nil && (staticChanged || s.failed) {
		err = s.copyStatic(out)
	}
	if err == nil {
		err = s.finish(out, events)
	}
	s.log.Debug("rebuilt", "hugo", hugoDone.Sub(start), "checks", s.checkTook, "waited for checks", checkDone.Sub(hugoDone), "rest", time.Since(checkDone))
	differed := s.settleAhead(err != nil)
	if err != nil {
		s.failed = true
		return nil, err
	}
	s.failed = false
	rep := s.report(start, len(s.out.Load().takeWritten()))
	rep.AheadDiffered = differed
	return rep, nil
}

// Reopen reads everything again and builds the whole site, as Open does:
// for when changes may have been missed.
func (s *Session) Reopen(ctx context.Context) (*Report, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errClosed
	}
	return s.reopen(ctx)
}

// Visit makes sure the page at urlPath (a path like "/zh/notices/") is
// current before it is served. After a change only the pages visited
// recently are re-rendered; any other page is rendered on its first visit
// after the change, if the change touched it (Hugo tracks what each page
// depends on); a visit costs little next to a full build.
// While the last build failed, Visit does nothing: the preview shows the
// error instead.
func (s *Session) Visit(urlPath string) error {
	if s.isFresh(urlPath) {
		return nil
	}
	// After pages were rendered ahead, Hugo has not yet read the edit:
	// rendering another page now would show it as it was. It waits for the
	// rebuild, which follows at once.
	if behind := s.behindRebuild(); behind != nil {
		<-behind
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hugo == nil || s.failed || s.isFresh(urlPath) {
		return nil
	}
	// Hugo re-renders the pages in visited after each change, so a page
	// being read stays current.
	s.visited.Add(urlPath)
	one := types.NewEvictingQueue[string](1)
	one.Add(urlPath)
	if err := s.build(hugolib.BuildCfg{RecentlyTouched: one, PartialReRender: true}); err != nil {
		s.failed = true
		return err
	}
	s.vmu.Lock()
	s.fresh[urlPath] = true
	s.vmu.Unlock()
	s.out.Load().takeWritten()
	return nil
}

func (s *Session) behindRebuild() chan struct{} {
	s.vmu.Lock()
	defer s.vmu.Unlock()
	return s.behind
}

func (s *Session) isFresh(urlPath string) bool {
	s.vmu.Lock()
	defer s.vmu.Unlock()
	return s.allFresh || s.fresh[urlPath]
}

func (s *Session) setFresh(all bool, fresh map[string]bool) {
	if fresh == nil {
		fresh = map[string]bool{}
	}
	s.vmu.Lock()
	defer s.vmu.Unlock()
	s.allFresh, s.fresh = all, fresh
}

// needsReopen reports whether events change what Hugo was opened with
// (the settings, or a folder overriding the theme that the site did not
// have, which Hugo mounts only when it opens) or remove a source file,
// which Hugo's partial rebuild would leave published.
func (s *Session) needsReopen(events []fsnotify.Event) bool {
	for _, ev := range events {
		rel, ok := s.rel(ev.Name)
		if !ok {
			continue
		}
		if rel == config.FileName {
			return true
		}
		if ev.Op.Has(fsnotify.Create) && slices.Contains(theme.Dirs, rel) {
			return true
		}
		if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
			if _, err := os.Stat(ev.Name); err != nil && !strings.HasPrefix(rel, "static/") {
				return true
			}
		}
	}
	return false
}

// rel returns name relative to the site folder, slash-separated.
func (s *Session) rel(name string) (string, bool) {
	rel, err := filepath.Rel(s.abs, name)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// reopen reads the settings, opens Hugo afresh and builds everything. On
// failure the output keeps the last good build, and the next Rebuild opens
// again.
func (s *Session) reopen(ctx context.Context) (*Report, error) {
	start := time.Now()
	if s.hugo != nil {
		s.hugo.close()
		s.hugo = nil
	}
	s.failed, s.failedFiles = true, nil
	cfg, err := config.Load(s.source)
	if err != nil {
		return nil, err
	}
	s.cfg = cfg
	if err := refuseLinksOut(s.source, s.opts.Messages); err != nil {
		return nil, err
	}
	copts := content.OptionsFromConfig(cfg)
	copts.Now = s.opts.Now
	copts.Messages = s.opts.Messages
	s.checker = content.NewChecker(s.source, copts)
	// A full build goes into a new output, swapped in on success: pages
	// that are gone disappear, and a failed build leaves the old output.
	out := newMemSite()
	checked := s.startCheck()
	h, err := s.openInMemory(cfg, out, hugoMode{watch: true, now: s.opts.Now})
	if err == nil {
		s.hugo = h
		s.visited = types.NewEvictingQueue[string](visitedPages)
		err = s.build(hugolib.BuildCfg{RecentlyTouched: s.visited})
	}
	if cerr := checked(); cerr != nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	prevStatic := s.static
	if err == nil {
		s.static = nil // out has none yet
		err = s.copyStatic(out)
	}
	if err == nil {
		err = s.finish(out, nil)
	}
	if err != nil {
		// Hugo published into out, which is dropped: the next change
		// builds everything again.
		s.static = prevStatic
		if s.hugo != nil {
			s.hugo.close()
			s.hugo = nil
		}
		return nil, err
	}
	s.out.Store(out)
	s.failed = false
	s.lastBuild = time.Since(start)
	s.setFresh(true, nil)
	return s.report(start, len(out.takeWritten())), nil
}

// openInMemory opens Hugo on the site, publishing into out, minified.
func (s *Session) openInMemory(cfg *config.Config, out *memSite, mode hugoMode) (*hugoRun, error) {
	// Hugo publishes to absolute paths under a publish folder; this one
	// names no folder on disk, everything goes to out.
	publishDir := filepath.Join(s.abs, ".gazette", "memory")
	fs := newMemoryMinifyFs(publishDir, out)
	h, err := openHugo(s.source, cfg, hugoLog{s.log}, fs, publishDir, mode)
	if err != nil {
		return nil, err
	}
	h.texts = &fs.texts
	return h, nil
}

// build runs Hugo and remembers the files its error names.
func (s *Session) build(cfg hugolib.BuildCfg, events ...fsnotify.Event) error {
	err := s.hugo.build(cfg, events...)
	s.failedFiles = s.failedFiles[:0]
	if err != nil {
		for _, fe := range herrors.UnwrapFileErrorsWithErrorContext(s.hugo.lastErr) {
			if name := fe.Position().Filename; name != "" {
				s.failedFiles = append(s.failedFiles, name)
			}
		}
	}
	return err
}

// startCheck runs the content checks beside Hugo, as Build does; the
// function it returns waits for them and returns their error, if any.
func (s *Session) startCheck() func() error {
	done := make(chan error, 1)
	go func() {
		t := time.Now()
		diags, err := s.checker.Check()
		s.checkTook = time.Since(t)
		if err == nil && content.HasErrors(diags) {
			err = &CheckError{Diagnostics: diags}
		}
		s.checkDiags = diags // read only after done
		done <- err
	}()
	return func() error { return <-done }
}

// copyStatic puts the static files into out, minified, and removes those
// deleted since the last copy. Like Build, it refuses a static file that
// would replace a rendered page.
func (s *Session) copyStatic(out *memSite) error {
	files, err := listStatic(s.abs)
	if err != nil {
		return err
	}
	before := map[string]bool{}
	for _, rel := range s.static {
		before[rel] = true
	}
	for _, f := range files {
		_, _, err := out.lookup(f.rel)
		if err := staticClash(f.rel, err == nil && !before[f.rel]); err != nil {
			return err
		}
	}
	now := map[string]bool{}
	m := newMinifier()
	var buf bytes.Buffer
	for _, f := range files {
		data, err := f.read()
		if err != nil {
			return fmt.Errorf("site: reading static/%s: %w", f.rel, err)
		}
		min, _, err := minifyFile(m, &buf, f.rel, data)
		if err != nil {
			return err
		}
		out.put(f.rel, slices.Clone(min))
		now[f.rel] = true
	}
	for _, rel := range s.static {
		if !now[rel] {
			out.remove(rel)
		}
	}
	s.static = s.static[:0]
	for rel := range now {
		s.static = append(s.static, rel)
	}
	return nil
}

// patch updates the pages of the last build for events that only edited
// existing announcements, looking up just those pages: listing every page
// sorts them all, which costs a quarter of a second at 10,000
// announcements. It reports false when the pages may have changed in a
// way only a full listing shows: a file added or removed, a page that
// became a draft, a changed browse-count id or translation.
func (s *Session) patch(events []fsnotify.Event) (*rendered, bool) {
	if s.rendered == nil || events == nil || s.failed {
		return nil, false // after a failure, earlier changes count too
	}
	r := &rendered{counts: s.rendered.counts, pages: slices.Clone(s.rendered.pages), warnings: s.hugo.warnings(),
		search: searchDocs{}, columns: s.rendered.columns}
	for lang, docs := range s.rendered.search {
		r.search[lang] = maps.Clone(docs)
	}
	for _, ev := range events {
		rel, ok := s.rel(ev.Name)
		if !ok || !strings.HasPrefix(rel, "content/") {
			continue // layouts, strings, assets and static files add or remove no page
		}
		if !ev.Op.Has(fsnotify.Write) || ev.Op.Has(fsnotify.Create) || ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) || !isMarkdown(rel) {
			return nil, false
		}
		p := s.hugo.contentPage(ev.Name)
		if p == nil {
			return nil, false
		}
		if !isColumn(s.cfg, p.Section()) {
			continue // a home or column page: not counted
		}
		info := describe(p, s.abs)
		i := slices.IndexFunc(r.pages, func(old pageInfo) bool { return old.file == info.file })
		if i < 0 || r.pages[i].id != info.id || r.pages[i].translated != info.translated {
			return nil, false
		}
		r.pages[i] = info
		r.search[p.Lang()][info.file] = s.hugo.searchDoc(p)
	}
	return r, true
}

// finish reads the pages of the build just done: the manifest, the page
// counts and the warnings.
func (s *Session) finish(out *memSite, events []fsnotify.Event) error {
	r, ok := s.patch(events)
	if !ok {
		r = s.hugo.collect()
	}
	if prev := s.rendered; prev != nil {
		// Hugo leaves a page's output at its old address when its slug or
		// url changes; a build would not have it.
		was := make(map[string]string, len(prev.pages))
		for _, p := range prev.pages {
			was[p.file] = p.path
		}
		for _, p := range r.pages {
			if old, ok := was[p.file]; ok && old != p.path && strings.HasPrefix(old, "/") {
				out.remove(strings.TrimPrefix(old, "/") + "index.html")
			}
		}
	}
	s.rendered = r
	m, data, err := buildManifest(r.pages)
	if err != nil {
		return err
	}
	out.put(manifestPath, data)
	// The redirect pages of the aliases, as a build writes them; those of
	// aliases gone since are removed.
	was := map[string]bool{}
	for _, name := range s.redirects {
		was[name] = true
	}
	taken := map[string]bool{}
	for name := range redirect.Targets(m) {
		if _, err := out.Stat(name); err == nil && !was[name] {
			taken[name] = true
		}
	}
	redirects, err := redirectFiles(m, s.cfg.BaseURL, r.pages, taken)
	if err != nil {
		return err
	}
	now := map[string]bool{}
	for _, f := range redirects {
		out.put(f.Name, f.Data)
		now[f.Name] = true
	}
	for name := range was {
		if !now[name] {
			out.remove(name)
		}
	}
	s.redirects = s.redirects[:0]
	for name := range now {
		s.redirects = append(s.redirects, name)
	}
	if err := s.updateSearch(out, r); err != nil {
		return err
	}
	s.manifest, s.pages = m, r.counts
	s.warnings = warnings(r, s.checkDiags)
	return nil
}

// updateSearch brings the search index in out up to date with r; files of
// the last index that this one no longer has are removed.
func (s *Session) updateSearch(out *memSite, r *rendered) error {
	if s.indexes == nil {
		s.indexes = map[string]*search.Index{}
	}
	now := map[string]bool{}
	err := writeSearch(s.indexes, r.search, r.columns, func(f search.File) error {
		now[f.Name] = true
		// Most files are as they were: putting them again would only
		// count them as written.
		if old, _, err := out.lookup(f.Name); err != nil || old == nil || !bytes.Equal(old.data, f.Data) {
			out.put(f.Name, f.Data)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for name := range s.searchFiles {
		if !now[name] {
			out.remove(name)
		}
	}
	s.searchFiles = now
	return nil
}

func (s *Session) report(start time.Time, files int) *Report {
	return &Report{Pages: s.pages, Files: files, Warnings: slices.Clone(s.warnings), Duration: time.Since(start)}
}

var errClosed = errors.New("site: session closed")

func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}
