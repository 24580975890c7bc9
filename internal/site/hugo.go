package site

// This file is the only place in Gazette that talks to Hugo. Hugo's Go API is
// not a stable contract, so an upgrade should touch this folder alone.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/loggers"
	hconfig "github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
	"github.com/spf13/afero"
	"github.com/spf13/cast"

	"gazette/internal/config"
	"gazette/internal/search"
	"gazette/internal/theme"
)

// languageMeta is what Gazette fixes per language; the rest comes from config.toml.
var languageMeta = map[string]struct {
	locale, label string
	weight        int
}{
	"zh": {"zh-CN", "中文", 1},
	"en": {"en", "English", 2},
}

// hugoConfig derives Hugo's configuration from Gazette's settings. today
// is the build's date in the site time zone: policy documents whose
// validUntil has passed by then are shown as no longer in force.
func hugoConfig(c *config.Config, today string) map[string]any {
	langs := map[string]any{}
	for _, l := range config.Languages {
		lc := c.Languages[l]
		meta := languageMeta[l]
		keywords := lc.Keywords
		if keywords == nil {
			keywords = []string{}
		}
		langs[l] = map[string]any{
			"locale":     meta.locale,
			"label":      meta.label,
			"weight":     meta.weight,
			"title":      lc.SiteName,
			"contentDir": "content/" + l,
			"params": map[string]any{
				"description": lc.Description,
				"keywords":    keywords,
				"source":      lc.Source,
				"sponsor":     lc.Sponsor,
				"organizer":   lc.Organizer,
				"contact":     lc.Contact,
			},
		}
	}
	return map[string]any{
		"baseURL":                        c.BaseURL,
		"defaultContentLanguage":         config.Languages[0],
		"defaultContentLanguageInSubdir": true,
		"timeZone":                       c.TimeZone,
		"enableRobotsTXT":                true,
		"disableKinds":                   []string{"taxonomy", "term"},
		// Hugo would write an alias under its page's language folder
		// (/zh/old.html); an old address is at the site root, so Gazette
		// writes the redirect pages itself, from the manifest.
		"disableAliases": true,
		// The build stamps nothing of its own into the output: identical input
		// gives identical bytes.
		"disableHugoGeneratorInject": true,
		"enableGitInfo":              false,
		// Hugo's lock file would land in the site folder; one build runs at a time anyway.
		"noBuildLock": true,
		"pagination":  map[string]any{"pagerSize": c.PageSize},
		"languages":   langs,
		// The search page, /<lang>/search/, is a second output of the home
		// page: it needs no content file, and lists and feeds never show it.
		"outputFormats": map[string]any{
			"search": map[string]any{"mediaType": "text/html", "baseName": "index", "path": "search", "isHTML": true, "permalinkable": true, "noUgly": true},
		},
		"outputs": map[string]any{
			"home":    []string{"html", "rss", "search"},
			"section": []string{"html", "rss"},
			"page":    []string{"html"},
		},
		"markup": map[string]any{
			"goldmark": map[string]any{
				// Without the CJK extension **「…」** next to Chinese text is not bold.
				"extensions": map[string]any{
					"cjk": map[string]any{
						"enable": true, "eastAsianLineBreaks": true, "escapedSpace": true,
					},
					// The scheme of bare www.… links; linkify.Rewrite uses the same.
					"linkifyProtocol": linkifyProtocol,
				},
				"renderer": map[string]any{"unsafe": c.AllowHTML},
			},
		},
		"params": map[string]any{
			"siteIDCode":          c.SiteIDCode,
			"icp":                 c.ICP,
			"siteDomain":          c.SiteDomain,
			"homeItems":           c.HomeItems,
			"browsecountEndpoint": c.Browsecount.Endpoint,
			"columns":             columnParams(c),
			"today":               today,
			"publicSecurity":      c.PublicSecurityRecord,
			"publicSecurityURL":   c.PublicSecurityLink(),
			"sitemapPage":         c.SitemapPage,
			"errorReport":         c.Widgets.ErrorReport,
			"identityBadge":       c.Widgets.IdentityBadge,
			"govStyles":           usesGovStyles(c),
		},
		// Hugo's own minifier stays off (its default): Gazette minifies
		// everything it writes exactly once, after rendering.
	}
}

