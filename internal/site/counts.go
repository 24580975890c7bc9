package site

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// placeholder matches the browse-count element the layouts render:
// <span … data-browsecount-id="ID" …>-</span>. Hugo's output is not yet
// minified here, so attribute values are quoted.
var placeholder = regexp.MustCompile(`(data-browsecount-id="([^"]+)"[^>]*>)-(</)`)

// bakeCounts makes the HTML files write known counts in place of "-".
func bakeCounts(files []file, counts map[string]int64) {
	for i, f := range files {
		if !strings.HasSuffix(f.rel, ".html") {
			continue
		}
		read := f.read
		files[i].read = func() ([]byte, error) {
			data, err := read()
			if err != nil || !bytes.Contains(data, []byte("data-browsecount-id")) {
				return data, err
			}
			return placeholder.ReplaceAllFunc(data, func(m []byte) []byte {
				sub := placeholder.FindSubmatch(m)
				n, ok := counts[string(sub[2])]
				if !ok {
					return m
				}
				out := append([]byte{}, sub[1]...)
				out = strconv.AppendInt(out, n, 10)
				return append(out, sub[3]...)
			}), nil
		}
	}
}
