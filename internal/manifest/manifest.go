// Package manifest defines the browse-count manifest: the list of pages that
// have a browse count. The site build writes it (Write) and the browsecount
// sidecar reads it (Parse, Load). Only ids listed in a manifest exist for the
// counter, so the manifest is what keeps its storage bounded.
//
// The format is described for people in docs/manifest.md.
package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version is the only manifest format version this package reads and writes.
// Fields may be added without a version change; readers ignore unknown fields.
const Version = 1

// MaxIDLen is the longest id, in bytes, that a manifest may hold.
const MaxIDLen = 200

// MaxPathLen is the longest page path, in bytes, that a manifest may hold.
const MaxPathLen = 2048

// MaxSize is the largest manifest, in bytes, that Parse and Load accept. It
// bounds the memory a bad or hostile manifest URL can make the counter use;
// a site with 100,000 pages needs about 15 MB.
const MaxSize = 64 << 20

// Page is one page that shows a browse count.
type Page struct {
	// ID is the browse-count id: lang + "/" + key (see docs/manifest.md).
	ID string `json:"id"`
	// Lang is the page's language code, the part of ID before the first "/".
	Lang string `json:"lang"`
	// Path is the page's site-relative URL path, starting with "/".
	Path string `json:"path"`
	// Aliases are the page's old addresses (its front matter aliases) as
	// site-relative URL paths: the site answers each with a redirect to
	// Path, and legacy counts kept by old address are moved onto ID
	// through them. Omitted when the page has none.
	Aliases []string `json:"aliases,omitempty"`
}

// Manifest is the whole file.
type Manifest struct {
	Version int    `json:"version"`
	Pages   []Page `json:"pages"`
}

// Set is the set of ids of a manifest, for constant-time lookups.
type Set map[string]struct{}

// Has reports whether id is in the set.
func (s Set) Has(id string) bool {
	_, ok := s[id]
	return ok
}

// IDs returns the set of the manifest's page ids.
func (m Manifest) IDs() Set {
	s := make(Set, len(m.Pages))
	for _, p := range m.Pages {
		s[p.ID] = struct{}{}
	}
	return s
}

// ByPath maps every page path and every alias of the manifest to its
// page's id: how a count kept by an old address finds its page.
func (m Manifest) ByPath() map[string]string {
	out := make(map[string]string, len(m.Pages))
	for _, p := range m.Pages {
		out[p.Path] = p.ID
		for _, a := range p.Aliases {
			out[a] = p.ID
		}
	}
	return out
}

// ValidID reports why id cannot be a browse-count id, or nil if it can:
// 1 to MaxIDLen bytes of UTF-8 with a "/" after a non-empty language code and
// no whitespace, control or format characters (which could hide in logs and
// page source).
func ValidID(id string) error {
	if id == "" {
		return errors.New("id is empty")
	}
	if len(id) > MaxIDLen {
		return fmt.Errorf("id is %d bytes long, the limit is %d", len(id), MaxIDLen)
	}
	if !utf8.ValidString(id) {
		return errors.New("id is not valid UTF-8")
	}
	for _, r := range id {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return fmt.Errorf("id contains the character %U, ids have no whitespace, control or format characters", r)
		}
	}
	lang, key, ok := strings.Cut(id, "/")
	if !ok || lang == "" || key == "" {
		return errors.New(`id must be "<lang>/<key>"`)
	}
	return validLang(lang)
}

// validLang accepts language codes such as "zh", "en" or "zh-hant": lower-case
// ASCII letters, digits and "-", starting with a letter.
func validLang(lang string) error {
	if lang == "" || len(lang) > 35 {
		return fmt.Errorf("language code %q must be 1 to 35 characters", lang)
	}
	for i := 0; i < len(lang); i++ {
		c := lang[i]
		ok := c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '-')
		if !ok {
			return fmt.Errorf("language code %q may hold only a-z, 0-9 and '-' and must start with a letter", lang)
		}
	}
	return nil
}

func validPath(p string) error {
	if !strings.HasPrefix(p, "/") {
		return errors.New(`path must start with "/"`)
	}
	if len(p) > MaxPathLen {
		return fmt.Errorf("path is %d bytes long, the limit is %d", len(p), MaxPathLen)
	}
	if !utf8.ValidString(p) {
		return errors.New("path is not valid UTF-8")
	}
	for _, r := range p {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Errorf("path contains the character %U", r)
		}
	}
	return nil
}

