package search

import "math/bits"

// How a query is answered. The reader's browser does exactly this (the
// theme's search script), and Searcher does it in Go for tests and
// benchmarks; both use integers only, so they rank alike to the last tie.

// QueryTerms returns the terms a query looks up, grouped by run: a word's
// stem; for a Chinese run, its single character, or the bigrams of
// neighbouring characters. Runs longer than four characters use bigrams
// that cover every character without overlapping (the last may overlap):
// as precise in practice, and half the lookups. A result must contain
// every term.
func (a *Analyzer) QueryTerms(query string) [][]string {
	var groups [][]string
	a.Runs(a.Normalise(query), func(r Run) {
		if !r.CJK {
			groups = append(groups, []string{r.Text})
			return
		}
		rs := []rune(r.Text)
		n := len(rs)
		if n == 1 {
			groups = append(groups, []string{r.Text})
			return
		}
		var g []string
		step := 1
		if n > 4 {
			step = 2
		}
		for i := 0; i+1 < n; i += step {
			g = append(g, string(rs[i:i+2]))
		}
		if step == 2 && n%2 == 1 {
			g = append(g, string(rs[n-2:]))
		}
		groups = append(groups, g)
	})
	return groups
}

// idf weighs a term found in df of n announcements: about four times the
// binary logarithm of n/df, in integers.
func idf(df, n int) int {
	q := uint32((n + 1) * 16 / df) // at least 16
	bl := bits.Len32(q)
	return 4*bl + int(q>>(bl-3)&3) - 16
}

// weightPoints scores a posting's weight: occurrences in the body, then a
// title match worth more than any number of them, then a match in the
// 文号, source or attachment titles.
func weightPoints(w uint8) int {
	p := [4]int{0, 2, 3, 4}[w&3]
	if w&wTitle != 0 {
		p += 6
	}
	if w&wMeta != 0 {
		p += 4
	}
	return p
}

// isCommon reports whether a term in df of n announcements is too common
// to narrow a query down: it is then not fetched when the query has rarer
// terms.
func isCommon(df, n int) bool { return 2*df > n }

// postingList is a term's postings, decoded.
type postingList struct {
	ids []int32
	w   []uint8
}

// decodePostings reads postings as written by postings(); it returns the
// list and the bytes it used.
func decodePostings(b []byte, df, n int) (postingList, int, error) {
	if len(b) < 1 {
		return postingList{}, 0, errCorrupt
	}
	pl := postingList{ids: make([]int32, 0, df), w: make([]uint8, df)}
	i := 1
	switch b[0] {
	case 0:
		id := int32(-1)
		for range df {
			v, k := uvarint(b[i:])
			if k <= 0 {
				return postingList{}, 0, errCorrupt
			}
			i += k
			id += int32(v)
			pl.ids = append(pl.ids, id)
		}
	case 1:
		nb := (n + 7) / 8
		if len(b) < i+nb {
			return postingList{}, 0, errCorrupt
		}
		for j := 0; j < nb; j++ {
			for c := b[i+j]; c != 0; c &= c - 1 {
				pl.ids = append(pl.ids, int32(j*8+bits.TrailingZeros8(c)))
			}
		}
		i += nb
		if len(pl.ids) != df {
			return postingList{}, 0, errCorrupt
		}
	default:
		return postingList{}, 0, errCorrupt
	}
	nw := (df + 1) / 2
	if len(b) < i+nw {
		return postingList{}, 0, errCorrupt
	}
	for k := range df {
		c := b[i+k/2]
		if k%2 == 1 {
			c >>= 4
		}
		pl.w[k] = c & 15
	}
	return pl, i + nw, nil
}

func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i, c := range b {
		if i == 10 {
			return 0, -1
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}
