package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// terms returns the terms an index makes of text, in order, repeats
// included.
func terms(ix *Index, text string) []string {
	var out []string
	ix.eachTerm(text, func(id int32) { out = append(out, ix.terms[id]) })
	return out
}

func TestNormalise(t *testing.T) {
	a := NewAnalyzer()
	for _, tc := range []struct{ in, want string }{
		{"Ｇ２０", "g20"},
		{"２０２４年", "2024年"},
		{"绵府办发〔2022〕15号", "绵府办发〔2022〕15号"},
		{"綿府辦發［２０２２］１５號", "绵府办发[2022]15号"},
		{"學生", "学生"},
		{"Café CRÈME", "cafe creme"},
		{"POLICIES", "policies"},
		{"ΟΔΟΣ", "οδοσ"}, // final sigma folds as browsers lower-case it
		{"①②", "12"},
		{"city\u2019s", "city's"},
	} {
		if got := a.Normalise(tc.in); got != tc.want {
			t.Errorf("Normalise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTerms(t *testing.T) {
	ix := NewIndex("zh")
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"学生资助", []string{"学", "学生", "生", "生资", "资", "资助", "助"}},
		{"學生", []string{"学", "学生", "生"}},
		{"Policies and policy", []string{"polici", "and", "polici"}},
		{"G20峰会", []string{"g20", "峰", "峰会", "会"}},
		{"绵府办发〔2022〕15号", []string{"绵", "绵府", "府", "府办", "办", "办发", "发", "2022", "15", "号"}},
		{"绵府办发 2022 15", []string{"绵", "绵府", "府", "府办", "办", "办发", "发", "2022", "15"}},
		{"residents' city's", []string{"resid", "citi"}},
		{"high-quality", []string{"high", "qualiti"}},
	} {
		if got := terms(ix, tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("terms of %q = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	a := NewAnalyzer()
	for _, tc := range []struct {
		in   string
		want [][]string
	}{
		{"学生", [][]string{{"学生"}}},
		{"學生", [][]string{{"学生"}}},
		{"水", [][]string{{"水"}}},
		{"学生资助", [][]string{{"学生", "生资", "资助"}}},
		// Longer runs: covering bigrams, the last overlapping when odd.
		{"城市更新行动方案", [][]string{{"城市", "更新", "行动", "方案"}}},
		{"暴雨橙色预警", [][]string{{"暴雨", "橙色", "预警"}}},
		{"下凹式绿地", [][]string{{"下凹", "式绿", "绿地"}}},
		{"电动自行车 充电桩", [][]string{{"电动", "自行", "行车"}, {"充电", "电桩"}}},
		{"绵府办发[2022]15号", [][]string{{"绵府", "府办", "办发"}, {"2022"}, {"15"}, {"号"}}},
		{"Rain Gardens", [][]string{{"rain"}, {"garden"}}},
		{"Ｇ２０", [][]string{{"g20"}}},
		{"  ，。 ", nil},
	} {
		if got := a.QueryTerms(tc.in); !slices.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("QueryTerms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestQuickNFKC checks each rune the fast path normalises against the
// full pipeline.
func TestQuickNFKC(t *testing.T) {
	a := NewAnalyzer()
	for r := rune(0x80); r < 0x10000; r++ {
		to, ok := quickNFKC(r)
		if !ok {
			continue
		}
		if want := a.slowNormalise(string(r)); string(to) != want {
			t.Errorf("quickNFKC(%U) = %q, the full pipeline gives %q", r, string(to), want)
		}
	}
}

// FuzzNormalise checks that normalising piecewise, as Normalise does, gives
// the terms normalising the whole text at once would.
func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"Ｇ２０峰会", "e\u0301te\u0301", "學生，ＡＢＣ", "ｶﾞｷﾞ", "한국어", "①〸", "İstanbul", "ﬁne"} {
		f.Add(s)
	}
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var fast, slow []string
		scan(a.Normalise(s), func(k cjkKey) { fast = append(fast, k.String()) }, func(w string) { fast = append(fast, w) })
		scan(a.slowNormalise(s), func(k cjkKey) { slow = append(slow, k.String()) }, func(w string) { slow = append(slow, w) })
		if !slices.Equal(fast, slow) {
			t.Errorf("%q: piecewise %q, whole %q", s, fast, slow)
		}
	})
}

func TestStemsInflections(t *testing.T) {
	ix := NewIndex("en")
	same := [][]string{
		{"policy", "policies", "Policies"},
		{"garden", "gardens"},
		{"inspect", "inspecting", "inspected", "inspections", "inspection"},
		{"employ", "employment", "employing"},
		{"vaccine", "vaccines"},
		{"cafe", "cafés", "CAFÉ"},
		{"bus", "buses", "Busses"},
		{"child", "children"},
		{"crisis", "crises"},
		{"index", "indices", "indexes"},
		{"criterion", "criteria"},
	}
	for _, words := range same {
		first := strings.Join(terms(ix, words[0]), " ")
		for _, w := range words[1:] {
			if got := strings.Join(terms(ix, w), " "); got != first {
				t.Errorf("%q indexes as %q, %q as %q; want the same", words[0], first, w, got)
			}
		}
	}
}
