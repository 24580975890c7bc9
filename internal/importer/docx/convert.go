package docx

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// style is what the importer needs of a paragraph or character style.
type style struct {
	name    string
	basedOn string
	outline int // heading level from 0, -1 when not a heading
	numID   string
	ilvl    int
	bold    *bool
	italic  *bool
}

// converter carries the conversion of one document.
type converter struct {
	pkg       *pkg
	main      string
	body      *node
	rels      map[string]rel
	styles    map[string]*style
	numFmt    map[string]map[int]string // numId → level → numFmt
	footnotes map[string]*node

	doc *Document
	// imageNames are the images taken, by part name: their file name.
	imageNames map[string]string
	// footnote ids in order of first reference, and their numbers.
	noteOrder []string
	noteNum   map[string]int
	imageNum  int
}

func newConverter(p *pkg, main string) (*converter, error) {
	c := &converter{pkg: p, main: main, doc: &Document{}, imageNames: map[string]string{}, noteNum: map[string]int{},
		styles: map[string]*style{}, numFmt: map[string]map[int]string{}, footnotes: map[string]*node{}}
	root, err := p.xml(main)
	if err != nil {
		return nil, err
	}
	c.body = root.path("document", "body")
	if c.body == nil {
		return nil, &NotDocxError{Kind: "zip"}
	}
	// The styles, numbering and footnotes parts are found by the type of
	// their relationship, else by their usual names.
	var typed map[string]string
	if c.rels, typed, err = p.rels(main); err != nil {
		return nil, err
	}
	partFor := func(kind string) string {
		if t, ok := typed[kind]; ok {
			return t
		}
		return path.Join(path.Dir(main), kind+".xml")
	}
	if s, err := p.xml(partFor("styles")); err != nil {
		return nil, err
	} else if s != nil {
		c.readStyles(s)
	}
	if n, err := p.xml(partFor("numbering")); err != nil {
		return nil, err
	} else if n != nil {
		c.readNumbering(n)
	}
	if f, err := p.xml(partFor("footnotes")); err != nil {
		return nil, err
	} else if f != nil {
		for _, fn := range f.path("footnotes").kids {
			if fn.name == "footnote" && fn.val("type") == "" {
				c.footnotes[fn.val("id")] = fn
			}
		}
	}
	return c, nil
}

func (c *converter) readStyles(root *node) {
	for _, s := range root.path("styles").kids {
		if s.name != "style" {
			continue
		}
		st := &style{name: strings.ToLower(s.path("name").val("val")), basedOn: s.path("basedOn").val("val"), outline: -1}
		if o := s.path("pPr", "outlineLvl"); o != nil {
			if v, err := strconv.Atoi(o.val("val")); err == nil && v < 9 {
				st.outline = v
			}
		}
		if np := s.path("pPr", "numPr"); np != nil {
			st.numID = np.path("numId").val("val")
			st.ilvl, _ = strconv.Atoi(np.path("ilvl").val("val"))
		}
		if b := s.path("rPr", "b"); b != nil {
			v := on(b)
			st.bold = &v
		}
		if i := s.path("rPr", "i"); i != nil {
			v := on(i)
			st.italic = &v
		}
		c.styles[s.val("styleId")] = st
	}
}

func (c *converter) readNumbering(root *node) {
	abstract := map[string]map[int]string{}
	n := root.path("numbering")
	for _, a := range n.kids {
		if a.name != "abstractNum" {
			continue
		}
		levels := map[int]string{}
		for _, l := range a.kids {
			if l.name == "lvl" {
				i, _ := strconv.Atoi(l.val("ilvl"))
				levels[i] = l.path("numFmt").val("val")
			}
		}
		abstract[a.val("abstractNumId")] = levels
	}
	for _, num := range n.kids {
		if num.name == "num" {
			c.numFmt[num.val("numId")] = abstract[num.path("abstractNumId").val("val")]
		}
	}
}

// styleChain returns the style and those it is based on, nearest first.
func (c *converter) styleChain(id string) []*style {
	var out []*style
	for i := 0; id != "" && i < 20; i++ {
		s := c.styles[id]
		if s == nil {
			break
		}
		out = append(out, s)
		id = s.basedOn
	}
	return out
}

