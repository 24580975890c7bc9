package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCommand runs gazette import as a user would: exit codes,
// the report, and a site that gazette check then passes.
func TestImportCommand(t *testing.T) {
	inEnglish(t)
	fixtures, err := filepath.Abs("../../internal/importer/testdata")
	if err != nil {
		t.Fatal(err)
	}
	docx := filepath.Join(fixtures, "docx", "water-notice-libreoffice.docx")
	broken := filepath.Join(t.TempDir(), "broken.docx")
	os.WriteFile(broken, []byte("%PDF-1.4 renamed"), 0o644)
	dir := writeSite(t, map[string]string{"config.toml": siteConfig})

	tests := []struct {
		name  string
		args  []string
		want  int
		inOut []string
	}{
		{"usage", []string{"import"}, 2, []string{"gazette import pages", "gazette import docx"}},
		{"help", []string{"import", "-h"}, 0, []string{"usage:"}},
		{"unknown kind", []string{"import", "pdf"}, 2, []string{`there is no import "pdf"`}},
		{"pages without --from", []string{"import", "pages", "-s", dir}, 2, []string{"--from is required"}},
		{"pages bad --lang", []string{"import", "pages", "-s", dir, "--from", fixtures, "--lang", "fr"}, 2, []string{"--lang must be zh or en"}},
		{"pages unknown column", []string{"import", "pages", "-s", dir, "--from", fixtures, "--column", "press"}, 2, []string{`there is no column "press"`}},
		{"pages bad selector", []string{"import", "pages", "-s", dir, "--from", fixtures, "--body", "div["}, 2, []string{"not a valid CSS selector"}},
		{"pages not a site", []string{"import", "pages", "-s", t.TempDir(), "--from", fixtures}, 2, []string{"not a Gazette site folder"}},
		{"docx without --column", []string{"import", "docx", "-s", dir, docx}, 2, []string{"--column is required"}},
		{"docx without files", []string{"import", "docx", "-s", dir, "--column", "policies"}, 2, []string{"at least one .docx"}},
		{"docx dry run", []string{"import", "docx", "-s", dir, "--column", "policies", "--dry-run", docx}, 0, []string{"would write content/zh/policies/water-notice-libreoffice/index.md", "dry run: nothing was written"}},
		{"docx", []string{"import", "docx", "-s", dir, "--column", "policies", docx}, 0, []string{"wrote content/zh/policies/water-notice-libreoffice/index.md", "imported 1, already there 0, skipped 0"}},
		{"docx again", []string{"import", "docx", "-s", dir, "--column", "policies", docx}, 0, []string{"exists content/zh/policies/water-notice-libreoffice/index.md", "imported 0, already there 1"}},
		{"docx broken", []string{"import", "docx", "-s", dir, "--column", "policies", broken, docx}, 1, []string{"skipped " + broken + ": " + broken + " is not a Word document", "imported 0, already there 1, skipped 1"}},
		{"check after import", []string{"check", "-s", dir}, 0, []string{"0 error(s)"}},
		{"messages in Chinese", []string{"--lang", "zh", "import", "docx", "-s", dir, "--column", "policies", docx}, 0, []string{"已存在"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			got := run(context.Background(), tt.args, &out, &out)
			if got != tt.want {
				t.Errorf("exit %d, want %d; output:\n%s", got, tt.want, out.String())
			}
			for _, s := range tt.inOut {
				if !strings.Contains(out.String(), s) {
					t.Errorf("output does not contain %q:\n%s", s, out.String())
				}
			}
		})
	}
}

// TestImportHelpListsTheSitesColumns: the --column help lists the columns
// of the site -s names, read when the help is shown, not those of the
// folder gazette runs in.
func TestImportHelpListsTheSitesColumns(t *testing.T) {
	inEnglish(t)
	dir := writeSite(t, map[string]string{"config.toml": siteConfig + `
[[columns]]
key = "bulletins"
type = "通知公告"
name = { zh = "公报", en = "Bulletins" }
`})
	for _, kind := range []string{"pages", "docx"} {
		var out bytes.Buffer
		if code := run(context.Background(), []string{"import", kind, "-s", dir, "-h"}, &out, &out); code != 0 {
			t.Fatalf("import %s -h: exit %d\n%s", kind, code, out.String())
		}
		if !strings.Contains(out.String(), "(bulletins)") {
			t.Errorf("import %s -h does not list the site's columns:\n%s", kind, out.String())
		}
	}
}
