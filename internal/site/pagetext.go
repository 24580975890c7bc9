package site

import (
	"bytes"
	"net/url"
	"sync"

	"github.com/gohugoio/hugo/tpl"
)

// The search index needs each announcement's text. Hugo's .Plain makes it
// on demand after the build, from a content cache that at 10,000
// announcements no longer holds most pages: asking for it rendered the
// markdown a second time, a tenth of the build. Instead the theme's page
// layout wraps .Content in two comments, and the text is taken from the
// page as Hugo writes it, while the content is hot and on Hugo's own
// render goroutines. The minifier then drops the comments, so readers
// never see them. A layout without the comments (a site's own page.html)
// still works: its pages fall back to .Plain.

// textOpen and textClose mark .Content in a rendered page. The opening
// comment carries the page's RelPermalink, query-escaped, so it can never
// end the comment early: see the theme's page.html.
const (
	textOpen  = "<!--gazette:text "
	textClose = "<!--/gazette:text-->"
)

// pageTexts are the announcement texts taken from the pages one build
// wrote, by RelPermalink.
type pageTexts struct {
	mu sync.Mutex
	m  map[string]string
}

// take records the text of the page in html when it carries the marks.
func (t *pageTexts) take(html []byte) {
	i := bytes.Index(html, []byte(textOpen))
	if i < 0 {
		return
	}
	rest := html[i+len(textOpen):]
	end := bytes.Index(rest, []byte("-->"))
	if end < 0 {
		return
	}
	key, err := url.QueryUnescape(string(rest[:end]))
	if err != nil {
		return
	}
	body := rest[end+len("-->"):]
	stop := bytes.LastIndex(body, []byte(textClose))
	if stop < 0 {
		return
	}
	// The same function .Plain applies to the same bytes, so the index
	// gets exactly the text it got from Hugo.
	text := tpl.StripHTML(string(body[:stop]))
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[string]string{}
	}
	t.m[key] = text
}

// text returns the text taken from the page at relPermalink.
func (t *pageTexts) text(relPermalink string) (string, bool) {
	if t == nil {
		return "", false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.m[relPermalink]
	return s, ok
}

// reset forgets the texts of the last build: a rebuild in the preview
// writes only the pages it renders again, and the others must not keep a
// text their content or layouts may since have changed.
func (t *pageTexts) reset() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.m = nil
}
