package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// An Analyzer turns text into the terms the index stores. The reader's
// browser runs the same steps on a query (see the search script in the
// theme), so that both sides agree term for term:
//
//  1. Normalise: NFKC (full-width letters and digits become ASCII, ①
//     becomes 1), lower case, diacritics removed (NFD, marks dropped,
//     NFC), and the fold table (traditional Chinese to simplified).
//  2. Split into runs of Chinese characters (Han, kana, Hangul) and words
//     (letters, digits and marks, with an apostrophe kept between letters);
//     everything else separates. Punctuation variants of a document number
//     (〔2022〕, [2022], 2022) therefore give the same terms.
//  3. Chinese runs give every character (a unigram) and every pair of
//     neighbours (a bigram): a word or phrase of any length is found
//     inside running text without a dictionary.
//  4. Words made only of a–z and apostrophes are stemmed with the Snowball
//     English (Porter2) stemmer, irregular plurals (buses, children) as
//     their singular; other words (numbers, G20) are kept.
//
// An Analyzer is not safe for concurrent use: it caches stems.
type Analyzer struct {
	fold  *folder
	stems map[string]string
}

// NewAnalyzer returns an Analyzer.
func NewAnalyzer() *Analyzer {
	return &Analyzer{fold: sharedFolder(), stems: map[string]string{}}
}

// Normalise folds text as step 1 above.
func (a *Analyzer) Normalise(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	// Most of a Chinese text is ideographs and ASCII, which normalise on
	// their own; the full pipeline runs on the stretches between them.
	// Cutting there gives what normalising the whole text would: neither
	// kind of rune combines with its neighbours under NFKC, except with a
	// following mark, which is dropped either way.
	b := make([]byte, 0, len(s))
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
			s = s[n:]
			continue
		}
		if isIdeograph(r) {
			b = utf8.AppendRune(b, a.fold.fold(r))
			s = s[n:]
			continue
		}
		if to, ok := quickNFKC(r); ok {
			b = utf8.AppendRune(b, to)
			s = s[n:]
			continue
		}
		end := n
		for end < len(s) {
			r2, m := utf8.DecodeRuneInString(s[end:])
			if r2 < utf8.RuneSelf || isIdeograph(r2) {
				break
			}
			end += m
		}
		b = append(b, a.slowNormalise(s[:end])...)
		s = s[end:]
	}
	return string(b)
}

// quickNFKC normalises, alone, the punctuation of Chinese text: full-width
// forms of ASCII, the ideographic space, CJK brackets and marks and curly
// double quotes. TestQuickNFKC checks each against the full pipeline.
func quickNFKC(r rune) (rune, bool) {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r, true
	case r == 0x3000:
		return ' ', true
	case r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011, r >= 0x3014 && r <= 0x301F,
		r == 0x201C, r == 0x201D, r == 0x2014, r == 0xB7:
		return r, true
	}
	return 0, false
}

// slowNormalise runs step 1 on any text.
func (a *Analyzer) slowNormalise(s string) string {
	s = norm.NFKC.String(s)
	s = strings.ToLower(s)
	s = stripMarks(s)
	return strings.Map(a.fold.fold, s)
}

// isIdeograph reports whether r is a CJK Unified Ideograph of the basic
// block or Extension A: unchanged by NFKC, case and marks.
func isIdeograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stripMarks removes diacritics: café and cafe index alike.
func stripMarks(s string) string {
	d := norm.NFD.String(s)
	if !strings.ContainsFunc(d, isMark) {
		return s
	}
	return norm.NFC.String(strings.Map(func(r rune) rune {
		if isMark(r) {
			return -1
		}
		return r
	}, d))
}

func isMark(r rune) bool { return r >= 0x300 && unicode.Is(unicode.Mn, r) }

// runKind classifies a normalised rune.
type runKind uint8

const (
	sep runKind = iota
	cjk
	word
)

func kindOf(r rune) runKind {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', 'A' <= r && r <= 'Z':
			return word
		}
		return sep
	}
	if isIdeograph(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return cjk
	}
	if unicode.In(r, unicode.L, unicode.N, unicode.M) {
		return word
	}
	return sep
}

