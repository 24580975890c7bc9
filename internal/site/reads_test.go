package site

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gazette/internal/config"
	"gazette/internal/content"
)

// TestContentReadOnce: in a build, Hugo and the content checks get each
// markdown file from one read: every file the checks read waits for Hugo,
// and Hugo takes every one of them (by the same name).
func TestContentReadOnce(t *testing.T) {
	root := repoRoot(t)
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	reads := &sharedReads{}
	copts := content.OptionsFromConfig(cfg)
	copts.ReadFile = reads.readFile
	if _, err := content.Check(root, copts); err != nil {
		t.Fatal(err)
	}
	var md int
	filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			md++
		}
		return err
	})
	if got := len(reads.m); got != md {
		t.Fatalf("after the checks %d files wait for Hugo, want all %d", got, md)
	}
	if _, err := render(root, cfg, io.Discard, newMinifyFs(t.TempDir()), time.Time{}, reads); err != nil {
		t.Fatal(err)
	}
	if len(reads.m) != 0 {
		var left []string
		for name := range reads.m {
			left = append(left, name)
		}
		t.Errorf("Hugo did not take %d files the checks read, such as %s", len(left), left[0])
	}
}
