package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/afero"
	"github.com/tdewolff/minify/v2"
)

// minifyFs is Hugo's publish file system: files are written under dir on
// disk, and each file Hugo writes is minified once, when Hugo closes it
// (fingerprinted assets excepted, see minifyFile). Streaming keeps the
// rendered site out of memory: at 10,000 announcements that is the
// difference between Hugo's peak memory and 1.4 times it.
type minifyFs struct {
	afero.Fs // the OS file system; Hugo publishes to absolute paths under dir
	dir      string
	m        *minify.M
	// mem, when set, receives the minified files instead of the files of
	// Fs (then an in-memory file system that only keeps Hugo's folders and
	// empty files): the preview serves them from there.
	mem *memSite
	// texts receives the announcement texts of the pages written (see
	// pagetext.go).
	texts pageTexts

	mu    sync.Mutex
	st    stats
	files []string // rendered, slash-separated, relative to dir
	first error
}

func newMinifyFs(dir string) *minifyFs {
	return &minifyFs{Fs: afero.NewOsFs(), dir: dir, m: newMinifier()}
}

// newMemoryMinifyFs publishes into site, under the notional folder dir.
func newMemoryMinifyFs(dir string, site *memSite) *minifyFs {
	return &minifyFs{Fs: afero.NewMemMapFs(), dir: dir, m: newMinifier(), mem: site}
}

func (f *minifyFs) Create(name string) (afero.File, error) {
	return f.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (f *minifyFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	file, err := f.Fs.OpenFile(name, flag, perm)
	if err != nil || flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return file, err
	}
	rel, err := filepath.Rel(f.dir, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		file.Close()
		return nil, fmt.Errorf("site: Hugo wrote outside the output folder: %s", name)
	}
	return &streamFile{File: file, fs: f, rel: filepath.ToSlash(rel)}, nil
}

// rendered lists the files Hugo wrote (their names only: they are on disk).
func (f *minifyFs) rendered() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.files
}

func (f *minifyFs) stats() stats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.st
}

func (f *minifyFs) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.first
}

// buffers are reused across files: a build writes tens of thousands.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// streamFile collects what Hugo writes and minifies it on Close.
type streamFile struct {
	afero.File
	fs  *minifyFs
	rel string
	buf *bytes.Buffer
}

func (w *streamFile) buffer() *bytes.Buffer {
	if w.buf == nil {
		w.buf = buffers.Get().(*bytes.Buffer)
		w.buf.Reset()
	}
	return w.buf
}

func (w *streamFile) Write(p []byte) (int, error)       { return w.buffer().Write(p) }
func (w *streamFile) WriteString(s string) (int, error) { return w.buffer().WriteString(s) }

func (w *streamFile) Close() error {
	in := w.buffer()
	defer buffers.Put(in)
	out := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(out)
	if strings.HasSuffix(w.rel, ".html") {
		w.fs.texts.take(in.Bytes())
	}
	data, st, err := minifyFile(w.fs.m, out, w.rel, in.Bytes())
	if err == nil && w.fs.mem != nil {
		// The buffers go back to the pool: the memSite keeps a copy.
		w.fs.mem.put(w.rel, bytes.Clone(data))
	} else if err == nil {
		if _, werr := w.File.Write(data); werr != nil {
			err = fmt.Errorf("site: writing %s: %w", w.rel, werr)
		}
	}
	if cerr := w.File.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("site: writing %s: %w", w.rel, cerr)
	}
	w.fs.mu.Lock()
	defer w.fs.mu.Unlock()
	w.fs.st.add(st)
	if w.fs.mem == nil {
		w.fs.files = append(w.fs.files, w.rel)
	}
	if err != nil && w.fs.first == nil {
		w.fs.first = err
	}
	return err
}
