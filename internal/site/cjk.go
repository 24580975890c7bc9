package site

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/afero"

	"gazette/internal/linkify"
)

// CommonMark only opens emphasis when "**" is preceded by a space or
// punctuation, so Chinese text like 这是**「重点」**内容 keeps its asterisks.
// Goldmark's CJK extension offers an escape for exactly this: an escaped
// space ("\ ") counts as a space for the parser and is not rendered. Writers
// should not have to type it, so Gazette inserts it while Hugo reads the
// markdown, only where an emphasis run touches CJK punctuation.
//
// GFM has the same blind spot for bare addresses: it links www.… and
// https://… only after a space, so 网页（www.example.gov.cn）stays text.
// linkify.Rewrite writes those as links, in the same pass.

// linkifyProtocol is the scheme bare www.… addresses get, in Hugo's own
// links and in those linkify writes.
const linkifyProtocol = "https"

// cjkFs serves markdown files under contentDir with LF line endings,
// through fixCJKEmphasis and linkify.Rewrite; everything else passes
// through untouched.
type cjkFs struct {
	afero.Fs
	contentDir string // absolute, with a trailing separator
	// reads, when set, shares the files' bytes with the content checks.
	reads *sharedReads
}

func newCJKFs(base afero.Fs, siteDir string) *cjkFs {
	return &cjkFs{Fs: base, contentDir: filepath.Join(siteDir, "content") + string(filepath.Separator)}
}

// LstatIfPossible shows Hugo a symbolic link as a link: Hugo then leaves
// it out of the content instead of following it, maybe out of the site.
// Without it Hugo's lstat falls back to Stat, which follows links.
func (c *cjkFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	return lstat(c.Fs, name)
}

// lstat is fs's Lstat where it has one, else its Stat.
func lstat(fs afero.Fs, name string) (os.FileInfo, bool, error) {
	if l, ok := fs.(afero.Lstater); ok {
		return l.LstatIfPossible(name)
	}
	fi, err := fs.Stat(name)
	return fi, false, err
}

func (c *cjkFs) Open(name string) (afero.File, error) {
	return c.OpenFile(name, os.O_RDONLY, 0)
}

func (c *cjkFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := c.Fs.OpenFile(name, flag, perm)
	if err != nil || flag != os.O_RDONLY || !strings.HasPrefix(name, c.contentDir) || !strings.EqualFold(filepath.Ext(name), ".md") {
		return f, err
	}
	data, err := c.reads.read(name, func() ([]byte, error) { return readAll(f) })
	if err != nil {
		f.Close()
		return nil, err
	}
	// Hugo reads the bytes already in memory, fixed or not, instead of
	// reading the file a second time. A file saved on Windows is read as
	// the same file with LF line endings: TOML keeps CRLF inside
	// multi-line strings, which would otherwise reach the pages.
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	fixed := linkify.Rewrite(fixCJKEmphasis(data), linkifyProtocol)
	return &rewrittenFile{File: f, r: bytes.NewReader(fixed), size: int64(len(fixed))}, nil
}

// readAll reads f whole into a buffer of its size: io.ReadAll starts
// small and grows, which at 20,000 files cost more than the reads.
func readAll(f afero.File) ([]byte, error) {
	size := 512
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 && fi.Size() < 1<<30 {
		size = int(fi.Size()) + 1 // one more, to see the end without growing
	}
	data := make([]byte, 0, size)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew since Stat
		}
	}
}

// rewrittenFile reads from replacement bytes but otherwise is the file.
type rewrittenFile struct {
	afero.File
	r    *bytes.Reader
	size int64
}

func (f *rewrittenFile) Read(p []byte) (int, error)                { return f.r.Read(p) }
func (f *rewrittenFile) ReadAt(p []byte, off int64) (int, error)   { return f.r.ReadAt(p, off) }
func (f *rewrittenFile) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *rewrittenFile) Stat() (fs.FileInfo, error) {
	fi, err := f.File.Stat()
	if err != nil {
		return nil, err
	}
	return sizedInfo{fi, f.size}, nil
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (s sizedInfo) Size() int64 { return s.size }

// fixCJKEmphasis inserts "\ " before an emphasis run (* or _) that is
// followed by CJK punctuation but preceded by a letter, and after a run that
// is preceded by CJK punctuation but followed by a letter. Front matter,
// fenced code and inline code are left alone.
func fixCJKEmphasis(src []byte) []byte {
	if !bytes.ContainsAny(src, "*_") {
		return src
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out bytes.Buffer
	out.Grow(len(src) + 16)
	inFront, inFence := false, false
	var fence string
	for i, line := range lines {
		trim := strings.TrimSpace(string(line))
		switch {
		case i == 0 && (trim == "---" || trim == "+++"):
			inFront, fence = true, trim
		case inFront:
			if trim == fence {
				inFront = false
			}
		case inFence:
			if strings.HasPrefix(trim, fence) {
				inFence = false
			}
		case strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~"):
			inFence, fence = true, trim[:3]
		default:
			out.Write(fixLine(line))
			continue
		}
		out.Write(line)
	}
	return out.Bytes()
}

func fixLine(line []byte) []byte {
	if !bytes.ContainsAny(line, "*_") {
		return line
	}
	var out bytes.Buffer
	inCode := false
	for i := 0; i < len(line); {
		c := line[i]
		if c == '`' {
			inCode = !inCode
		}
		if inCode || (c != '*' && c != '_') || (i > 0 && line[i-1] == '\\') {
			out.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == c {
			j++
		}
		before, _ := utf8.DecodeLastRune(line[:i])
		after, _ := utf8.DecodeRune(line[j:])
		if i > 0 && isWordRune(before) && isCJKPunct(after) {
			out.WriteString(`\ `)
		}
		out.Write(line[i:j])
		if j < len(line) && isCJKPunct(before) && isWordRune(after) {
			out.WriteString(`\ `)
		}
		i = j
	}
	return out.Bytes()
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
}

// isCJKPunct reports punctuation of the CJK Symbols and Punctuation block and
// the fullwidth forms, such as 「」『』（）《》“”，。
func isCJKPunct(r rune) bool {
	return unicode.IsPunct(r) && (r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—')
}
