package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"hash/fnv"
	"math/bits"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The index files, described in docs/search.md. Everything a query reads
// is small and named by its content, so a CDN may cache it for good and a
// reader never mixes files of two builds; only meta.json, the entry point,
// and the excerpt files have fixed names.

// Version is the format version in meta.json.
const Version = 1

// Dir is the folder of the output where the index files go.
const Dir = "search"

// File is one file of the index, its name relative to the output root.
type File struct {
	Name string
	Data []byte
}

// layout holds the sizes that shape the files; tests and benchmarks vary
// them, the build uses defaultLayout.
type layout struct {
	// shardBytes is the size, before gzip, a dictionary shard aims at.
	shardBytes int
	// ownFile is the size above which a term's postings go into a file of
	// their own rather than into its shard.
	ownFile int
	// excerptBytes caps the body text stored for excerpts.
	excerptBytes int
	// excerptBlock is the number of consecutive ids that share a key (see
	// excerptKeys).
	excerptBlock int
}

var defaultLayout = layout{shardBytes: 4096, ownFile: 384, excerptBytes: 6000, excerptBlock: 128}

// Files encodes the announcements added since the last call, with the
// language's columns (in the order filters list them). The result is
// sorted by name and depends only on the announcements, not on the order
// they were added in.
func (ix *Index) Files(columns []Column) ([]File, error) {
	return ix.files(columns, defaultLayout)
}

