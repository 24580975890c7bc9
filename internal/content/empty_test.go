package content

import (
	"strings"
	"testing"
)

// TestEmptyBody: an announcement a reader would open to find only its
// title is a warning (an error with --strict), reported where its text
// should start; one with any visible text, image or code, one that only
// lists attachments, and column and home pages are not.
func TestEmptyBody(t *testing.T) {
	const fm = "+++\ntitle = \"甲\"\ndate = 2019-10-24T10:11:00+08:00\n+++\n"
	const warn = "content/zh/notices/a.md:5:1: warning empty-body"
	tests := []struct {
		name, zh string
		want     string // "" for no finding
	}{
		{"front matter only", fm, warn},
		{"front matter without a final newline", strings.TrimSuffix(fm, "\n"), "content/zh/notices/a.md:4:4: warning empty-body"},
		{"blank lines", fm + "\n\n  \n\t\n", warn},
		{"empty headings", fm + "\n##\n\n### \n", warn},
		{"a comment and a rule", fm + "<!-- 待补充 -->\n\n***\n", warn},
		{"YAML front matter only", "---\ntitle: 甲\ndate: 2019-10-24T10:11:00+08:00\n---\n", warn},
		{"one word", fm + "见附件。\n", ""},
		{"a heading with text", fm + "## 一、时间\n", ""},
		{"an image", fm + "![地图](/map.png)\n", ""},
		{"a code block", fm + "```\n12345\n```\n", ""},
		{"a bare address", fm + "<https://example.org/>\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, map[string]string{
				"content/zh/notices/a.md": tt.zh,
				"content/en/notices/a.md": announcement("A", "", "Text\n"),
				"static/map.png":          "png",
			})
			got := strings.Join(check(t, dir, Options{}), "\n")
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if tt.want == "" {
				return
			}
			strict := strings.Join(check(t, dir, Options{Strict: true}), "\n")
			if want := strings.Replace(tt.want, "warning", "error", 1); strict != want {
				t.Errorf("with --strict got\n%s\nwant\n%s", strict, want)
			}
		})
	}
}

func TestEmptyBodyExceptions(t *testing.T) {
	files := map[string]string{
		// Attachments are what the page shows.
		"content/zh/policies/p/index.md": announcement("甲", "attachments = [{ title = \"全文\", file = \"full.pdf\" }]\n", ""),
		"content/zh/policies/p/full.pdf": "%PDF-1.4",
		"content/en/policies/p/index.md": announcement("A", "", "Text\n"),
		// Column and home pages are lists; their text is optional.
		"content/zh/policies/_index.md": "+++\ntitle = \"政策文件\"\n+++\n",
		"content/en/policies/_index.md": "+++\ntitle = \"Policies\"\n+++\n",
		"content/zh/_index.md":          "+++\ntitle = \"首页\"\n+++\n",
		"content/en/_index.md":          "+++\ntitle = \"Home\"\n+++\n",
	}
	if got := check(t, writeSite(t, files), Options{}); len(got) != 0 {
		t.Errorf("got %v", got)
	}
}