var headingName = regexp.MustCompile(`^heading\s*([1-9])$`)

// para is a paragraph of the body, read.
type para struct {
	text     string // markdown of its runs
	plain    string // its text without markup, trimmed
	heading  int    // 0, or the outline level from 1
	title    bool   // styled Title
	list     string // "", "bullet" or "ordered"
	level    int    // list nesting from 0
	centered bool
	right    bool
	image    bool
}

// paragraph reads a w:p.
func (c *converter) paragraph(p *node) *para {
	out := &para{}
	ppr := p.child("pPr")
	styleID := ppr.path("pStyle").val("val")
	chain := c.styleChain(styleID)
	outline := -1
	if o := ppr.child("outlineLvl"); o != nil {
		if v, err := strconv.Atoi(o.val("val")); err == nil && v < 9 {
			outline = v
		}
	}
	for _, s := range chain {
		if outline < 0 && s.outline >= 0 {
			outline = s.outline
		}
		if m := headingName.FindStringSubmatch(s.name); outline < 0 && m != nil {
			v, _ := strconv.Atoi(m[1])
			outline = v - 1
		}
		if s.name == "title" {
			out.title = true
		}
	}
	if outline >= 0 {
		out.heading = outline + 1
	}
	numID, ilvl := "", 0
	if np := ppr.child("numPr"); np != nil {
		numID = np.path("numId").val("val")
		ilvl, _ = strconv.Atoi(np.path("ilvl").val("val"))
	} else {
		for _, s := range chain {
			if s.numID != "" {
				numID, ilvl = s.numID, s.ilvl
				break
			}
		}
	}
	if numID != "" && numID != "0" && out.heading == 0 {
		if f, ok := c.numFmt[numID][ilvl]; ok {
			out.list, out.level = "ordered", ilvl
			if f == "bullet" || f == "none" {
				out.list = "bullet"
			}
		}
	}
	switch ppr.path("jc").val("val") {
	case "center":
		out.centered = true
	case "right", "end":
		out.right = true
	}
	var base runStyle
	for i := len(chain) - 1; i >= 0; i-- {
		if chain[i].bold != nil {
			base.bold = *chain[i].bold
		}
		if chain[i].italic != nil {
			base.italic = *chain[i].italic
		}
	}
	if out.heading > 0 || out.title {
		base.bold = false // a heading's bold is its style, not emphasis
	}
	var segs []segment
	c.inline(p, base, "", &segs, out)
	out.text = render(segs)
	var plain strings.Builder
	for _, s := range segs {
		if s.kind == segText {
			plain.WriteString(s.text)
		}
	}
	out.plain = strings.TrimFunc(plain.String(), unicode.IsSpace)
	return out
}

// runStyle is the emphasis of a run.
type runStyle struct{ bold, italic bool }

type segKind int

const (
	segText segKind = iota
	segImage
	segNote
	segBreak
)

// segment is a piece of a paragraph: text with its emphasis and link, an
// image, a footnote reference or a line break.
type segment struct {
	kind segKind
	text string // the text; for an image its alt text; for a note its label
	src  string // an image's file name
	href string
	runStyle
}

