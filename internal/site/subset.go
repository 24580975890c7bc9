package site

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/afero"
)

// subsetFs shows Hugo a site whose content folder holds only some of its
// files: the files kept, the folders leading to them and, for a page
// bundle kept by its index file, the whole bundle. Everything outside
// content/ (layouts, strings, assets, static) is the site's own. Folders
// on the way are listed from what is kept, without reading them: a column
// of thousands of announcements costs nothing to skip.
type subsetFs struct {
	afero.Fs
	content string              // absolute content folder
	files   map[string]bool     // kept files, absolute
	bundles []string            // kept bundle folders, absolute, with a trailing separator
	dirs    map[string][]string // folder -> the names kept in it
}

// newSubsetFs keeps the files named (absolute paths under siteDir/content)
// visible in base.
func newSubsetFs(base afero.Fs, siteDir string, keep []string) *subsetFs {
	s := &subsetFs{
		Fs:      base,
		content: filepath.Join(siteDir, "content"),
		files:   map[string]bool{},
		dirs:    map[string][]string{},
	}
	for _, f := range keep {
		f = filepath.Clean(f)
		if s.files[f] || !strings.HasPrefix(f, s.content+string(filepath.Separator)) {
			continue
		}
		s.files[f] = true
		if name := filepath.Base(f); strings.TrimSuffix(name, filepath.Ext(name)) == "index" {
			// A leaf bundle: its resources (images, attachments) come along.
			s.bundles = append(s.bundles, filepath.Dir(f)+string(filepath.Separator))
		}
		for child, dir := f, filepath.Dir(f); ; child, dir = dir, filepath.Dir(dir) {
			known := len(s.dirs[dir]) > 0
			if !slices.Contains(s.dirs[dir], filepath.Base(child)) {
				s.dirs[dir] = append(s.dirs[dir], filepath.Base(child))
			}
			if known || dir == s.content {
				break
			}
		}
	}
	return s
}

// visible reports whether name (absolute, clean) is part of the subset;
// listed is set for a content folder listed from what is kept.
func (s *subsetFs) visible(name string) (ok, listed bool) {
	if name != s.content && !strings.HasPrefix(name, s.content+string(filepath.Separator)) {
		return true, false
	}
	for _, b := range s.bundles {
		if strings.HasPrefix(name, b) || name+string(filepath.Separator) == b {
			return true, false
		}
	}
	if _, ok := s.dirs[name]; ok || name == s.content {
		return true, true
	}
	return s.files[name], false
}

func (s *subsetFs) Stat(name string) (os.FileInfo, error) {
	name = filepath.Clean(name)
	if ok, _ := s.visible(name); !ok {
		return nil, &os.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return s.Fs.Stat(name)
}

// LstatIfPossible keeps symbolic links visible as links, as the whole
// site's filesystem does (see cjkFs): Hugo skips them in both.
func (s *subsetFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	name = filepath.Clean(name)
	if ok, _ := s.visible(name); !ok {
		return nil, false, &os.PathError{Op: "lstat", Path: name, Err: fs.ErrNotExist}
	}
	return lstat(s.Fs, name)
}

func (s *subsetFs) Open(name string) (afero.File, error) {
	return s.OpenFile(name, os.O_RDONLY, 0)
}

func (s *subsetFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	name = filepath.Clean(name)
	ok, listed := s.visible(name)
	if !ok {
		return nil, &os.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f, err := s.Fs.OpenFile(name, flag, perm)
	if err != nil || !listed {
		return f, err
	}
	return &subsetDir{File: f, fs: s, names: s.dirs[name]}, nil
}

// subsetDir lists only the kept entries of a content folder.
type subsetDir struct {
	afero.File
	fs    *subsetFs
	names []string
	next  int // entries already returned
}

func (d *subsetDir) infos(n int) ([]os.FileInfo, error) {
	rest := d.names[d.next:]
	if n > 0 {
		if len(rest) == 0 {
			return nil, io.EOF
		}
		rest = rest[:min(n, len(rest))]
	}
	var out []os.FileInfo
	for _, name := range rest {
		// As the folder itself would list it: a link stays a link.
		fi, _, err := lstat(d.fs.Fs, filepath.Join(d.File.Name(), name))
		if err != nil {
			continue // gone since: Hugo would not have seen it either
		}
		out = append(out, fi)
	}
	d.next += len(rest)
	return out, nil
}

func (d *subsetDir) Readdir(n int) ([]os.FileInfo, error) { return d.infos(n) }

func (d *subsetDir) Readdirnames(n int) ([]string, error) {
	fis, err := d.infos(n)
	names := make([]string, len(fis))
	for i, fi := range fis {
		names[i] = fi.Name()
	}
	return names, err
}

func (d *subsetDir) ReadDir(n int) ([]fs.DirEntry, error) {
	fis, err := d.infos(n)
	entries := make([]fs.DirEntry, len(fis))
	for i, fi := range fis {
		entries[i] = fs.FileInfoToDirEntry(fi)
	}
	return entries, err
}
