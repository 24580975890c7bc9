package deploytest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Site is a synthetic built site shaped like gazette's output: N
// announcements in each of zh and en, spread over three columns, with
// paged column lists, a home page per language, RSS feeds, sitemaps,
// robots.txt, the browse-count manifest, fingerprinted CSS and JS, and a
// few static files. It does not run the build: deploy's tests stay
// independent of Hugo and fast.
type Site struct {
	N       int
	edits   map[int]int  // announcement → times its Chinese text was edited
	removed map[int]bool // announcements taken down in both languages
}

// NewSite returns a site of n announcements per language.
func NewSite(n int) *Site {
	return &Site{N: n, edits: map[int]int{}, removed: map[int]bool{}}
}

// Edit changes the Chinese text of announcement i.
func (s *Site) Edit(i int) { s.edits[i]++ }

// Remove takes announcement i down in both languages.
func (s *Site) Remove(i int) { s.removed[i] = true }

// PagePath is the site-relative path of announcement i's page in lang.
func (s *Site) PagePath(lang string, i int) string {
	return fmt.Sprintf("%s/%s/a%05d/index.html", lang, columns[i%len(columns)], i)
}

var (
	columns = []string{"notices", "news", "policies"}
	langs   = []string{"zh", "en"}
	epoch   = time.Date(2019, 10, 24, 10, 11, 0, 0, time.FixedZone("CST", 8*3600))
)

const (
	pageSize  = 20
	homeItems = 6
	css       = `body{font:16px/1.7 "Noto Sans SC",sans-serif;margin:0;color:#222}header,footer{background:#b5000d;color:#fff;padding:1em}main{max-width:60em;margin:auto;padding:1em}[data-browsecount-id]{display:inline-block;min-width:4ch}`
	js        = `(()=>{const s=document.currentScript,e=s.dataset.endpoint;document.querySelectorAll("[data-browsecount-id]").forEach(n=>{fetch(e+"/v1/views?id="+encodeURIComponent(n.dataset.browsecountId)).then(r=>r.json()).then(j=>{n.textContent=j.views[n.dataset.browsecountId]??"-"}).catch(()=>{})})})();`
)

type item struct {
	i     int
	lang  string
	title string
	date  time.Time
	path  string // URL path
}

