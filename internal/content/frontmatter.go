package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	yaml "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"gazette/internal/messages"
)

// position is a 1-based line and character column in a content file.
type position struct {
	line, col int
}

// frontMatter is the decoded front matter of one file.
type frontMatter struct {
	format string         // "toml" or "yaml"
	fields map[string]any // as Hugo's decoders see them
	// pos holds where each key is written, by path: "title",
	// "attachments[0]", "attachments[0].file".
	// Read it through positions().
	pos map[string]position
	// locate fills pos when a position is first asked for: most files
	// have no finding, and parsing the front matter a second time for
	// its positions cost as much as decoding it.
	locate func()
	// open is the line of the opening delimiter.
	open int
	// body is the text after the closing delimiter; bodyOffset is its
	// byte offset in the file's text.
	body       []byte
	bodyOffset int
}

// keyPos returns where key (a path as in frontMatter.pos) is written, or
// the opening delimiter when it is not written at all.
func (fm *frontMatter) keyPos(key string) position {
	if p, ok := fm.positions()[key]; ok {
		return p
	}
	return position{fm.open, 1}
}

// positions returns where each key is written, working it out on the
// first call.
func (fm *frontMatter) positions() map[string]position {
	if locate := fm.locate; locate != nil {
		fm.locate = nil
		locate()
	}
	return fm.pos
}

// delimiters of the two front matter formats Gazette accepts, as Hugo
// reads them.
var delimiters = map[string]string{"+++": "toml", "---": "yaml"}

// parseFrontMatter splits text into front matter and body and decodes the
// front matter with the same libraries Hugo uses, so that a file passing
// here also parses in the build. Problems are reported; ok is false when
// the front matter could not be decoded.
func (c *checker) parseFrontMatter(file string, text []byte) (fm *frontMatter, ok bool) {
	// Hugo skips blank lines before the front matter.
	start := 0
	for start < len(text) && strings.ContainsRune(" \t\r\n", rune(text[start])) {
		start++
	}
	openLine, _ := lineCol(text, start)
	firstLine := text[start:]
	if i := bytes.IndexByte(firstLine, '\n'); i >= 0 {
		firstLine = firstLine[:i]
	}
	delim := string(bytes.TrimRight(firstLine, " \t\r"))
	format, known := delimiters[delim]
	if !known {
		if bytes.HasPrefix(firstLine, []byte("{")) {
			c.report(file, openLine, 1, Error, "front-matter-format", messages.DiagFrontMatterKind)
		} else {
			c.report(file, openLine, 1, Error, "no-front-matter", messages.DiagNoFrontMatter)
		}
		return nil, false
	}

	// The front matter runs to the next line starting with the delimiter.
	fmStart := start + len(firstLine) + 1
	if fmStart > len(text) {
		fmStart = len(text)
	}
	end, closeEnd := -1, -1
	for i := fmStart; i < len(text); {
		j := bytes.IndexByte(text[i:], '\n')
		lineEnd := len(text)
		if j >= 0 {
			lineEnd = i + j
		}
		if bytes.HasPrefix(text[i:lineEnd], []byte(delim)) {
			end, closeEnd = i, lineEnd+1
			break
		}
		i = lineEnd + 1
	}
	if end < 0 {
		c.report(file, openLine, 1, Error, "front-matter-unclosed", messages.DiagFrontMatterOpen, openLine, delim, delim)
		return nil, false
	}
	if closeEnd > len(text) {
		closeEnd = len(text)
	}
	fm = &frontMatter{
		format:     format,
		pos:        map[string]position{},
		open:       openLine,
		body:       text[closeEnd:],
		bodyOffset: closeEnd,
	}
	data := text[fmStart:end]
	base := openLine // line n of data is line base+n of the file
	if format == "toml" {
		ok = c.decodeTOML(file, fm, data, base)
	} else {
		ok = c.decodeYAML(file, fm, data, base)
	}
	return fm, ok
}

var unexpectedChar = regexp.MustCompile(`unexpected character U\+[0-9A-F]+ '.*?'`)

var dateWithSlashes = regexp.MustCompile(`^\s*["']?([A-Za-z]+)["']?\s*[=:]\s*["']?(\d{4}/\d{1,2}/\d{1,2}[^"'\s]*)`)

func (c *checker) decodeTOML(file string, fm *frontMatter, data []byte, base int) bool {
	var m map[string]any
	if err := toml.Unmarshal(data, &m); err != nil {
		line, col, msg := 1, 1, strings.TrimPrefix(err.Error(), "toml: ")
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col = de.Position()
			col = charCol(lineOf(data, line), col)
		}
		src := lineOf(data, line)
		if m := dateWithSlashes.FindSubmatch(src); m != nil && isDateField(string(m[1])) {
			c.reportDateFormat(file, base+line, 1, canonicalName(string(m[1])), string(m[2]))
			return false
		}
		// The parser names the first byte of a multi-byte character;
		// name the character the writer sees instead.
		if loc := unexpectedChar.FindStringIndex(msg); loc != nil {
			if r := []rune(string(src)); col-1 < len(r) && col >= 1 {
				msg = msg[:loc[0]] + fmt.Sprintf("unexpected character %q", r[col-1]) + msg[loc[1]:]
			}
		}
		hint := ""
		if strings.Contains(msg, "at start of value") {
			hint = c.p.Sprintf(messages.HintQuote)
		}
		c.report(file, base+line, col, Error, "toml-syntax", messages.DiagTOMLSyntax, msg, hint)
		return false
	}
	if m == nil {
		m = map[string]any{}
	}
	fm.fields = m
	fm.locate = func() { tomlPositions(fm, data, base) }
	return true
}

