package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Column is one column (栏目) of the site: a folder of announcements under
// content/<lang>/, with its names, the meta tags the State Council's
// website guideline asks of column pages, and how it is listed and
// checked. The order of [[columns]] in config.toml is the order of the
// menu and the home page.
type Column struct {
	// Key is the column's folder name: lower-case letters, digits and
	// hyphens. Keys are unique across the site, sub-columns included.
	Key string `toml:"key"`
	// Parent is the key of the column this one sits under (one level
	// deep at most); its folder is then content/<lang>/<parent>/<key>/.
	Parent string `toml:"parent"`
	// Name, Description and Keywords are per language (zh, en). Name is
	// required; description and keywords fill the ColumnDescription and
	// ColumnKeywords meta tags, which fall back to the name.
	Name        map[string]string   `toml:"name"`
	Description map[string]string   `toml:"description"`
	Keywords    map[string][]string `toml:"keywords"`
	// Type is the ColumnType meta value (通知公告, 政策文件, 工作动态…):
	// free text; values outside the guideline's list are warned about.
	Type string `toml:"type"`
	// Home says whether the column has a block on the home page. It
	// defaults to true for top-level columns and false for sub-columns,
	// whose items show in their parent's block.
	Home *bool `toml:"home"`
	// PageSize overrides the site's pageSize for this column's list.
	PageSize int `toml:"pageSize"`
	// StaleAfter is how old the newest announcement may get before
	// `gazette check` calls the column stale: "14d", "2w", "6mo", "1y",
	// or "off". The default follows the 2019 inspection indicators: two
	// weeks for news-type columns, six months for the others.
	StaleAfter string `toml:"staleAfter"`
	// Kind is "list" (the default) or "policy": a policy column's pages
	// start with the 信息公开 metadata table.
	Kind string `toml:"kind"`

	stale Age
	// builtin marks the three columns of a site without [[columns]]:
	// their names come from the theme's strings.
	builtin bool
}

// Column kinds.
const (
	KindList   = "list"
	KindPolicy = "policy"
)

// Path is the column's folder under content/<lang>/: its key, or
// "<parent>/<key>" for a sub-column.
func (c *Column) Path() string {
	if c.Parent != "" {
		return c.Parent + "/" + c.Key
	}
	return c.Key
}

// OnHome reports whether the column has a block on the home page.
func (c *Column) OnHome() bool {
	if c.Home != nil {
		return *c.Home
	}
	return c.Parent == ""
}

// Stale returns how old the column's newest announcement may be.
func (c *Column) Stale() Age { return c.stale }

// Age is a span of calendar time: months and days, as the inspection
// indicators count them ("six months", "two weeks"). The zero Age with
// Off set means the check is off.
type Age struct {
	Months, Days int
	Off          bool
}

// Before returns the instant that lies a before t.
func (a Age) Before(t time.Time) time.Time { return t.AddDate(0, -a.Months, -a.Days) }

// String writes a as config.toml spells it.
func (a Age) String() string {
	switch {
	case a.Off:
		return "off"
	case a.Months > 0 && a.Months%12 == 0:
		return fmt.Sprintf("%dy", a.Months/12)
	case a.Months > 0:
		return fmt.Sprintf("%dmo", a.Months)
	case a.Days%7 == 0:
		return fmt.Sprintf("%dw", a.Days/7)
	}
	return fmt.Sprintf("%dd", a.Days)
}

var ageSyntax = regexp.MustCompile(`^(\d+)\s*(d|w|mo|y)$`)

