package deploy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScanSite(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("zh/index.html", "<p>首页")
	write("robots.txt", "")
	outside := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(outside, []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "logo.png")); err != nil {
		t.Skip("no symlinks here:", err)
	}

	files, err := scanSite(dir, 300, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Rel+":"+f.SHA256[:8])
	}
	// sha256 of "png", "" and "<p>首页"; sorted by path; the link is published as its file.
	want := "logo.png:8f8cbb7d robots.txt:e3b0c442 zh/index.html:a184a263"
	if s := strings.Join(got, " "); s != want {
		t.Fatalf("scanned %s", s)
	}

	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	if _, err := scanSite(dir, 300, false); err == nil || !strings.Contains(err.Error(), "linked") {
		t.Fatalf("a link to a folder: err = %v", err)
	}

	for name, setup := range map[string]func(string){
		"missing": func(d string) { os.Remove(d) },
		"empty":   func(string) {},
		"state": func(d string) {
			os.MkdirAll(filepath.Join(d, ".gazette"), 0o755)
			os.WriteFile(filepath.Join(d, StateKey), nil, 0o644)
		},
	} {
		d := t.TempDir()
		setup(d)
		if _, err := scanSite(d, 300, false); err == nil {
			t.Errorf("%s site folder scanned without error", name)
		}
	}
}