// tomlPositions records where each key is written, walking the TOML
// syntax tree: key/value lines, [tables] and [[arrays of tables]].
func tomlPositions(fm *frontMatter, data []byte, base int) {
	var p unstable.Parser
	p.Reset(data)
	at := func(n *unstable.Node) position {
		s := p.Shape(n.Raw)
		return position{base + s.Start.Line, charCol(lineOf(data, s.Start.Line), s.Start.Column)}
	}
	keyOf := func(it unstable.Iterator) (string, position) {
		var parts []string
		var first position
		for it.Next() {
			n := it.Node()
			if len(parts) == 0 {
				first = at(n)
			}
			parts = append(parts, string(n.Data))
		}
		return strings.Join(parts, "."), first
	}
	prefix := ""
	arrays := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			name, pos := keyOf(e.Key())
			prefix = name + "."
			setPos(fm, name, pos)
		case unstable.ArrayTable:
			name, pos := keyOf(e.Key())
			i := arrays[name]
			arrays[name]++
			prefix = fmt.Sprintf("%s[%d].", name, i)
			setPos(fm, name, pos)
			setPos(fm, fmt.Sprintf("%s[%d]", name, i), pos)
		case unstable.KeyValue:
			name, pos := keyOf(e.Key())
			setPos(fm, prefix+name, pos)
			// Inline tables inside an array: attachments = [{...}, {...}].
			if v := e.Value(); v.Kind == unstable.Array {
				i := 0
				for it := v.Children(); it.Next(); i++ {
					el := it.Node()
					if el.Kind == unstable.String {
						// A list of text (keywords, interprets): each
						// element's own position.
						setPos(fm, fmt.Sprintf("%s%s[%d]", prefix, name, i), at(el))
						continue
					}
					if el.Kind != unstable.InlineTable {
						continue
					}
					for kv := el.Children(); kv.Next(); {
						n := kv.Node()
						if n.Kind != unstable.KeyValue {
							continue
						}
						k, kp := keyOf(n.Key())
						elem := fmt.Sprintf("%s%s[%d]", prefix, name, i)
						if _, ok := fm.pos[elem]; !ok {
							setPos(fm, elem, kp)
						}
						setPos(fm, elem+"."+k, kp)
					}
				}
			}
		}
	}
}

func setPos(fm *frontMatter, key string, p position) {
	if _, ok := fm.pos[key]; !ok {
		fm.pos[key] = p
	}
}

func (c *checker) decodeYAML(file string, fm *frontMatter, data []byte, base int) bool {
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		line, col, msg := 1, 1, err.Error()
		var ye yaml.Error
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				line, col = tk.Position.Line, tk.Position.Column
			}
		}
		if line < 1 {
			line = 1
		}
		// An unclosed [list] or {map} is noticed only on a later line;
		// point at the line that opened it.
		if strings.Contains(msg, "']' must be specified") || strings.Contains(msg, "'}' must be specified") {
			open, close := "[", "]"
			if strings.Contains(msg, "'}'") {
				open, close = "{", "}"
			}
			for l := line; l >= 1; l-- {
				src := string(lineOf(data, l))
				if i := strings.LastIndex(src, open); i >= 0 && strings.Count(src, open) > strings.Count(src, close) {
					line, col = l, len([]rune(src[:i]))+1
					break
				}
			}
		}
		hint := ""
		if strings.Contains(msg, "'\\t'") || bytes.HasPrefix(lineOf(data, line), []byte("\t")) {
			hint = c.p.Sprintf(messages.HintYAMLTab)
		}
		var te *yaml.TypeError
		var ue *yaml.UnexpectedNodeTypeError
		if errors.As(err, &te) || errors.As(err, &ue) {
			c.report(file, base+line, col, Error, "front-matter-shape", messages.DiagFrontMatterShape)
			return false
		}
		c.report(file, base+line, col, Error, "yaml-syntax", messages.DiagYAMLSyntax, msg, hint)
		return false
	}
	if m == nil {
		m = map[string]any{}
	}
	fm.fields = m
	fm.locate = func() {
		if f, err := parser.ParseBytes(data, 0); err == nil && len(f.Docs) > 0 {
			yamlPositions(fm, f.Docs[0].Body, "", data, base)
		}
	}
	return true
}

// yamlPositions records where each key of a YAML mapping is written.
func yamlPositions(fm *frontMatter, n ast.Node, prefix string, data []byte, base int) {
	at := func(n ast.Node) position {
		tk := n.GetToken()
		if tk == nil || tk.Position == nil {
			return position{base + 1, 1}
		}
		return position{base + tk.Position.Line, tk.Position.Column}
	}
	var pairs []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		pairs = v.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{v}
	default:
		return
	}
	for _, mv := range pairs {
		tk := mv.Key.GetToken()
		if tk == nil {
			continue
		}
		name := prefix + tk.Value
		setPos(fm, name, at(mv.Key))
		if seq, ok := mv.Value.(*ast.SequenceNode); ok {
			for i, el := range seq.Values {
				elem := fmt.Sprintf("%s[%d]", name, i)
				setPos(fm, elem, at(el))
				yamlPositions(fm, el, elem+".", data, base)
			}
		}
	}
}

// lineOf returns line n (1-based) of data without its line break.
func lineOf(data []byte, n int) []byte {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return nil
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return bytes.TrimRight(data, "\r")
}

// charCol converts a 1-based byte column in line to a character column.
func charCol(line []byte, byteCol int) int {
	if byteCol-1 > len(line) {
		byteCol = len(line) + 1
	}
	if byteCol < 1 {
		return 1
	}
	return len([]rune(string(line[:byteCol-1]))) + 1
}