// columnParams describes the columns to the templates, in menu order. Hugo
// lower-cases the keys of maps in params, so they are written lower-case.
// A built-in column (a site without [[columns]]) has no names: the theme's
// strings name it.
func columnParams(c *config.Config) []map[string]any {
	cols := make([]map[string]any, len(c.Columns))
	for i, col := range c.Columns {
		children := []string{}
		for _, k := range c.Children(col.Key) {
			children = append(children, k.Path())
		}
		names, descs, kws := map[string]any{}, map[string]any{}, map[string]any{}
		for _, l := range config.Languages {
			names[l] = col.Name[l]
			descs[l] = col.Description[l]
			kw := col.Keywords[l]
			if kw == nil {
				kw = []string{}
			}
			kws[l] = kw
		}
		pageSize := col.PageSize
		if pageSize == 0 {
			pageSize = c.PageSize
		}
		cols[i] = map[string]any{
			"key": col.Key, "parent": col.Parent, "path": col.Path(), "type": col.Type,
			"kind": col.Kind, "home": col.OnHome(), "pagesize": pageSize,
			"name": names, "description": descs, "keywords": kws, "children": children,
		}
	}
	return cols
}

// usesGovStyles reports whether a site shows what the theme's gov.css
// styles: policy tables, sub-columns, footer links, widgets. A site that
// does not gets the same stylesheet as before they existed.
func usesGovStyles(c *config.Config) bool {
	if c.SitemapPage || c.Widgets.ErrorReport != "" || c.Widgets.IdentityBadge != "" {
		return true
	}
	for _, l := range c.Languages {
		if l != nil && l.Contact != "" {
			return true
		}
	}
	for _, col := range c.Columns {
		if col.Kind == config.KindPolicy || col.Parent != "" {
			return true
		}
	}
	return false
}

// HugoWorkDir prepares the folder work for running Hugo over a site with
// settings c: the embedded theme under work/themes, Hugo's configuration
// in work/hugo.toml (with the resource cache in work/resources), whose
// path it returns. Benchmarks use it to run the Hugo CLI on exactly what
// Gazette builds with.
func HugoWorkDir(c *config.Config, work string, now time.Time) (string, error) {
	themes := filepath.Join(work, "themes")
	if err := theme.WriteTo(filepath.Join(themes, theme.Name)); err != nil {
		return "", fmt.Errorf("site: %w", err)
	}
	hc := hugoConfig(c, now.In(c.Location()).Format(time.DateOnly))
	hc["resourceDir"] = filepath.Join(work, "resources")
	hc["themesDir"] = themes
	hc["theme"] = theme.Name
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(hc); err != nil {
		return "", fmt.Errorf("site: encoding Hugo configuration: %w", err)
	}
	cfgFile := filepath.Join(work, "hugo.toml")
	if err := os.WriteFile(cfgFile, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("site: %w", err)
	}
	return cfgFile, nil
}

// rendered is what Gazette needs to know about the pages of one Hugo run.
type rendered struct {
	pages    []pageInfo
	counts   map[string]int // regular pages per language
	warnings []string
	// search and columns are what the search index is made of;
	// searchTook is the time reading them from Hugo took.
	search     searchDocs
	columns    map[string][]search.Column
	searchTook time.Duration
}

// pageInfo describes one announcement page.
type pageInfo struct {
	lang, id, path, file string
	translated           bool
	// aliases are the page's old addresses, site-relative paths.
	aliases []string
}

// hugoRun is one set of Hugo sites over a site folder, with the logger
// that collects Hugo's messages.
type hugoRun struct {
	abs    string // the site folder
	cfg    *config.Config
	dirs   sourceDirs
	loc    *time.Location // the site's time zone
	work   string         // Hugo's configuration, the theme and the resource cache
	sites  *hugolib.HugoSites
	logger loggers.Logger
	logBuf *syncBuffer
	// texts, when set, are the announcement texts taken from the pages
	// as Hugo wrote them (see pagetext.go); the search index falls back
	// to .Plain for a page without one.
	texts *pageTexts
	built bool
	// lastErr is Hugo's own error from the last build, before Gazette
	// reworded it.
	lastErr error
}

