package site

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// linkifyCase is one case of testdata/linkify.txt.
type linkifyCase struct {
	name     string
	markdown string
	links    []wantLink
	text     string
}

type wantLink struct{ href, text string }

func loadLinkifyCorpus(t *testing.T) []linkifyCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "linkify.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []linkifyCase
	var cur *linkifyCase
	var md []string
	section := ""
	hasText := false
	flush := func() {
		if cur == nil {
			return
		}
		cur.markdown = strings.Join(md, "\n") + "\n"
		if !hasText {
			cur.text = strings.Join(strings.Fields(cur.markdown), " ")
		}
		cases = append(cases, *cur)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "=== "):
			flush()
			cur, md, section, hasText = &linkifyCase{name: strings.TrimPrefix(line, "=== ")}, nil, "markdown", false
		case cur == nil:
			// the header
		case line == "--- links" || line == "--- text":
			section = strings.TrimPrefix(line, "--- ")
		case section == "markdown":
			md = append(md, line)
		case section == "links" && strings.TrimSpace(line) != "":
			href, text, ok := strings.Cut(line, " | ")
			if !ok {
				text = href
			}
			cur.links = append(cur.links, wantLink{strings.TrimSpace(href), strings.TrimSpace(text)})
		case section == "text" && strings.TrimSpace(line) != "":
			cur.text, hasText = strings.Join(strings.Fields(line), " "), true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	flush()
	return cases
}

// linkifySite writes one announcement per corpus case into a site with the
// default theme; case i is content/zh/notices/case-i.md.
func linkifySite(t *testing.T, cases []linkifyCase) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(themedConfig)
	for i, c := range cases {
		fmt.Fprintf(&b, "-- content/zh/notices/case-%02d.md --\n+++\ntitle = %q\ndate = 2024-05-06T07:08:00\nsource = \"示例办公室\"\n+++\n%s", i, c.name, c.markdown)
	}
	return writeSite(t, b.String())
}

// TestLinkifyCorpus builds one site holding every case of
// testdata/linkify.txt and checks, in each announcement's text, every
// link's exact href and text, and that the text a reader sees is the text
// written: the addresses GFM links in English text, and the same addresses
// next to Chinese text and full-width punctuation, where GFM links nothing.
func TestLinkifyCorpus(t *testing.T) {
	cases := loadLinkifyCorpus(t)
	if len(cases) < 20 {
		t.Fatalf("the corpus has %d cases; it must keep at least 20", len(cases))
	}
	public, _ := mustBuild(t, linkifySite(t, cases))
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := parsePage(t, public, fmt.Sprintf("zh/notices/case-%02d/index.html", i))
			var got []wantLink
			for _, a := range page.all(".prose a") {
				got = append(got, wantLink{attrOf(a, "href"), textOf(a)})
			}
			if fmt.Sprint(got) != fmt.Sprint(c.links) {
				t.Errorf("links in %q\n got %q\nwant %q", c.markdown, got, c.links)
			}
			if text := readerText(page.one(".prose")); text != c.text {
				t.Errorf("text\n got %q\nwant %q", text, c.text)
			}
		})
	}
}

// TestLinkifyPreviewMatchesBuild: the preview links bare addresses as the
// build does, in a page rendered ahead of the rebuild as in the rest.
func TestLinkifyPreviewMatchesBuild(t *testing.T) {
	cases := loadLinkifyCorpus(t)
	dir := linkifySite(t, cases)
	ctx := context.Background()
	s, _, err := Open(ctx, Options{Source: dir, AheadAfter: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sameAsBuild(t, "opened", s, dir)

	const name = "content/zh/notices/case-00.md"
	ev := appendLine(t, dir, name, "另见：www.example.gov.cn/more，或（https://example.gov.cn/faq）。")
	names := s.RenderAhead(ctx, []fsnotify.Event{ev})
	if len(names) != 1 {
		t.Fatalf("rendered ahead %v, want the edited page", names)
	}
	ahead, err := fs.ReadFile(s.FS(), names[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href=https://www.example.gov.cn/more>www.example.gov.cn/more</a>，`, `（<a href=https://example.gov.cn/faq>`} {
		if !strings.Contains(string(ahead), want) {
			t.Errorf("the page rendered ahead lacks %s", want)
		}
	}
	rep, err := s.Rebuild(ctx, []fsnotify.Event{ev})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.AheadDiffered) > 0 {
		t.Errorf("the rebuild rendered %v differently from the page rendered ahead", rep.AheadDiffered)
	}
	visitAll(t, s)
	sameAsBuild(t, "edited", s, dir)
}

// readerText is the text of n as a reader sees it, white space collapsed:
// blocks (paragraphs, headings, code blocks, table cells) are apart even
// where the minified HTML has no white space between them.
func readerText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		block := false
		switch n.DataAtom {
		case atom.P, atom.Pre, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Td, atom.Th:
			block = true
		}
		if block {
			b.WriteByte(' ')
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
