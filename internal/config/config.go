// Package config reads and validates Gazette's own settings from a site's
// config.toml. Hugo never reads that file: the site package derives Hugo's
// configuration from the validated Config, so content staff see one small,
// checked file instead of Hugo's hundreds of knobs.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// FileName is the settings file at the top of a site folder.
const FileName = "config.toml"

// Languages Gazette publishes in, in order: the first is the default and
// the one "/" leads to.
var Languages = []string{"zh", "en"}

// Config holds a site's validated settings. Zero values never reach callers:
// Load fills defaults before validating.
type Config struct {
	// BaseURL is the absolute URL the site is published at, ending in "/".
	BaseURL string `toml:"baseURL"`
	// SiteDomain is shown in the SiteDomain meta tag; defaults to BaseURL's host.
	SiteDomain string `toml:"siteDomain"`
	// SiteIDCode is the government website identification code (政府网站标识码).
	SiteIDCode string `toml:"siteIDCode"`
	// ICP is the ICP record number (ICP备案号) shown in the footer.
	ICP string `toml:"icp"`
	// TimeZone names the IANA zone that dates without an offset are in, and
	// that publish times are shown in.
	TimeZone string `toml:"timeZone"`
	// PageSize is the number of items per column list page.
	PageSize int `toml:"pageSize"`
	// HomeItems is the number of latest items per column on the home page.
	HomeItems int `toml:"homeItems"`
	// AllowHTML lets raw HTML in markdown through to the page.
	AllowHTML bool `toml:"allowHTML"`
	// MaxAttachmentMB is the largest attachment `gazette check` accepts.
	MaxAttachmentMB int `toml:"maxAttachmentMB"`

	// PublicSecurityRecord is the 公安机关备案号, such as "川公网安备
	// 51070302000000号", shown in the footer and linked to its record page.
	PublicSecurityRecord string `toml:"publicSecurityRecord"`
	// PublicSecurityURL overrides the record page the number links to;
	// by default it is the national record site's page for the number.
	PublicSecurityURL string `toml:"publicSecurityURL"`
	// SitemapPage adds a site map page per language, /<lang>/sitemap/,
	// listing every column and sub-column, linked from the footer.
	SitemapPage bool `toml:"sitemapPage"`

	// Columns are the site's columns, in menu order; a site without
	// [[columns]] has notices, news and policies.
	Columns     []*Column            `toml:"columns"`
	Widgets     Widgets              `toml:"widgets"`
	Browsecount Browsecount          `toml:"browsecount"`
	Deploy      Deploy               `toml:"deploy"`
	Languages   map[string]*Language `toml:"languages"`

	// Warnings are problems that do not stop a build, such as a column
	// type outside the guideline's list; check and build report them.
	Warnings Errors `toml:"-"`

	location *time.Location
}

// Widgets are the two third-party scripts government sites embed. Each is
// off while its URL is empty; when set, the script loads asynchronously
// and the page works and stays valid without it.
type Widgets struct {
	// ErrorReport is the script URL of the national platform's
	// "我为政府网站找错" (report an error) widget; it gets the site's
	// siteIDCode.
	ErrorReport string `toml:"errorReport"`
	// IdentityBadge is the script URL of the 党政机关 identity badge
	// issued for the site, which draws into a placeholder in the footer.
	IdentityBadge string `toml:"identityBadge"`
}

// Browsecount configures where pages fetch their browse counts from.
type Browsecount struct {
	// Endpoint is the URL prefix of the browsecount API: a path on the
	// site's own origin (default "/api/browsecount") or an absolute URL.
	Endpoint string `toml:"endpoint"`
}

// Deploy holds publishing settings.
type Deploy struct {
	// HTMLMaxAge is the Cache-Control max-age, in seconds, for pages, feeds,
	// the sitemap and the manifest.
	HTMLMaxAge int `toml:"htmlMaxAge"`
}

// Language holds the settings of one language of the site.
type Language struct {
	// SiteName is the site's name in this language (header, footer, meta).
	SiteName string `toml:"siteName"`
	// Source is the issuing body `gazette new` fills in.
	Source string `toml:"source"`
	// Description is the site's description for search engines.
	Description string `toml:"description"`
	// Keywords are the site's default keywords.
	Keywords []string `toml:"keywords"`
	// Sponsor and Organizer are the 主办单位 and 承办单位 footer lines.
	Sponsor   string `toml:"sponsor"`
	Organizer string `toml:"organizer"`
	// Contact is the address of the contact page linked from the footer:
	// a path on the site or an absolute URL.
	Contact string `toml:"contact"`
}

// Location returns the site time zone.
func (c *Config) Location() *time.Location { return c.location }

