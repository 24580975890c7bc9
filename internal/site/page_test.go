package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// doc is a parsed built page with CSS-selector helpers.
type doc struct {
	t    testing.TB
	name string
	root *html.Node
}

func parsePage(t testing.TB, public, name string) *doc {
	t.Helper()
	f, err := os.Open(filepath.Join(public, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("opening built page: %v", err)
	}
	defer f.Close()
	root, err := html.Parse(f)
	if err != nil {
		t.Fatalf("parsing %s: %v", name, err)
	}
	return &doc{t: t, name: name, root: root}
}

func (d *doc) all(sel string) []*html.Node {
	return cascadia.QueryAll(d.root, cascadia.MustCompile(sel))
}

// within returns the elements under n matching sel.
func (d *doc) within(n *html.Node, sel string) []*html.Node {
	return cascadia.QueryAll(n, cascadia.MustCompile(sel))
}

// one returns the only element matching sel, failing the test otherwise.
func (d *doc) one(sel string) *html.Node {
	d.t.Helper()
	nodes := d.all(sel)
	if len(nodes) != 1 {
		d.t.Fatalf("%s: %d elements match %q, want 1", d.name, len(nodes), sel)
	}
	return nodes[0]
}

// has reports whether any element matches sel.
func (d *doc) has(sel string) bool { return len(d.all(sel)) > 0 }

// text returns the text of the only element matching sel, with runs of
// white space collapsed.
func (d *doc) text(sel string) string {
	d.t.Helper()
	return textOf(d.one(sel))
}

// attr returns an attribute of the only element matching sel.
func (d *doc) attr(sel, name string) string {
	d.t.Helper()
	return attrOf(d.one(sel), name)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func attrOf(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
