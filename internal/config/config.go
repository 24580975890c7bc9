// Package config reads and validates Gazette's own settings from a site's
// config.toml. Hugo never reads that file: the site package derives Hugo's
// configuration from the validated Config, so content staff see one small,
// checked file instead of Hugo's hundreds of knobs.
package config

import (
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

// Columns are the sections an announcement can belong to.
var Columns = []string{"notices", "news", "policies"}

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

	Browsecount Browsecount          `toml:"browsecount"`
	Deploy      Deploy               `toml:"deploy"`
	Languages   map[string]*Language `toml:"languages"`

	location *time.Location
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
}

// Location returns the site time zone.
func (c *Config) Location() *time.Location { return c.location }

// Error is a problem in config.toml, located by line when it can be.
type Error struct {
	File string
	Line int // 0 when unknown
	Key  string
	Msg  string
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
	for _, e := range c.validate() {
		e.File = name
		e.Line = keyLine(data, strings.Split(e.Key, "."))
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return nil, errs
	}
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
}

func (c *Config) validate() []*Error {
	var errs []*Error
	bad := func(key, format string, args ...any) {
		errs = append(errs, &Error{Key: key, Msg: fmt.Sprintf(format, args...)})
	}
	if u, err := url.Parse(c.BaseURL); c.BaseURL == "" || err != nil || !u.IsAbs() || u.Host == "" {
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
	"htmlMaxAge", "languages", "siteName", "source", "description", "keywords"}

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