// Error is a problem in config.toml, located by line when it can be.
type Error struct {
	File string
	Line int // 0 when unknown
	Key  string
	Msg  string

	// column is the 1-based position of the [[columns]] entry the key is
	// in, for finding its line; 0 for other keys.
	column int
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		fmt.Fprintf(&b, "%s: ", e.Key)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors lists every problem found, so one run shows them all.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Load reads siteDir/config.toml, fills defaults and validates it. Problems
// are returned as Errors naming the file, line and key.
func Load(siteDir string) (*Config, error) {
	name := filepath.Join(siteDir, FileName)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return Parse(name, data)
}

var tomlLine = regexp.MustCompile(`line (\d+) \(last key "([^"]*)"\): (.*)`)

// Parse decodes and validates settings; name is used in messages only.
func Parse(name string, data []byte) (*Config, error) {
	// A file saved on Windows ends its lines with CRLF. TOML keeps those
	// inside multi-line strings, which would then reach the pages, and
	// its errors would quote '\r'; read it as the same file with LF. Line
	// numbers do not change.
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	var c Config
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		e := &Error{File: name, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e.Line = pe.Position.Line
			e.Key = pe.LastKey
			e.Msg = pe.Message
		} else if m := tomlLine.FindStringSubmatch(err.Error()); m != nil {
			// Type mismatches come back as plain errors carrying the line.
			fmt.Sscan(m[1], &e.Line)
			e.Key, e.Msg = m[2], m[3]
		}
		return nil, Errors{e}
	}
	var errs Errors
	for _, k := range md.Undecoded() {
		errs = append(errs, &Error{File: name, Line: keyLine(data, k), Key: k.String(),
			Msg: "unknown setting" + suggest(k)})
	}
	c.setDefaults(md)
	locate := func(e *Error) *Error {
		e.File = name
		if e.column > 0 {
			e.Line = columnLine(data, e.column, strings.TrimPrefix(e.Key, "columns."))
		} else {
			e.Line = keyLine(data, strings.Split(e.Key, "."))
		}
		return e
	}
	errs = append(errs, mapSlice(c.validate(), locate)...)
	colErrs, colWarns := c.validateColumns()
	errs = append(errs, mapSlice(colErrs, locate)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return nil, errs
	}
	c.Warnings = mapSlice(colWarns, locate)
	return &c, nil
}

func (c *Config) setDefaults(md toml.MetaData) {
	if c.TimeZone == "" {
		c.TimeZone = "Asia/Shanghai"
	}
	if c.PageSize == 0 {
		c.PageSize = 20
	}
	if c.HomeItems == 0 {
		c.HomeItems = 6
	}
	if c.MaxAttachmentMB == 0 {
		c.MaxAttachmentMB = 20
	}
	if c.Browsecount.Endpoint == "" {
		c.Browsecount.Endpoint = "/api/browsecount"
	}
	// 0 is a valid max-age ("always revalidate"), so only a missing key defaults.
	if !md.IsDefined("deploy", "htmlMaxAge") {
		c.Deploy.HTMLMaxAge = 300
	}
	if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.SiteDomain == "" {
		if u, err := url.Parse(c.BaseURL); err == nil {
			c.SiteDomain = u.Host
		}
	}
	c.setColumnDefaults()
}

func mapSlice(es []*Error, f func(*Error) *Error) []*Error {
	out := make([]*Error, len(es))
	for i, e := range es {
		out[i] = f(e)
	}
	return out
}

func (c *Config) validate() []*Error {
	var errs []*Error
	bad := func(key, format string, args ...any) {
		errs = append(errs, &Error{Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	if u, err := url.Parse(c.BaseURL); c.BaseURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		bad("baseURL", "must be an absolute URL such as \"https://www.example.gov.cn/\", got %q", c.BaseURL)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		bad("timeZone", "unknown time zone %q (use an IANA name such as \"Asia/Shanghai\")", c.TimeZone)
	}
	c.location = loc
	if c.PageSize < 1 || c.PageSize > 1000 {
		bad("pageSize", "must be between 1 and 1000, got %d", c.PageSize)
	}
	if c.HomeItems < 1 || c.HomeItems > 100 {
		bad("homeItems", "must be between 1 and 100, got %d", c.HomeItems)
	}
	if c.MaxAttachmentMB < 1 {
		bad("maxAttachmentMB", "must be at least 1, got %d", c.MaxAttachmentMB)
	}
	if c.Deploy.HTMLMaxAge < 0 {
		bad("deploy.htmlMaxAge", "must not be negative, got %d", c.Deploy.HTMLMaxAge)
	}
	if ep := c.Browsecount.Endpoint; !strings.HasPrefix(ep, "/") {
		if u, err := url.Parse(ep); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("browsecount.endpoint", "must be a path such as \"/api/browsecount\" or an http(s) URL, got %q", ep)
		}
	}
	if strings.HasSuffix(c.Browsecount.Endpoint, "/") && len(c.Browsecount.Endpoint) > 1 {
		c.Browsecount.Endpoint = strings.TrimRight(c.Browsecount.Endpoint, "/")
	}
	for _, lang := range Languages {
		l := c.Languages[lang]
		if l == nil {
			bad("languages", "missing [languages.%s] with at least siteName", lang)
			continue
		}
		if strings.TrimSpace(l.SiteName) == "" {
			bad("languages."+lang+".siteName", "must not be empty")
		}
	}
	for _, w := range []struct{ key, url string }{
		{"widgets.errorReport", c.Widgets.ErrorReport},
		{"widgets.identityBadge", c.Widgets.IdentityBadge},
		{"publicSecurityURL", c.PublicSecurityURL},
	} {
		if w.url == "" {
			continue
		}
		if u, err := url.Parse(w.url); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad(w.key, "must be an absolute http(s) URL, got %q", w.url)
		}
	}
	if c.Widgets.ErrorReport != "" && c.SiteIDCode == "" {
		bad("widgets.errorReport", "the error-report widget needs siteIDCode (the site's 政府网站标识码)")
	}
	if r := c.PublicSecurityRecord; r != "" && c.PublicSecurityURL == "" && publicSecurityCode(r) == "" {
		bad("publicSecurityRecord", "%q holds no record code (the digits of \"川公网安备 51070302000000号\"); set publicSecurityURL to the record page instead", r)
	}
	for lang, l := range c.Languages {
		if l == nil || l.Contact == "" || strings.HasPrefix(l.Contact, "/") {
			continue
		}
		if u, err := url.Parse(l.Contact); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("languages."+lang+".contact", "must be a path on the site such as \"/%s/contact/\" or an http(s) URL, got %q", lang, l.Contact)
		}
	}
	for lang := range c.Languages {
		if !isLanguage(lang) {
			bad("languages."+lang, "unsupported language %q: Gazette publishes in %s", lang, strings.Join(Languages, " and "))
		}
	}
	return errs
}