// A Run is a stretch of normalised text that forms one unit of a query:
// a word (its stem) or a run of Chinese characters.
type Run struct {
	Text string
	CJK  bool
}

// Runs splits normalised text into words and Chinese runs (step 2), with
// words already stemmed.
func (a *Analyzer) Runs(normalised string, yield func(Run)) {
	runs(normalised, func(r Run) {
		if !r.CJK {
			r.Text = a.stem(r.Text)
		}
		yield(r)
	})
}

// runs is Runs without stemming.
func runs(s string, yield func(Run)) {
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		k := kindOf(r)
		if k == sep {
			s = s[n:]
			continue
		}
		end := n
		for end < len(s) {
			r2, m := utf8.DecodeRuneInString(s[end:])
			k2 := kindOf(r2)
			if k2 != k {
				// An apostrophe between letters stays in the word: city's.
				if k == word && r2 == '\'' && end+m < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[end+m:])
					if kindOf(r3) == word && unicode.IsLetter(r3) {
						end += m
						continue
					}
				}
				break
			}
			end += m
		}
		yield(Run{Text: s[:end], CJK: k == cjk})
		s = s[end:]
	}
}

// stem applies step 4, remembering stems already computed: a site's
// vocabulary is far smaller than its text.
func (a *Analyzer) stem(w string) string {
	if st, ok := a.stems[w]; ok {
		return st
	}
	st := stemWord(w)
	a.stems[strings.Clone(w)] = st
	return st
}

// stemWord applies step 4 to one word.
func stemWord(w string) string {
	if isStemmable(w) {
		if one, ok := plurals[w]; ok {
			w = one
		}
		return english.Stem(w, true)
	}
	return w
}

// plurals are plurals the stemmer does not bring to their singular's stem
// (it keeps buses as "buse", bus as "bus"): each is stemmed as its
// singular. The search script holds the same list (PLURALS).
var plurals = map[string]string{
	"buses":      "bus",
	"busses":     "bus",
	"gases":      "gas",
	"pluses":     "plus",
	"aliases":    "alias",
	"lenses":     "lens",
	"canvases":   "canvas",
	"irises":     "iris",
	"crises":     "crisis",
	"analyses":   "analysis",
	"theses":     "thesis",
	"diagnoses":  "diagnosis",
	"hypotheses": "hypothesis",
	"emphases":   "emphasis",
	"synopses":   "synopsis",
	"oases":      "oasis",
	"children":   "child",
	"women":      "woman",
	"men":        "man",
	"feet":       "foot",
	"teeth":      "tooth",
	"mice":       "mouse",
	"geese":      "goose",
	"knives":     "knife",
	"wives":      "wife",
	"lives":      "life",
	"halves":     "half",
	"shelves":    "shelf",
	"wolves":     "wolf",
	"thieves":    "thief",
	"indices":    "index",
	"matrices":   "matrix",
	"appendices": "appendix",
	"criteria":   "criterion",
	"phenomena":  "phenomenon",
}

func isStemmable(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; (c < 'a' || c > 'z') && c != '\'' {
			return false
		}
	}
	return len(w) > 2
}

// scan calls cjk with the key of each unigram and bigram of the Chinese
// runs of normalised text, and word with each word, not stemmed. Keys
// spare the index a string per term: most terms of a Chinese text are
// single characters and pairs.
func scan(normalised string, cjk func(cjkKey), word func(string)) {
	runs(normalised, func(r Run) {
		if !r.CJK {
			word(r.Text)
			return
		}
		s := r.Text
		prev, n := utf8.DecodeRuneInString(s)
		cjk(cjkKey(prev) << 21)
		for s = s[n:]; len(s) > 0; s = s[n:] {
			var c rune
			c, n = utf8.DecodeRuneInString(s)
			cjk(cjkKey(prev)<<21 | cjkKey(c))
			cjk(cjkKey(c) << 21)
			prev = c
		}
	})
}

// cjkKey is a Chinese unigram or bigram: its first rune in bits 21–41,
// its second, if any, in bits 0–20.
type cjkKey uint64

func (k cjkKey) String() string {
	first, second := rune(k>>21), rune(k&(1<<21-1))
	if second == 0 {
		return string(first)
	}
	return string([]rune{first, second})
}
