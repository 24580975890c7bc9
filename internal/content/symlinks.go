package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gazette/internal/messages"
)

// Symbolic links under content/ are never read, by check or by the build.
// Hugo itself skips them (a link to a file is no page, a link to a folder
// is not entered), so reading one here would check a page that is never
// published. A link leading out of the site is an error: whatever it
// points at (a private file, another site's drafts) must not reach the
// site by accident. A link to somewhere inside the site is a warning: it
// is harmless, but what it points at is not published at its place.

// symlinks resolves the links under one site folder.
type symlinks struct {
	site string // the site folder, absolute, with symbolic links resolved
}

func newSymlinks(siteDir string) (*symlinks, error) {
	abs, err := filepath.Abs(siteDir)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return &symlinks{site: real}, nil
}

// diagnose returns the finding about the symbolic link at p (a path in the
// site folder; rel is its site-relative, slash-separated form). It reads
// the link, never what it points at.
func (s *symlinks) diagnose(p, rel string, pr *messages.Printer) Diagnostic {
	written, err := os.Readlink(p)
	if err != nil {
		written = "?"
	}
	d := Diagnostic{File: rel, Severity: Warning, Code: "symlink-inside"}
	if s.inside(p, written) {
		d.Message = pr.Sprintf(messages.DiagSymlinkInside, written)
	} else {
		d.Severity, d.Code = Error, "symlink-outside"
		d.Message = pr.Sprintf(messages.DiagSymlinkOutside, written)
	}
	return d
}

// inside reports whether the link at p, whose target is written, leads to
// a place within the site, following every link on the way. A link to
// nothing counts as leading where its text says.
func (s *symlinks) inside(p, written string) bool {
	p, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		dir, derr := filepath.EvalSymlinks(filepath.Dir(p))
		if derr != nil || written == "?" {
			return false
		}
		target = written
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		target = filepath.Clean(target)
	}
	return target == s.site || strings.HasPrefix(target, s.site+string(filepath.Separator))
}

// Symlinks lists the symbolic links under the content folder of the site
// in siteDir, as Check reports them, without reading anything they point
// at. The build calls it before Hugo starts, so that a link out of the
// site stops the build before anything is read.
func Symlinks(siteDir string, pr *messages.Printer) ([]Diagnostic, error) {
	if pr == nil {
		pr = messages.New(messages.EN)
	}
	s, err := newSymlinks(siteDir)
	if err != nil {
		return nil, err
	}
	root := filepath.Join(siteDir, "content")
	var out []Diagnostic
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipDir
			}
			return err
		}
		if p == root || d.Type()&fs.ModeSymlink == 0 {
			if p != root && hidden(d.Name()) && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if hidden(d.Name()) {
			return nil
		}
		rel, err := filepath.Rel(siteDir, p)
		if err != nil {
			return err
		}
		out = append(out, s.diagnose(p, filepath.ToSlash(rel), pr))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: listing content: %w", err)
	}
	Sort(out)
	return out, nil
}
