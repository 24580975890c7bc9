package importer

import (
	"slices"
	"strings"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// columnDir returns the folder, under content/<lang>/, that holds the
// announcements of the column key, or a Problem naming the columns there
// are. It is the one place that maps a column to its folder.
func columnDir(cfg *config.Config, key string) (string, error) {
	if !slices.Contains(config.Columns, key) {
		return "", problem(messages.ImportBadColumn, key, strings.Join(config.Columns, ", "))
	}
	return key, nil
}

// columnNames are the names old sites give the columns in their
// ColumnName meta tag, by column key.
var columnNames = map[string][]string{
	"notices":  {"通知公告", "通知", "公告", "公示公告", "notices", "announcements", "notice"},
	"news":     {"政务动态", "工作动态", "新闻", "要闻", "新闻动态", "news", "updates"},
	"policies": {"政策文件", "政策", "文件", "规范性文件", "policies", "policy documents", "documents"},
}

// columnFromName returns the column key an old site's column name stands
// for, or "" when it is none of Gazette's.
func columnFromName(cfg *config.Config, name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, key := range config.Columns {
		if slices.Contains(columnNames[key], name) {
			return key
		}
	}
	return ""
}
