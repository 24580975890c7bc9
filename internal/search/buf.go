package search

// bufWriter appends the varints the index files are made of.
type bufWriter struct{ b []byte }

func (w *bufWriter) byte(c byte) { w.b = append(w.b, c) }

func (w *bufWriter) uvarint(v uint64) {
	for v >= 0x80 {
		w.b = append(w.b, byte(v)|0x80)
		v >>= 7
	}
	w.b = append(w.b, byte(v))
}

// svarint writes v zigzag-coded, so small negative numbers stay short.
func (w *bufWriter) svarint(v int64) { w.uvarint(uint64(v<<1) ^ uint64(v>>63)) }

// str writes a string as its byte length and its bytes.
func (w *bufWriter) str(s string) {
	w.uvarint(uint64(len(s)))
	w.b = append(w.b, s...)
}
