package content

import (
	"sort"
	"strings"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// pairKey is how the build pairs translations: by translationKey when
// one is set, otherwise by the page path.
func (pg *page) pairKey() string {
	if pg.translationKey != "" {
		return "key:" + pg.translationKey
	}
	return "path:" + pg.kind + ":" + pg.path
}

// checkTranslations reports announcements without a version in the other
// language, and pages at the same path whose translationKeys disagree
// (the build then does not pair them).
func (c *checker) checkTranslations() {
	byKey := map[string]map[string]*page{}  // pair key → lang → page
	byPath := map[string]map[string]*page{} // kind:path → lang → page
	for _, pg := range c.pages {
		if pg.lang == "" {
			continue
		}
		pathKey := pg.kind + ":" + pg.path
		if byPath[pathKey] == nil {
			byPath[pathKey] = map[string]*page{}
		}
		byPath[pathKey][pg.lang] = pg
		if !pg.parsed {
			continue
		}
		k := pg.pairKey()
		if byKey[k] == nil {
			byKey[k] = map[string]*page{}
		}
		if _, dup := byKey[k][pg.lang]; !dup {
			byKey[k][pg.lang] = pg
		}
	}
	for _, pg := range c.pages {
		if pg.lang == "" || !pg.parsed {
			continue
		}
		for _, other := range config.Languages {
			if other == pg.lang || byKey[pg.pairKey()][other] != nil {
				continue
			}
			twin := byPath[pg.kind+":"+pg.path][other]
			pos := pg.fm.keyPos(fieldKey(pg.fm, "translationKey"))
			switch {
			case twin != nil && !twin.parsed:
				// Its problems are reported on it; do not pile on.
			case twin != nil:
				c.report(pg.file, pos.line, pos.col, Warning, "translation-key-mismatch", messages.DiagKeyMismatch,
					twin.file, pg.translationKey, twin.translationKey)
			default:
				expected := strings.Replace(pg.file, "content/"+pg.lang+"/", "content/"+other+"/", 1)
				c.report(pg.file, pos.line, pos.col, Warning, "missing-translation", messages.DiagNoTranslation,
					c.p.Sprintf(langName(other)), expected)
			}
		}
	}
}

func langName(lang string) messages.Key {
	if lang == "zh" {
		return messages.LangNameZH
	}
	return messages.LangNameEN
}

// checkDuplicates reports two files of one language claiming the same
// translationKey, two pages with the same URL, and two pages with the same
// browse-count id.
func (c *checker) checkDuplicates() {
	var pages []*page
	for _, pg := range c.pages {
		if pg.lang != "" && pg.parsed {
			pages = append(pages, pg)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].file < pages[j].file })

	c.duplicates(pages, func(pg *page) string {
		if pg.translationKey == "" {
			return ""
		}
		return pg.lang + "\x00" + pg.translationKey
	}, func(pg, other *page) {
		pos := pg.fm.keyPos(fieldKey(pg.fm, "translationKey"))
		c.report(pg.file, pos.line, pos.col, Error, "duplicate-translation-key", messages.DiagDuplicateKey, pg.translationKey, other.file)
	})
	c.duplicates(pages, func(pg *page) string {
		return strings.ToLower(pg.permalink())
	}, func(pg, other *page) {
		pos := position{pg.fm.open, 1}
		for _, k := range []string{"url", "slug"} {
			if _, ok := pg.fm.positions()[fieldKey(pg.fm, k)]; ok {
				pos = pg.fm.keyPos(fieldKey(pg.fm, k))
				break
			}
		}
		c.report(pg.file, pos.line, pos.col, Error, "duplicate-url", messages.DiagDuplicateURL, pg.permalink(), other.file)
	})
	c.duplicates(pages, func(pg *page) string {
		if pg.kind != kindPage {
			return ""
		}
		return pg.countID()
	}, func(pg, other *page) {
		if pg.id == "" && other.id == "" {
			return // the same translationKey or URL, reported above
		}
		key := "translationKey"
		if pg.id != "" {
			key = "id"
		}
		pos := pg.fm.keyPos(fieldKey(pg.fm, key))
		c.report(pg.file, pos.line, pos.col, Error, "duplicate-id", messages.DiagDuplicateID, pg.countID(), other.file)
	})
}

// countID is the page's browse-count id (see docs/manifest.md).
func (pg *page) countID() string {
	key := pg.id
	if key == "" {
		key = pg.translationKey
	}
	if key == "" {
		key = pg.path
	}
	return pg.lang + "/" + key
}

// duplicates groups pages by key and calls report for every page sharing
// its key with another, naming the first other page with that key.
func (c *checker) duplicates(pages []*page, key func(*page) string, report func(pg, other *page)) {
	groups := map[string][]*page{}
	var order []string
	for _, pg := range pages {
		k := key(pg)
		if k == "" {
			continue
		}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], pg)
	}
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		for i, pg := range g {
			other := g[0]
			if i == 0 {
				other = g[1]
			}
			report(pg, other)
		}
	}
}
