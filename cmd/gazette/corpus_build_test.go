package main

import (
	"bufio"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// corpusDir is the bad-input corpus of gazette check; its README says how
// each case's want.txt reads.
const corpusDir = "../../internal/content/testdata/bad"

// TestBadCorpusLeavesOutputUntouched builds every corpus case that check
// rejects, over an output folder from an earlier build, and requires the
// build to fail and leave that folder byte for byte as it was.
func TestBadCorpusLeavesOutputUntouched(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every corpus case")
	}
	t.Setenv("LANG", "C")
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		want := readWant(t, filepath.Join(corpusDir, name, "want.txt"))
		if want.exit != 1 || want.strict {
			continue // build fails on errors only, and has no --strict
		}
		t.Run(name, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			if err := copyCase(filepath.Join(corpusDir, name), site); err != nil {
				t.Fatal(err)
			}
			for file, size := range want.make {
				p := filepath.Join(site, filepath.FromSlash(file))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Truncate(p, size); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := os.Stat(filepath.Join(site, "config.toml")); err != nil {
				if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte(siteConfig), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			dest := filepath.Join(t.TempDir(), "public")
			previous := map[string]string{
				"index.html":              "<!doctype html><title>previous</title>",
				"zh/notices/a/index.html": "<p>published before</p>",
			}
			for file, text := range previous {
				p := filepath.Join(dest, filepath.FromSlash(file))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dest)
			var out bytes.Buffer
			if code := run(context.Background(), []string{"build", "-s", site, "-d", dest}, &out, &out); code == 0 {
				t.Errorf("build succeeded on a site check rejects:\n%s", out.String())
			}
			if after := snapshot(t, dest); !equalTrees(before, after) {
				t.Errorf("the failed build changed the previous output folder:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}

// corpusWant is what a case's want.txt asks of gazette check.
type corpusWant struct {
	exit   int
	strict bool
	make   map[string]int64
}

func readWant(t *testing.T, path string) corpusWant {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := corpusWant{exit: -1, make: map[string]int64{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
		case fields[0] == "exit" && len(fields) == 2:
			w.exit, _ = strconv.Atoi(fields[1])
		case fields[0] == "strict":
			w.strict = true
		case fields[0] == "make" && len(fields) == 3:
			size, mult := fields[2], int64(1)
			for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20} {
				if strings.HasSuffix(size, suffix) {
					size, mult = strings.TrimSuffix(size, suffix), m
				}
			}
			n, err := strconv.ParseInt(size, 10, 64)
			if err != nil {
				t.Fatalf("%s: bad size %q", path, fields[2])
			}
			w.make[fields[1]] = n * mult
		}
	}
	return w
}

// copyCase copies a corpus case into dst, leaving out its want.txt.
func copyCase(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
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
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
