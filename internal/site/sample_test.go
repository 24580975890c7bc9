package site

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// repoRoot is the repository, which is itself the sample site.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "config.toml")); err != nil {
		t.Fatalf("sample site not found: %v", err)
	}
	return dir
}

var sample struct {
	once sync.Once
	dir  string
	rep  *Report
	err  error
}

// sampleSite builds the repository's own sample site once per test binary
// and returns the output folder. Tests must not modify it.
func sampleSite(t testing.TB) string {
	t.Helper()
	dir, _ := sampleBuild(t)
	return dir
}

// sampleBuild is sampleSite with the build's report.
func sampleBuild(t testing.TB) (string, *Report) {
	t.Helper()
	root := repoRoot(t)
	sample.once.Do(func() {
		tmp, err := os.MkdirTemp("", "gazette-sample-")
		if err != nil {
			sample.err = err
			return
		}
		sample.dir = filepath.Join(tmp, "public")
		sample.rep, sample.err = Build(context.Background(), Options{Source: root, Dest: sample.dir})
	})
	if sample.err != nil {
		t.Fatalf("building the sample site: %v", sample.err)
	}
	return sample.dir, sample.rep
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sample.dir != "" {
		os.RemoveAll(filepath.Dir(sample.dir))
	}
	os.Exit(code)
}
