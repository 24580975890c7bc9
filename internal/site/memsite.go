package site

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
)

// memSite is the preview's output, held in memory: a Session writes it
// and the preview server reads it while the next build runs. Each file is
// replaced whole, so a reader sees the old bytes or the new ones, never a
// file half written. It is an fs.FS (names slash-separated, no leading
// slash).
type memSite struct {
	mu    sync.RWMutex
	files map[string]*memFile
	dirs  map[string]int // folder -> number of files below it
	// written collects the names put since the last takeWritten.
	written map[string]bool
}

type memFile struct {
	data []byte
	mod  time.Time
}

func newMemSite() *memSite {
	return &memSite{files: map[string]*memFile{}, dirs: map[string]int{".": 0}, written: map[string]bool{}}
}

// put stores data (which the memSite now owns) as the file rel.
func (m *memSite) put(rel string, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[rel]; !ok {
		for d := path.Dir(rel); ; d = path.Dir(d) {
			m.dirs[d]++
			if d == "." {
				break
			}
		}
	}
	m.files[rel] = &memFile{data: data, mod: time.Now()}
	m.written[rel] = true
}

func (m *memSite) remove(rel string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[rel]; !ok {
		return
	}
	delete(m.files, rel)
	for d := path.Dir(rel); ; d = path.Dir(d) {
		if m.dirs[d]--; m.dirs[d] <= 0 && d != "." {
			delete(m.dirs, d)
		}
		if d == "." {
			break
		}
	}
}

// takeWritten returns the names put since the last call, sorted.
func (m *memSite) takeWritten() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	names := make([]string, 0, len(m.written))
	for n := range m.written {
		names = append(names, n)
	}
	m.written = map[string]bool{}
	sort.Strings(names)
	return names
}

func (m *memSite) lookup(name string) (*memFile, bool, error) {
	if !fs.ValidPath(name) {
		return nil, false, fs.ErrInvalid
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if f, ok := m.files[name]; ok {
		return f, false, nil
	}
	if _, ok := m.dirs[name]; ok {
		return nil, true, nil
	}
	return nil, false, fs.ErrNotExist
}

func (m *memSite) Open(name string) (fs.File, error) {
	f, dir, err := m.lookup(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info := memInfo{name: path.Base(name), dir: dir}
	if dir {
		return &memOpen{info: info, Reader: bytes.NewReader(nil)}, nil
	}
	info.size, info.mod = int64(len(f.data)), f.mod
	return &memOpen{info: info, Reader: bytes.NewReader(f.data)}, nil
}

func (m *memSite) Stat(name string) (fs.FileInfo, error) {
	f, dir, err := m.lookup(name)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	info := memInfo{name: path.Base(name), dir: dir}
	if !dir {
		info.size, info.mod = int64(len(f.data)), f.mod
	}
	return info, nil
}

func (m *memSite) ReadFile(name string) ([]byte, error) {
	f, dir, err := m.lookup(name)
	if err == nil && dir {
		err = fs.ErrInvalid
	}
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return bytes.Clone(f.data), nil
}

// ReadDir lists a folder. It looks at every file: the preview only lists
// folders in tests and tools, never per request.
func (m *memSite) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, dir, err := m.lookup(name); err != nil || !dir {
		if err == nil {
			err = fs.ErrInvalid
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	seen := map[string]bool{}
	var entries []fs.DirEntry
	add := func(full string, dir bool) {
		rest, ok := strings.CutPrefix(full, prefix)
		if !ok || rest == "" || full == "." {
			return
		}
		child, _, nested := strings.Cut(rest, "/")
		if nested || seen[child] {
			return
		}
		seen[child] = true
		info := memInfo{name: child, dir: dir}
		if f := m.files[full]; f != nil && !dir {
			info.size, info.mod = int64(len(f.data)), f.mod
		}
		entries = append(entries, fs.FileInfoToDirEntry(info))
	}
	for full := range m.files {
		add(full, false)
	}
	for full := range m.dirs {
		add(full, true)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, nil
}

// memOpen is an open file of a memSite; it seeks, as http.ServeContent needs.
type memOpen struct {
	*bytes.Reader
	info memInfo
}

func (f *memOpen) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memOpen) Close() error               { return nil }

var _ io.ReadSeeker = (*memOpen)(nil)

type memInfo struct {
	name string
	size int64
	mod  time.Time
	dir  bool
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) ModTime() time.Time { return i.mod }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

var (
	_ fs.StatFS     = (*memSite)(nil)
	_ fs.ReadFileFS = (*memSite)(nil)
	_ fs.ReadDirFS  = (*memSite)(nil)
)
