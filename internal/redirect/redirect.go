// Package redirect makes the static pages that answer a page's old
// addresses (the aliases listed in the browse-count manifest) by sending
// the reader on to the page. The build writes them; deploy recognises
// them to give them the object store's redirect header too.
package redirect

import (
	"html"
	"path"
	"sort"
	"strings"

	"gazette/internal/manifest"
)

// File is the redirect page of one old address.
type File struct {
	// Name is the file's path in the output, slash-separated and without
	// a leading slash: "tzgg/202406/t1.html", "old/a/index.html".
	Name string
	// Alias is the old address, as in the manifest.
	Alias string
	// Target is the site-relative path of the page it leads to.
	Target string
	// Data is the page: valid, minified HTML.
	Data []byte
}

// FileName is the output file that answers an alias: the alias itself
// when its last segment has an extension, else index.html in the folder
// it names.
func FileName(alias string) string {
	name := strings.TrimPrefix(alias, "/")
	if name == "" || strings.HasSuffix(name, "/") || path.Ext(path.Base(name)) == "" {
		return path.Join(name, "index.html")
	}
	return name
}

// locales are the html lang values of the site's languages, as the
// layouts write them.
var locales = map[string]string{"zh": "zh-CN", "en": "en"}

// Files returns the redirect pages of every alias in m, sorted by name.
// baseURL (ending in "/") makes the target absolute, as a canonical link
// must be.
func Files(m manifest.Manifest, baseURL string) []File {
	var out []File
	for _, p := range m.Pages {
		target := strings.TrimSuffix(baseURL, "/") + p.Path
		lang := locales[p.Lang]
		if lang == "" {
			lang = p.Lang
		}
		for _, a := range p.Aliases {
			out = append(out, File{Name: FileName(a), Alias: a, Target: p.Path, Data: page(target, lang)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// page is the redirect page to target: an immediate refresh for
// browsers, a canonical link so that search engines credit the new
// address, noindex for itself, and a link for whoever has refresh off.
func page(target, lang string) []byte {
	t := html.EscapeString(target)
	return []byte(`<!doctype html><html lang="` + html.EscapeString(lang) + `"><meta charset="utf-8"><title>` + t +
		`</title><link rel="canonical" href="` + t + `"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` + t +
		`"><p><a href="` + t + `">` + t + `</a></p></html>`)
}

// Targets maps the output file of every alias in m to the site-relative
// path of its page: which uploaded files are redirects, and to where.
func Targets(m manifest.Manifest) map[string]string {
	out := map[string]string{}
	for _, p := range m.Pages {
		for _, a := range p.Aliases {
			out[FileName(a)] = p.Path
		}
	}
	return out
}
