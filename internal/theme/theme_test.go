package theme

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFilesCoverEveryFolder(t *testing.T) {
	files := Files()
	for _, want := range []string{"layouts/baseof.html", "layouts/_partials/footer.html", "i18n/zh.toml", "i18n/en.toml",
		"assets/css/main.css", "static/favicon.svg", "content/_content.gotmpl"} {
		if !slices.Contains(files, want) {
			t.Errorf("the theme lacks %s", want)
		}
	}
	if !slices.IsSorted(files) {
		t.Error("Files is not sorted")
	}
}

func TestWriteToWritesEveryFile(t *testing.T) {
	dir := t.TempDir()
	if err := WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range Files() {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := fs.ReadFile(FS(), name)
		if string(got) != string(want) {
			t.Errorf("%s differs from the embedded file", name)
		}
	}
}

func TestExportAll(t *testing.T) {
	site := t.TempDir()
	res, err := Export(site, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Written, Files()) || len(res.Kept) != 0 {
		t.Errorf("exported %d files, kept %v; want all %d", len(res.Written), res.Kept, len(Files()))
	}
}

func TestExportNamedFilesOnlyAndNeverOverwrites(t *testing.T) {
	site := t.TempDir()
	own := filepath.Join(site, "layouts", "_partials", "footer.html")
	if err := os.MkdirAll(filepath.Dir(own), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own, []byte("my footer"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Export(site, []string{"layouts/_partials/footer.html", "i18n/zh.toml", "assets/css/"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(own); string(got) != "my footer" {
		t.Errorf("the site's footer was overwritten: %q", got)
	}
	if !slices.Equal(res.Kept, []string{"layouts/_partials/footer.html"}) {
		t.Errorf("kept = %v", res.Kept)
	}
	for _, w := range res.Written {
		if w != "i18n/zh.toml" && !strings.HasPrefix(w, "assets/css/") {
			t.Errorf("exported %s, which was not asked for", w)
		}
	}
	if !slices.Contains(res.Written, "assets/css/main.css") || !slices.Contains(res.Written, "i18n/zh.toml") {
		t.Errorf("written = %v", res.Written)
	}
	var onDisk []string
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(site, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(onDisk) != len(res.Written)+1 {
		t.Errorf("files in the site: %v; want the %d written and the site's own", onDisk, len(res.Written))
	}
}

func TestExportUnknownNameWritesNothing(t *testing.T) {
	site := t.TempDir()
	_, err := Export(site, []string{"i18n/zh.toml", "layouts/nosuch.html"})
	if err == nil || !strings.Contains(err.Error(), `"layouts/nosuch.html"`) {
		t.Fatalf("error = %v, want one naming layouts/nosuch.html", err)
	}
	if entries, _ := os.ReadDir(site); len(entries) != 0 {
		t.Errorf("wrote %d entries despite the error", len(entries))
	}
}