func isLanguage(s string) bool {
	for _, l := range Languages {
		if l == s {
			return true
		}
	}
	return false
}

// known lists every setting, for "did you mean" suggestions.
var known = []string{"baseURL", "siteDomain", "siteIDCode", "icp", "timeZone", "pageSize",
	"homeItems", "allowHTML", "maxAttachmentMB", "browsecount", "endpoint", "deploy",
	"htmlMaxAge", "languages", "siteName", "source", "description", "keywords",
	"publicSecurityRecord", "publicSecurityURL", "sitemapPage", "widgets", "errorReport",
	"identityBadge", "sponsor", "organizer", "contact", "columns", "key", "parent", "name",
	"type", "home", "staleAfter", "kind"}

var recordCode = regexp.MustCompile(`\d{10,}`)

// publicSecurityCode is the record code inside a 公安备案号, or "".
func publicSecurityCode(record string) string {
	return recordCode.FindString(record)
}

// PublicSecurityLink is the page the 公安备案号 in the footer links to.
func (c *Config) PublicSecurityLink() string {
	if c.PublicSecurityURL != "" {
		return c.PublicSecurityURL
	}
	if code := publicSecurityCode(c.PublicSecurityRecord); code != "" {
		return "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=" + code
	}
	return ""
}

func suggest(k toml.Key) string {
	last := k[len(k)-1]
	best, bestD := "", 3
	for _, w := range known {
		if d := distance(strings.ToLower(last), strings.ToLower(w)); d < bestD {
			best, bestD = w, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// columnLine finds the line of key inside the n-th [[columns]] entry, or
// of the entry's header when the key is not written there.
func columnLine(data []byte, n int, key string) int {
	seen, header := 0, 0
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "[") {
			if seen == n {
				break // past the entry
			}
			if strings.ReplaceAll(strings.Trim(strings.SplitN(line, "#", 2)[0], " \t"), " ", "") == "[[columns]]" {
				seen++
				if seen == n {
					header = i + 1
				}
			}
			continue
		}
		if seen != n {
			continue
		}
		if eq := strings.IndexByte(line, '='); eq > 0 {
			k := strings.Trim(strings.TrimSpace(line[:eq]), `"`)
			if k == key || strings.HasPrefix(k, key+".") {
				return i + 1
			}
		}
	}
	return header
}

// keyLine finds the line where a dotted key is set, by following table
// headers and assignments in the text. BurntSushi/toml knows the position
// but does not export it; 0 means not found.
func keyLine(data []byte, key []string) int {
	table := ""
	full := strings.Join(key, ".")
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			h := strings.Trim(line, "[] \t")
			if j := strings.Index(h, "#"); j >= 0 {
				h = strings.TrimSpace(strings.Trim(h[:j], "[] \t"))
			}
			table = strings.ReplaceAll(h, " ", "")
			if table == full {
				return i + 1
			}
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			continue
		}
		k := strings.ReplaceAll(strings.Trim(strings.TrimSpace(line[:eq]), `"`), " ", "")
		if table != "" {
			k = table + "." + k
		}
		if k == full || strings.HasPrefix(full, k+".") {
			return i + 1
		}
	}
	return 0
}

// Quote writes s as a TOML basic string, the way config.toml and front
// matter spell text: double quotes, with quotes, backslashes and control
// characters escaped.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7F:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