// hugoMode says how a hugoRun reads the site.
type hugoMode struct {
	// watch keeps the sites alive for rebuilds (the preview): Hugo then
	// tracks what each page depends on and, in fast render mode, renders
	// after a change only the pages that changed and those recently visited.
	watch bool
	// only, when set, are the content files Hugo sees (absolute paths);
	// the rest of content/ is hidden (see subsetFs).
	only []string
	// now is the build's clock (zero: the real one); see hugoConfig.
	now time.Time
	// reads, when set, shares the content files' bytes with the
	// content checks of the same build.
	reads *sharedReads
}

// openHugo prepares Hugo over siteDir, publishing through out into
// publishDir.
func openHugo(siteDir string, c *config.Config, log io.Writer, out afero.Fs, publishDir string, mode hugoMode) (_ *hugoRun, err error) {
	abs, err := filepath.Abs(siteDir)
	if err != nil {
		return nil, err
	}
	// The generated Hugo configuration, the theme and Hugo's resource cache
	// live in a temporary folder, so a build never writes into the site
	// folder.
	work, err := os.MkdirTemp("", "gazette-hugo-")
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(work)
		}
	}()
	now := mode.now
	if now.IsZero() {
		now = time.Now()
	}
	cfgFile, err := HugoWorkDir(c, work, now)
	if err != nil {
		return nil, err
	}
	dirs := sourceDirs{site: abs, theme: filepath.Join(work, "themes", theme.Name)}
	cjk := newCJKFs(afero.NewOsFs(), abs)
	cjk.reads = mode.reads
	var src afero.Fs = cjk
	if mode.only != nil {
		src = newSubsetFs(src, abs, mode.only)
	}

	logBuf := &syncBuffer{}
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		StdOut:        io.MultiWriter(logBuf, log),
		StdErr:        io.MultiWriter(logBuf, log),
		DistinctLevel: logg.LevelWarn,
		StoreErrors:   true,
	})
	flags := hconfig.New()
	flags.Set("workingDir", abs)
	flags.Set("publishDir", publishDir)
	if mode.watch {
		flags.Set("internal", map[string]any{"running": true, "watch": true, "fastRenderMode": true})
		// Hugo's server would inject its own live-reload script; the
		// preview serves exactly what a build writes, and adds its own.
		flags.Set("disableLiveReload", true)
	}
	res, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:       src,
		Filename: cfgFile,
		Flags:    flags,
		Logger:   logger,
		Environ:  []string{},
	})
	if err != nil {
		return nil, hugoError(err, dirs)
	}
	fs := hugofs.NewFromSourceAndDestination(src, out, res.LoadingInfo.Cfg)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: res, Fs: fs, TestLogger: logger, LogLevel: logg.LevelWarn})
	if err != nil {
		return nil, hugoError(err, dirs)
	}
	return &hugoRun{abs: abs, cfg: c, dirs: dirs, loc: c.Location(), work: work, sites: sites, logger: logger, logBuf: logBuf}, nil
}

func (h *hugoRun) close() {
	h.sites.Close()
	os.RemoveAll(h.work)
}

// build runs Hugo once: the whole site, or, with events, what they touch.
func (h *hugoRun) build(cfg hugolib.BuildCfg, events ...fsnotify.Event) error {
	if h.built {
		// Each report covers one build; the first keeps what Hugo logged
		// while loading.
		h.logger.Reset()
		h.logBuf.Reset()
	}
	h.built = true
	h.texts.reset()
	cfg.NoBuildLock = true
	err := h.sites.Build(cfg, events...)
	h.lastErr = err
	if logged := strings.TrimSpace(h.logger.Errors()); logged != "" {
		// Errors Hugo only logged (bad dates, say) carry the details; the
		// returned error then just counts them.
		return loggedError(h.dirs.relPaths(logged), h.abs)
	}
	if err != nil {
		return hugoError(err, h.dirs)
	}
	return nil
}

// collect lists the announcements of the last build and Hugo's warnings.
func (h *hugoRun) collect() *rendered {
	r := &rendered{counts: map[string]int{}}
	for _, s := range h.sites.Sites {
		lang := s.Language().Lang
		for _, p := range s.RegularPages() {
			r.counts[lang]++
			if !isColumn(h.cfg, p.Section()) {
				continue
			}
			r.pages = append(r.pages, describe(p, h.abs))
		}
	}
	sort.Slice(r.pages, func(i, j int) bool { return r.pages[i].id < r.pages[j].id })
	r.warnings = h.warnings()
	start := time.Now()
	r.search, r.columns = h.searchDocs()
	r.searchTook = time.Since(start)
	return r
}

