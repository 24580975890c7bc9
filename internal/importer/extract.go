package importer

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gazette/internal/messages"
)

// Selectors are CSS selectors that find an article's parts on pages whose
// meta tags do not name them. Empty ones are not used.
type Selectors struct {
	Body, Title, Date, Source string
}

// compiled selectors; nil when not given.
type selectors struct {
	body, title, date, source cascadia.Sel
}

// compileSelectors checks the selectors once, before any page is read.
func compileSelectors(s Selectors) (*selectors, error) {
	var out selectors
	for _, x := range []struct {
		flag, expr string
		dst        *cascadia.Sel
	}{{"--body", s.Body, &out.body}, {"--title", s.Title, &out.title}, {"--date", s.Date, &out.date}, {"--source", s.Source, &out.source}} {
		if x.expr == "" {
			continue
		}
		sel, err := cascadia.Parse(x.expr)
		if err != nil {
			return nil, problem(messages.ImportBadSelector, x.flag, x.expr, err)
		}
		*x.dst = sel
	}
	return &out, nil
}

// cmsBodies are the containers in which common Chinese government CMSs
// (TRS WCM, Hanweb, Ucap and their imitators) put an article's text.
// They are tried after the --body selector and before the main-content
// extractor, which is a guess.
var cmsBodies = cascadia.MustCompile(".TRS_Editor, .trs_editor_view, #zoom, #UCAP-CONTENT, .bt-article-content, .article-content, #article-content, .wzy-content, #Zoom")

// candidate is an article page read from the old site, before names and
// pairs are settled and its resources are fetched.
type candidate struct {
	url    *url.URL
	lang   string
	column string
	fields Fields
	// body is the cleaned article content.
	body *html.Node
	// extra are attachment links beside the body (a 附件 block after the
	// text), which join the attachments list.
	extra []*html.Node
	// alternates are the URLs (normalised) the page names as its version
	// in the other language.
	alternates []string
	name       string
}

// decodeHTML parses a page in whatever encoding it declares (header or
// meta tag), falling back to GB18030, the superset of GBK and GB2312,
// for undeclared bytes that are not UTF-8: that is what old Chinese pages
// without a declaration are in.
func decodeHTML(body []byte, contentType string) (*html.Node, error) {
	enc, _, certain := charset.DetermineEncoding(body, contentType)
	if !certain && !utf8.Valid(body) {
		enc = simplifiedchinese.GB18030
	}
	text, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, err
	}
	return html.Parse(bytes.NewReader(text))
}

// metaTags returns the page's <meta name=… content=…> tags, names lower-cased.
func metaTags(doc *html.Node) map[string]string {
	m := map[string]string{}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			name := strings.ToLower(attr(n, "name"))
			if name == "" {
				name = strings.ToLower(attr(n, "http-equiv"))
			}
			if name != "" {
				if _, ok := m[name]; !ok {
					m[name] = strings.TrimSpace(attr(n, "content"))
				}
			}
		}
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// textOf returns the text of n with runs of white space (full-width and
// non-breaking spaces too) made one space.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			if n.DataAtom == atom.Br || n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Td || n.DataAtom == atom.Li {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.FieldsFunc(b.String(), unicode.IsSpace), " ")
}

// langOf reads a page's language: its html lang attribute or a
// Content-Language meta tag; "" when it says neither.
func langOf(doc *html.Node, meta map[string]string) string {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			if l := normLang(attr(n, "lang")); l != "" {
				return l
			}
			break
		}
	}
	for _, k := range []string{"content-language", "language"} {
		if l := normLang(meta[k]); l != "" {
			return l
		}
	}
	return ""
}

// normLang maps language tags to Gazette's languages: "zh-CN" → "zh".
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "zh" || strings.HasPrefix(s, "zh-") || strings.HasPrefix(s, "zh_") || s == "cn" || s == "chinese":
		return "zh"
	case s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_") || s == "english":
		return "en"
	}
	return ""
}

// pagination words and patterns list pages carry.
var pagerText = regexp.MustCompile(`下一页|上一页|尾页|首页.*末页|共\s*\d+\s*页|第\s*\d+\s*页|Next page|Previous page|Last page`)

// looksLikeList tells a column's list page: it has a pager, or most of
// its text is link text in list items.
func looksLikeList(doc *html.Node) bool {
	if pagerText.MatchString(textOf(doc)) {
		return true
	}
	var items, linked int
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Li {
			items++
			for c := range n.Descendants() {
				if c.Type == html.ElementNode && c.DataAtom == atom.A {
					linked++
					break
				}
			}
		}
	}
	return items >= 8 && linked*10 >= items*8
}

