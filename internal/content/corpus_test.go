package content

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// corpusCase is one folder of testdata/bad with its want.txt.
type corpusCase struct {
	name   string
	dir    string
	exit   int
	strict bool
	// freshness: the case is about the site-wide freshness findings
	// (empty and stale columns, a stale home page), which every other
	// case, being a tiny site, would otherwise all report.
	freshness bool
	make      map[string]int64 // file → size, created at test time
	want      []string         // "file:line: severity code"
}

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		cs := corpusCase{name: e.Name(), dir: filepath.Join("testdata", "bad", e.Name()), exit: -1, make: map[string]int64{}}
		f, err := os.Open(filepath.Join(cs.dir, "want.txt"))
		if err != nil {
			t.Fatalf("%s: %v", cs.name, err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			fields := strings.Fields(line)
			switch {
			case line == "" || strings.HasPrefix(line, "#"):
			case fields[0] == "exit":
				cs.exit, _ = strconv.Atoi(fields[1])
			case fields[0] == "strict":
				cs.strict = true
			case fields[0] == "freshness":
				cs.freshness = true
			case fields[0] == "make":
				cs.make[fields[1]] = parseSize(t, fields[2])
			default:
				cs.want = append(cs.want, line)
			}
		}
		f.Close()
		if cs.exit < 0 {
			t.Fatalf("%s: want.txt has no exit line", cs.name)
		}
		cases = append(cases, cs)
	}
	return cases
}

func parseSize(t *testing.T, s string) int64 {
	t.Helper()
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "MiB"):
		s, mult = strings.TrimSuffix(s, "MiB"), 1<<20
	case strings.HasSuffix(s, "KiB"):
		s, mult = strings.TrimSuffix(s, "KiB"), 1<<10
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("bad size %q", s)
	}
	return n * mult
}

// materialise copies the case into a fresh folder and creates its large
// files there.
func (cs corpusCase) materialise(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(cs.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(cs.dir, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if rel == "want.txt" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for file, size := range cs.make {
		p := filepath.Join(dst, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		// A sparse file: the size counts, not the bytes on disk.
		if err := f.Truncate(size); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	return dst
}

// corpusNow is the "now" of the corpus: after every past date in it and
// before every future one.
var corpusNow = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

func corpusOptions(t *testing.T, dir string, strict bool) Options {
	t.Helper()
	opts := Options{}
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		cfg, err := config.Load(dir)
		if err != nil {
			t.Fatalf("case config: %v", err)
		}
		opts = OptionsFromConfig(cfg)
	}
	opts.Strict = strict
	opts.Now = corpusNow
	opts.Freshness = true
	return opts
}

// TestBadCorpus runs check on every case of testdata/bad and compares
// the exit code and every diagnostic's file, line, severity and code with
// the case's want.txt.
func TestBadCorpus(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) < 25 {
		t.Errorf("the corpus has %d cases; it must keep at least 25", len(cases))
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			dir := cs.materialise(t)
			diags, err := Check(dir, corpusOptions(t, dir, cs.strict))
			if err != nil {
				t.Fatal(err)
			}
			exit := 0
			if HasErrors(diags) {
				exit = 1
			}
			if exit != cs.exit {
				t.Errorf("exit %d, want %d", exit, cs.exit)
			}
			var got []string
			for _, d := range diags {
				if freshnessCodes[d.Code] && !cs.freshness {
					continue
				}
				got = append(got, fmt.Sprintf("%s:%d: %s %s", d.File, d.Line, d.Severity, d.Code))
				prefix := fmt.Sprintf("%s:%d:%d: %s: ", d.File, d.Line, d.Col, d.Severity)
				if freshnessCodes[d.Code] {
					// About a whole folder: no line.
					prefix = fmt.Sprintf("%s: %s: ", d.File, d.Severity)
				} else if d.Col < 1 {
					t.Errorf("badly formed diagnostic %q", d.String())
				}
				if !strings.HasPrefix(d.String(), prefix) || d.Message == "" {
					t.Errorf("badly formed diagnostic %q", d.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(cs.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s\nfull messages:\n%s",
					strings.Join(got, "\n"), strings.Join(cs.want, "\n"), render(diags))
			}
		})
	}
}

// freshnessCodes are the findings about whole columns and home pages.
var freshnessCodes = map[string]bool{"empty-column": true, "stale-column": true, "stale-home": true}

func render(ds []Diagnostic) string {
	var b strings.Builder
	_ = WriteText(&b, ds)
	return b.String()
}

// TestBadCorpusInChinese runs the corpus with Chinese messages: every
// message must be translated (no English catalogue text leaks through).
func TestBadCorpusInChinese(t *testing.T) {
	for _, cs := range loadCorpus(t) {
		dir := cs.materialise(t)
		opts := corpusOptions(t, dir, cs.strict)
		opts.Messages = messages.New(messages.ZH)
		diags, err := Check(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if !containsHan(d.Message) {
				t.Errorf("%s: message not in Chinese: %s", cs.name, d)
			}
		}
	}
}

func containsHan(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}
