package redirect

import (
	"strings"
	"testing"

	"gazette/internal/manifest"
)

func TestFiles(t *testing.T) {
	m := manifest.Manifest{Version: 1, Pages: []manifest.Page{
		{ID: "zh/a", Lang: "zh", Path: "/zh/notices/a/", Aliases: []string{"/tzgg/202406/t1.html", "/old/a/", "/old/b"}},
		{ID: "en/a", Lang: "en", Path: "/en/notices/a/", Aliases: []string{"/en/notices/t2.shtml"}},
		{ID: "en/b", Lang: "en", Path: "/en/notices/b/"},
	}}
	files := Files(m, "https://www.example.gov.cn/")
	want := map[string]string{
		"en/notices/t2.shtml": "/en/notices/a/",
		"old/a/index.html":    "/zh/notices/a/",
		"old/b/index.html":    "/zh/notices/a/",
		"tzgg/202406/t1.html": "/zh/notices/a/",
	}
	if len(files) != len(want) {
		t.Fatalf("%d files, want %d: %v", len(files), len(want), files)
	}
	for _, f := range files {
		if want[f.Name] != f.Target {
			t.Errorf("%s leads to %s, want %s", f.Name, f.Target, want[f.Name])
		}
		abs := "https://www.example.gov.cn" + f.Target
		for _, s := range []string{
			`<link rel="canonical" href="` + abs + `">`,
			`<meta http-equiv="refresh" content="0; url=` + abs + `">`,
			`<meta name="robots" content="noindex">`,
			`<a href="` + abs + `">`,
		} {
			if !strings.Contains(string(f.Data), s) {
				t.Errorf("%s lacks %s:\n%s", f.Name, s, f.Data)
			}
		}
		if strings.ContainsAny(string(f.Data), "\n\t") || strings.Contains(string(f.Data), "  ") {
			t.Errorf("%s is not minified:\n%s", f.Name, f.Data)
		}
	}
	if !strings.Contains(string(files[0].Data), `<html lang="en">`) || !strings.Contains(string(files[1].Data), `<html lang="zh-CN">`) {
		t.Errorf("languages: %s / %s", files[0].Data, files[1].Data)
	}
	if got := Targets(m); len(got) != 4 || got["old/a/index.html"] != "/zh/notices/a/" {
		t.Errorf("Targets() = %v", got)
	}
}
