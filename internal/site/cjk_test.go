package site

import "testing"

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
