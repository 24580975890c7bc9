package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCRLFSitesBuildLikeLF is a site saved on Windows: every markdown file
// and config.toml with CRLF line endings. gazette check must report the
// same, and gazette build write the same site, byte for byte, as for the
// same files with LF. Two sites: the repository's sample site (TOML front
// matter, tables, page bundles) and testdata/lineendings (YAML front
// matter in both languages, multi-line strings, hard line breaks, code).
func TestCRLFSitesBuildLikeLF(t *testing.T) {
	for name, copySite := range map[string]func(t *testing.T, dst string){
		"sample site": func(t *testing.T, dst string) {
			copySample(t, dst)
		},
		"lineendings": func(t *testing.T, dst string) {
			if err := copyCase(filepath.Join("testdata", "lineendings"), dst); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			lf, crlf := filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "site")
			copySite(t, lf)
			copySite(t, crlf)
			if n := toCRLF(t, crlf); n < 4 {
				t.Fatalf("only %d files were rewritten with CRLF", n)
			}

			checkLF, codeLF := gazetteOut(t, "check", "-s", lf)
			checkCRLF, codeCRLF := gazetteOut(t, "check", "-s", crlf)
			if codeLF != 0 || codeCRLF != codeLF || checkCRLF != checkLF {
				t.Errorf("gazette check with LF (exit %d):\n%s\nwith CRLF (exit %d):\n%s", codeLF, checkLF, codeCRLF, checkCRLF)
			}

			outLF, outCRLF := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
			buildLF, codeLF := gazetteOut(t, "build", "-s", lf, "-d", outLF)
			buildCRLF, codeCRLF := gazetteOut(t, "build", "-s", crlf, "-d", outCRLF)
			// Only the duration may differ in what build prints.
			duration := regexp.MustCompile(`(?m)^duration: .*$`)
			buildLF, buildCRLF = duration.ReplaceAllString(buildLF, ""), duration.ReplaceAllString(buildCRLF, "")
			if codeLF != 0 || codeCRLF != 0 {
				t.Fatalf("gazette build with LF (exit %d):\n%s\nwith CRLF (exit %d):\n%s", codeLF, buildLF, codeCRLF, buildCRLF)
			}
			if buildCRLF != buildLF {
				t.Errorf("gazette build printed with LF:\n%s\nwith CRLF:\n%s", buildLF, buildCRLF)
			}
			want, got := snapshot(t, outLF), snapshot(t, outCRLF)
			var diffs []string
			for _, name := range slices.Sorted(slices.Values(append(keys(want), keys(got)...))) {
				if want[name] != got[name] && !slices.Contains(diffs, name) {
					diffs = append(diffs, name)
				}
			}
			for _, name := range diffs {
				t.Errorf("%s differs with CRLF sources:\n%s", name, firstDifference(want[name], got[name]))
			}
			if len(want) < 20 {
				t.Errorf("the build wrote only %d files", len(want))
			}
		})
	}
}

// copySample copies the repository's own site into dst: its settings,
// content, static files and whatever theme files it overrides.
func copySample(t *testing.T, dst string) {
	t.Helper()
	root := filepath.Join("..", "..")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"content", "static", "layouts", "i18n", "assets"} {
		if _, err := os.Stat(filepath.Join(root, d)); err == nil {
			if err := os.CopyFS(filepath.Join(dst, d), os.DirFS(filepath.Join(root, d))); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// gazetteOut runs gazette with both outputs together.
func gazetteOut(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	code := run(context.Background(), append([]string{"--lang", "en"}, args...), &out, &out)
	return out.String(), code
}

// toCRLF rewrites the UTF-8 text files of a site (markdown, TOML, YAML)
// with CRLF line endings and reports how many it rewrote.
func toCRLF(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".md", ".toml", ".yaml", ".yml":
		default:
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil || !utf8.Valid(data) {
			return err
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

// firstDifference shows where two texts part, with some context.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "LF:   …" + strings.ToValidUTF8(a[from:min(len(a), i+80)], "?") + "…\nCRLF: …" + strings.ToValidUTF8(b[from:min(len(b), i+80)], "?") + "…"
}