func (ix *Index) files(columns []Column, lay layout) ([]File, error) {
	docs := ix.endRound()
	// Announcement ids run from the oldest to the newest: "newest first"
	// is a descending id, a year is a range of ids, and a new announcement
	// takes the next id without renumbering the others.
	slices.SortFunc(docs, func(a, b *analysed) int {
		if c := a.doc.Date.Compare(b.doc.Date); c != 0 {
			return c
		}
		return strings.Compare(a.doc.URL, b.doc.URL)
	})
	colIndex := map[string]int{}
	for i, c := range columns {
		colIndex[c.Key] = i
	}
	var out []File
	add := func(name string, data []byte) { out = append(out, File{Name: name, Data: data}) }
	base := Dir + "/" + ix.lang + "/"
	seen := map[string]string{}
	for _, d := range docs {
		if prev, dup := seen[d.doc.URL]; dup {
			return nil, fmt.Errorf("search: %s: announcement added twice (%s)", d.doc.URL, prev)
		}
		seen[d.doc.URL] = d.doc.Title
		if _, ok := colIndex[d.doc.Column]; !ok {
			return nil, fmt.Errorf("search: %s: column %q is not one of the site's columns", d.doc.URL, d.doc.Column)
		}
	}
	// Excerpt files are JSON, compressed in transit like the pages: the
	// build gzips only what no server would, the binary files. They are
	// named by id, which an announcement added out of date order shifts, so
	// each carries the key of its block of ids (see excerptKeys) for the
	// reader to check against meta.json's.
	keys := excerptKeys(docs, lay.excerptBlock)
	for i, d := range docs {
		key := keys[i/lay.excerptBlock]
		if d.excerpt == nil || d.col != colIndex[d.doc.Column] || d.key != key {
			d.excerpt, d.col, d.key = excerptFile(d.doc, colIndex, key, lay.excerptBytes), colIndex[d.doc.Column], key
		}
		add(base+"d/"+strconv.Itoa(i)+".json", d.excerpt)
	}
	z := &zipper{ix: ix}
	defer func() { ix.gzLast, ix.gzNow = ix.gzNow, nil }()

	// The column of every announcement, one byte each, for the filter.
	cols := make([]byte, len(docs))
	for i, d := range docs {
		cols[i] = byte(colIndex[d.doc.Column])
	}
	colFile := fingerprint(base+"c", z.gz(cols))
	add(colFile.Name, colFile.Data)

	shards, own := ix.shards(docs, lay, z)
	for _, f := range own {
		add(f.Name, f.Data)
	}
	// Groups list the shards' names, fanout to a group: one small request
	// finds any shard, and meta.json stays small however many there are.
	fanout := groupFanout(len(shards))
	var groups []string
	for g := 0; g < len(shards); g += fanout {
		var list []byte
		for _, s := range shards[g:min(g+fanout, len(shards))] {
			add(s.Name, s.Data)
			list = append(list, hashOf(s.Name)...)
		}
		gf := fingerprint(base+"g", z.gz(list))
		add(gf.Name, gf.Data)
		groups = append(groups, path.Base(gf.Name))
	}
	fold := foldFile()
	add(fold.Name, fold.Data)

	m := meta{Version: Version, Lang: ix.lang, Docs: len(docs), Shards: len(shards), Fanout: fanout,
		Groups: groups, Columns: []metaColumn{}, ColumnFile: path.Base(colFile.Name), Fold: "../" + path.Base(fold.Name), Years: [][2]int{},
		ExcerptBlock: lay.excerptBlock, ExcerptKeys: keys}
	for _, c := range columns {
		m.Columns = append(m.Columns, metaColumn{c.Key, c.Name})
	}
	for i, d := range docs {
		if y := d.doc.Date.Year(); len(m.Years) == 0 || m.Years[len(m.Years)-1][0] != y {
			m.Years = append(m.Years, [2]int{y, i})
		}
	}
	mj, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	add(base+"meta.json", mj)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// meta is meta.json.
type meta struct {
	Version int          `json:"v"`
	Lang    string       `json:"lang"`
	Docs    int          `json:"docs"`
	Shards  int          `json:"shards"`
	Fanout  int          `json:"fanout"`
	Groups  []string     `json:"groups"`
	Columns []metaColumn `json:"columns"`
	// ColumnFile holds each announcement's column index, a byte each.
	ColumnFile string `json:"columnFile"`
	Fold       string `json:"fold"`
	// Years pairs each year with the id of its first announcement.
	Years [][2]int `json:"years"`
	// ExcerptKeys holds the key of each block of ExcerptBlock ids, which
	// the excerpt files of those ids carry.
	ExcerptBlock int      `json:"excerptBlock"`
	ExcerptKeys  []string `json:"excerptKeys"`
}

type metaColumn struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// excerpt is an excerpt file: what a result shows.
type excerpt struct {
	URL         string   `json:"u"`
	Title       string   `json:"t"`
	Date        string   `json:"d"`
	Column      int      `json:"c"`
	DocNumber   string   `json:"n,omitempty"`
	Source      string   `json:"s,omitempty"`
	Attachments []string `json:"a,omitempty"`
	Text        string   `json:"x"`
	// Key is the key of the block of ids the file was written for.
	Key string `json:"k"`
}

// excerptKeys returns a key for each block of block consecutive ids: the
// first 32 bits of the SHA-256 of the block's URLs, in id order. Excerpt
// files have fixed names, d/<id>.json, so that an edit rewrites only its
// own; but an announcement added or removed out of date order shifts the
// ids after it, and a reader holding the meta.json of one build (in the
// page, or cached by a CDN) could fetch the excerpt another build wrote
// for that id: another announcement. The key tells them apart. It depends
// on the URLs only, so an edit changes no key, and a new announcement
// (the newest as a rule) only that of the last block.
func excerptKeys(docs []*analysed, block int) []string {
	keys := []string{}
	for from := 0; from < len(docs); from += block {
		h := sha256.New()
		for _, d := range docs[from:min(from+block, len(docs))] {
			h.Write([]byte(d.doc.URL))
			h.Write([]byte{'\n'})
		}
		keys = append(keys, hex.EncodeToString(h.Sum(nil)[:4]))
	}
	return keys
}

func excerptFile(d Doc, colIndex map[string]int, key string, maxBytes int) []byte {
	text := d.Body
	if len(text) > maxBytes {
		cut := maxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "…"
	}
	e := excerpt{URL: d.URL, Title: d.Title, Date: d.Date.Format("2006-01-02"), Column: colIndex[d.Column],
		DocNumber: d.DocNumber, Source: d.Source, Attachments: d.Attachments, Text: text, Key: key}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(e) // strings only: cannot fail
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// groupFanout is the number of shard names per group file: about the
// square root of the number of shards, so that meta.json and each group
// stay small together.
func groupFanout(shards int) int {
	f := 1
	for f*f < shards {
		f *= 2
	}
	return f
}

// shardOf is the shard a term lives in: FNV-1a of its UTF-8 bytes, modulo
// the number of shards (a power of two).
func shardOf(term string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(term))
	return int(h.Sum32() & uint32(shards-1))
}

// shards encodes the dictionary: every term with its document frequency
// and postings, the larger postings in files of their own.
func (ix *Index) shards(docs []*analysed, lay layout, z *zipper) (shards, own []File) {
	n := len(docs)
	// Count, then fill, the postings of every term: doc ids ascending.
	df := make([]int32, len(ix.terms))
	for _, d := range docs {
		for _, t := range d.terms {
			df[t]++
		}
	}
	start := make([]int32, len(ix.terms)+1)
	for t, c := range df {
		start[t+1] = start[t] + c
	}
	ids := make([]int32, start[len(ix.terms)])
	ws := make([]uint8, len(ids))
	fill := slices.Clone(start[:len(ix.terms)])
	for i, d := range docs {
		for k, t := range d.terms {
			ids[fill[t]] = int32(i)
			ws[fill[t]] = d.w[k]
			fill[t]++
		}
	}

	var live []int32
	for t, c := range df {
		if c > 0 {
			live = append(live, int32(t))
		}
	}
	// Every entry into one buffer, then each into its shard, where the
	// entries are sorted by term.
	var w bufWriter
	ends := make([]int, len(live))
	for i, t := range live {
		p := postings(ids[start[t]:start[t+1]], ws[start[t]:start[t+1]], n)
		w.str(ix.terms[t])
		if len(p) > lay.ownFile {
			f := fingerprint(Dir+"/"+ix.lang+"/p", z.gz(p))
			own = append(own, f)
			w.uvarint(uint64(df[t])<<1 | 1)
			w.b = append(w.b, hashOf(f.Name)...)
		} else {
			w.uvarint(uint64(df[t]) << 1)
			w.b = append(w.b, p...)
		}
		ends[i] = len(w.b)
	}
	count := 1
	for count*lay.shardBytes < len(w.b) {
		count *= 2
	}
	inShard := make([][]int, count)
	for i, t := range live {
		s := shardOf(ix.terms[t], count)
		inShard[s] = append(inShard[s], i)
	}
	buckets := make([][]byte, count)
	for s, list := range inShard {
		slices.SortFunc(list, func(a, b int) int { return strings.Compare(ix.terms[live[a]], ix.terms[live[b]]) })
		for _, i := range list {
			from := 0
			if i > 0 {
				from = ends[i-1]
			}
			buckets[s] = append(buckets[s], w.b[from:ends[i]]...)
		}
	}
	// Postings files appear in no set order; sort them by name.
	slices.SortFunc(own, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for _, b := range buckets {
		shards = append(shards, fingerprint(Dir+"/"+ix.lang+"/s", z.gz(b)))
	}
	return shards, own
}

// postings encodes the docs a term occurs in, of n, and the weights:
// a byte saying how, 0 for the gaps between ids as varints, 1 for a bitmap
// of n bits; then the weights, two to a byte.
func postings(ids []int32, w []uint8, n int) []byte {
	var b bufWriter
	gaps := 0
	prev := int32(-1)
	for _, id := range ids {
		gaps += uvarintLen(uint64(id - prev))
		prev = id
	}
	if gaps <= (n+7)/8 {
		b.byte(0)
		prev = -1
		for _, id := range ids {
			b.uvarint(uint64(id - prev))
			prev = id
		}
	} else {
		b.byte(1)
		bm := make([]byte, (n+7)/8)
		for _, id := range ids {
			bm[id>>3] |= 1 << (id & 7)
		}
		b.b = append(b.b, bm...)
	}
	for i := 0; i < len(w); i += 2 {
		c := w[i]
		if i+1 < len(w) {
			c |= w[i+1] << 4
		}
		b.byte(c)
	}
	return b.b
}

func uvarintLen(v uint64) int { return (bits.Len64(v|1) + 6) / 7 }

// zipper gzips deterministically (no name, no time in the header),
// reusing its compressor: a build writes thousands of small files.
type zipper struct {
	w   *gzip.Writer
	buf bytes.Buffer
	ix  *Index // whose files it remembers
}

// gzipLevel trades build time for bytes: the default level gives files
// within 1 % of the best compression at a third of the time.
const gzipLevel = gzip.DefaultCompression

func (z *zipper) gz(data []byte) []byte {
	ix := z.ix
	key := sha256.Sum256(data)
	if ix.gzNow == nil {
		ix.gzNow = map[[32]byte][]byte{}
	}
	if g, ok := ix.gzLast[key]; ok {
		ix.gzNow[key] = g
		return g
	}
	z.buf.Reset()
	if z.w == nil {
		z.w, _ = gzip.NewWriterLevel(&z.buf, gzipLevel)
	} else {
		z.w.Reset(&z.buf)
	}
	z.w.Write(data)
	z.w.Close()
	g := bytes.Clone(z.buf.Bytes())
	ix.gzNow[key] = g
	return g
}

// fingerprint names data prefix.<sha256 of data>.bin, the form deploy
// recognises as fingerprinted (cached for good).
func fingerprint(prefix string, data []byte) File {
	sum := sha256.Sum256(data)
	return File{Name: prefix + "." + hex.EncodeToString(sum[:]) + ".bin", Data: data}
}

// hashOf returns the 32 bytes of the hash in a fingerprinted name.
func hashOf(name string) []byte {
	base := path.Base(name)
	h, _ := hex.DecodeString(base[strings.IndexByte(base, '.')+1 : len(base)-len(".bin")])
	return h
}