// inline walks the content of a paragraph (or a part of it) into segs.
func (c *converter) inline(n *node, base runStyle, href string, segs *[]segment, p *para) {
	var field struct {
		active, result bool
		href           string
	}
	for _, k := range n.kids {
		switch k.name {
		case "r":
			st := base
			rpr := k.child("rPr")
			for _, s := range c.styleChain(rpr.path("rStyle").val("val")) {
				if s.bold != nil {
					st.bold = *s.bold
				}
				if s.italic != nil {
					st.italic = *s.italic
				}
				break
			}
			if b := rpr.child("b"); b != nil {
				st.bold = on(b)
			}
			if i := rpr.child("i"); i != nil {
				st.italic = on(i)
			}
			if p.heading > 0 || p.title {
				st.bold = false
			}
			link := href
			if field.result && field.href != "" {
				link = field.href
			}
			for _, e := range k.kids {
				switch e.name {
				case "t":
					*segs = append(*segs, segment{kind: segText, text: e.text, href: link, runStyle: st})
				case "tab", "ptab":
					*segs = append(*segs, segment{kind: segText, text: " ", href: link, runStyle: st})
				case "br", "cr":
					if e.val("type") == "" || e.val("type") == "textWrapping" {
						*segs = append(*segs, segment{kind: segBreak})
					}
				case "noBreakHyphen":
					*segs = append(*segs, segment{kind: segText, text: "-", href: link, runStyle: st})
				case "footnoteReference":
					id := e.val("id")
					if c.footnotes[id] != nil {
						if _, ok := c.noteNum[id]; !ok {
							c.noteOrder = append(c.noteOrder, id)
							c.noteNum[id] = len(c.noteOrder)
						}
						*segs = append(*segs, segment{kind: segNote, text: strconv.Itoa(c.noteNum[id])})
					}
				case "drawing", "pict", "object":
					c.images(e, segs, p)
				case "AlternateContent":
					if ch := e.child("Choice"); ch != nil {
						c.images(ch, segs, p)
					}
				case "fldChar":
					switch e.val("fldCharType") {
					case "begin":
						field.active, field.result, field.href = true, false, ""
					case "separate":
						field.result = true
					case "end":
						field.active, field.result, field.href = false, false, ""
					}
				case "instrText":
					if m := hyperlinkField.FindStringSubmatch(e.text); m != nil && field.active {
						field.href = m[1]
					}
				}
			}
		case "hyperlink":
			link := ""
			if r, ok := c.rels[k.val("id")]; ok && r.external {
				link = r.target
			}
			c.inline(k, base, link, segs, p)
		case "fldSimple":
			link := href
			if m := hyperlinkField.FindStringSubmatch(k.val("instr")); m != nil {
				link = m[1]
			}
			c.inline(k, base, link, segs, p)
		case "ins", "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo":
			c.inline(k, base, href, segs, p)
		}
	}
}

var hyperlinkField = regexp.MustCompile(`HYPERLINK\s+"([^"]+)"`)

// images adds the pictures under n (DrawingML blips and VML image data).
func (c *converter) images(n *node, segs *[]segment, p *para) {
	var walk func(*node, string)
	walk = func(n *node, alt string) {
		switch n.name {
		case "inline", "anchor":
			if d := n.child("docPr"); d != nil {
				alt = strings.TrimSpace(d.val("descr"))
				if alt == "" {
					alt = strings.TrimSpace(d.val("title"))
				}
			}
		case "blip", "imagedata":
			id := n.val("embed")
			if id == "" {
				id = n.val("id")
			}
			if r, ok := c.rels[id]; ok && !r.external {
				if name := c.image(r.target); name != "" {
					c.imageNum++
					if alt == "" {
						alt = strings.TrimSpace(n.val("title"))
					}
					if alt == "" {
						c.doc.ImagesWithoutAlt = append(c.doc.ImagesWithoutAlt, c.imageNum)
					}
					*segs = append(*segs, segment{kind: segImage, text: alt, src: name})
					p.image = true
				}
			}
			return
		}
		for _, k := range n.kids {
			walk(k, alt)
		}
	}
	walk(n, "")
}

// image takes a media part into the document's images once and returns
// its file name.
func (c *converter) image(part string) string {
	if name, ok := c.imageNames[part]; ok {
		return name
	}
	data, err := c.pkg.read(part)
	if err != nil || data == nil {
		return ""
	}
	ext := strings.ToLower(path.Ext(part))
	name := fmt.Sprintf("image-%d%s", len(c.doc.Images)+1, ext)
	c.doc.Images = append(c.doc.Images, Image{Name: name, Data: data})
	c.imageNames[part] = name
	return name
}

// render writes segments as markdown: runs of the same emphasis and link
// joined, markers kept off white space so that they take effect.
func render(segs []segment) string {
	var b strings.Builder
	for i := 0; i < len(segs); {
		s := segs[i]
		switch s.kind {
		case segImage:
			fmt.Fprintf(&b, "![%s](%s)", escape(s.text), s.src)
			i++
			continue
		case segNote:
			fmt.Fprintf(&b, "[^%s]", s.text)
			i++
			continue
		case segBreak:
			b.WriteString("\\\n")
			i++
			continue
		}
		j := i
		var text strings.Builder
		for j < len(segs) && segs[j].kind == segText && segs[j].runStyle == s.runStyle && segs[j].href == s.href {
			text.WriteString(segs[j].text)
			j++
		}
		b.WriteString(emphasise(text.String(), s.runStyle, s.href))
		i = j
	}
	return b.String()
}

