// Package docx reads Word documents (.docx, as Word, WPS and LibreOffice
// write them) and converts them to markdown, recognising the parts of a
// Chinese official document (公文): the document number (文号), the title,
// headings numbered 一、 and （一）, the attachment list (附件), and the
// issuer (发文机关) and date written (成文日期) at the end. It reads the
// OOXML parts with archive/zip and encoding/xml and runs nothing else.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Document is a converted Word document.
type Document struct {
	// Title is the document's title: its Title-styled paragraph, the
	// centred line at its head, or the title in its properties.
	Title string
	// Markdown is the text without the title, the letterhead and the
	// document number, which front matter carries.
	Markdown string
	// DocNumber is the 文号, such as 示府办发〔2024〕12号.
	DocNumber string
	// Issuer is the 发文机关 signed at the end.
	Issuer string
	// Written is the 成文日期 at the end; Written.Year is 0 when there is none.
	Written Date
	// Attachments are the titles of the 附件 list, in order.
	Attachments []string
	// Images are the pictures the markdown links to by Name.
	Images []Image
	// ImagesWithoutAlt counts pictures that have no description, whose
	// markdown has empty alt text.
	ImagesWithoutAlt []int
}

// Date is a calendar date without a time.
type Date struct{ Year, Month, Day int }

// Image is a picture of the document.
type Image struct {
	Name string
	Data []byte
}

// NotDocxError says that a file is not a Word document at all; Kind says
// what it looks like: "doc" (Word 97-2003), "pdf", "wps", "image", "text",
// "zip" (an archive that is not a Word document) or "unknown".
type NotDocxError struct{ Kind string }

func (e *NotDocxError) Error() string { return "not a .docx document: it looks like " + e.Kind }

// ErrBroken wraps the reason a .docx could not be read: a damaged or
// truncated file.
var ErrBroken = errors.New("damaged .docx")

// maxPart bounds the size of one part of the document once unpacked, so
// that a small hostile file cannot fill memory.
const maxPart = 256 << 20

// Convert reads a .docx file's bytes. It returns a *NotDocxError for
// another kind of file and an error wrapping ErrBroken for a damaged one.
func Convert(data []byte) (*Document, error) {
	if kind := sniff(data); kind != "" {
		return nil, &NotDocxError{Kind: kind}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	pkg := &pkg{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		pkg.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := pkg.mainPart()
	if main == "" {
		if pkg.files["mimetype"] != nil || pkg.files["content.xml"] != nil {
			return nil, &NotDocxError{Kind: "odt"}
		}
		return nil, &NotDocxError{Kind: "zip"}
	}
	c, err := newConverter(pkg, main)
	if err != nil {
		return nil, err
	}
	return c.convert()
}

// sniff names what a file that is not a zip archive is, or "" for a zip.
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return ""
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "doc"
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "pdf"
	case bytes.HasPrefix(data, []byte("\x89PNG")) || bytes.HasPrefix(data, []byte("\xff\xd8\xff")) || bytes.HasPrefix(data, []byte("GIF8")):
		return "image"
	case bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")) || bytes.HasPrefix(data, []byte("{\\rtf")):
		return "text"
	case len(data) == 0:
		return "empty"
	}
	return "unknown"
}

// pkg is the zip package of a document.
type pkg struct {
	files map[string]*zip.File
}

// read returns a part's bytes; nil and no error when the part is absent.
func (p *pkg) read(name string) ([]byte, error) {
	f := p.files[name]
	if f == nil {
		return nil, nil
	}
	if f.UncompressedSize64 > maxPart {
		return nil, fmt.Errorf("%w: the part %s is %d MB unpacked", ErrBroken, name, f.UncompressedSize64>>20)
	}
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBroken, name, err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, maxPart))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBroken, name, err)
	}
	return data, nil
}

// xml reads and parses a part; nil when it is absent.
func (p *pkg) xml(name string) (*node, error) {
	data, err := p.read(name)
	if err != nil || data == nil {
		return nil, err
	}
	n, err := parseXML(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBroken, name, err)
	}
	return n, nil
}

// mainPart finds the document part through the package relationships,
// falling back to the usual name.
func (p *pkg) mainPart() string {
	if rels, err := p.xml("_rels/.rels"); err == nil && rels != nil {
		for _, r := range rels.path("Relationships").kids {
			if strings.HasSuffix(r.val("Type"), "/officeDocument") {
				target := strings.TrimPrefix(r.val("Target"), "/")
				if p.files[target] != nil {
					return target
				}
			}
		}
	}
	if p.files["word/document.xml"] != nil {
		return "word/document.xml"
	}
	return ""
}

// rel is a relationship of a part: a link's address or an image's part.
type rel struct {
	target   string
	external bool
}

// rels reads the relationships of part: by id, and the internal parts by
// the last word of their relationship type ("styles", "numbering"…).
func (p *pkg) rels(part string) (byID map[string]rel, byType map[string]string, err error) {
	name := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	n, err := p.xml(name)
	if err != nil {
		return nil, nil, err
	}
	byID, byType = map[string]rel{}, map[string]string{}
	if n == nil {
		return byID, byType, nil
	}
	for _, r := range n.path("Relationships").kids {
		t := r.val("Target")
		ext := strings.EqualFold(r.val("TargetMode"), "External")
		if !ext {
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(path.Dir(part), t)
			}
			byType[path.Base(r.val("Type"))] = t
		}
		byID[r.val("Id")] = rel{target: t, external: ext}
	}
	return byID, byType, nil
}
