package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gazette/internal/messages"
)

// secret is written only in files outside the site: no finding may show it.
const secret = "PRIVATE-MEMO-7731"

// outsideSite makes a folder beside the site holding a page and a folder of
// pages that carry the secret, and broken in ways check would report (an
// unknown field named after the secret) had it read them.
func outsideSite(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	page := "+++\ntitle = \"" + secret + "\"\n" + secret + " = 1\ndate = 2019-10-24T10:11:00+08:00\n+++\n" + secret + "\n"
	for name, text := range map[string]string{"memo.md": page, "drafts/a.md": page, "drafts/_index.md": page} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// TestSymlinkOutsideSite: a link to a file and a link to a folder outside
// the site, one absolute and one relative, are errors naming the link and
// where it points, and nothing behind them is read.
func TestSymlinkOutsideSite(t *testing.T) {
	out := outsideSite(t)
	dir := writeSite(t, map[string]string{
		"content/zh/notices/a.md": announcement("甲", "", "正文\n"),
		"content/en/notices/a.md": announcement("A", "", "Text\n"),
	})
	symlink(t, filepath.Join(out, "memo.md"), filepath.Join(dir, "content/zh/notices/memo.md"))
	rel, err := filepath.Rel(filepath.Join(dir, "content/en"), filepath.Join(out, "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	symlink(t, rel, filepath.Join(dir, "content/en/news"))

	for _, lang := range []messages.Lang{messages.EN, messages.ZH} {
		diags, err := Check(dir, Options{Now: corpusNow, Messages: messages.New(lang)})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
			if strings.Contains(d.String(), secret) {
				t.Errorf("a finding shows what is behind a link: %s", d)
			}
		}
		want := []string{
			"content/en/news: error: ",
			"content/zh/notices/memo.md: error: ",
		}
		targets := []string{rel, filepath.Join(out, "memo.md")}
		if len(got) != len(want) {
			t.Fatalf("%s: got\n%s\nwant %d findings", lang, strings.Join(got, "\n"), len(want))
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) || !strings.Contains(got[i], `"`+targets[i]+`"`) || diags[i].Code != "symlink-outside" {
				t.Errorf("%s: finding %d is %q, want %q… naming %q with code symlink-outside", lang, i, got[i], want[i], targets[i])
			}
		}
		if lang == messages.ZH && !containsHan(got[0]) {
			t.Errorf("message not in Chinese: %s", got[0])
		}
	}
	if n := FilesChecked(dir); n != 2 {
		t.Errorf("FilesChecked = %d, want the 2 real files", n)
	}
	// The build's early scan finds the same.
	early, err := Symlinks(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(early) != 2 || !HasErrors(early) || early[0].File != "content/en/news" || early[1].File != "content/zh/notices/memo.md" {
		t.Errorf("Symlinks = %v", early)
	}
}

// TestSymlinkInsideSite: links that stay in the site are warnings, since
// the build does not publish them, and the pages they point at are checked
// once, where they are.
func TestSymlinkInsideSite(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/zh/notices/a.md":        announcement("甲", "", "正文\n"),
		"content/en/notices/a.md":        announcement("A", "", "Text\n"),
		"content/zh/news/drill/index.md": announcement("乙", "", "正文\n"),
		"content/en/news/drill/index.md": announcement("B", "", "Text\n"),
	})
	symlink(t, "a.md", filepath.Join(dir, "content/zh/notices/copy.md"))
	symlink(t, "../news/drill", filepath.Join(dir, "content/zh/notices/drill"))
	// Pointing at a folder of the site through its absolute path counts too.
	symlink(t, filepath.Join(dir, "content", "en", "news"), filepath.Join(dir, "content/en/notices/news"))
	// A link to nothing, inside the site, is no more than a warning.
	symlink(t, "gone.md", filepath.Join(dir, "content/zh/notices/gone-link.md"))

	got := check(t, dir, Options{})
	want := []string{
		"content/en/notices/news:0:0: warning symlink-inside",
		"content/zh/notices/copy.md:0:0: warning symlink-inside",
		"content/zh/notices/drill:0:0: warning symlink-inside",
		"content/zh/notices/gone-link.md:0:0: warning symlink-inside",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same when the site folder is given relative to the working
	// folder, as `gazette check -s site` does.
	t.Chdir(filepath.Dir(dir))
	if rel := check(t, filepath.Base(dir), Options{}); strings.Join(rel, "\n") != strings.Join(want, "\n") {
		t.Errorf("with a relative site folder got\n%s", strings.Join(rel, "\n"))
	}
	strict := check(t, dir, Options{Strict: true})
	if len(strict) != 4 || !strings.HasSuffix(strict[0], "error symlink-inside") {
		t.Errorf("with --strict got %v", strict)
	}
}
