package site

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/spf13/afero"
)

func TestFixCJKEmphasis(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"opening quote after text", "这是**「重点」**内容。", `这是\ **「重点」**\ 内容。`},
		{"plain chinese emphasis untouched", "这是**重点**内容。", "这是**重点**内容。"},
		{"space before is already fine", "这是 **「重点」** 内容", "这是 **「重点」** 内容"},
		{"single star", "按*《办法》*执行", `按\ *《办法》*\ 执行`},
		{"inline code untouched", "用 `a**「b」**c` 表示", "用 `a**「b」**c` 表示"},
		{"already escaped", `这是\ **「重点」**\ 内容`, `这是\ **「重点」**\ 内容`},
		{"english untouched", "a **bold** word", "a **bold** word"},
		{"front matter untouched", "+++\ntitle = \"x**「y」**z\"\n+++\n", "+++\ntitle = \"x**「y」**z\"\n+++\n"},
		{"fenced code untouched", "```\n这是**「重点」**内容\n```\n", "```\n这是**「重点」**内容\n```\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(fixCJKEmphasis([]byte(tt.in))); got != tt.want {
				t.Errorf("fixCJKEmphasis(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestContentReadWithLF: Hugo reads a markdown file saved on Windows as
// the same file with LF line endings (and its size accordingly); other
// files keep their bytes.
func TestContentReadWithLF(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	base := afero.NewMemMapFs()
	files := map[string]string{
		filepath.Join(site, "content", "zh", "notices", "a.md"): "+++\r\nsummary = '''\r\n第一行\r\n第二行'''\r\n+++\r\n\r\n这是**「重点」**内容。\r\n",
		filepath.Join(site, "static", "files", "a.txt"):         "kept\r\nas is\r\n",
	}
	for name, body := range files {
		if err := afero.WriteFile(base, name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := newCJKFs(base, site)
	for name, want := range map[string]string{
		filepath.Join(site, "content", "zh", "notices", "a.md"): "+++\nsummary = '''\n第一行\n第二行'''\n+++\n\n这是\\ **「重点」**\\ 内容。\n",
		filepath.Join(site, "static", "files", "a.txt"):         "kept\r\nas is\r\n",
	} {
		f, err := fsys.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if string(got) != want || fi.Size() != int64(len(want)) {
			t.Errorf("%s reads as %q (size %d), want %q (size %d)", name, got, fi.Size(), want, len(want))
		}
	}
}
