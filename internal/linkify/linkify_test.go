package linkify

import (
	"bytes"
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"www after full-width parenthesis", "网页（www.example.gov.hk/a.html）。",
			"网页（[www.example.gov.hk/a.html](<https://www.example.gov.hk/a.html>)）。"},
		{"https after full-width colon", "详见：https://example.gov.cn/a。", "详见：<https://example.gov.cn/a>。"},
		{"e-mail after full-width colon", "邮箱：office@example.gov.cn。", "邮箱：<office@example.gov.cn>。"},
		{"address after a han character", "可在www.example.gov.cn查询", "可在[www.example.gov.cn](<https://www.example.gov.cn>)查询"},
		{"trailing ascii punctuation stays text", "见：https://example.gov.cn/a.", "见：<https://example.gov.cn/a>."},
		{"unbalanced parenthesis stays text", "（见https://example.org/a_(b))", "（见<https://example.org/a_(b)>)"},
		{"markdown syntax in www text is escaped", "见：www.example.org/a_b/c--d/e's",
			`见：[www.example.org/a\_b/c\--d/e\'s](<https://www.example.org/a_b/c--d/e's>)`},
		{"entity-like text stays literal in the destination", "见：www.example.org/?a=1&amp=2",
			`见：[www.example.org/?a\=1\&amp\=2](<https://www.example.org/?a=1\&amp=2>)`},
		{"angle bracket in an https address", "见：https://example.org/a>b",
			`见：[https://example.org/a\>b](<https://example.org/a\>b>)`},
		{"after a space GFM links it already", "见 www.example.org", "见 www.example.org"},
		{"ascii letters before block it", "编号abchttps://example.org/x", "编号abchttps://example.org/x"},
		{"not an address", "电话：010-12345678，地址：人民路1号。", "电话：010-12345678，地址：人民路1号。"},
		{"footnote before later text", "正文[^1]。\n\n[^1]: 来源：www.example.org/a\n\n另见：www.example.org/b\n",
			"正文[^1]。\n\n[^1]: 来源：[www.example.org/a](<https://www.example.org/a>)\n\n另见：[www.example.org/b](<https://www.example.org/b>)\n"},
		{"code span", "示例：`https://example.org/x`。", "示例：`https://example.org/x`。"},
		{"fenced code", "```\n网页（www.example.gov.hk）\n```\n", "```\n网页（www.example.gov.hk）\n```\n"},
		{"indented code", "代码：\n\n    网页（www.example.gov.hk）\n", "代码：\n\n    网页（www.example.gov.hk）\n"},
		{"html block", "<div>\n网址：www.example.gov.hk\n</div>\n", "<div>\n网址：www.example.gov.hk\n</div>\n"},
		{"text between inline html tags", `见<a href="x">：www.example.gov.hk</a>`,
			`见<a href="x">：[www.example.gov.hk](<https://www.example.gov.hk>)</a>`},
		{"link text", "[网址：www.example.gov.cn](https://example.gov.cn/)", "[网址：www.example.gov.cn](https://example.gov.cn/)"},
		{"image alt text", "![图：www.example.gov.cn](a.png)", "![图：www.example.gov.cn](a.png)"},
		{"reference definition", "[a]: https://example.org/说明：www.x.org\n", "[a]: https://example.org/说明：www.x.org\n"},
		{"shortcode argument", `见{{< figure caption="网址：www.example.gov.cn" >}}。`, `见{{< figure caption="网址：www.example.gov.cn" >}}。`},
		{"TOML front matter", "+++\nsummary = \"网址：www.example.gov.cn\"\n+++\n正文：www.example.gov.cn\n",
			"+++\nsummary = \"网址：www.example.gov.cn\"\n+++\n正文：[www.example.gov.cn](<https://www.example.gov.cn>)\n"},
		{"YAML front matter", "---\nsummary: 网址：www.example.gov.cn\n---\n正文\n", "---\nsummary: 网址：www.example.gov.cn\n---\n正文\n"},
		{"JSON front matter is left alone", "{\"summary\": \"网址：www.example.gov.cn\"}\n正文：www.example.gov.cn\n",
			"{\"summary\": \"网址：www.example.gov.cn\"}\n正文：www.example.gov.cn\n"},
		{"unclosed front matter is left alone", "+++\ntitle = \"x\"\n正文：www.example.gov.cn\n", "+++\ntitle = \"x\"\n正文：www.example.gov.cn\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Rewrite([]byte(tt.in), "https"))
			if got != tt.want {
				t.Errorf("Rewrite(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if strings.Count(got, "\n") != strings.Count(tt.in, "\n") {
				t.Errorf("Rewrite(%q) changed the number of lines", tt.in)
			}
		})
	}
}

// TestRewriteKeepsLines: a rewritten line keeps its number and every line
// without an address stays byte for byte, so the build's messages point at
// the lines the writer sees.
func TestRewriteKeepsLines(t *testing.T) {
	src := "+++\ntitle = \"通知\"\n+++\n第一段。\n\n网址：www.example.gov.cn，邮箱：a@example.gov.cn。\n\n{{< x >}}\n最后一段。\n"
	got := Rewrite([]byte(src), "https")
	in, out := strings.Split(src, "\n"), strings.Split(string(got), "\n")
	if len(in) != len(out) {
		t.Fatalf("%d lines became %d", len(in), len(out))
	}
	for i := range in {
		if (i == 5) != (in[i] != out[i]) {
			t.Errorf("line %d: %q became %q", i+1, in[i], out[i])
		}
	}
}

func TestRewriteReturnsSourceWhenNothingToDo(t *testing.T) {
	for _, src := range []string{"+++\ntitle = \"a\"\n+++\n正文。\n", "见 https://example.org/a。\n", "`见：www.example.org`\n"} {
		b := []byte(src)
		if got := Rewrite(b, "https"); !bytes.Equal(got, b) || &got[0] != &b[0] {
			t.Errorf("Rewrite(%q) = %q, want the source itself", src, got)
		}
	}
}

func BenchmarkRewrite(b *testing.B) {
	para := "为进一步做好城区供水管网改造工作，现将有关事项通知如下。施工期间请市民提前储水，给您带来的不便敬请谅解。\n\n"
	for _, bc := range []struct{ name, body string }{
		{"no addresses", strings.Repeat(para, 20)},
		{"two addresses", strings.Repeat(para, 10) + "详见：www.example.gov.cn/water，咨询邮箱：water@example.gov.cn。\n\n" + strings.Repeat(para, 10)},
	} {
		src := []byte("+++\ntitle = \"关于停水的通知\"\n+++\n" + bc.body)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Rewrite(src, "https")
			}
		})
	}
}
