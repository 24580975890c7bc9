package search

import (
	"bytes"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
)

var errCorrupt = errors.New("corrupt index file")

// errStale reports an excerpt file written by another build of the index
// than meta.json: its id now names another announcement.
var errStale = errors.New("excerpt from another build of the index than meta.json")

// Searcher answers queries from the index files of one language the way
// the reader's browser does. Tests and benchmarks use it; the site never
// does.
type Searcher struct {
	fsys fs.FS
	base string // search/<lang>/
	meta meta
	a    *Analyzer
}

// Query is what a reader asks: text, and optionally a column key, a year
// and the order.
type Query struct {
	Text   string
	Column string
	Year   int
	Newest bool
}

// Hit is one result.
type Hit struct {
	ID    int
	Score int
	URL   string
	Title string
}

// Results are the answers to a Query: how many there are, and a page of
// them.
type Results struct {
	Total int
	Hits  []Hit
}

// OpenSearcher reads the index of language lang from fsys, the site's
// output.
func OpenSearcher(fsys fs.FS, lang string) (*Searcher, error) {
	s := &Searcher{fsys: fsys, base: Dir + "/" + lang + "/", a: NewAnalyzer()}
	data, err := s.read("meta.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &s.meta); err != nil {
		return nil, fmt.Errorf("search: %smeta.json: %w", s.base, err)
	}
	if s.meta.Version != Version {
		return nil, fmt.Errorf("search: %smeta.json: format version %d, want %d", s.base, s.meta.Version, Version)
	}
	return s, nil
}

func (s *Searcher) read(name string) ([]byte, error) {
	p := path.Clean(s.base + name)
	data, err := fs.ReadFile(s.fsys, p)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return data, nil
}

func (s *Searcher) readGz(name string) ([]byte, error) {
	data, err := s.read(name)
	if err != nil {
		return nil, err
	}
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("search: %s: %w", name, err)
	}
	return io.ReadAll(r)
}

// entry is a term's dictionary entry.
type entry struct {
	df  int
	pl  postingList
	ext []byte // the hash of its postings file, or nil
}

// lookup finds a term's entry, or returns ok false.
func (s *Searcher) lookup(term string) (entry, bool, error) {
	sh := shardOf(term, s.meta.Shards)
	group, err := s.readGz(s.meta.Groups[sh/s.meta.Fanout])
	if err != nil {
		return entry{}, false, err
	}
	k := sh % s.meta.Fanout
	if len(group) < 32*(k+1) {
		return entry{}, false, errCorrupt
	}
	shard, err := s.readGz("s." + hex.EncodeToString(group[32*k:32*k+32]) + ".bin")
	if err != nil {
		return entry{}, false, err
	}
	n := s.meta.Docs
	for b := shard; len(b) > 0; {
		l, k := uvarint(b)
		if k <= 0 || len(b) < k+int(l) {
			return entry{}, false, errCorrupt
		}
		t := string(b[k : k+int(l)])
		b = b[k+int(l):]
		v, k := uvarint(b)
		if k <= 0 {
			return entry{}, false, errCorrupt
		}
		b = b[k:]
		e := entry{df: int(v >> 1)}
		if v&1 == 1 {
			if len(b) < 32 {
				return entry{}, false, errCorrupt
			}
			e.ext = b[:32]
			b = b[32:]
		} else {
			pl, used, err := decodePostings(b, e.df, n)
			if err != nil {
				return entry{}, false, err
			}
			e.pl = pl
			b = b[used:]
		}
		if t == term {
			return e, true, nil
		}
	}
	return entry{}, false, nil
}

func (s *Searcher) postings(e entry) (postingList, error) {
	if e.ext == nil {
		return e.pl, nil
	}
	data, err := s.readGz("p." + hex.EncodeToString(e.ext) + ".bin")
	if err != nil {
		return postingList{}, err
	}
	pl, _, err := decodePostings(data, e.df, s.meta.Docs)
	return pl, err
}

// Search answers q, returning the total and the results from offset on,
// at most limit of them.
func (s *Searcher) Search(q Query, offset, limit int) (Results, error) {
	var terms []string
	for _, g := range s.a.QueryTerms(q.Text) {
		for _, t := range g {
			if !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	if len(terms) == 0 {
		return Results{}, nil
	}
	n := s.meta.Docs
	var entries []entry
	for _, t := range terms {
		e, ok, err := s.lookup(t)
		if err != nil {
			return Results{}, err
		}
		if !ok {
			return Results{}, nil // every term must match
		}
		entries = append(entries, e)
	}
	// Terms in most announcements narrow nothing down; unless all are
	// such, they are left out (and not fetched).
	var use []entry
	for _, e := range entries {
		if !isCommon(e.df, n) {
			use = append(use, e)
		}
	}
	if len(use) == 0 {
		use = entries
	}
	sort.SliceStable(use, func(i, j int) bool { return use[i].df < use[j].df })
	scores := map[int32]int{}
	for i, e := range use {
		pl, err := s.postings(e)
		if err != nil {
			return Results{}, err
		}
		f := idf(e.df, n)
		next := map[int32]int{}
		for k, id := range pl.ids {
			if prev, ok := scores[id]; ok || i == 0 {
				next[id] = prev + f*weightPoints(pl.w[k])
			}
		}
		scores = next
	}
	lo, hi := 0, n
	if q.Year != 0 {
		lo, hi = n, n
		for i, y := range s.meta.Years {
			if y[0] == q.Year {
				lo, hi = y[1], n
				if i+1 < len(s.meta.Years) {
					hi = s.meta.Years[i+1][1]
				}
			}
		}
	}
	var cols []byte
	col := -1
	if q.Column != "" {
		for i, c := range s.meta.Columns {
			if c.Key == q.Column {
				col = i
			}
		}
		if col < 0 {
			return Results{}, nil
		}
		var err error
		if cols, err = s.readGz(s.meta.ColumnFile); err != nil {
			return Results{}, err
		}
	}
	var hits []Hit
	for id, sc := range scores {
		if int(id) < lo || int(id) >= hi || col >= 0 && (int(id) >= len(cols) || int(cols[id]) != col) {
			continue
		}
		hits = append(hits, Hit{ID: int(id), Score: sc})
	}
	sort.Slice(hits, func(i, j int) bool {
		if !q.Newest && hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID > hits[j].ID
	})
	res := Results{Total: len(hits)}
	for i := offset; i < len(hits) && i < offset+limit; i++ {
		h := hits[i]
		data, err := s.read(fmt.Sprintf("d/%d.json", h.ID))
		if err != nil {
			return Results{}, err
		}
		var e excerpt
		if err := json.Unmarshal(data, &e); err != nil {
			return Results{}, fmt.Errorf("search: excerpt %d: %w", h.ID, err)
		}
		if b := h.ID / max(s.meta.ExcerptBlock, 1); b >= len(s.meta.ExcerptKeys) || e.Key != s.meta.ExcerptKeys[b] {
			return Results{}, fmt.Errorf("search: %sd/%d.json: %w", s.base, h.ID, errStale)
		}
		h.URL, h.Title = e.URL, e.Title
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}
