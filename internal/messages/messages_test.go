package messages

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// verbRE matches one fmt verb, with an optional explicit argument index.
var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?([a-zA-Z%])`)

// verbs maps each argument index (1-based) to the verb that formats it.
func verbs(t *testing.T, format string) map[int]string {
	t.Helper()
	out := map[int]string{}
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		i := next
		if m[1] != "" {
			i, _ = strconv.Atoi(m[1])
		}
		if prev, ok := out[i]; ok && prev != m[2] {
			t.Errorf("%q formats argument %d with both %%%s and %%%s", format, i, prev, m[2])
		}
		out[i] = m[2]
		next = i + 1
	}
	return out
}

func TestCatalogueComplete(t *testing.T) {
	for key, e := range catalog {
		if strings.TrimSpace(e.zh) == "" || strings.TrimSpace(e.en) == "" {
			t.Errorf("%s: missing a language (zh %q, en %q)", key, e.zh, e.en)
			continue
		}
		zh, en := verbs(t, e.zh), verbs(t, e.en)
		if fmt.Sprint(zh) != fmt.Sprint(en) {
			t.Errorf("%s: the two languages take different arguments: zh %v, en %v", key, zh, en)
		}
		for i := 1; i <= len(en); i++ {
			if _, ok := en[i]; !ok {
				t.Errorf("%s: argument %d is never used (verbs %v)", key, i, en)
			}
		}
		if strings.HasSuffix(e.zh, "\n") != strings.HasSuffix(e.en, "\n") {
			t.Errorf("%s: only one language ends with a newline", key)
		}
	}
}

// TestEveryKeyCatalogued guards against a key constant added without text:
// the constants are listed from this package's source.
func TestEveryKeyCatalogued(t *testing.T) {
	for _, k := range allKeys(t) {
		if _, ok := catalog[k]; !ok {
			t.Errorf("key %q has no entry in the catalogue", k)
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		name string
		env  map[string]string
		want Lang
	}{
		{"nothing set", nil, EN},
		{"LANG zh_CN", map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{"LANG en_US", map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, ZH},
		{"LC_ALL en wins over LANG zh", map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, EN},
		{"LC_MESSAGES", map[string]string{"LC_MESSAGES": "zh_CN.UTF-8"}, ZH},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromEnv(env(tt.env)); got != tt.want {
				t.Errorf("FromEnv = %q, want %q", got, tt.want)
			}
		})
	}
	for in, want := range map[string]Lang{"zh": ZH, "ZH": ZH, "zh_CN.UTF-8": ZH, "en": EN, "en-GB": EN} {
		if got, ok := ParseLang(in); !ok || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "fr", "zhx", "english"} {
		if _, ok := ParseLang(in); ok {
			t.Errorf("ParseLang(%q) accepted", in)
		}
	}
}

func TestPrinter(t *testing.T) {
	if got := New(ZH).Sprintf(NewBadColumn, "x", "notices"); !strings.Contains(got, "栏目") {
		t.Errorf("Chinese message = %q", got)
	}
	if got := New(EN).Sprintf(NewBadColumn, "x", "notices"); !strings.Contains(got, "column") {
		t.Errorf("English message = %q", got)
	}
	var nilPrinter *Printer
	if got := nilPrinter.Sprintf(DiagBOM); !strings.Contains(got, "byte-order mark") {
		t.Errorf("nil printer message = %q", got)
	}
}