// warnings are the warnings Hugo logged in the last build.
func (h *hugoRun) warnings() []string {
	var w []string
	for _, line := range strings.Split(strings.TrimSpace(h.logBuf.String()), "\n") {
		if strings.Contains(line, "WARN") {
			w = append(w, strings.TrimSpace(line))
		}
	}
	return w
}

// contentPage returns the page Hugo made of a content file (an absolute
// path under content/LANG/), or nil when there is none (a draft, say).
// Unlike collect it looks the page up instead of listing them all.
func (h *hugoRun) contentPage(file string) page.Page {
	rel, err := filepath.Rel(h.abs, file)
	if err != nil {
		return nil
	}
	parts := strings.SplitN(filepath.ToSlash(rel), "/", 3)
	if len(parts) != 3 || parts[0] != "content" {
		return nil
	}
	for _, s := range h.sites.Sites {
		if s.Language().Lang != parts[1] {
			continue
		}
		p, err := s.GetPage("/" + parts[2])
		if err != nil || p == nil || p.File() == nil || p.File().Filename() != file {
			return nil
		}
		return p
	}
	return nil
}

// render runs Hugo in-process over siteDir once. Hugo publishes through out
// into out.dir, each file minified as Hugo closes it.
func render(siteDir string, c *config.Config, log io.Writer, out *minifyFs, now time.Time, reads *sharedReads) (*rendered, error) {
	h, err := openHugo(siteDir, c, log, out, out.dir, hugoMode{now: now, reads: reads})
	if err != nil {
		return nil, err
	}
	h.texts = &out.texts
	defer h.close()
	if err := h.build(hugolib.BuildCfg{}); err != nil {
		return nil, err
	}
	return h.collect(), nil
}

// syncBuffer is a bytes.Buffer Hugo's goroutines may log into at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}

// isColumn reports whether a page's top-level section is a column: a page
// elsewhere (the home page, a page some layout made up) is no announcement.
func isColumn(c *config.Config, section string) bool {
	_, ok := c.ColumnByPath(section)
	return ok
}

// describe applies the browse-count id rule: the page's language, then its
// front-matter id, else its translationKey, else its content path. None of
// these change when the title, slug or URL does.
func describe(p page.Page, siteDir string) pageInfo {
	key := p.TranslationKey()
	if v, ok := p.Params()["id"]; ok {
		if s := fmt.Sprint(v); s != "" {
			key = s
		}
	}
	info := pageInfo{
		lang:       p.Lang(),
		id:         p.Lang() + "/" + strings.TrimPrefix(key, "/"),
		path:       p.RelPermalink(),
		translated: p.IsTranslated(),
	}
	info.file = pageFile(p, siteDir)
	info.aliases = aliasPaths(p.Params()["aliases"], info.path)
	return info
}

