package content

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gazette/internal/messages"
)

// refKind tells links from images.
type refKind int

const (
	refLink refKind = iota
	refImage
)

// ref is a link or image destination in a page's text, with where it is.
type ref struct {
	kind refKind
	dest string
	pos  position
}

// markdown parses the text the way the build's goldmark does (GitHub
// flavour, footnotes, definition lists, CJK line breaks, attributes), so
// that what check sees is what gets rendered.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.CJK),
	goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
)

var firstTag = regexp.MustCompile(`<[A-Za-z/!?][^>\n]{0,60}>?`)

// checkBody checks the markdown text of pg: heading levels, raw HTML,
// images without alt text; it collects links and images to resolve once
// every page is known.
func (c *checker) checkBody(pg *page, src []byte, fm *frontMatter) {
	body := fm.body
	at := func(off int) position {
		l, col := lineCol(src, fm.bodyOffset+off)
		return position{l, col}
	}
	doc := markdown.Parser().Parse(text.NewReader(body))
	if pg.kind == kindPage && !hasAttachments(fm) && !visible(doc, body) {
		pos := at(0)
		c.report(pg.file, pos.line, pos.col, Warning, "empty-body", messages.DiagEmptyBody)
	}
	level := 1 // the page title is the level-1 heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			pos := at(lineStart(body, blockStart(n)))
			switch {
			case n.Level == 1:
				c.report(pg.file, pos.line, pos.col, Warning, "heading-h1", messages.DiagHeadingH1)
			case n.Level > level+1:
				c.report(pg.file, pos.line, pos.col, Warning, "heading-skip", messages.DiagHeadingSkip,
					level, n.Level, strings.Repeat("#", level+1))
			}
			level = n.Level
		case *ast.HTMLBlock:
			if n.HTMLBlockType == ast.HTMLBlockType2 || c.opts.AllowHTML {
				return ast.WalkSkipChildren, nil // comments are never shown anyway
			}
			off := blockStart(n)
			c.reportHTML(pg, body, off, at)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if c.opts.AllowHTML || n.Segments.Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			off := n.Segments.At(0).Start
			// Comments are never shown; a closing tag belongs to an
			// opening one already reported.
			if bytes.HasPrefix(body[off:], []byte("<!--")) || bytes.HasPrefix(body[off:], []byte("</")) {
				return ast.WalkSkipChildren, nil
			}
			c.reportHTML(pg, body, off, at)
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			dest := string(n.Destination)
			off := destOffset(body, n, dest)
			pos := at(off)
			if strings.TrimSpace(plainText(n, body)) == "" {
				c.report(pg.file, pos.line, pos.col, Warning, "image-alt", messages.DiagImageAlt, dest, dest)
			}
			pg.refs = append(pg.refs, ref{refImage, dest, pos})
		case *ast.Link:
			dest := string(n.Destination)
			pg.refs = append(pg.refs, ref{refLink, dest, at(destOffset(body, n, dest))})
		}
		return ast.WalkContinue, nil
	})
}

// visible reports whether a reader would see anything of the markdown
// doc: text, an image, code, HTML other than a comment. Blank lines, empty
// headings, rules and comments alone show nothing.
func visible(doc ast.Node, src []byte) bool {
	seen := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			seen = len(bytes.TrimSpace(n.Segment.Value(src))) > 0
		case *ast.String:
			seen = len(bytes.TrimSpace(n.Value)) > 0
		case *ast.Image, *ast.AutoLink:
			seen = true
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			seen = n.Lines().Len() > 0
		case *ast.HTMLBlock:
			seen = n.HTMLBlockType != ast.HTMLBlockType2
		case *ast.RawHTML:
			seen = n.Segments.Len() > 0 && !bytes.HasPrefix(src[n.Segments.At(0).Start:], []byte("<!--"))
		}
		if seen {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return seen
}

// hasAttachments reports whether the front matter lists attachments: the
// page then shows them even without text of its own.
func hasAttachments(fm *frontMatter) bool {
	switch v := fm.fields[fieldKey(fm, "attachments")].(type) {
	case []any:
		return len(v) > 0
	case []map[string]any:
		return len(v) > 0
	}
	return false
}

func (c *checker) reportHTML(pg *page, body []byte, off int, at func(int) position) {
	snippet := firstTag.Find(body[off:])
	if snippet == nil {
		snippet = body[off:min(off+20, len(body))]
	}
	pos := at(off)
	c.report(pg.file, pos.line, pos.col, Error, "raw-html", messages.DiagRawHTML, string(snippet))
}

// blockStart returns the byte offset where a block node's text begins.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// lineStart returns the offset of the start of the line off is on.
func lineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// inlineStart returns the offset of the first text inside an inline node,
// or of its block when it has none (an image with empty brackets).
func inlineStart(n ast.Node) int {
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	return blockStart(n.Parent())
}

// destOffset finds where a link's destination is written, so that the
// column points at the broken path itself.
func destOffset(src []byte, n ast.Node, dest string) int {
	start := inlineStart(n)
	if dest != "" {
		if i := bytes.Index(src[start:], []byte(dest)); i >= 0 {
			return start + i
		}
	}
	return start
}

// plainText returns the text inside an inline node (an image's alt text).
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
