package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gazette/internal/counter"
	"gazette/internal/manifest"
)

// importCSV adds the counts of one legacy CSV file (rows "id,count", an
// optional "id,count" header) to the store, once: the file's SHA-256 is
// recorded in the same transaction, so running it again changes nothing.
// The file is refused whole if any row is malformed, repeats an id, or
// names an id that is not in the manifest.
func importCSV(ctx context.Context, c config, log *slog.Logger) error {
	data, err := os.ReadFile(c.ImportFile)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	m, err := manifest.Load(ctx, c.Manifest, nil)
	if err != nil {
		return fmt.Errorf("import needs the manifest to check ids: %w", err)
	}
	counts, err := parseCSV(c.ImportFile, data, m)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	digest := hex.EncodeToString(sum[:])
	store, _, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer store.Close()
	var total int64
	for _, n := range counts {
		total += n
	}
	err = store.Import(ctx, counter.Import{SHA256: digest, Name: filepath.Base(c.ImportFile), Counts: counts})
	if errors.Is(err, counter.ErrAlreadyImported) {
		log.Info("nothing to do: this file was already imported", "file", c.ImportFile, "sha256", digest, "detail", err.Error())
		return nil
	}
	if err != nil {
		return err
	}
	log.Info("imported", "file", c.ImportFile, "sha256", digest, "ids", len(counts), "views_added", total)
	return nil
}

// parseCSV reads rows "id,count", where the first field may also be a
// page's old address (an absolute URL or a path, as the old CMS kept its
// counts): the manifest's aliases lead it to the page's id. Counts of
// several old addresses of one page add up. Errors name the file and line.
func parseCSV(name string, data []byte, m manifest.Manifest) (map[string]int64, error) {
	known := m.IDs()
	byPath := m.ByPath()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheet programs write a BOM
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 2
	r.TrimLeadingSpace = true
	r.ReuseRecord = true
	counts := map[string]int64{}
	lineOf := map[string]int{}
	var unknown []string
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("import: %s: %w (want rows \"id,count\")", name, err)
		}
		line, _ := r.FieldPos(0)
		id, n := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if first && (strings.EqualFold(id, "id") || strings.EqualFold(id, "url")) && strings.EqualFold(n, "count") {
			continue
		}
		key := id
		if isAddress(id) {
			v, err := strconv.ParseInt(n, 10, 64)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("import: %s:%d: count %q for %q is not a whole number >= 0", name, line, n, id)
			}
			if prev, dup := lineOf[key]; dup {
				return nil, fmt.Errorf("import: %s:%d: address %q already on line %d", name, line, id, prev)
			}
			lineOf[key] = line
			target, ok := pageOf(id, byPath)
			if !ok {
				unknown = append(unknown, fmt.Sprintf("%s:%d: %q", name, line, id))
				continue
			}
			counts[target] += v
			continue
		}
		if err := manifest.ValidID(id); err != nil {
			hint := ""
			if strings.Contains(err.Error(), "UTF-8") {
				hint = " (convert the file to UTF-8 first, e.g. iconv -f GBK -t UTF-8)"
			}
			return nil, fmt.Errorf("import: %s:%d: id %q: %v%s", name, line, id, err, hint)
		}
		v, err := strconv.ParseInt(n, 10, 64)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("import: %s:%d: count %q for %q is not a whole number >= 0", name, line, n, id)
		}
		if prev, dup := lineOf[id]; dup {
			return nil, fmt.Errorf("import: %s:%d: id %q already on line %d", name, line, id, prev)
		}
		lineOf[id] = line
		if !known.Has(id) {
			unknown = append(unknown, fmt.Sprintf("%s:%d: %q", name, line, id))
			continue
		}
		counts[id] += v
	}
	if len(unknown) > 0 {
		n, more := len(unknown), ""
		if n > 10 {
			more = fmt.Sprintf("\n  … and %d more", len(unknown)-10)
			unknown = unknown[:10]
		}
		return nil, fmt.Errorf("import: refused, nothing imported: %d ids or addresses are not in the manifest (only pages the site builds can have counts; an old address counts when it is among a page's aliases):\n  %s%s",
			n, strings.Join(unknown, "\n  "), more)
	}
	return counts, nil
}

// isAddress tells an old address (a URL or a site path) from an id.
func isAddress(s string) bool {
	return strings.HasPrefix(s, "/") || strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// pageOf finds the page an old address belongs to: its path, decoded,
// looked up among the pages' paths and aliases, also with or without a
// final "/" or "index.html", which name the same folder.
func pageOf(addr string, byPath map[string]string) (string, bool) {
	p := addr
	if u, err := url.Parse(addr); err == nil {
		p = u.Path
	}
	if p == "" {
		p = "/"
	}
	candidates := []string{p}
	switch {
	case strings.HasSuffix(p, "/index.html"):
		candidates = append(candidates, strings.TrimSuffix(p, "index.html"))
	case strings.HasSuffix(p, "/"):
		candidates = append(candidates, p+"index.html", strings.TrimSuffix(p, "/"))
	default:
		candidates = append(candidates, p+"/")
	}
	for _, c := range candidates {
		if id, ok := byPath[c]; ok {
			return id, true
		}
	}
	return "", false
}
