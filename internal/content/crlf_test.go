package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// toCRLF rewrites every UTF-8 text file under dir (markdown and
// config.toml) with Windows line endings, as an editor on Windows or git
// with core.autocrlf saves them. Files in other encodings and binary files
// are left alone: their bytes are the point of their cases.
func toCRLF(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(p)); ext != ".md" && ext != ".toml" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 || !bytes.Contains(data, []byte("\n")) {
			return nil
		}
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
		n++
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBadCorpusWithCRLF checks every case of the bad-input corpus again
// with Windows line endings: the diagnostics, positions and messages
// included, must be exactly those of the same files saved with LF.
func TestBadCorpusWithCRLF(t *testing.T) {
	converted := 0
	for _, cs := range loadCorpus(t) {
		t.Run(cs.name, func(t *testing.T) {
			lf := cs.materialise(t)
			crlf := cs.materialise(t)
			converted += toCRLF(t, crlf)
			want, err := Check(lf, corpusOptions(t, lf, cs.strict))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Check(crlf, corpusOptions(t, crlf, cs.strict))
			if err != nil {
				t.Fatal(err)
			}
			if render(got) != render(want) {
				t.Errorf("with CRLF line endings:\n%s\nwith LF:\n%s", render(got), render(want))
			}
		})
	}
	if converted < 40 {
		t.Errorf("only %d files were converted to CRLF; the corpus has more text files", converted)
	}
}
