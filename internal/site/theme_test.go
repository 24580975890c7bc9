package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gazette/internal/theme"
)

// A site overrides the embedded theme file by file: one partial, one
// string, the stylesheet. The output changes exactly there and nowhere
// else.
func TestSiteOverridesOneFileAtATime(t *testing.T) {
	dir := copySample(t)
	before, _ := mustBuild(t, dir)
	old := treeFiles(t, before)

	footer := themeFile(t, "layouts/_partials/footer.html")
	marked := strings.Replace(footer, "</div>\n</footer>", "<p class=\"local\">本站由示例单位维护</p>\n</div>\n</footer>", 1)
	if marked == footer {
		t.Fatal("the theme's footer no longer ends as this test expects")
	}
	write(t, dir, "layouts/_partials/footer.html", marked)
	write(t, dir, "i18n/zh.toml", "home = \"网站首页\"\n")
	write(t, dir, "assets/css/main.css", themeFile(t, "assets/css/main.css")+"\n.local { color: #123456; }\n")
	after, _ := mustBuild(t, dir)
	now := treeFiles(t, after)

	stylesheet := regexp.MustCompile(`css/main\.[0-9a-f]{64}\.css`)
	integrity := regexp.MustCompile(`integrity="?sha256-[A-Za-z0-9+/=]+"?`)
	oldCSS, newCSS := stylesheet.FindString(old["zh/index.html"]), stylesheet.FindString(now["zh/index.html"])
	if oldCSS == "" || newCSS == "" || oldCSS == newCSS {
		t.Fatalf("stylesheet before %q, after %q: want a new one", oldCSS, newCSS)
	}
	if css := now[newCSS]; strings.Replace(css, ".local{color:#123456}", "", 1) != old[oldCSS] {
		t.Errorf("the site's stylesheet is not the theme's plus its own rule:\n got %s\nwant %s", excerpt(css, old[oldCSS]), excerpt(old[oldCSS], css))
	}
	for name, was := range old {
		if !strings.HasSuffix(name, ".html") {
			if name != oldCSS && now[name] != was {
				t.Errorf("%s changed", name)
			}
			continue
		}
		got, ok := now[name]
		if !ok {
			t.Errorf("%s is gone", name)
			continue
		}
		want := stylesheet.ReplaceAllString(was, newCSS)
		got = integrity.ReplaceAllString(got, "")
		want = integrity.ReplaceAllString(want, "")
		if strings.Contains(want, "</footer>") {
			want = strings.Replace(want, "</div></footer>", "<p class=local>本站由示例单位维护</p></div></footer>", 1)
		}
		if strings.HasPrefix(name, "zh/") {
			want = strings.ReplaceAll(want, ">首页<", ">网站首页<")
		}
		if got != want {
			t.Errorf("%s changed beyond the three overrides:\n got %s\nwant %s", name, excerpt(got, want), excerpt(want, got))
		}
	}
	// The rest of the theme's Chinese strings still apply.
	if !strings.Contains(now["zh/notices/2019-expert-forum/index.html"], "浏览次数：") {
		t.Error("overriding one key dropped the theme's other strings")
	}
}

// A site with the whole theme exported into it builds exactly like the
// same site using the embedded theme.
func TestExportedThemeBuildsIdentically(t *testing.T) {
	dir := copySample(t)
	embedded, _ := mustBuild(t, dir)
	want := treeHashes(t, embedded)
	res, err := theme.Export(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != len(theme.Files()) {
		t.Fatalf("exported %d of %d theme files", len(res.Written), len(theme.Files()))
	}
	exported, _ := mustBuild(t, dir)
	if d := diffTrees(want, treeHashes(t, exported)); len(d) > 0 {
		t.Errorf("with the theme exported, the output differs: %v", d)
	}
}

func themeFile(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(theme.FS(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// treeFiles reads every file of a built site, by slash-separated path.
func treeFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// excerpt shows a where it starts to differ from b.
func excerpt(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-60):min(len(a), i+120)]
}