// Write brings dir up to date with the site: it writes the files whose
// bytes differ and removes those the site no longer has, as a build does.
func (s *Site) Write(dir string) error {
	files := s.files()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return fs.SkipAll
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		want, ok := files[filepath.ToSlash(rel)]
		if !ok {
			return os.Remove(p)
		}
		if have, err := os.ReadFile(p); err == nil && bytes.Equal(have, want) {
			delete(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for rel, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func fingerprint(name, ext, body string) string {
	sum := sha256.Sum256([]byte(body))
	return name + "." + hex.EncodeToString(sum[:]) + "." + ext
}

func (s *Site) files() map[string][]byte {
	f := map[string][]byte{}
	cssPath := "css/" + fingerprint("site", "css", css)
	jsPath := "js/" + fingerprint("browsecount", "js", js)
	f[cssPath] = []byte(css)
	f[jsPath] = []byte(js)
	f["images/logo.png"] = binary(4096, 1)
	f["images/banner.jpg"] = binary(48000, 2)
	f["files/2019-forum-programme.pdf"] = binary(120000, 3)
	f["favicon.ico"] = binary(1150, 4)
	f["files/empty.txt"] = nil
	f["index.html"] = []byte(`<!doctype html><html lang=zh-CN><meta charset=utf-8><title>/zh/</title><link rel=canonical href=/zh/><meta http-equiv=refresh content="0; url=/zh/">`)
	f["404.html"] = []byte(`<!doctype html><html lang=zh-CN><meta charset=utf-8><title>404</title><p>页面不存在 / Page not found`)
	f["robots.txt"] = []byte("User-agent: *\nSitemap: https://www.example.gov.cn/sitemap.xml\n")

	var manifest []map[string]string
	var sitemapIndex strings.Builder
	sitemapIndex.WriteString(`<?xml version="1.0" encoding="utf-8" standalone="yes"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	head := func(lang, title string) string {
		return fmt.Sprintf(`<!doctype html><html lang=%s><meta charset=utf-8><title>%s</title><link rel=stylesheet href=/%s integrity=sha256-x><script src=/%s data-endpoint=/api/browsecount defer></script><header>绵阳市人民政府 Mianyang</header><main>`, lang, title, cssPath, jsPath)
	}
	const foot = `</main><footer>网站标识码 5107000001 蜀ICP备00000000号</footer></html>`

	for _, lang := range langs {
		var all []item
		byColumn := map[string][]item{}
		for i := range s.N {
			if s.removed[i] {
				continue
			}
			it := item{i: i, lang: lang, date: epoch.Add(time.Duration(i) * time.Hour)}
			col := columns[i%len(columns)]
			it.path = fmt.Sprintf("/%s/%s/a%05d/", lang, col, i)
			edits := 0
			if lang == "zh" {
				edits = s.edits[i]
				it.title = fmt.Sprintf("关于第%d号公告的通知", i)
			} else {
				it.title = fmt.Sprintf("Notice No. %d", i)
			}
			if edits > 0 {
				it.title += fmt.Sprintf("（第%d次修订）", edits)
			}
			var body strings.Builder
			body.WriteString(head(lang, it.title))
			fmt.Fprintf(&body, `<h1>%s</h1><p>%s <span data-browsecount-id="%s/a%05d" data-browsecount-hit>-</span>`, it.title, it.date.Format("2006-01-02 15:04"), lang, i)
			for p := range 12 {
				fmt.Fprintf(&body, "<p>%s 第%d段，第%d号公告，修订%d。%s", strings.Repeat("绵阳市举办专家论坛，围绕科技城建设交流发展经验。", 5), p, i, edits, strings.Repeat("Mianyang held a forum on 16 October 2019. ", 2))
			}
			body.WriteString(foot)
			f[strings.TrimPrefix(it.path, "/")+"index.html"] = []byte(body.String())
			manifest = append(manifest, map[string]string{"id": fmt.Sprintf("%s/a%05d", lang, i), "lang": lang, "path": it.path})
			all = append(all, it)
			byColumn[col] = append(byColumn[col], it)
		}
		newestFirst := func(items []item) {
			sort.Slice(items, func(a, b int) bool { return items[a].date.After(items[b].date) })
		}
		newestFirst(all)

		var home strings.Builder
		home.WriteString(head(lang, "首页"))
		for _, col := range columns {
			items := byColumn[col]
			newestFirst(items)
			fmt.Fprintf(&home, "<section><h2>%s</h2><ul>", col)
			for _, it := range items[:min(homeItems, len(items))] {
				fmt.Fprintf(&home, `<li><a href="%s">%s</a> %s`, it.path, it.title, it.date.Format("2006-01-02"))
			}
			home.WriteString("</ul></section>")
			for p := 0; p*pageSize < len(items) || p == 0; p++ {
				var list strings.Builder
				list.WriteString(head(lang, col))
				list.WriteString("<ul>")
				for _, it := range items[p*pageSize : min((p+1)*pageSize, len(items))] {
					fmt.Fprintf(&list, `<li><a href="%s">%s</a> %s <span data-browsecount-id="%s/a%05d">-</span>`, it.path, it.title, it.date.Format("2006-01-02"), lang, it.i)
				}
				list.WriteString("</ul>" + foot)
				rel := fmt.Sprintf("%s/%s/index.html", lang, col)
				if p > 0 {
					rel = fmt.Sprintf("%s/%s/page/%d/index.html", lang, col, p+1)
				}
				f[rel] = []byte(list.String())
			}
			f[fmt.Sprintf("%s/%s/index.xml", lang, col)] = feed(col, items)
		}
		home.WriteString(foot)
		f[lang+"/index.html"] = []byte(home.String())
		f[lang+"/index.xml"] = feed(lang, all)

		var sm strings.Builder
		sm.WriteString(`<?xml version="1.0" encoding="utf-8" standalone="yes"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, it := range all {
			lastmod := it.date
			if it.lang == "zh" {
				lastmod = lastmod.Add(time.Duration(s.edits[it.i]) * time.Minute)
			}
			fmt.Fprintf(&sm, "<url><loc>https://www.example.gov.cn%s</loc><lastmod>%s</lastmod></url>", it.path, lastmod.Format(time.RFC3339))
		}
		sm.WriteString("</urlset>")
		f[lang+"/sitemap.xml"] = []byte(sm.String())
		fmt.Fprintf(&sitemapIndex, "<sitemap><loc>https://www.example.gov.cn/%s/sitemap.xml</loc></sitemap>", lang)
	}
	sitemapIndex.WriteString("</sitemapindex>")
	f["sitemap.xml"] = []byte(sitemapIndex.String())

	sort.Slice(manifest, func(a, b int) bool { return manifest[a]["id"] < manifest[b]["id"] })
	m, _ := json.Marshal(map[string]any{"version": 1, "pages": manifest})
	f["browsecount/manifest.json"] = m
	return f
}

// feed renders an RSS feed of every item, as Hugo does by default.
func feed(title string, items []item) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8" standalone="yes"?><rss version="2.0"><channel><title>%s</title>`, title)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>https://www.example.gov.cn%s</link><pubDate>%s</pubDate><guid>https://www.example.gov.cn%s</guid></item>", it.title, it.path, it.date.Format(time.RFC1123Z), it.path)
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// binary returns n bytes of deterministic noise standing in for an image
// or a PDF.
func binary(n int, seed byte) []byte {
	b := make([]byte, n)
	x := uint32(seed) * 2654435761
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}
