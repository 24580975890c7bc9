package content

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"

	"gazette/internal/manifest"
	"gazette/internal/messages"
)

// fieldType is what a front matter field must hold.
type fieldType int

const (
	tAny fieldType = iota
	tText
	tBool
	tInt
	tDate
	tTextList
	tAttachments
	tTable
)

// fields lists every front matter field Gazette knows: its own
// (see "Writing an announcement" in README.md) and the Hugo fields a site may use. Hugo
// matches field names without regard to case, and so does check.
var fields = map[string]fieldType{
	// Gazette's announcement fields.
	"title":          tText,
	"date":           tDate,
	"source":         tText,
	"docNumber":      tText,
	"indexNumber":    tText,
	"translationKey": tText,
	"id":             tText,
	"summary":        tText,
	"keywords":       tTextList,
	"attachments":    tAttachments,
	"importedFrom":   tText,
	// 信息公开 metadata of policy documents, and interpretations.
	"issuer":      tText,
	"writtenDate": tDate,
	"topic":       tText,
	"validity":    tText,
	"validUntil":  tDate,
	"interprets":  tTextList,
	// Hugo's own fields.
	"draft":         tBool,
	"publishDate":   tDate,
	"expiryDate":    tDate,
	"lastmod":       tDate,
	"description":   tText,
	"linkTitle":     tText,
	"slug":          tText,
	"url":           tText,
	"aliases":       tTextList,
	"weight":        tInt,
	"layout":        tText,
	"type":          tText,
	"headless":      tBool,
	"isCJKLanguage": tBool,
	"markup":        tText,
	"params":        tTable,
	"build":         tTable,
	"cascade":       tAny,
	"outputs":       tTextList,
	"sitemap":       tTable,
	"resources":     tAny,
}

// likelyMeant maps field names people write from habit (other site
// generators, other words) to the field Gazette uses.
var likelyMeant = map[string]string{
	"pubdate":       "publishDate",
	"published":     "publishDate",
	"unpublishdate": "expiryDate",
	"expiry":        "expiryDate",
	"expires":       "expiryDate",
	"modified":      "lastmod",
	"updated":       "lastmod",
	"tags":          "keywords",
	"categories":    "keywords",
	"author":        "source",
	"from":          "source",
	"attachment":    "attachments",
	"files":         "attachments",
	"docno":         "docNumber",
	"indexno":       "indexNumber",
	"publisher":     "issuer",
	"issuedby":      "issuer",
	"validto":       "validUntil",
	"validtill":     "validUntil",
	"interpret":     "interprets",
	"subject":       "topic",
}

// dateFields are the fields holding a date and time.
var dateFields = []string{"date", "publishDate", "expiryDate", "lastmod", "writtenDate", "validUntil"}

// dayFields are the date fields that name a day, for which a date
// without a time is the normal spelling: 成文日期 and 有效期至.
var dayFields = []string{"writtenDate", "validUntil"}

