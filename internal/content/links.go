package content

import (
	"net/url"
	"path"
	"strings"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// site holds what a link may lead to once every page is known.
type site struct {
	urls      map[string]bool // page URLs (ending in "/") and files the build writes
	resources map[string]string
	host      string
}

// buildSite indexes the URLs the build will produce: pages, the files of
// page bundles (published beside their page), static files, and the feeds,
// sitemaps and robots.txt Hugo writes.
func (c *checker) buildSite() *site {
	s := &site{urls: map[string]bool{"/": true, "/sitemap.xml": true, "/robots.txt": true}, resources: map[string]string{}}
	if u, err := url.Parse(c.opts.BaseURL); err == nil {
		s.host = strings.ToLower(u.Host)
	}
	// Hugo makes every language's home page and every column's list
	// page, with their feeds, whether or not they have an _index.md.
	for _, lang := range config.Languages {
		s.urls["/"+lang+"/"] = true
		s.urls["/"+lang+"/index.xml"] = true
		s.urls["/"+lang+"/sitemap.xml"] = true
		for _, col := range c.columns() {
			s.urls["/"+lang+"/"+col.Path()+"/"] = true
			s.urls["/"+lang+"/"+col.Path()+"/index.xml"] = true
		}
		if c.opts.SitemapPage {
			s.urls["/"+lang+"/sitemap/"] = true
		}
	}
	owners := map[string]*page{} // bundle folder → its page
	for _, pg := range c.pages {
		if pg.lang == "" {
			continue
		}
		u := pg.permalink()
		s.urls[u] = true
		if pg.kind != kindPage {
			s.urls[u+"index.xml"] = true
		}
		if pg.kind == kindHome {
			s.urls["/"+pg.lang+"/sitemap.xml"] = true
		}
		if pg.bundle || pg.kind != kindPage {
			owners[pg.dir] = pg
		}
	}
	for file := range c.files {
		switch {
		case strings.HasPrefix(file, "static/"):
			s.resources[strings.TrimPrefix(file, "static")] = file
		case strings.HasPrefix(file, "content/") && !isMarkdown(file):
			// A bundle's files are published under its page's URL.
			for dir := path.Dir(file); strings.Count(dir, "/") >= 1; dir = path.Dir(dir) {
				if owner, ok := owners[dir]; ok {
					s.resources[owner.permalink()+strings.TrimPrefix(file, dir+"/")] = file
					break
				}
			}
		}
	}
	return s
}

// checkLinks resolves every link and image of every page. A destination
// is fine when it leads anywhere the build can take it: a page's file
// (relative to the page, or to the language's content folder when it
// starts with "/"), a file of the page's bundle, an assets or static file,
// or a URL the site will have.
func (c *checker) checkLinks() {
	s := c.buildSite()
	for _, pg := range c.pages {
		for _, r := range pg.refs {
			target, ok, external := c.resolve(s, pg, r.dest)
			if external {
				continue
			}
			if !ok {
				// Windows users type paths with \, which only Windows
				// reads as a separator; the site's addresses need /.
				if fixed := strings.ReplaceAll(r.dest, `\`, "/"); fixed != r.dest {
					if _, found, _ := c.resolve(s, pg, fixed); found {
						c.report(pg.file, r.pos.line, r.pos.col, Error, "backslash-path", messages.DiagBackslashPath, r.dest, fixed)
						continue
					}
				}
				key, code := messages.DiagBrokenLink, "broken-link"
				if r.kind == refImage {
					key, code = messages.DiagBrokenImage, "broken-image"
				}
				c.report(pg.file, r.pos.line, r.pos.col, Error, code, key, r.dest)
				continue
			}
			if size, isFile := c.files[target]; isFile && !isMarkdown(target) {
				c.checkSize(pg.file, r.pos, r.dest, size)
			}
		}
	}
}

// resolve returns the site file a destination leads to ("" for a page or
// generated file), whether it leads anywhere, and whether it is outside
// the site and not checked.
func (c *checker) resolve(s *site, pg *page, dest string) (target string, ok, external bool) {
	dest = strings.TrimSpace(dest)
	if dest == "" || strings.HasPrefix(dest, "#") || strings.Contains(dest, "{{") {
		return "", true, true
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "", false, false
	}
	if u.Scheme != "" || u.Host != "" {
		if (u.Scheme == "http" || u.Scheme == "https") && s.host != "" && strings.EqualFold(u.Host, s.host) {
			u = &url.URL{Path: u.Path}
		} else {
			return "", true, true
		}
	}
	p := u.Path
	if p == "" {
		return "", true, true // only a query
	}
	if pg.lang == "" {
		return "", true, true // the page itself is misplaced; that is reported
	}

	// As the build's link and image hooks resolve it: a page (by file or
	// page path, relative to the page or to the language's content folder),
	// a file of the page's own bundle, or a file under assets/.
	var bases []string
	if strings.HasPrefix(p, "/") {
		bases = []string{path.Join("content", pg.lang)}
	} else {
		bases = []string{pg.dir}
		if pg.bundle {
			bases = append(bases, path.Dir(pg.dir))
		}
	}
	for _, base := range bases {
		cand := path.Join(base, p)
		if !strings.HasPrefix(cand, "content/"+pg.lang+"/") {
			continue
		}
		for _, f := range []string{cand, cand + ".md", cand + "/index.md", cand + "/_index.md"} {
			if _, found := c.files[f]; found && isMarkdown(f) {
				return f, true, false
			}
		}
	}
	if pg.bundle && !strings.HasPrefix(p, "/") {
		if f := path.Join(pg.dir, p); strings.HasPrefix(f, pg.dir+"/") {
			if _, found := c.files[f]; found {
				return f, true, false
			}
		}
	}
	if f := path.Join("assets", p); strings.HasPrefix(f, "assets/") {
		if _, found := c.files[f]; found {
			return f, true, false
		}
	}

	// As a URL, relative to the page's own URL.
	abs := p
	if !strings.HasPrefix(abs, "/") {
		abs = path.Join(pg.permalink(), p)
	}
	abs = path.Clean("/" + abs)
	abs = strings.TrimSuffix(abs, "/index.html")
	if abs == "" {
		abs = "/"
	}
	if file, found := s.resources[abs]; found {
		return file, true, false
	}
	// Web servers match paths case-sensitively: /zh/news/C/ is not
	// /zh/news/c/, though it may work on a laptop.
	if s.urls[abs] || s.urls[strings.TrimSuffix(abs, "/")+"/"] {
		return "", true, false
	}
	return "", false, false
}
