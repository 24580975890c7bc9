package search

import (
	"sort"
	"sync"
	"unicode/utf8"
)

// The fold table maps each traditional Chinese character, and each Hong
// Kong and Taiwan variant, to its simplified form, so that text and queries
// written either way meet in the index: the build folds every announcement
// and the reader's browser folds every query with the same table (it is
// written into the index as a data file, see docs/search.md).
//
// foldPairs, in foldtable.go, is generated from OpenCC's dictionaries by
// TestFoldTableMatchesOpenCC -update. Folding always goes one way, to
// simplified, so a character that simplifies to more than one form cannot
// make the index and a query disagree: both take the same first choice.

// foldLow and foldHigh bound the runes folded through a dense slice: the
// CJK Unified Ideographs and Extension A, where nearly every entry lies.
const foldLow, foldHigh = 0x3400, 0xA000

// folder looks up the fold table.
type folder struct {
	dense []rune        // index r-foldLow; 0 means unchanged
	rest  map[rune]rune // entries outside the dense range
}

// sharedFolder builds the fold table the first time it is asked for: every
// Analyzer, of every language, reads the same one, and nothing writes to it
// once built.
var sharedFolder = sync.OnceValue(newFolder)

func newFolder() *folder {
	f := &folder{dense: make([]rune, foldHigh-foldLow), rest: map[rune]rune{}}
	for from, to := range pairs(foldPairs) {
		if from >= foldLow && from < foldHigh {
			f.dense[from-foldLow] = to
		} else {
			f.rest[from] = to
		}
	}
	// Greek final sigma: browsers lower-case Σ by context, Go never does.
	f.rest['ς'] = 'σ'
	// Typographic apostrophes join English words as the plain one does.
	f.rest['\u2019'] = '\''
	return f
}

// fold returns the form r is indexed under.
func (f *folder) fold(r rune) rune {
	if r >= foldLow && r < foldHigh {
		if to := f.dense[r-foldLow]; to != 0 {
			return to
		}
		return r
	}
	if r < 0x80 {
		return r
	}
	if to, ok := f.rest[r]; ok {
		return to
	}
	return r
}

// pairs iterates over a string of from/to rune pairs.
func pairs(s string) func(yield func(from, to rune) bool) {
	return func(yield func(from, to rune) bool) {
		for len(s) > 0 {
			from, n := utf8.DecodeRuneInString(s)
			to, m := utf8.DecodeRuneInString(s[n:])
			s = s[n+m:]
			if !yield(from, to) {
				return
			}
		}
	}
}

// foldFile is the fold table's file in the index, gzipped and named by its
// content, made once for all the languages and builds of a process.
var foldFile = sync.OnceValue(func() File {
	return fingerprint(Dir+"/fold", (&zipper{ix: &Index{}}).gz(foldData()))
})

// foldData encodes the fold table for the browser: the number of pairs,
// then each source rune as the varint gap from the previous one, then each
// target as a zigzag varint of its distance from its source. Sorted and
// delta-coded it gzips to about 10 KB.
func foldData() []byte {
	type pair struct{ from, to rune }
	var ps []pair
	for from, to := range pairs(foldPairs) {
		ps = append(ps, pair{from, to})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].from < ps[j].from })
	var w bufWriter
	w.uvarint(uint64(len(ps)))
	prev := rune(0)
	for _, p := range ps {
		w.uvarint(uint64(p.from - prev))
		prev = p.from
	}
	for _, p := range ps {
		w.svarint(int64(p.to - p.from))
	}
	return w.b
}
