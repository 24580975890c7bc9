package importer

import (
	"slices"
	"strings"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// columnDir returns the folder, under content/<lang>/, that holds the
// announcements of the column named key (a column key, or a sub-column's
// path), or a Problem naming the columns there are. It is the one place
// that maps a column to its folder.
func columnDir(cfg *config.Config, key string) (string, error) {
	col, ok := cfg.Column(key)
	if !ok {
		return "", problem(messages.ImportBadColumn, key, strings.Join(cfg.ColumnPaths(), ", "))
	}
	return col.Path(), nil
}

// commonNames are the names old sites give the columns of a site without
// [[columns]] in their ColumnName meta tag, by column key.
var commonNames = map[string][]string{
	"notices":  {"通知公告", "通知", "公告", "公示公告", "notices", "announcements", "notice"},
	"news":     {"政务动态", "工作动态", "新闻", "要闻", "新闻动态", "news", "updates"},
	"policies": {"政策文件", "政策", "文件", "规范性文件", "policies", "policy documents", "documents"},
}

// columnFromName returns the column (its key or path) an old site's
// column name stands for, or "" when it matches none: first a column's
// own name in either language, then its key, then the common names of the
// three default columns.
func columnFromName(cfg *config.Config, name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return ""
	}
	for _, col := range cfg.Columns {
		for _, n := range col.Name {
			if strings.ToLower(strings.TrimSpace(n)) == name {
				return col.Path()
			}
		}
		if col.Key == name {
			return col.Path()
		}
	}
	for _, col := range cfg.Columns {
		if slices.Contains(commonNames[col.Key], name) {
			return col.Path()
		}
	}
	return ""
}