// parseAge reads "14d", "2w", "6mo", "1y" or "off".
func parseAge(s string) (Age, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "off" {
		return Age{Off: true}, nil
	}
	m := ageSyntax.FindStringSubmatch(s)
	if m == nil {
		return Age{}, fmt.Errorf("%q is not an age: write a number and d, w, mo or y (\"14d\", \"2w\", \"6mo\", \"1y\"), or \"off\"", s)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n < 1 || n > 1200 {
		return Age{}, fmt.Errorf("%q is out of range", s)
	}
	switch m[2] {
	case "d":
		return Age{Days: n}, nil
	case "w":
		return Age{Days: 7 * n}, nil
	case "mo":
		return Age{Months: n}, nil
	}
	return Age{Months: 12 * n}, nil
}

// ColumnTypes are the ColumnType values the 47号 guideline's annex lists.
// Its list ends in "…", so others are allowed, with a warning.
var ColumnTypes = []string{"首页", "概况信息", "机构职能", "负责人信息", "工作动态", "政策文件",
	"信息公开指南", "信息公开目录", "信息公开年报", "依法申请公开", "数据发布", "数据开放", "政策解读",
	"回应关切", "办事服务", "咨询投诉", "征集调查", "在线访谈", "通知公告", "信息公开"}

// newsTypes are the column types the 2019 indicators expect to change
// every two weeks; other columns are late after six months.
var newsTypes = []string{"工作动态", "政务动态", "要闻", "新闻", "动态"}

// isNewsType reports whether a ColumnType counts as news for freshness.
func isNewsType(t string) bool {
	for _, n := range newsTypes {
		if strings.Contains(t, n) {
			return true
		}
	}
	return false
}

// DefaultColumns are the columns of a site without [[columns]]: notices
// (通知公告), news (政务动态) and policies (政策文件), named by the theme.
func DefaultColumns() []*Column {
	cols := []*Column{
		{Key: "notices", Type: "通知公告", builtin: true},
		{Key: "news", Type: "工作动态", builtin: true},
		{Key: "policies", Type: "政策文件", builtin: true},
	}
	for _, col := range cols {
		col.Kind = KindList
		col.stale = defaultAge(col.Type)
	}
	return cols
}

// defaultAge is the freshness limit of a column type under the 2019
// indicators: two weeks for news, six months for the rest.
func defaultAge(columnType string) Age {
	if isNewsType(columnType) {
		return Age{Days: 14}
	}
	return Age{Months: 6}
}

// reservedKeys are top-level folders of the built site that a column may
// not take: pages Gazette renders there, or its asset folders.
var reservedKeys = []string{"search", "sitemap", "page", "css", "js", "files", "browsecount", "api", "tags", "categories"}

var validKey = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// setColumnDefaults fills what [[columns]] left out.
func (c *Config) setColumnDefaults() {
	if len(c.Columns) == 0 {
		c.Columns = DefaultColumns()
	}
	for _, col := range c.Columns {
		if col.Kind == "" {
			col.Kind = KindList
		}
	}
}

// validateColumns checks [[columns]]; idx is the column's position, for
// locating its line.
func (c *Config) validateColumns() (errs, warns []*Error) {
	bad := func(i int, key, format string, args ...any) {
		errs = append(errs, &Error{Key: key, Msg: fmt.Sprintf(format, args...), column: i + 1})
	}
	byKey := map[string]*Column{}
	for i, col := range c.Columns {
		if !validKey.MatchString(col.Key) {
			bad(i, "columns.key", "column %d: key %q must be lower-case letters, digits and hyphens, such as \"notices\" (it is the column's folder and URL)", i+1, col.Key)
			continue
		}
		if slices.Contains(reservedKeys, col.Key) {
			bad(i, "columns.key", "column key %q is taken by the site itself; choose another", col.Key)
		}
		if byKey[col.Key] != nil {
			bad(i, "columns.key", "column key %q is used twice; keys must be unique, sub-columns included", col.Key)
		}
		byKey[col.Key] = col
	}
	for i, col := range c.Columns {
		if col.Parent != "" {
			p := byKey[col.Parent]
			switch {
			case p == nil:
				bad(i, "columns.parent", "column %q: parent %q is no column key", col.Key, col.Parent)
			case p.Parent != "":
				bad(i, "columns.parent", "column %q: parent %q is itself a sub-column; columns nest one level deep", col.Key, col.Parent)
			case p == col:
				bad(i, "columns.parent", "column %q cannot be its own parent", col.Key)
			}
		}
		if !col.builtin {
			for _, lang := range Languages {
				if strings.TrimSpace(col.Name[lang]) == "" {
					bad(i, "columns.name", "column %q needs a name in every language: name = { zh = \"…\", en = \"…\" } (missing %s)", col.Key, lang)
				}
			}
		}
		for _, m := range []struct {
			key  string
			keys []string
		}{{"columns.name", slices.Sorted(maps.Keys(col.Name))}, {"columns.description", slices.Sorted(maps.Keys(col.Description))}, {"columns.keywords", slices.Sorted(maps.Keys(col.Keywords))}} {
			for _, l := range m.keys {
				if !isLanguage(l) {
					bad(i, m.key, "column %q: unsupported language %q (Gazette publishes in %s)", col.Key, l, strings.Join(Languages, " and "))
				}
			}
		}
		switch col.Kind {
		case KindList, KindPolicy:
		default:
			bad(i, "columns.kind", "column %q: kind must be \"list\" or \"policy\", got %q", col.Key, col.Kind)
		}
		if col.PageSize != 0 && (col.PageSize < 1 || col.PageSize > 1000) {
			bad(i, "columns.pageSize", "column %q: pageSize must be between 1 and 1000, got %d", col.Key, col.PageSize)
		}
		if strings.TrimSpace(col.Type) == "" {
			bad(i, "columns.type", "column %q needs a type, the ColumnType meta value (such as %q)", col.Key, "通知公告")
		} else if !slices.Contains(ColumnTypes, col.Type) {
			warns = append(warns, &Error{Key: "columns.type", column: i + 1,
				Msg: fmt.Sprintf("column %q: type %q is not among the ColumnType values of the guideline (%s); inspectors' tools may not recognise it", col.Key, col.Type, strings.Join(ColumnTypes, "、"))})
		}
		if col.StaleAfter == "" {
			col.stale = defaultAge(col.Type)
		} else if a, err := parseAge(col.StaleAfter); err != nil {
			bad(i, "columns.staleAfter", "column %q: staleAfter %v", col.Key, err)
		} else {
			col.stale = a
		}
	}
	return errs, warns
}

// Column returns the column with the given key, or, for a sub-column,
// its path "<parent>/<key>".
func (c *Config) Column(key string) (*Column, bool) {
	for _, col := range c.Columns {
		if col.Key == key || col.Path() == key {
			return col, true
		}
	}
	return nil, false
}

// ColumnByPath returns the column whose folder under content/<lang>/ is
// path.
func (c *Config) ColumnByPath(path string) (*Column, bool) {
	for _, col := range c.Columns {
		if col.Path() == path {
			return col, true
		}
	}
	return nil, false
}

// Children returns the sub-columns of the column key, in order.
func (c *Config) Children(key string) []*Column {
	var kids []*Column
	for _, col := range c.Columns {
		if col.Parent == key {
			kids = append(kids, col)
		}
	}
	return kids
}

// ColumnPaths lists every column's folder, in order.
func (c *Config) ColumnPaths() []string {
	paths := make([]string, len(c.Columns))
	for i, col := range c.Columns {
		paths[i] = col.Path()
	}
	return paths
}
