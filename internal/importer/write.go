package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"gazette/internal/messages"
	"gazette/internal/newfile"
)

// Announcement is one announcement in one language, ready to be written:
// its front matter, its markdown body and the files of its page bundle.
type Announcement struct {
	// Input names where it came from (a URL or a file), for the report.
	Input string
	// Lang is "zh" or "en".
	Lang string
	// Column is the column key.
	Column string
	// Name is the file or bundle folder name: lower-case letters, digits
	// and hyphens. It becomes the page's URL.
	Name string
	// Fields are the front matter.
	Fields Fields
	// Body is the markdown text.
	Body string
	// Files are written beside the page, which then becomes a page bundle
	// (Name/index.md).
	Files []File
}

// File is a file of a page bundle: an image or an attachment.
type File struct {
	Name string
	Data []byte
}

// Fields are the front matter an import fills, in the order written.
// Empty fields are left out.
type Fields struct {
	Title          string         `toml:"title"`
	Date           time.Time      `toml:"date"`
	Source         string         `toml:"source,omitempty"`
	Issuer         string         `toml:"issuer,omitempty"`
	WrittenDate    toml.LocalDate `toml:"writtenDate,omitempty"` // a TOML date, unquoted; zero is left out
	DocNumber      string         `toml:"docNumber,omitempty"`
	IndexNumber    string         `toml:"indexNumber,omitempty"`
	TranslationKey string         `toml:"translationKey,omitempty"`
	Summary        string         `toml:"summary,omitempty"`
	Keywords       []string       `toml:"keywords,omitempty"`
	Aliases        []string       `toml:"aliases,omitempty"`
	// ImportedFrom is the exact address of the old page, query and all:
	// what tells a second run the page is already imported.
	ImportedFrom string       `toml:"importedFrom,omitempty"`
	Attachments  []Attachment `toml:"attachments,omitempty"`
}

// setIssuer fills the issuer (发文机关) and the date written (成文日期) of
// an official document; the issuer is the source when no source is known.
func (f *Fields) setIssuer(issuer string, written time.Time) {
	if issuer != "" {
		f.Issuer = issuer
		if f.Source == "" {
			f.Source = issuer
		}
	}
	if !written.IsZero() {
		d := toml.LocalDate{Year: written.Year(), Month: int(written.Month()), Day: written.Day()}
		f.WrittenDate = d
	}
}

// Attachment is one entry of the attachments list.
type Attachment struct {
	Title string `toml:"title"`
	File  string `toml:"file"`
}

// validName is what an announcement's name may be (as for gazette new).
var validName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// markdown renders the announcement's file: TOML front matter, then the body.
func (a *Announcement) markdown() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("+++\n")
	enc := toml.NewEncoder(&b)
	enc.SetArraysMultiline(false)
	if err := enc.Encode(a.Fields); err != nil {
		return nil, fmt.Errorf("importer: front matter of %s: %w", a.Input, err)
	}
	b.WriteString("+++\n\n")
	b.WriteString(strings.TrimSpace(a.Body))
	b.WriteString("\n")
	return b.Bytes(), nil
}

// target returns the site-relative path of the announcement's markdown
// file and whether it is a bundle.
func (a *Announcement) target(dir string) string {
	base := path.Join("content", a.Lang, dir, a.Name)
	if len(a.Files) > 0 {
		return base + "/index.md"
	}
	return base + ".md"
}

// errExists is returned by write when the announcement's file is there.
var errExists = errors.New("importer: the announcement exists")

// taken reports the existing file (site-relative) that the announcement
// named name in folder dir would clash with: its markdown file or its
// bundle. Either gives the same URL.
func taken(site, lang, dir, name string) string {
	for _, rel := range []string{
		path.Join("content", lang, dir, name+".md"),
		path.Join("content", lang, dir, name, "index.md"),
		path.Join("content", lang, dir, name),
	} {
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(rel))); err == nil {
			if strings.HasSuffix(rel, ".md") {
				return rel
			}
			return rel + "/"
		}
	}
	return ""
}

// write writes the announcement under site, never replacing a file. It
// returns the site-relative files written. When the announcement's file
// exists it writes nothing and returns errExists with that file. On any
// failure it removes what it wrote, so an input is written whole or not
// at all. A dry run checks the same and writes nothing.
func write(site string, a *Announcement, dir string, dryRun bool) ([]string, error) {
	if !validName.MatchString(a.Name) {
		return nil, fmt.Errorf("importer: %q is not a valid announcement name", a.Name)
	}
	if t := taken(site, a.Lang, dir, a.Name); t != "" {
		return []string{t}, errExists
	}
	text, err := a.markdown()
	if err != nil {
		return nil, err
	}
	main := a.target(dir)
	files := []string{main}
	for _, f := range a.Files {
		files = append(files, path.Join(path.Dir(main), f.Name))
	}
	if dryRun {
		return files, nil
	}
	var written []string
	undo := func() {
		for i := len(written) - 1; i >= 0; i-- {
			os.Remove(written[i])
		}
		if len(a.Files) > 0 {
			os.Remove(filepath.Join(site, filepath.FromSlash(path.Dir(main))))
		}
	}
	// The bundle's files first and the page last: a run interrupted half
	// way leaves no page pointing at missing files, and the next run,
	// finding no page, writes the bundle again.
	for _, f := range a.Files {
		name := filepath.Join(site, filepath.FromSlash(path.Join(path.Dir(main), f.Name)))
		if err := writeNew(name, f.Data); err != nil {
			undo()
			return nil, problem(messages.ImportWriteFailed, name, err)
		}
		written = append(written, name)
	}
	name := filepath.Join(site, filepath.FromSlash(main))
	if err := writeNew(name, text); err != nil {
		undo()
		return nil, problem(messages.ImportWriteFailed, name, err)
	}
	return files, nil
}

// writeNew creates name with data, failing if it already exists.
func writeNew(name string, data []byte) error {
	err := newfile.Write(name, data)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists", name)
	}
	return err
}