// emphasise marks up one run of text.
func emphasise(t string, st runStyle, href string) string {
	core := strings.TrimFunc(t, unicode.IsSpace)
	if core == "" {
		return t
	}
	lead := t[:strings.Index(t, core)]
	trail := t[len(lead)+len(core):]
	m := escape(core)
	if href != "" {
		m = "[" + m + "](" + strings.ReplaceAll(href, " ", "%20") + ")"
	}
	switch {
	case st.bold && st.italic:
		m = "***" + m + "***"
	case st.bold:
		m = "**" + m + "**"
	case st.italic:
		m = "*" + m + "*"
	}
	return lead + m + trail
}

var mdSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", `\<`, ">", `\>`, "|", `\|`)

// escape keeps characters that markdown would read as markup literal.
func escape(s string) string { return mdSpecial.Replace(s) }

// blockStart escapes what would start a block at the beginning of a
// paragraph: a heading, a list item, a quote, a thematic break.
var blockStart = regexp.MustCompile(`^(#{1,6}\s|[-+]\s|\d{1,9}[.)]\s|=+\s*$|-{3,}\s*$)`)

func escapeStart(s string) string {
	if m := blockStart.FindStringIndex(s); m != nil {
		if s[0] >= '0' && s[0] <= '9' {
			i := strings.IndexAny(s, ".)")
			return s[:i] + `\` + s[i:]
		}
		return `\` + s
	}
	return s
}

// cellText is the text of a node's paragraphs on one line, for table cells and footnotes.
func (c *converter) cellText(n *node) string {
	var parts []string
	for _, k := range n.kids {
		switch k.name {
		case "p":
			if p := c.paragraph(k); strings.TrimSpace(p.text) != "" {
				parts = append(parts, strings.TrimSpace(strings.ReplaceAll(p.text, "\\\n", " ")))
			}
		case "tbl":
			for _, tr := range k.kids {
				for _, tc := range tr.kids {
					if t := c.cellText(tc); t != "" {
						parts = append(parts, t)
					}
				}
			}
		case "sdt", "sdtContent", "customXml":
			if t := c.cellText(k); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, " ")
}

// table renders a w:tbl as a markdown table. A merged cell's text is
// repeated in every cell it covers, so that each row reads whole.
func (c *converter) table(t *node) string {
	var rows [][]string
	for _, tr := range t.kids {
		if tr.name != "tr" {
			continue
		}
		var row []string
		for _, tc := range tr.kids {
			if tc.name != "tc" {
				continue
			}
			text := c.cellText(tc)
			span := 1
			if v, err := strconv.Atoi(tc.path("tcPr", "gridSpan").val("val")); err == nil && v > 1 {
				span = v
			}
			if vm := tc.path("tcPr", "vMerge"); vm != nil && vm.val("val") != "restart" && len(rows) > 0 {
				above := rows[len(rows)-1]
				if col := len(row); col < len(above) {
					text = above[col]
				}
			}
			for i := 0; i < span; i++ {
				row = append(row, text)
			}
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return ""
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	var b strings.Builder
	for i, r := range rows {
		b.WriteString("|")
		for j := 0; j < width; j++ {
			cell := ""
			if j < len(r) {
				cell = r[j]
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Patterns of the 公文 elements.
var (
	// docNumber is a 文号: issuer's abbreviation, year in brackets, number.
	docNumber = regexp.MustCompile(`^\S{1,20}[〔\[［（(【]\s*\d{4}\s*[〕\]］）)】]\s*第?\d{1,5}\s*号$`)
	// numbered headings: 一、 and （一）.
	chapterHeading = regexp.MustCompile(`^[一二三四五六七八九十百]+、`)
	sectionHeading = regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]`)
	// attachmentLine starts the 附件 list.
	attachmentLine = regexp.MustCompile(`^附\s*件\s*[:：]\s*`)
	listNumber     = regexp.MustCompile(`^\s*\d{1,2}\s*[.．、]\s*`)
	arabicDate     = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	chineseDate    = regexp.MustCompile(`^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$`)
	letterhead     = regexp.MustCompile(`文件$`)
)

// headingLimit is the longest text a 一、/（一） paragraph may have to be
// read as a heading; longer ones are paragraphs that start with a number.
const headingLimit = 30

func (c *converter) convert() (*Document, error) {
	var paras []*para
	var blocks []block
	var walk func(*node)
	walk = func(n *node) {
		for _, k := range n.kids {
			switch k.name {
			case "p":
				p := c.paragraph(k)
				paras = append(paras, p)
				blocks = append(blocks, block{p: p})
			case "tbl":
				blocks = append(blocks, block{table: c.table(k)})
			case "sdt", "sdtContent", "customXml":
				walk(k)
			}
		}
	}
	walk(c.body)
	d := c.doc

	// The head: letterhead, document number and title, among the first
	// paragraphs with text.
	drop := map[*para]bool{}
	head := 0
	for _, b := range blocks {
		p := b.p
		if b.table != "" || head >= 6 {
			break
		}
		if p.plain == "" {
			continue
		}
		head++
		plain := strings.Join(strings.Fields(p.plain), "")
		switch {
		case d.DocNumber == "" && d.Title == "" && docNumber.MatchString(plain):
			d.DocNumber = plain
			drop[p] = true
		case d.Title == "" && d.DocNumber == "" && p.centered && letterhead.MatchString(plain) && !p.title:
			drop[p] = true // the issuer's letterhead, 某某文件
		case d.Title == "" && p.title:
			d.Title = p.plain
			drop[p] = true
		}
	}
	if d.Title == "" {
		// No Title style: the first centred line of the head, else the
		// first short line that is not an address (ending in ：).
		for _, b := range blocks[:min(len(blocks), 8)] {
			if p := b.p; p != nil && !drop[p] && p.plain != "" && p.centered && !p.image {
				d.Title, drop[p] = p.plain, true
				break
			}
		}
	}
	if d.Title == "" {
		if core, _ := c.pkg.xml("docProps/core.xml"); core != nil {
			if t := core.find("title"); t != nil {
				d.Title = strings.TrimSpace(textOf(t))
			}
		}
	}
	if d.Title == "" {
		for _, b := range blocks {
			if p := b.p; p != nil && p.plain != "" && !drop[p] {
				if r := []rune(p.plain); len(r) <= 60 && !strings.ContainsAny(string(r[len(r)-1]), "：:。") {
					d.Title, drop[p] = p.plain, true
				}
				break
			}
		}
	}

	// The end: the date written, and the issuer on the line above it.
	var tail []*para
	for i := len(paras) - 1; i >= 0 && len(tail) < 6; i-- {
		if paras[i].plain != "" {
			tail = append(tail, paras[i])
		}
	}
	for i, p := range tail {
		plain := strings.Join(strings.Fields(p.plain), "")
		if dt, ok := parseDate(plain); ok {
			d.Written = dt
			if i+1 < len(tail) {
				if q := strings.Join(strings.Fields(tail[i+1].plain), ""); utf8.RuneCountInString(q) <= 30 && !strings.ContainsAny(q, "。：:；，") {
					d.Issuer = q
				}
			}
			break
		}
	}

	// The body.
	var out []string
	listKinds := []string{}
	inAttachments := false
	for _, b := range blocks {
		if b.table != "" {
			out = append(out, b.table)
			listKinds = listKinds[:0]
			inAttachments = false
			continue
		}
		p := b.p
		if drop[p] || strings.TrimSpace(p.text) == "" {
			continue
		}
		text := strings.TrimSpace(p.text)
		plain := strings.Join(strings.Fields(p.plain), "")
		if m := attachmentLine.FindStringIndex(plain); m != nil && p.list == "" {
			inAttachments = true
			if t := strings.TrimSpace(listNumber.ReplaceAllString(plain[m[1]:], "")); t != "" {
				d.Attachments = append(d.Attachments, t)
			}
		} else if inAttachments && listNumber.MatchString(p.plain) && p.list == "" {
			d.Attachments = append(d.Attachments, strings.TrimSpace(listNumber.ReplaceAllString(plain, "")))
		} else {
			inAttachments = false
		}
		switch {
		case p.heading > 0:
			out = append(out, strings.Repeat("#", min(p.heading+1, 6))+" "+text)
			listKinds = listKinds[:0]
		case p.list != "":
			if p.level < len(listKinds) {
				listKinds = listKinds[:p.level]
			}
			for len(listKinds) < p.level {
				listKinds = append(listKinds, "bullet")
			}
			indent := ""
			for _, k := range listKinds {
				if k == "ordered" {
					indent += "   "
				} else {
					indent += "  "
				}
			}
			listKinds = append(listKinds, p.list)
			marker := "- "
			if p.list == "ordered" {
				marker = "1. "
			}
			out = append(out, indent+marker+text)
		case utf8.RuneCountInString(plain) <= headingLimit && chapterHeading.MatchString(plain) && !strings.ContainsAny(plain, "。；;"):
			out = append(out, "## "+strings.Trim(text, "*"))
			listKinds = listKinds[:0]
		case utf8.RuneCountInString(plain) <= headingLimit && sectionHeading.MatchString(plain) && !strings.ContainsAny(plain, "。；;"):
			out = append(out, "### "+strings.Trim(text, "*"))
			listKinds = listKinds[:0]
		default:
			out = append(out, escapeStart(text))
			listKinds = listKinds[:0]
		}
	}
	md := joinBlocks(out)
	if len(c.noteOrder) > 0 {
		var notes []string
		for _, id := range c.noteOrder {
			notes = append(notes, fmt.Sprintf("[^%d]: %s", c.noteNum[id], c.cellText(c.footnotes[id])))
		}
		md += "\n\n" + strings.Join(notes, "\n")
	}
	d.Markdown = strings.TrimSpace(md) + "\n"
	return d, nil
}

// block is a paragraph or a table, in document order.
type block struct {
	p     *para
	table string
}

// listItem tells a markdown list item line.
var listItem = regexp.MustCompile(`^\s*(- |1\. )`)

// joinBlocks separates blocks with a blank line, except list items that
// follow one another, which form one list.
func joinBlocks(out []string) string {
	var b strings.Builder
	for i, s := range out {
		if i > 0 {
			if m, prev := listItem.FindStringSubmatch(s), listItem.FindStringSubmatch(lastLine(out[i-1])); m != nil && prev != nil &&
				(m[1] == prev[1] || strings.HasPrefix(s, " ")) {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func lastLine(s string) string {
	if i := strings.LastIndex(s, "\n"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// textOf is the text of an XML node's descendants.
func textOf(n *node) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		b.WriteString(n.text)
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// chineseDigits maps the digits of a date written in Chinese numerals.
var chineseDigits = map[rune]int{'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chineseNumber reads 1 to 31 written as 一, 十, 十二, 二十, 三十一.
func chineseNumber(s string) int {
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return chineseDigits[r[0]]
	case len(r) == 2 && r[0] == '十':
		return 10 + chineseDigits[r[1]]
	case len(r) == 2 && r[1] == '十':
		return chineseDigits[r[0]] * 10
	case len(r) == 3 && r[1] == '十':
		return chineseDigits[r[0]]*10 + chineseDigits[r[2]]
	}
	return 0
}

// parseDate reads a line that is only a date: 2024年5月6日 or
// 二〇二四年六月三日, as 公文 sign them.
func parseDate(s string) (Date, bool) {
	var d Date
	if m := arabicDate.FindStringSubmatch(s); m != nil {
		d.Year, _ = strconv.Atoi(m[1])
		d.Month, _ = strconv.Atoi(m[2])
		d.Day, _ = strconv.Atoi(m[3])
	} else if m := chineseDate.FindStringSubmatch(s); m != nil {
		for _, r := range m[1] {
			d.Year = d.Year*10 + chineseDigits[r]
		}
		d.Month, d.Day = chineseNumber(m[2]), chineseNumber(m[3])
	} else {
		return d, false
	}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 || d.Year < 1949 || d.Year > 2200 {
		return Date{}, false
	}
	return d, true
}
