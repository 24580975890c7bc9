// Package linkify makes bare web addresses in Chinese text links, as GFM's
// extended autolinks do in English text.
//
// GFM links www.example.gov.cn, https://… and e-mail addresses only after
// a space, a line start or one of *_~( — so in 网页（www.example.gov.cn）
// or 详见：https://… nothing is linked, because Chinese text does not put
// spaces around a URL. Rewrite finds those addresses and writes them as
// explicit markdown links before the markdown is rendered. Where the link
// ends is decided by goldmark's own linkify parser (trailing punctuation
// and an unbalanced ")" stay outside), so a link looks exactly as if the
// address had stood after a space.
package linkify

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// md parses markdown the way the build does (Hugo's goldmark with GFM,
// footnotes, definition lists, typographer and the CJK extension), so that
// what counts as plain text here is plain text in the build.
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer,
		extension.NewCJK(extension.WithEastAsianLineBreaks(), extension.WithEscapedSpace())),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// Rewrite returns src, a content file (front matter and markdown), with each
// bare URL or e-mail address that directly follows CJK text or full-width
// punctuation written as a link: <https://…> and <name@host> as autolinks,
// www.… as [www.…](<scheme://www.…>), with scheme the one the build gives
// www addresses ("https"). It never changes front matter, code spans, code
// blocks, raw HTML, shortcodes or existing links, and never adds or removes
// a line, so line numbers in the build's messages stay those of the file
// (on a line with a rewritten address, columns after it move by what was
// added). When there is nothing to rewrite it returns src itself.
func Rewrite(src []byte, scheme string) []byte {
	bodyStart, ok := bodyOffset(src)
	if !ok {
		return src
	}
	body := src[bodyStart:]
	cands := candidates(body)
	if len(cands) == 0 {
		return src
	}
	doc := md.Parser().Parse(text.NewReader(body))
	texts := textSegments(doc)
	shortcodes := shortcodeSpans(body)
	var out bytes.Buffer
	last := 0
	for _, p := range cands {
		if p < last || !inside(texts, p) || inside(shortcodes, p) {
			continue
		}
		end, link := rewriteAt(body, p, scheme)
		if link == "" {
			continue
		}
		if out.Len() == 0 {
			out.Grow(len(src) + 64)
			out.Write(src[:bodyStart])
		}
		out.Write(body[last:p])
		out.WriteString(link)
		last = end
	}
	if out.Len() == 0 {
		return src
	}
	out.Write(body[last:])
	return out.Bytes()
}

// bodyOffset returns where the markdown starts: after the TOML (+++) or
// YAML (---) front matter, as Hugo splits it. ok is false for a file whose
// front matter is not closed or is in another format (JSON): Rewrite then
// leaves it alone rather than guess.
func bodyOffset(src []byte) (int, bool) {
	start := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start = 3
	}
	for start < len(src) && strings.IndexByte(" \t\r\n", src[start]) >= 0 {
		start++
	}
	line, rest := cutLine(src[start:])
	delim := string(bytes.TrimRight(line, " \t\r"))
	switch {
	case delim == "+++" || delim == "---":
	case bytes.HasPrefix(line, []byte("{")):
		return 0, false
	default:
		return 0, true // no front matter: all of it is markdown
	}
	for len(rest) > 0 {
		line, next := cutLine(rest)
		if string(bytes.TrimRight(line, " \t\r")) == delim {
			return len(src) - len(next), true
		}
		rest = next
	}
	return 0, false
}

// cutLine splits b after its first newline.
func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// candidates lists, in order, the offsets in body where a URL or e-mail
// address may start right after a CJK character: those GFM skips. It only
// looks at bytes, so a file without any costs no markdown parse.
func candidates(body []byte) []int {
	if !bytes.Contains(body, []byte("www.")) && !bytes.Contains(body, []byte("://")) && bytes.IndexByte(body, '@') < 0 {
		return nil
	}
	var out []int
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		i += size
		if r < utf8.RuneSelf || i >= len(body) || !isAlnum(body[i]) || !isBoundary(r) {
			continue
		}
		if looksLikeAddress(body[i:]) {
			out = append(out, i)
		}
	}
	return out
}

// isBoundary reports whether a non-ASCII rune ends a word the way a space
// does for GFM: CJK ideographs and kana, Hangul, and any punctuation,
// symbol or space outside ASCII (full-width brackets, 。，、：「」《》“” …).
func isBoundary(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) ||
		unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// looksLikeAddress is the cheap test before the parse: a URL prefix GFM