// datePattern finds a date, with its time when there is one, in the forms
// Chinese sites print: 2019-10-24 10:11, 2019/10/24, 2019年10月24日 10:11:05.
var datePattern = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?`)

// parseDate reads the first date in s, in the site time zone.
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(m[i])
		return n
	}
	y, mo, d := num(1), num(2), num(3)
	h, mi, sec := num(4), num(5), num(6)
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || y < 1990 || y > 2100 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// labelled finds "label：value" on the page, where the value is the rest
// of the same text or the next cell of a table: how 发布时间, 来源, 索引号
// and 文号 are shown on Chinese government pages. Labels are tried in
// order; a label must start a word ("日期" is not found in "成文日期").
func labelled(doc *html.Node, labels ...string) string {
	for _, l := range labels {
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode || n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				continue
			}
			// Only the elements whose own text holds the label are read.
			own := ownText(n)
			i := strings.Index(own, l)
			for i > 0 {
				r, _ := utf8.DecodeLastRuneInString(own[:i])
				if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
					break
				}
				j := strings.Index(own[i+len(l):], l)
				if j < 0 {
					i = -1
					break
				}
				i += len(l) + j
			}
			if i < 0 {
				continue
			}
			rest := strings.TrimLeft(own[i+len(l):], " \u00a0\u3000")
			if !strings.HasPrefix(rest, "：") && !strings.HasPrefix(rest, ":") {
				continue
			}
			rest = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(rest, "："), ":"), " \u00a0\u3000")
			if rest != "" {
				return cutAtNextLabel(rest)
			}
			// The value is in the next element (a table's next cell).
			for s := n.NextSibling; s != nil; s = s.NextSibling {
				if s.Type == html.ElementNode {
					return cutAtNextLabel(textOf(s))
				}
			}
		}
	}
	return ""
}

// ownText is the text of n's own text children, white space made one space.
func ownText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.FieldsFunc(b.String(), unicode.IsSpace), " ")
}

// nextLabel ends a labelled value that runs on into the next label on the
// same line, as in "来源：市水务局 发布时间：2019-10-24".
var nextLabel = regexp.MustCompile(`\s+[^\s\d：:]{1,8}[：:]`)

func cutAtNextLabel(s string) string {
	if loc := nextLabel.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return strings.TrimSpace(s)
}

// trsDate is the date TRS puts in its article file names: t20191024_123.html.
var trsDate = regexp.MustCompile(`/t(\d{4})(\d{2})(\d{2})_\d+`)

// switchWords are the texts of the links that lead to a page's version in
// the other language.
var switchWords = []string{"english", "en", "英文", "英文版", "中文", "中文版", "简体中文", "简体", "chinese"}

// extract reads one page of the old site, parsed as doc. It returns the
// article, or why the page is not one: ignore for a page that is not an
// article by design (a list page), skip for a page that should have been.
func extract(doc *html.Node, f *fetched, sel *selectors, opts *PagesOptions) (c *candidate, ignore, skip error) {
	var err error
	meta := metaTags(doc)
	loc := opts.Config.Location()
	c = &candidate{url: f.url}
	c.lang = langOf(doc, meta)
	if c.lang == "" {
		c.lang = opts.lang()
	}
	hasArticleMeta := meta["articletitle"] != ""
	if !hasArticleMeta && looksLikeList(doc) {
		return nil, problem(messages.ImportListPage), nil
	}

	// The body: the --body selector, a CMS's known container, else the
	// main-content extractor.
	var body *html.Node
	if sel.body != nil {
		body = cascadia.Query(doc, sel.body)
	}
	if body == nil {
		for _, n := range cascadia.QueryAll(doc, cmsBodies) {
			if textOf(n) != "" {
				body = n
				break
			}
		}
	}
	var article readability.Article
	if body == nil {
		article, err = readability.FromDocument(doc, f.url)
		if err == nil && article.Node != nil && utf8.RuneCountInString(textOf(article.Node)) >= 40 {
			body = article.Node
		}
	}
	if body == nil || textOf(body) == "" && !hasImage(body) {
		return nil, nil, problem(messages.ImportNoArticle, f.url.String())
	}

	// Fields: the gov meta tags, then the selectors, then the page itself.
	fl := &c.fields
	fl.Title = meta["articletitle"]
	if fl.Title == "" && sel.title != nil {
		if n := cascadia.Query(doc, sel.title); n != nil {
			fl.Title = textOf(n)
		}
	}
	if fl.Title == "" {
		fl.Title = withoutSiteName(article.Title())
	}
	if fl.Title == "" {
		fl.Title = pageTitle(doc)
	}
	if fl.Title == "" {
		return nil, nil, problem(messages.ImportNoTitle, f.url.String())
	}

	date, ok := parseDate(meta["pubdate"], loc)
	if !ok && sel.date != nil {
		if n := cascadia.Query(doc, sel.date); n != nil {
			date, ok = parseDate(textOf(n), loc)
		}
	}
	if !ok {
		date, ok = parseDate(labelled(doc, "发布时间", "发布日期", "发文日期", "日期", "时间", "Published", "Release Date", "Date", "Time"), loc)
	}
	if !ok {
		if m := trsDate.FindStringSubmatch(f.url.Path); m != nil {
			date, ok = parseDate(m[1]+"-"+m[2]+"-"+m[3], loc)
		}
	}
	if !ok {
		if t, err := article.PublishedTime(); err == nil && !t.IsZero() {
			date, ok = t.In(loc), true
		}
	}
	if !ok {
		return nil, nil, problem(messages.ImportNoDate, f.url.String())
	}
	fl.Date = date

	fl.Source = meta["contentsource"]
	if fl.Source == "" && sel.source != nil {
		if n := cascadia.Query(doc, sel.source); n != nil {
			fl.Source = strings.TrimPrefix(strings.TrimPrefix(textOf(n), "来源："), "来源:")
		}
	}
	if fl.Source == "" {
		fl.Source = labelled(doc, "来源", "信息来源", "发布机构", "Source")
	}
	fl.Summary = meta["description"]
	fl.Keywords = splitKeywords(meta["keywords"])
	fl.IndexNumber = labelled(doc, "索引号")
	fl.DocNumber = labelled(doc, "发文字号", "文号")
	written, _ := parseDate(labelled(doc, "成文日期"), loc)
	fl.setIssuer(labelled(doc, "发文机关"), written)

	c.column = opts.Column
	if c.column == "" {
		c.column = columnFromName(opts.Config, meta["columnname"])
		if c.column == "" {
			return nil, nil, problem(messages.ImportNoColumn, f.url.String(), meta["columnname"])
		}
	}
	c.alternates = alternates(doc, f.url, c.lang)
	c.extra = extraAttachments(body, f.url)
	c.body = cleanBody(body, fl.Title)
	return c, nil, nil
}

func hasImage(n *html.Node) bool {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == atom.Img {
			return true
		}
	}
	return false
}

// pageTitle is the <title> without the site name old CMSs append to it.
func pageTitle(doc *html.Node) string {
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			return withoutSiteName(textOf(n))
		}
	}
	return ""
}

// withoutSiteName drops the site name that old CMSs append to a page's
// title: "标题_示例市人民政府门户网站", "Title - Example City".
func withoutSiteName(t string) string {
	for _, sep := range []string{"_", " - ", " | ", "－", " – "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			t = t[:i]
		}
	}
	return strings.TrimSpace(t)
}

func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，;；、 \u3000", r) }) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// alternates finds the page's versions in the other language: <link
// rel="alternate" hreflang>, and links with an hreflang or lang attribute
// or the text of a language switch.
func alternates(doc *html.Node, base *url.URL, lang string) []string {
	var out []string
	add := func(href, hreflang string) {
		if l := normLang(hreflang); l != "" && l == lang {
			return
		}
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || u.Host != base.Host || href == "" {
			return
		}
		if s := normURL(u); s != normURL(base) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "alternate") && attr(n, "hreflang") != "" {
				add(attr(n, "href"), attr(n, "hreflang"))
			}
		case atom.A:
			hl := attr(n, "hreflang")
			if hl == "" {
				hl = attr(n, "lang")
			}
			if hl != "" || slices.Contains(switchWords, strings.ToLower(textOf(n))) {
				if hl == "" {
					hl = textOf(n)
				}
				add(attr(n, "href"), hl)
			}
		}
	}
	return out
}

// normURL is a URL without its fragment, for comparing pages.
func normURL(u *url.URL) string {
	v := *u
	v.Fragment = ""
	v.Host = strings.ToLower(v.Host)
	if v.Path == "" {
		v.Path = "/"
	}
	return v.String()
}

// attachmentExts are the files an article links to that are copied into
// its bundle.
var attachmentExts = []string{".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd", ".zip", ".et", ".rar", ".ppt", ".pptx", ".txt", ".csv"}

func isAttachment(u *url.URL) bool {
	return slices.Contains(attachmentExts, strings.ToLower(path.Ext(u.Path)))
}

// extraAttachments returns links to attachments near the body but outside
// it: CMSs print the 附件 list in a block after the article text.
func extraAttachments(body *html.Node, base *url.URL) []*html.Node {
	scope := body
	for i := 0; i < 2 && scope.Parent != nil && scope.Parent.DataAtom != atom.Body; i++ {
		scope = scope.Parent
	}
	if scope == body {
		return nil
	}
	inBody := map[*html.Node]bool{}
	for n := range body.Descendants() {
		inBody[n] = true
	}
	var out []*html.Node
	for n := range scope.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.A || inBody[n] {
			continue
		}
		if u, err := base.Parse(attr(n, "href")); err == nil && u.Host == base.Host && isAttachment(u) {
			out = append(out, n)
		}
	}
	return out
}
