package site

import (
	"bytes"
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	text := plainText(body[:stop])
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

// plainText is Hugo's tpl.StripHTML, which makes .Plain, in one pass over
// the bytes for the HTML goldmark writes: text and tags whose attribute
// values are quoted. Anything else (a comment, a script, style, textarea,
// title or meta element, an unquoted or odd attribute, bytes that are no
// UTF-8) goes to StripHTML itself, so the result is always what .Plain
// would give. StripHTML runs html/template's context machine over every
// byte; at 20,000 pages it cost more than a second.
func plainText(html []byte) string {
	if s, ok := fastPlainText(html); ok {
		return s
	}
	return tpl.StripHTML(string(html))
}

// hugoNewLine is the placeholder StripHTML puts for </p> and <br>; text
// holding it is left to StripHTML.
const hugoNewLine = "___hugonl_"

// fastPlainText mirrors StripHTML: a newline in the text is a space,
// </p>, <br> and <br /> are newlines, other tags are dropped, and each run
// of white space keeps only its first character. ok is false for input
// outside what it knows to treat exactly as StripHTML does.
func fastPlainText(s []byte) (string, bool) {
	if bytes.IndexByte(s, '<') < 0 && bytes.IndexByte(s, '>') < 0 {
		return string(s), true // StripHTML returns such text untouched
	}
	if bytes.Contains(s, []byte(hugoNewLine)) || bytes.Contains(s, []byte("<!--")) {
		return "", false
	}
	var w spaceWriter
	w.b.Grow(len(s) / 2)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '<':
			if nl := newlineTag(s[i:]); nl > 0 {
				w.space('\n')
				i += nl
				continue
			}
			end, isTag, ok := skipTag(s, i)
			if !ok {
				return "", false
			}
			if !isTag { // a "<" that starts no tag is text
				w.text(s[i : i+1])
				i++
				continue
			}
			i = end
		case c == '\n':
			w.space(' ')
			i++
		case isASCIISpace(c):
			w.space(c)
			i++
		case c < utf8.RuneSelf:
			// A run of plain ASCII up to the next tag, newline or space.
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && s[j] != '<' && !isASCIISpace(s[j]) && s[j] != '\n' {
				j++
			}
			w.text(s[i:j])
			i = j
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", false // StripHTML would write U+FFFD
			}
			if unicode.IsSpace(r) {
				w.spaceRune(s[i : i+size])
			} else {
				w.text(s[i : i+size])
			}
			i += size
		}
	}
	return w.b.String(), true
}

// skipTag reads the tag that may start at s[i] == '<' the way
// html/template's stripTags does. It returns the index after the tag and
// isTag; a "<" not followed by a tag name is text. ok is false where
// StripHTML's treatment differs from simply dropping the tag.
func skipTag(s []byte, i int) (end int, isTag, ok bool) {
	j := i + 1
	closing := j < len(s) && s[j] == '/'
	if closing {
		j++
	}
	if j >= len(s) || !asciiAlpha(s[j]) {
		return 0, false, true
	}
	start := j
	for j < len(s) {
		x := s[j]
		if asciiAlnum(x) {
			j++
			continue
		}
		if (x == ':' || x == '-') && j+1 < len(s) && asciiAlnum(s[j+1]) {
			j += 2
			continue
		}
		break
	}
	if !closing && isRawElement(s[start:j]) {
		return 0, false, false // their content is not text to StripHTML
	}
	for {
		j = skipSpace(s, j)
		if j >= len(s) {
			return 0, false, false // an unterminated tag
		}
		if s[j] == '>' {
			return j + 1, true, true
		}
		name := j
		for j < len(s) && !isTagSpace(s[j]) && s[j] != '=' && s[j] != '>' {
			if s[j] == '"' || s[j] == '\'' || s[j] == '<' {
				return 0, false, false
			}
			j++
		}
		if j == name {
			return 0, false, false // "=" with no attribute name
		}
		j = skipSpace(s, j)
		if j >= len(s) || s[j] != '=' {
			continue
		}
		j = skipSpace(s, j+1)
		if j >= len(s) || (s[j] != '"' && s[j] != '\'') {
			return 0, false, false // unquoted values are left to StripHTML
		}
		q := bytes.IndexByte(s[j+1:], s[j])
		if q < 0 {
			return 0, false, false
		}
		j += q + 2
	}
}

// spaceWriter writes text keeping only the first white space character
// of each run, as StripHTML does.
type spaceWriter struct {
	b        strings.Builder
	wasSpace bool
}

func (w *spaceWriter) text(p []byte) {
	w.b.Write(p)
	w.wasSpace = false
}

func (w *spaceWriter) space(c byte) {
	if !w.wasSpace {
		w.b.WriteByte(c)
	}
	w.wasSpace = true
}

func (w *spaceWriter) spaceRune(p []byte) {
	if !w.wasSpace {
		w.b.Write(p)
	}
	w.wasSpace = true
}

// newlineTag returns the length of the </p>, <br> or <br /> that s starts
// with, which StripHTML turns into a newline, or 0.
func newlineTag(s []byte) int {
	for _, t := range []string{"</p>", "<br>", "<br />"} {
		if len(s) >= len(t) && string(s[:len(t)]) == t {
			return len(t)
		}
	}
	return 0
}

// isASCIISpace is unicode.IsSpace for the ASCII white space but '\n',
// which StripHTML makes a space first.
func isASCIISpace(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

func asciiAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func asciiAlnum(c byte) bool { return asciiAlpha(c) || '0' <= c && c <= '9' }

// isRawElement reports the elements whose content html/template does not
// treat as text, in any letter case; it runs for every tag, so it
// allocates nothing.
func isRawElement(name []byte) bool {
	for _, e := range [...]string{"script", "style", "textarea", "title", "meta"} {
		if bytes.EqualFold(name, []byte(e)) {
			return true
		}
	}
	return false
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func skipSpace(s []byte, j int) int {
	for j < len(s) && isTagSpace(s[j]) {
		j++
	}
	return j
}
