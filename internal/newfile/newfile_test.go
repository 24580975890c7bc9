package newfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteCreatesFoldersAndFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "content", "zh", "notices", "a.md")
	if err := Write(name, []byte("正文\n")); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(name); err != nil || string(got) != "正文\n" {
		t.Fatalf("file holds %q (%v), want the data written", got, err)
	}
}

func TestWriteNeverReplaces(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(name, []byte("written by a person\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(name, []byte("generated\n"))
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), name) {
		t.Errorf("Write over an existing file: %v, want an error wrapping fs.ErrExist that names the file", err)
	}
	if got, _ := os.ReadFile(name); string(got) != "written by a person\n" {
		t.Errorf("the existing file now holds %q", got)
	}
}

func TestWriteUnderAFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "content"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "content", "a.md")
	if err := Write(name, []byte("x")); err == nil || !strings.Contains(err.Error(), "content") {
		t.Errorf("Write below a file: %v, want an error naming the path", err)
	}
}