// pageFile is p's content file, relative to siteDir with forward slashes;
// "" for a page without one.
func pageFile(p page.Page, siteDir string) string {
	if f := p.File(); f != nil {
		if rel, err := filepath.Rel(siteDir, f.Filename()); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return ""
}

// aliasPaths reads a page's front matter aliases as site-relative paths:
// one starting with "/" is a path from the site root (an old site's
// address); a relative one is taken from the page's parent folder, as
// Hugo takes it.
func aliasPaths(v any, pagePath string) []string {
	var out []string
	for _, a := range cast.ToStringSlice(v) {
		a = strings.TrimSpace(filepath.ToSlash(a))
		if a == "" {
			continue
		}
		if !strings.HasPrefix(a, "/") {
			dir := path.Dir(strings.TrimSuffix(pagePath, "/"))
			slash := strings.HasSuffix(a, "/")
			a = path.Join(dir, a)
			if slash {
				a += "/"
			}
		}
		out = append(out, a)
	}
	return out
}

// templateRef finds "template: page.html:2:" in Go template errors; Hugo
// sometimes positions a parse error at the base template that includes the
// broken one, while the message names the right file.
var templateRef = regexp.MustCompile(`template: ([^:\s]+\.[a-z]+):(\d+):(?:(\d+):)?`)

var quotedPos = regexp.MustCompile(`"[^"]*:\d+:\d+": `)

// themePrefix marks a file of gazette's embedded theme in messages, where
// a path relative to the site folder would name a file the site does not
// have. `gazette theme export` takes the part after it.
const themePrefix = "gazette:"

// sourceDirs are the folders Hugo reads a site from: the site folder and
// the copy of the embedded theme.
type sourceDirs struct {
	site, theme string // absolute
}

// rel names an absolute file for content staff: relative to the site
// folder, or the theme file with themePrefix, or unchanged.
func (d sourceDirs) rel(name string) string {
	for _, dir := range []string{d.site, d.theme} {
		if dir == "" {
			continue
		}
		if rel, err := filepath.Rel(dir, name); err == nil && filepath.IsLocal(rel) {
			if dir == d.theme {
				return themePrefix + filepath.ToSlash(rel)
			}
			return filepath.ToSlash(rel)
		}
	}
	return name
}

// relPaths shortens absolute paths inside the site folder and the theme
// in a message.
func (d sourceDirs) relPaths(msg string) string {
	if d.theme != "" {
		msg = strings.ReplaceAll(msg, d.theme+string(filepath.Separator), themePrefix)
	}
	return strings.ReplaceAll(msg, d.site+string(filepath.Separator), "")
}

// hugoError turns Hugo's error into "file:line:col: message" with the file
// relative to the site folder, which is what content staff and CI
// annotations need.
func hugoError(err error, dirs sourceDirs) error {
	var fe herrors.FileError
	if !errors.As(err, &fe) {
		return fmt.Errorf("hugo: %s", dirs.relPaths(err.Error()))
	}
	pos := fe.Position()
	name := pos.Filename
	if name != "" {
		name = dirs.rel(name)
	}
	if name == "" || pos.LineNumber <= 0 {
		return fmt.Errorf("hugo: %s", dirs.relPaths(err.Error()))
	}
	be := &BuildError{File: name, Line: pos.LineNumber, Col: pos.ColumnNumber}
	// Hugo wraps the cause in several layers that repeat the position;
	// keep what follows the last quoted position.
	msg := err.Error()
	if loc := quotedPos.FindAllStringIndex(msg, -1); loc != nil {
		msg = msg[loc[len(loc)-1][1]:]
	}
	inLayouts := strings.HasPrefix(strings.TrimPrefix(name, themePrefix), "layouts/")
	if m := templateRef.FindStringSubmatch(msg); m != nil && path.Base(name) != m[1] && inLayouts {
		// The broken template is the site's own when it has one by that
		// name, else the theme's.
		dir := path.Dir(strings.TrimPrefix(name, themePrefix))
		be.File = path.Join(dir, m[1])
		if _, err := os.Stat(filepath.Join(dirs.site, filepath.FromSlash(be.File))); err != nil {
			be.File = themePrefix + be.File
		}
		be.Line, _ = strconv.Atoi(m[2])
		be.Col, _ = strconv.Atoi(m[3])
	}
	be.Err = errors.New(dirs.relPaths(msg))
	return be
}

// fieldRef matches Hugo's logged front matter errors, which name the field
// and the file but not the line.
var fieldRef = regexp.MustCompile(`the "(\w+)" front matter field (.*): see (\S+)`)

// loggedError locates Hugo's logged front matter errors by line, so they
// read like every other error: "file:line: message".
func loggedError(logged, siteDir string) error {
	m := fieldRef.FindStringSubmatch(logged)
	if m == nil {
		return errors.New(logged)
	}
	field, msg, file := m[1], m[2], m[3]
	data, err := os.ReadFile(filepath.Join(siteDir, file))
	if err != nil {
		return errors.New(logged)
	}
	key := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(field) + `"?\s*[=:]`)
	for i, line := range strings.Split(string(data), "\n") {
		if key.MatchString(line) {
			return &BuildError{File: file, Line: i + 1, Err: fmt.Errorf("front matter field %q %s", field, msg)}
		}
	}
	return errors.New(logged)
}
