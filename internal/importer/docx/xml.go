package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// node is an element of an OOXML part. Names are local names without
// namespace prefixes: WordprocessingML's names do not clash with those
// of the drawing and relationship namespaces it mixes in.
type node struct {
	name string
	attr map[string]string
	kids []*node
	text string // the character data of a text element (w:t, w:instrText)
}

// parseXML reads a part into a tree of nodes.
func parseXML(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local}
			if len(t.Attr) > 0 {
				n.attr = make(map[string]string, len(t.Attr))
				for _, a := range t.Attr {
					if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
						continue
					}
					n.attr[a.Name.Local] = a.Value
				}
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top := stack[len(stack)-1]
			if top.name == "t" || top.name == "instrText" || top.name == "delText" {
				top.text += string(t)
			}
		}
	}
	return root, nil
}

// child returns n's first child named name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// path follows children by name: n.path("pPr", "pStyle").
func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// val returns an attribute, "" when n is nil.
func (n *node) val(key string) string {
	if n == nil {
		return ""
	}
	return n.attr[key]
}

// find returns the first descendant named name, depth first.
func (n *node) find(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
		if f := k.find(name); f != nil {
			return f
		}
	}
	return nil
}

// on reports whether a toggle property such as <w:b/> is set: present,
// and not switched off with w:val="0", "false" or "off".
func on(n *node) bool {
	if n == nil {
		return false
	}
	switch strings.ToLower(n.val("val")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}
