package content

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// The checks in this file follow the State Council's website guideline
// (国办发〔2017〕47号) and the 2019 inspection indicators: the 信息公开
// metadata of policy documents, links between a policy and its
// interpretations, and columns that never go stale.

// named is a value written in front matter, with where it is written.
type named struct {
	value string
	pos   position
}

// indexNumberShape is the 索引号: an organisation code (9 characters) or a
// unified social credit code (18), a slash, the year and a 5-digit number.
var indexNumberShape = regexp.MustCompile(`^(?:[0-9A-Z]{9}|[0-9A-Z]{18})/(\d{4})-\d{5}$`)

// validities are the values of the validity field: in force, expired,
// abolished (废止) and revised (已修订).
var validities = []string{"valid", "expired", "abolished", "revised"}

// policyFields are shown in the 信息公开 table of policy columns only.
var policyFields = []string{"issuer", "writtenDate", "topic", "validity", "validUntil"}

// checkPolicyFields validates the 信息公开 fields of one page.
func (c *checker) checkPolicyFields(pg *page, fm *frontMatter, values map[string]any) {
	if n := pg.indexNumber; n != "" {
		ok := false
		if m := indexNumberShape.FindStringSubmatch(n); m != nil {
			year := 0
			fmt.Sscan(m[1], &year)
			ok = year >= 1949 && year <= c.now.Year()+1
		}
		if !ok {
			pos := fm.keyPos(fieldKey(fm, "indexNumber"))
			c.report(pg.file, pos.line, pos.col, Error, "bad-index-number", messages.DiagIndexNumber, n)
		}
	}
	if v := pg.validity; v != "" && !slices.Contains(validities, v) {
		pos := fm.keyPos(fieldKey(fm, "validity"))
		c.report(pg.file, pos.line, pos.col, Error, "bad-validity", messages.DiagValidity, v)
	}
	if !pg.validUntil.IsZero() && !pg.writtenDate.IsZero() && pg.validUntil.Before(pg.writtenDate) {
		pos := fm.keyPos(fieldKey(fm, "validUntil"))
		c.report(pg.file, pos.line, pos.col, Error, "bad-valid-until", messages.DiagValidUntil,
			pg.validUntil.In(c.loc).Format(time.DateOnly), pg.writtenDate.In(c.loc).Format(time.DateOnly))
	}
	if pg.kind != kindPage || pg.column == nil {
		return
	}
	if pg.column.Kind != config.KindPolicy {
		for _, f := range policyFields {
			if hasField(fm, f) {
				pos := fm.keyPos(fieldKey(fm, f))
				c.report(pg.file, pos.line, pos.col, Warning, "policy-field-outside-policy-column", messages.DiagPolicyField, f, pg.column.Path())
			}
		}
		return
	}
	for _, f := range []string{"indexNumber", "issuer", "writtenDate"} {
		if _, ok := values[f]; !ok && !hasField(fm, f) {
			c.report(pg.file, fm.open, 1, Warning, "policy-field-missing", messages.DiagPolicyMissing, f)
		}
	}
}

// checkInterprets resolves the documents each interpretation names. A
// document is named by its path in its language's content folder, without
// the extension ("policies/city/2022-talent-housing"); a sub-column may
// also be named by its key alone ("city/2022-talent-housing").
func (c *checker) checkInterprets() {
	byPath := map[string]*page{} // lang + ":" + path
	for _, pg := range c.pages {
		if pg.lang == "" || pg.kind != kindPage {
			continue
		}
		byPath[pg.lang+":"+pg.path] = pg
		if pg.column != nil && pg.column.Parent != "" {
			byPath[pg.lang+":"+pg.column.Key+"/"+path.Base(pg.path)] = pg
		}
	}
	for _, pg := range c.pages {
		for _, n := range pg.interprets {
			target := strings.Trim(strings.TrimSuffix(strings.TrimSuffix(n.value, "/"), ".md"), "/")
			doc := byPath[pg.lang+":"+target]
			switch {
			case doc == nil:
				example := "policies/2022-talent-housing"
				for _, other := range c.pages {
					if other.lang == pg.lang && other.kind == kindPage && other.column != nil && other.column.Kind == config.KindPolicy {
						example = other.path
						break
					}
				}
				c.report(pg.file, n.pos.line, n.pos.col, Error, "interprets-missing", messages.DiagInterpretsMissing, n.value, example)
			case doc == pg:
				c.report(pg.file, n.pos.line, n.pos.col, Error, "interprets-self", messages.DiagInterpretsSelf, n.value)
			}
		}
	}
}

// published reports whether pg is on the site at c.now: an announcement
// that is no draft, already published and not expired.
func (c *checker) published(pg *page) bool {
	if pg.kind != kindPage || pg.lang == "" || pg.draft || pg.date.IsZero() {
		return false
	}
	publish := pg.publishDate
	if publish.IsZero() {
		publish = pg.date
	}
	return !publish.After(c.now) && (pg.expiryDate.IsZero() || pg.expiryDate.After(c.now))
}

// homeStaleAfter is how old the home page's newest item may be: the 2019
// indicators veto a home page not updated for two weeks.
var homeStaleAfter = config.Age{Days: 14}

// checkFreshness reports columns without announcements, columns whose
// newest announcement is older than their staleAfter, and a home page
// whose newest item is older than two weeks. A parent column counts the
// announcements of its sub-columns too.
func (c *checker) checkFreshness() {
	for _, lang := range config.Languages {
		newest := map[string]time.Time{} // column path → newest date, sub-columns counted in their parent
		for _, pg := range c.pages {
			if pg.lang != lang || pg.column == nil || !c.published(pg) {
				continue
			}
			for _, p := range []string{pg.column.Path(), pg.column.Parent} {
				if p != "" && pg.date.After(newest[p]) {
					newest[p] = pg.date
				}
			}
		}
		var home time.Time
		for _, col := range c.columns() {
			folder := path.Join("content", lang, col.Path())
			last, ok := newest[col.Path()]
			switch {
			case !ok:
				c.report(folder, 0, 0, Warning, "empty-column", messages.DiagEmptyColumn, col.Path(), c.p.Sprintf(langName(lang)))
			case !col.Stale().Off && last.Before(col.Stale().Before(c.now)):
				c.report(folder, 0, 0, Warning, "stale-column", messages.DiagStaleColumn, col.Path(),
					last.In(c.loc).Format(time.DateOnly), col.Stale().String())
			}
			if ok && col.OnHome() && last.After(home) {
				home = last
			}
		}
		if !home.IsZero() && home.Before(homeStaleAfter.Before(c.now)) {
			c.report(path.Join("content", lang), 0, 0, Warning, "stale-home", messages.DiagStaleHome,
				c.p.Sprintf(langName(lang)), home.In(c.loc).Format(time.DateOnly))
		}
	}
}

// reportConfig passes on config.toml's warnings, so that check and build
// show them with the content's, named as the site's config.toml.
func (c *checker) reportConfig() {
	for _, w := range c.opts.ConfigWarnings {
		msg := w.Msg
		if w.Key != "" {
			msg = w.Key + ": " + msg
		}
		c.report(config.FileName, w.Line, 1, Warning, "config", messages.DiagConfig, msg)
	}
}
