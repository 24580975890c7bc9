package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// writeSite writes a txtar archive into a new site folder. The site is
// built with gazette's embedded theme wherever the archive brings no
// layouts, strings or assets of its own.
func writeSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// build builds a site folder into its public/ folder.
func build(t testing.TB, dir string) (*Report, error) {
	t.Helper()
	return Build(context.Background(), Options{Source: dir, Dest: filepath.Join(dir, "public")})
}

// mustBuild builds and fails the test on error.
func mustBuild(t testing.TB, dir string) (string, *Report) {
	t.Helper()
	rep, err := build(t, dir)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return filepath.Join(dir, "public"), rep
}

// read returns a built file's content.
func read(t testing.TB, public, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("reading built file: %v", err)
	}
	return string(data)
}

// treeHashes maps every file under dir to the sha256 of its content.
func treeHashes(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(data)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffTrees lists the files that differ between two tree hashes.
func diffTrees(a, b map[string]string) []string {
	var diff []string
	for k, v := range a {
		if b[k] != v {
			diff = append(diff, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diff = append(diff, k)
		}
	}
	sort.Strings(diff)
	return diff
}

// htmlFiles lists the built HTML pages, slash-separated and sorted.
func htmlFiles(t testing.TB, public string) []string {
	t.Helper()
	var files []string
	for name := range treeHashes(t, public) {
		if strings.HasSuffix(name, ".html") {
			files = append(files, name)
		}
	}
	sort.Strings(files)
	return files
}
