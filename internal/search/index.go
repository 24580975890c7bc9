package search

import (
	"slices"
	"strings"
	"time"
)

// Doc is one announcement as the index sees it.
type Doc struct {
	// URL is the page's address on the site, such as /zh/notices/x/.
	URL   string
	Title string
	// Body is the announcement's text without markup.
	Body        string
	DocNumber   string   // 文号, may be empty
	Source      string   // the issuing body
	Attachments []string // attachment titles
	// Column is the key of the announcement's column (its section).
	Column string
	// Date is the publish date, in the site's time zone.
	Date time.Time
}

// Column is a column's key and its name in the index's language.
type Column struct{ Key, Name string }

// A posting's weight says where a term occurs in an announcement, four
// bits: the low two count its occurrences in the body (0, 1, 2–3, 4 or
// more); wTitle marks the title, wMeta the 文号, source or an attachment
// title.
const (
	wTitle = 4
	wMeta  = 8
)

// Index holds the analysed announcements of one language. Add every
// announcement, then encode with Files. An Index may be used again: the
// next round of Adds replaces the announcements, and an announcement added
// unchanged since the last round is not analysed again, which keeps the
// preview's index current after each save at little cost.
//
// An Index is not safe for concurrent use.
type Index struct {
	lang  string
	a     *Analyzer
	words map[string]int32 // word term (a stem) -> id
	// surface maps each word as written (normalised) to its stem's id:
	// one lookup per word instead of two.
	surface map[string]int32
	cjk     map[cjkKey]int32 // Chinese bigram -> id
	// unigram[r-foldLow] is the id of ideograph r plus one, or 0: single
	// characters are half of a Chinese text's terms, and a slice is
	// quicker than a map.
	unigram []int32
	terms   []string // id -> term
	// cache holds the analyses of the last round and this one, by URL.
	cache, next map[string]*analysed
	docs        []*analysed
	// slot and touched collect one announcement's terms: slot[id] is the
	// term's place in touched plus one, or 0.
	slot    []int32
	touched []int32
	tf      []uint16
	flags   []uint8
	// gzLast and gzNow remember compressed files by the SHA-256 of their
	// bytes, for the last round and this one: after a save most shards
	// are as they were, and need not be compressed again.
	gzLast, gzNow map[[32]byte][]byte
}

// analysed is an announcement and its distinct terms, sorted by id, with
// their weights.
type analysed struct {
	doc   Doc
	terms []int32
	w     []uint8
	// excerpt is the announcement's excerpt file and the column index and
	// block key it was written with.
	excerpt []byte
	col     int
	key     string
}

// NewIndex returns an empty index for the language lang ("zh", "en").
func NewIndex(lang string) *Index {
	return &Index{lang: lang, a: NewAnalyzer(), words: map[string]int32{}, surface: map[string]int32{}, cjk: map[cjkKey]int32{}, unigram: make([]int32, foldHigh-foldLow),
		cache: map[string]*analysed{}, next: map[string]*analysed{}}
}

// Add adds an announcement to this round.
func (ix *Index) Add(d Doc) {
	if old := ix.cache[d.URL]; old != nil && sameDoc(&old.doc, &d) {
		ix.next[d.URL] = old
		ix.docs = append(ix.docs, old)
		return
	}
	an := ix.analyse(d)
	ix.next[d.URL] = an
	ix.docs = append(ix.docs, an)
}

func sameDoc(a, b *Doc) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Body == b.Body && a.DocNumber == b.DocNumber &&
		a.Source == b.Source && slices.Equal(a.Attachments, b.Attachments) && a.Column == b.Column && a.Date.Equal(b.Date)
}

// endRound forgets the announcements not added since the last round and
// starts the next one.
func (ix *Index) endRound() []*analysed {
	docs := ix.docs
	ix.cache, ix.next = ix.next, map[string]*analysed{}
	ix.docs = nil
	return docs
}

func (ix *Index) analyse(d Doc) *analysed {
	ix.touched = ix.touched[:0]
	ix.tf, ix.flags = ix.tf[:0], ix.flags[:0]
	ix.field(d.Title, wTitle)
	ix.field(d.DocNumber, wMeta)
	ix.field(d.Source, wMeta)
	for _, a := range d.Attachments {
		ix.field(a, wMeta)
	}
	ix.field(d.Body, 0)
	an := &analysed{doc: d, terms: slices.Clone(ix.touched), w: make([]uint8, len(ix.touched))}
	for i, id := range an.terms {
		an.w[i] = ix.flags[i] | tfBucket(ix.tf[i])
		ix.slot[id] = 0
	}
	return an
}

// field adds the terms of one field; flag 0 is the body, where
// occurrences are counted.
func (ix *Index) field(text string, flag uint8) {
	if text == "" {
		return
	}
	ix.eachTerm(text, func(id int32) { ix.count(id, flag) })
}

// eachTerm calls f with the id of each term of raw text (steps 1 to 4 of
// analyze.go), in order, repeats included, adding new terms.
func (ix *Index) eachTerm(text string, f func(id int32)) {
	scan(ix.a.Normalise(text), func(k cjkKey) {
		if r := rune(k >> 21); k&(1<<21-1) == 0 && r >= foldLow && r < foldHigh {
			id := ix.unigram[r-foldLow] - 1
			if id < 0 {
				id = ix.newTerm(k.String())
				ix.unigram[r-foldLow] = id + 1
			}
			f(id)
			return
		}
		id, ok := ix.cjk[k]
		if !ok {
			id = ix.newTerm(k.String())
			ix.cjk[k] = id
		}
		f(id)
	}, func(w string) {
		id, ok := ix.surface[w]
		if !ok {
			stem := stemWord(w)
			if id, ok = ix.words[stem]; !ok {
				stem = strings.Clone(stem)
				id = ix.newTerm(stem)
				ix.words[stem] = id
			}
			ix.surface[strings.Clone(w)] = id
		}
		f(id)
	})
}

func (ix *Index) newTerm(term string) int32 {
	id := int32(len(ix.terms))
	ix.terms = append(ix.terms, term)
	ix.slot = append(ix.slot, 0)
	return id
}

// count records one occurrence of a term in the announcement being
// analysed.
func (ix *Index) count(id int32, flag uint8) {
	s := ix.slot[id]
	if s == 0 {
		ix.touched = append(ix.touched, id)
		ix.tf = append(ix.tf, 0)
		ix.flags = append(ix.flags, 0)
		s = int32(len(ix.touched))
		ix.slot[id] = s
	}
	if flag == 0 {
		ix.tf[s-1]++
	} else {
		ix.flags[s-1] |= flag
	}
}

func tfBucket(n uint16) uint8 {
	switch {
	case n == 0:
		return 0
	case n == 1:
		return 1
	case n < 4:
		return 2
	}
	return 3
}