// ValidAlias accepts an alias that names one file of the site: a path
// without a query, a fragment, or "." and ".." segments, which could lead
// a redirect page out of the output folder. A manifest with any other
// alias is refused, and so is the build that would write it.
func ValidAlias(a string) error {
	if err := validPath(a); err != nil {
		return err
	}
	if strings.ContainsAny(a, "?#") {
		return errors.New("alias has a query or fragment, which a static file cannot answer")
	}
	for _, seg := range strings.Split(a, "/") {
		if seg == "." || seg == ".." {
			return errors.New(`alias has a "." or ".." segment`)
		}
	}
	if strings.Contains(a, "//") {
		return errors.New(`alias has an empty segment ("//")`)
	}
	return nil
}

// A PageError is a problem of one page of a manifest: pages[Index], whose
// id is ID. Callers name the page's source by its id.
type PageError struct {
	Index int
	ID    string
	Err   error
}

func (e *PageError) Error() string {
	return fmt.Sprintf("manifest: pages[%d] (id %q): %v", e.Index, e.ID, e.Err)
}

func (e *PageError) Unwrap() error { return e.Err }

// Validate reports the first problem that makes m unusable, naming the page
// (by index and id) it found it on.
func (m Manifest) Validate() error {
	if m.Version != Version {
		return fmt.Errorf("manifest: version is %d, this program reads version %d", m.Version, Version)
	}
	ids := make(map[string]int, len(m.Pages))
	paths := make(map[string]int, len(m.Pages))
	for i, p := range m.Pages {
		if err := ValidID(p.ID); err != nil {
			return &PageError{i, p.ID, err}
		}
		if err := validLang(p.Lang); err != nil {
			return &PageError{i, p.ID, err}
		}
		if !strings.HasPrefix(p.ID, p.Lang+"/") {
			return &PageError{i, p.ID, fmt.Errorf("id does not start with its lang %q followed by \"/\"", p.Lang)}
		}
		if err := validPath(p.Path); err != nil {
			return &PageError{i, p.ID, err}
		}
		if j, dup := ids[p.ID]; dup {
			return fmt.Errorf("manifest: pages[%d] and pages[%d] have the same id %q", j, i, p.ID)
		}
		ids[p.ID] = i
		if j, dup := paths[p.Path]; dup {
			return fmt.Errorf("manifest: pages[%d] (id %q) and pages[%d] (id %q) have the same path %q",
				j, m.Pages[j].ID, i, p.ID, p.Path)
		}
		paths[p.Path] = i
	}
	// An address names one page: an alias may not be another page's path
	// or alias, or a redirect and a count would go to either.
	for i, p := range m.Pages {
		for _, a := range p.Aliases {
			if err := ValidAlias(a); err != nil {
				return &PageError{i, p.ID, fmt.Errorf("alias %q: %w", a, err)}
			}
			if j, dup := paths[a]; dup {
				return &PageError{i, p.ID, fmt.Errorf("alias %q is the path of pages[%d] (id %q)", a, j, m.Pages[j].ID)}
			}
			paths[a] = i
		}
	}
	return nil
}

// Write validates m and writes it to w as JSON, pages sorted by id and no
// timestamps, so that building the same site twice gives the same bytes.
// m itself is not modified.
func Write(w io.Writer, m Manifest) error {
	if m.Pages == nil {
		// An empty site still writes "pages":[], which readers in any
		// language take for an empty list more readily than null.
		m.Pages = []Page{}
	}
	if err := m.Validate(); err != nil {
		return err
	}
	m.Pages = slices.Clone(m.Pages)
	slices.SortFunc(m.Pages, func(a, b Page) int { return strings.Compare(a.ID, b.ID) })

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Paths and ids are written as they are; "<" and "&" need no escaping in
	// a file that is never embedded in HTML.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("manifest: encode: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("manifest: write: %w", err)
	}
	return nil
}

// Parse decodes and validates a manifest. It rejects anything but one JSON
// object, a missing or null page list, a version other than Version, and
// duplicate ids or paths.
func Parse(data []byte) (Manifest, error) {
	if len(data) > MaxSize {
		return Manifest{}, fmt.Errorf("manifest: %d bytes, the limit is %d", len(data), MaxSize)
	}
	// Pages is a pointer so that a missing or null list can be told from an
	// empty one: a manifest that lost its pages by accident must not make
	// every id unknown.
	var raw struct {
		Version int     `json:"version"`
		Pages   *[]Page `json:"pages"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return Manifest{}, fmt.Errorf("manifest: invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Manifest{}, errors.New("manifest: unexpected data after the JSON object")
	}
	if raw.Pages == nil {
		return Manifest{}, errors.New(`manifest: "pages" is missing or null`)
	}
	m := Manifest{Version: raw.Version, Pages: *raw.Pages}
	if err := m.Validate(); err != nil {
		return Manifest{}, err
	}
	return m, nil
}
