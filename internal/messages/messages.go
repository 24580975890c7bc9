// Package messages is the one catalogue of the gazette CLI's own messages,
// in Chinese and English. Content staff read these messages, so every key
// exists in both languages; the tests keep it that way.
package messages

import (
	"fmt"
	"strings"
)

// Lang is a language the CLI speaks.
type Lang string

// The languages of the catalogue.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// ParseLang reads a --lang value. It accepts "zh" and "en" (and locale-like
// spellings such as "zh_CN.UTF-8" or "en-GB") and reports false otherwise.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "zh" || strings.HasPrefix(s, "zh_") || strings.HasPrefix(s, "zh-") || strings.HasPrefix(s, "zh."):
		return ZH, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en."):
		return EN, true
	}
	return "", false
}

// FromEnv picks the language from the environment the way POSIX programs
// do: the first non-empty of LC_ALL, LC_MESSAGES and LANG decides, and it
// is Chinese when that value starts with "zh", English otherwise.
// getenv is os.Getenv in production; tests pass their own.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return ZH
			}
			return EN
		}
	}
	return EN
}

// Printer formats catalogue messages in one language. The zero value and
// a nil *Printer print English.
type Printer struct {
	lang Lang
}

// New returns a Printer for lang; unknown languages print English.
func New(lang Lang) *Printer {
	if lang != ZH {
		lang = EN
	}
	return &Printer{lang: lang}
}

// Lang reports the printer's language.
func (p *Printer) Lang() Lang {
	if p == nil || p.lang != ZH {
		return EN
	}
	return ZH
}

// Sprintf formats the message key with args. A key missing from the
// catalogue is a programming error; it prints the key itself so that the
// output still says something.
func (p *Printer) Sprintf(key Key, args ...any) string {
	e, ok := catalog[key]
	if !ok {
		return fmt.Sprint(append([]any{string(key)}, args...)...)
	}
	format := e.en
	if p.Lang() == ZH {
		format = e.zh
	}
	return fmt.Sprintf(format, args...)
}

// Key names one message in the catalogue.
type Key string

// entry is one message in both languages; both formats take the same
// arguments with the same verbs.
type entry struct {
	zh, en string
}
