package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropped elements carry no article text: scripts, forms, embedded
// players and the like.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Form: true,
	atom.Input: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Object: true,
	atom.Embed: true, atom.Meta: true, atom.Link: true, atom.Title: true,
}

// unwrapped elements keep their content but not themselves: the old
// CMS's styling wrappers.
var unwrapped = map[atom.Atom]bool{
	atom.Font: true, atom.Span: true, atom.Center: true, atom.U: true, atom.Small: true, atom.Big: true,
	atom.Section: true, atom.Article: true, atom.Label: true, atom.Abbr: true, atom.Ins: true,
}

// keptAttrs are the attributes that mean something in markdown.
var keptAttrs = map[string]bool{"href": true, "src": true, "alt": true, "title": true, "colspan": true, "rowspan": true}

// cleanBody returns a cleaned copy of an article's content: without the
// CMS's wrappers, inline styles, empty paragraphs, full-width-space
// indentation, layout tables and a repeat of the title.
func cleanBody(body *html.Node, title string) *html.Node {
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		root.AppendChild(clone(c))
	}
	cleanNode(root)
	unwrapLayoutTables(root)
	dropEmpty(root)
	dropLeading(root, title)
	return root
}

func clone(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace, Attr: append([]html.Attribute(nil), n.Attr...)}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(clone(k))
	}
	return c
}

// invisible are characters pasted from Word and web pages that readers
// cannot see and gazette check warns about.
var invisible = strings.NewReplacer("\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "", "\u00ad", "", "\u00a0", " ")

func cleanNode(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			n.RemoveChild(c)
		case html.TextNode:
			c.Data = strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
					return -1
				}
				return r
			}, invisible.Replace(c.Data))
		case html.ElementNode:
			// Word's <o:p> and other namespaced tags, and the wrappers.
			switch {
			case dropped[c.DataAtom]:
				n.RemoveChild(c)
			case unwrapped[c.DataAtom] || strings.Contains(c.Data, ":") || c.DataAtom == 0 && c.Data != "":
				cleanNode(c)
				for k := c.FirstChild; k != nil; {
					kn := k.NextSibling
					c.RemoveChild(k)
					n.InsertBefore(k, c)
					k = kn
				}
				n.RemoveChild(c)
			default:
				if c.DataAtom == atom.H1 {
					c.Data, c.DataAtom = "h2", atom.H2
				}
				attrs := c.Attr[:0]
				for _, a := range c.Attr {
					if keptAttrs[strings.ToLower(a.Key)] {
						attrs = append(attrs, a)
					}
				}
				c.Attr = attrs
				cleanNode(c)
			}
		}
		c = next
	}
}

// unwrapLayoutTables replaces tables that only lay a page out (one
// column, or one cell) by their content; tables of data stay.
func unwrapLayoutTables(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		unwrapLayoutTables(c)
		if c.Type == html.ElementNode && c.DataAtom == atom.Table && maxColumns(c) <= 1 {
			for _, cell := range cells(c) {
				div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
				for k := cell.FirstChild; k != nil; {
					kn := k.NextSibling
					cell.RemoveChild(k)
					div.AppendChild(k)
					k = kn
				}
				n.InsertBefore(div, c)
			}
			n.RemoveChild(c)
		}
		c = next
	}
}

// maxColumns is the most cells a row of table t has (not counting nested tables).
func maxColumns(t *html.Node) int {
	most := 0
	var rows func(*html.Node)
	rows = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Tr:
				k := 0
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.DataAtom == atom.Td || d.DataAtom == atom.Th {
						k++
					}
				}
				most = max(most, k)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				rows(c)
			}
		}
	}
	rows(t)
	return most
}

// cells lists the cells of table t in order (not those of nested tables).
func cells(t *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Td, atom.Th:
				out = append(out, c)
			case atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			}
		}
	}
	walk(t)
	return out
}

// blank reports text that is only white space, full-width spaces included.
func blank(s string) bool {
	return strings.TrimFunc(s, unicode.IsSpace) == ""
}

// dropEmpty removes paragraphs and wrappers that hold no text and no
// image: the CMS's spacers.
func dropEmpty(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			dropEmpty(c)
			switch c.DataAtom {
			case atom.P, atom.Div, atom.Strong, atom.B, atom.Em, atom.I, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol:
				if blank(textOf(c)) && !hasImage(c) {
					n.RemoveChild(c)
				}
			case atom.A:
				if blank(textOf(c)) && !hasImage(c) {
					n.RemoveChild(c)
				}
			}
		}
		c = next
	}
}

// infoLine matches the line of publish time, source and counters that
// CMSs print between an article's title and its text.
var infoLine = regexp.MustCompile(`发布时间|发布日期|来源[:：]|浏览次数|点击数|字号|Published|Source:|Views`)

// dropLeading removes the first blocks of the body when they only repeat
// the title or the publish-time line, which the page already shows.
func dropLeading(root *html.Node, title string) {
	norm := func(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "") }
	// Extractors wrap the text in a div or two: look inside.
	for {
		var only *html.Node
		n := 0
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				only, n = c, n+1
			} else if !(c.Type == html.TextNode && blank(c.Data)) {
				n += 2
			}
		}
		if n != 1 || only.DataAtom != atom.Div {
			break
		}
		root = only
	}
	for c, seen := root.FirstChild, 0; c != nil && seen < 3; {
		next := c.NextSibling
		if c.Type == html.TextNode && blank(c.Data) {
			c = next
			continue
		}
		text := textOf(c)
		if c.Type != html.ElementNode && c.Type != html.TextNode || hasImage(c) {
			return
		}
		if norm(text) != norm(title) && !(infoLine.MatchString(text) && utf8.RuneCountInString(text) < 120) {
			return
		}
		root.RemoveChild(c)
		c, seen = next, seen+1
	}
}

// toTop are the texts of "back to top" links, which mean nothing in an
// announcement.
var toTop = regexp.MustCompile(`^(返回顶部|回到顶部|顶部|top|back to top|TOP)$`)

// newConverter returns the HTML-to-markdown converter imports use:
// CommonMark with tables; a merged cell's text is repeated in the cells
// it covers, so that each row reads whole.
func newConverter() *converter.Converter {
	return converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(commonmark.WithHeadingStyle("atx"), commonmark.WithBulletListMarker("-")),
		table.NewTablePlugin(table.WithSpanCellBehavior(table.SpanBehaviorMirror), table.WithHeaderPromotion(true),
			table.WithNewlineBehavior(table.NewlineBehaviorPreserve)),
	))
}

var (
	// indent is the full-width or non-breaking space indentation that
	// Chinese texts start their paragraphs with.
	indent     = regexp.MustCompile(`(?m)^[ \t]*[\x{3000}\x{00a0}][\x{3000}\x{00a0} \t]*`)
	trailing   = regexp.MustCompile(`(?m)[ \t\x{3000}]+$`)
	blankLines = regexp.MustCompile(`\n{3,}`)
)

// toMarkdown converts a cleaned body to markdown.
func toMarkdown(conv *converter.Converter, body *html.Node) (string, error) {
	md, err := conv.ConvertNode(body)
	if err != nil {
		return "", err
	}
	s := indent.ReplaceAllString(string(md), "")
	s = trailing.ReplaceAllString(s, "")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s) + "\n", nil
}