// knows, or an "@" in the run of ASCII that starts here.
func looksLikeAddress(b []byte) bool {
	for _, prefix := range []string{"www.", "http://", "https://", "ftp://"} {
		if bytes.HasPrefix(b, []byte(prefix)) {
			return true
		}
	}
	for _, c := range b {
		switch {
		case c == '@':
			return true
		case isAlnum(c) || strings.IndexByte(".+-_", c) >= 0:
		default:
			return false
		}
	}
	return false
}

// span is a half-open range of byte offsets.
type span struct{ start, stop int }

// inside reports whether p lies in one of spans, which are in order and
// do not overlap.
func inside(spans []span, p int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].stop > p })
	return i < len(spans) && spans[i].start <= p
}

// textSegments lists the plain text of the document: text outside code
// spans, links, autolinks and images (raw HTML and code blocks have no
// text nodes at all).
func textSegments(doc ast.Node) []span {
	var out []span
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.Link, *ast.AutoLink, *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			out = append(out, span{n.Segment.Start, n.Segment.Stop})
		}
		return ast.WalkContinue, nil
	})
	// Not always in the order of the source: footnotes move to the end.
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// shortcodeSpans lists Hugo's shortcodes ({{< … >}} and {{% … %}}): Hugo
// takes them out before the markdown is parsed, so their arguments must
// stay as written.
func shortcodeSpans(body []byte) []span {
	var out []span
	for off := 0; ; {
		i := bytes.Index(body[off:], []byte("{{"))
		if i < 0 || off+i+2 >= len(body) {
			return out
		}
		start := off + i
		closer := ""
		switch body[start+2] {
		case '<':
			closer = ">}}"
		case '%':
			closer = "%}}"
		default:
			off = start + 2
			continue
		}
		j := bytes.Index(body[start:], []byte(closer))
		if j < 0 {
			return append(out, span{start, len(body)})
		}
		out = append(out, span{start, start + j + len(closer)})
		off = start + j + len(closer)
	}
}

// linkifier is goldmark's own GFM linkify parser: it decides where an
// address ends exactly as the build does after a space.
var linkifier = extension.NewLinkifyParser()

// rewriteAt writes the address starting at body[p] as a link and returns
// the offset just after the address, or "" when there is no address there.
func rewriteAt(body []byte, p int, scheme string) (end int, link string) {
	line, _ := cutLine(body[p:])
	reader := text.NewReader(line)
	n := linkifier.Parse(ast.NewParagraph(), reader, parser.NewContext())
	al, ok := n.(*ast.AutoLink)
	if !ok {
		return 0, ""
	}
	label := string(al.Label(line))
	switch {
	case al.AutoLinkType == ast.AutoLinkEmail:
		link = "<" + label + ">"
	case len(al.Protocol) > 0: // www.…: the scheme is the build's
		link = "[" + escapeText(label) + "](<" + escapeDest(scheme+"://"+label) + ">)"
	case !strings.ContainsAny(label, "<>"):
		link = "<" + label + ">"
	default:
		link = "[" + escapeText(label) + "](<" + escapeDest(label) + ">)"
	}
	if !parsesAs(link, al.AutoLinkType, label) {
		return 0, ""
	}
	return p + len(label), link
}

// escapeText backslash-escapes what could start markdown syntax inside
// link text (emphasis, code, entities, smart quotes, "--" and "..."), so
// that the text shows the address exactly as written.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		doubled := i+1 < len(s) && s[i+1] == c
		if strings.IndexByte("\\`*_[]<>&!~'\"{}$^=+|", c) >= 0 || (c == '-' || c == '.') && doubled {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// escapeDest escapes what a <…> link destination would otherwise read
// differently: the angle brackets, backslashes and entities.
func escapeDest(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(`<>\&`, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// parsesAs checks that link, parsed on its own, is one link whose text is
// label: a last guard so that an address goldmark would read differently
// is left as plain text rather than mangled.
func parsesAs(link string, typ ast.AutoLinkType, label string) bool {
	src := []byte(link)
	doc := md.Parser().Parse(text.NewReader(src))
	para := doc.FirstChild()
	if para == nil || para.NextSibling() != nil || para.ChildCount() != 1 {
		return false
	}
	switch n := para.FirstChild().(type) {
	case *ast.AutoLink:
		return n.AutoLinkType == typ && string(n.Label(src)) == label
	case *ast.Link:
		var got strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				return false
			}
			got.Write(unescape(t.Segment.Value(src)))
		}
		return got.String() == label
	}
	return false
}

// unescape drops the backslashes of escapeText.
func unescape(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
		}
		out = append(out, b[i])
	}
	return out
}
