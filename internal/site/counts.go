package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// placeholder matches the browse-count element of a minified page:
// <span … data-browsecount-id=ID …>-</span>, the id quoted or not.
var placeholder = regexp.MustCompile(`(data-browsecount-id=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>)-(</)`)

// bakeCounts writes known counts in place of "-" in the written HTML
// pages. It edits text inside minified pages; it does not minify again.
func bakeCounts(dir string, files []string, counts map[string]int64) error {
	for _, rel := range files {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		name := filepath.Join(dir, filepath.FromSlash(rel))
		data, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("site: baking counts into %s: %w", rel, err)
		}
		if !bytes.Contains(data, []byte("data-browsecount-id")) {
			continue
		}
		baked := placeholder.ReplaceAllFunc(data, func(m []byte) []byte {
			sub := placeholder.FindSubmatch(m)
			id := string(sub[2]) + string(sub[3]) + string(sub[4])
			n, ok := counts[id]
			if !ok {
				return m
			}
			out := append([]byte{}, sub[1]...)
			out = strconv.AppendInt(out, n, 10)
			return append(out, sub[5]...)
		})
		if err := os.WriteFile(name, baked, 0o644); err != nil {
			return fmt.Errorf("site: baking counts into %s: %w", rel, err)
		}
	}
	return nil
}