func isDateField(name string) bool {
	for _, f := range dateFields {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	return false
}

// canonicalName returns the known spelling of a field name matched
// without regard to case, or "" for an unknown field.
func canonicalName(name string) string {
	for k := range fields {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return ""
}

// suggestField proposes the known field nearest to an unknown name, or "".
func suggestField(name string) string {
	lower := strings.ToLower(name)
	if s, ok := likelyMeant[lower]; ok {
		return s
	}
	best, bestDist := "", math.MaxInt
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if d := editDistance(lower, strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := 1
	if utf8.RuneCountInString(name) >= 5 {
		limit = 2
	}
	if bestDist <= limit {
		return best
	}
	return ""
}

// editDistance is the Damerau–Levenshtein distance (optimal string
// alignment): insertions, deletions, substitutions and swaps of two
// neighbouring letters each count one, so "titel" is one away from "title".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// knownFieldList is the list of Gazette's announcement fields shown when
// an unknown field has no close match.
const knownFieldList = "title, date, source, docNumber, indexNumber, translationKey, id, summary, keywords, attachments, issuer, writtenDate, topic, validity, validUntil, interprets, draft, publishDate, expiryDate, lastmod"

// checkFields validates the decoded front matter of pg and fills in the
// page model from it.
func (c *checker) checkFields(pg *page, fm *frontMatter) {
	names := make([]string, 0, len(fm.fields))
	for k := range fm.fields {
		names = append(names, k)
	}
	sort.Strings(names)
	values := map[string]any{}
	for _, name := range names {
		v := fm.fields[name]
		pos := fm.keyPos(name)
		canon := canonicalName(name)
		if canon == "" {
			if s := suggestField(name); s != "" {
				c.report(pg.file, pos.line, pos.col, Error, "unknown-field", messages.DiagUnknownField, name, s)
			} else {
				c.report(pg.file, pos.line, pos.col, Error, "unknown-field", messages.DiagUnknownFieldList, name, knownFieldList)
			}
			continue
		}
		if c.checkType(pg, fm, name, canon, v) {
			values[canon] = v
		}
	}

	if pg.kind == kindPage {
		for _, req := range []string{"title", "date"} {
			if _, ok := values[req]; !ok && !hasField(fm, req) {
				c.report(pg.file, fm.open, 1, Error, "missing-field", messages.DiagMissingField, req)
			}
		}
	}
	for _, name := range []string{"title", "translationKey", "id", "slug", "url"} {
		if s, ok := values[name].(string); ok && strings.TrimSpace(s) == "" {
			pos := fm.keyPos(fieldKey(fm, name))
			c.report(pg.file, pos.line, pos.col, Error, "empty-field", messages.DiagEmptyField, name)
			delete(values, name)
		}
	}

	pg.title, _ = values["title"].(string)
	pg.indexNumber, _ = values["indexNumber"].(string)
	pg.validity, _ = values["validity"].(string)
	if list, ok := values["interprets"].([]any); ok {
		for i, el := range list {
			s, _ := el.(string)
			pg.interprets = append(pg.interprets, named{value: s, pos: fm.keyPos(fmt.Sprintf("%s[%d]", fieldKey(fm, "interprets"), i))})
		}
	}
	pg.translationKey, _ = values["translationKey"].(string)
	pg.id, _ = values["id"].(string)
	pg.slug, _ = values["slug"].(string)
	pg.url, _ = values["url"].(string)
	pg.draft, _ = values["draft"].(bool)
	for _, name := range dateFields {
		v, ok := values[name]
		if !ok {
			continue
		}
		t, ok := c.checkDate(pg, fm, name, v)
		if !ok {
			continue
		}
		switch name {
		case "date":
			pg.date = t
		case "publishDate":
			pg.publishDate = t
		case "expiryDate":
			pg.expiryDate = t
		case "writtenDate":
			pg.writtenDate = t
		case "validUntil":
			pg.validUntil = t
		}
	}
	if pg.id != "" && !validID(pg.id) {
		pos := fm.keyPos(fieldKey(fm, "id"))
		c.report(pg.file, pos.line, pos.col, Error, "bad-id", messages.DiagBadID, "id")
		pg.id = ""
	}
	if pg.translationKey != "" && !validID(pg.translationKey) {
		pos := fm.keyPos(fieldKey(fm, "translationKey"))
		c.report(pg.file, pos.line, pos.col, Error, "bad-id", messages.DiagBadID, "translationKey")
	}
	if list, ok := values["aliases"].([]any); ok {
		for i, el := range list {
			// A relative alias is resolved against the page's folder; what
			// it may hold is what an absolute one may.
			a, _ := el.(string)
			if err := manifest.ValidAlias("/" + strings.TrimPrefix(a, "/")); err != nil {
				pos := fm.keyPos(fmt.Sprintf("%s[%d]", fieldKey(fm, "aliases"), i))
				c.report(pg.file, pos.line, pos.col, Error, "bad-alias", messages.DiagBadAlias, a, err)
			}
		}
	}
	if v, ok := values["attachments"]; ok {
		c.checkAttachments(pg, fm, fieldKey(fm, "attachments"), v)
	}
	c.checkPolicyFields(pg, fm, values)
	c.publicationNotes(pg, fm)
}

// hasField reports whether fm sets the known field name in any spelling.
func hasField(fm *frontMatter, name string) bool {
	_, ok := fm.fields[fieldKey(fm, name)]
	return ok
}

// fieldKey returns the spelling fm uses for the known field name.
func fieldKey(fm *frontMatter, name string) string {
	if _, ok := fm.fields[name]; ok {
		return name
	}
	for k := range fm.fields {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return name
}

// validID follows the browse-count id rule: at most 200 bytes, no
// whitespace or control characters.
func validID(s string) bool {
	if len(s) > 200 {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// checkType reports a value of the wrong type; it returns true when the
// value may be used.
func (c *checker) checkType(pg *page, fm *frontMatter, key, canon string, v any) bool {
	want := fields[canon]
	ok := true
	switch want {
	case tText:
		_, ok = v.(string)
	case tBool:
		_, ok = v.(bool)
	case tInt:
		switch v.(type) {
		case int, int64, uint64:
		default:
			ok = false
		}
	case tDate:
		switch v.(type) {
		case string, time.Time, toml.LocalDate, toml.LocalDateTime:
		default:
			ok = false
		}
	case tTextList:
		list, isList := v.([]any)
		ok = isList
		for _, el := range list {
			if _, isText := el.(string); !isText {
				ok = false
			}
		}
	case tAttachments:
		ok = isList(v)
	case tTable:
		_, ok = v.(map[string]any)
	}
	if !ok {
		pos := fm.keyPos(key)
		c.report(pg.file, pos.line, pos.col, Error, "wrong-type", messages.DiagWrongType,
			canon, c.p.Sprintf(typeName(want)), c.describe(v))
	}
	return ok
}

func isList(v any) bool {
	switch v.(type) {
	case []any, []map[string]any:
		return true
	}
	return false
}

func typeName(t fieldType) messages.Key {
	switch t {
	case tBool:
		return messages.TypeBool
	case tInt:
		return messages.TypeInt
	case tDate:
		return messages.TypeDate
	case tTextList:
		return messages.TypeTextList
	case tAttachments:
		return messages.TypeAttachments
	case tTable:
		return messages.TypeTable
	}
	return messages.TypeText
}

// describe says what kind of value v is, quoting short scalars so the
// writer recognises what they typed.
func (c *checker) describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case bool, int, int64, uint64, float64:
		return fmt.Sprint(x)
	case time.Time, toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return fmt.Sprint(x)
	case []any, []map[string]any:
		return c.p.Sprintf(messages.TypeList)
	case map[string]any:
		return c.p.Sprintf(messages.TypeTable)
	}
	return fmt.Sprintf("%v", v)
}

// Date layouts accepted in text values: the subset of Hugo's layouts that
// carry a time, so that the build reads the same instant.
var (
	layoutsWithZone = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05-0700",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05Z0700",
		"2006-01-02 15:04:05 -07:00",
		"2006-01-02 15:04:05 -0700",
	}
	layoutsLocal = []string{
		"2006-01-02T15:04:05",
		"2006-01-02 15:04:05",
	}
	datePart = regexp.MustCompile(`^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
)

// parseDate reads a date written as text. hasTime is false for a bare
// date (which Hugo reads as midnight); ok is false when it is no date.
func parseDate(s string, loc *time.Location) (t time.Time, hasTime, ok bool) {
	s = strings.TrimSpace(s)
	for _, l := range layoutsWithZone {
		if t, err := time.Parse(l, s); err == nil {
			return t, true, true
		}
	}
	for _, l := range layoutsLocal {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true, true
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, false, true
	}
	return time.Time{}, false, false
}

// checkDate validates a date field and returns its instant.
func (c *checker) checkDate(pg *page, fm *frontMatter, name string, v any) (time.Time, bool) {
	key := fieldKey(fm, name)
	pos := fm.keyPos(key)
	noTime := func(t time.Time) {
		if slices.Contains(dayFields, name) {
			return // a day is what these fields hold
		}
		sev := Error
		if name != "date" {
			sev = Warning
		}
		c.report(pg.file, pos.line, pos.col, sev, "date-no-time", messages.DiagDateNoTime, name, c.example(t))
	}
	switch x := v.(type) {
	case time.Time:
		return x, true
	case toml.LocalDateTime:
		return time.Date(x.Year, time.Month(x.Month), x.Day, x.Hour, x.Minute, x.Second, x.Nanosecond, c.loc), true
	case toml.LocalDate:
		t := time.Date(x.Year, time.Month(x.Month), x.Day, 0, 0, 0, 0, c.loc)
		noTime(t)
		return t, name != "date"
	case string:
		t, hasTime, ok := parseDate(x, c.loc)
		switch {
		case !ok:
			c.reportDateFormat(pg.file, pos.line, pos.col, name, x)
			return time.Time{}, false
		case !hasTime:
			noTime(t)
			return t, name != "date"
		}
		return t, true
	}
	return time.Time{}, false
}

// reportDateFormat reports a value that is not a date, suggesting the
// right spelling of the same day when it can read one.
func (c *checker) reportDateFormat(file string, line, col int, name, value string) {
	example := c.example(time.Date(2019, 10, 24, 0, 0, 0, 0, c.loc))
	hint := ""
	if m := datePart.FindStringSubmatch(value); m != nil {
		var y, mo, d int
		fmt.Sscan(m[1], &y)
		fmt.Sscan(m[2], &mo)
		fmt.Sscan(m[3], &d)
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			example = c.example(time.Date(y, time.Month(mo), d, 0, 0, 0, 0, c.loc))
		}
		if strings.Contains(m[0], "/") {
			hint = c.p.Sprintf(messages.HintDateSlashes)
		}
	}
	c.report(file, line, col, Error, "date-format", messages.DiagDateFormat, name, value, example, hint)
}

// example writes day's date at nine in the morning in the site time zone,
// the way front matter should spell it.
func (c *checker) example(day time.Time) string {
	y, m, d := day.Date()
	return time.Date(y, m, d, 9, 0, 0, 0, c.loc).Format(time.RFC3339)
}

// publicationNotes tells the writer when a page will not be on the site
// for reasons of time or draft status. These are not mistakes.
func (c *checker) publicationNotes(pg *page, fm *frontMatter) {
	if pg.draft {
		pos := fm.keyPos(fieldKey(fm, "draft"))
		c.report(pg.file, pos.line, pos.col, Info, "draft", messages.DiagDraft)
	}
	publish, key := pg.publishDate, "publishDate"
	if publish.IsZero() {
		publish, key = pg.date, "date"
	}
	if !publish.IsZero() && publish.After(c.now) {
		pos := fm.keyPos(fieldKey(fm, key))
		c.report(pg.file, pos.line, pos.col, Info, "future", messages.DiagFuture, publish.In(c.loc).Format(time.RFC3339))
	}
	if !pg.expiryDate.IsZero() && !pg.expiryDate.After(c.now) {
		pos := fm.keyPos(fieldKey(fm, "expiryDate"))
		c.report(pg.file, pos.line, pos.col, Info, "expired", messages.DiagExpired, pg.expiryDate.In(c.loc).Format(time.RFC3339))
	}
}
