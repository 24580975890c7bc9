package content

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCheck checks a generated site of 10,000 announcements (5,000
// Chinese/English pairs), the size the project's build benchmark uses.
func BenchmarkCheck(b *testing.B) {
	dir := benchSite(b)
	b.ResetTimer()
	for b.Loop() {
		diags, err := Check(dir, Options{})
		if err != nil || len(diags) != 0 {
			b.Fatalf("%v %v", err, diags[:min(3, len(diags))])
		}
	}
}

// BenchmarkSymlinks is the scan the build runs before Hugo starts, on the
// same site.
func BenchmarkSymlinks(b *testing.B) {
	dir := benchSite(b)
	b.ResetTimer()
	for b.Loop() {
		links, err := Symlinks(dir, nil)
		if err != nil || len(links) != 0 {
			b.Fatalf("%v %v", err, links)
		}
	}
}

// benchSite writes 5,000 Chinese/English pairs of announcements.
func benchSite(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	zhBody := "## 一、基本情况\n\n各县（市、区）人民政府，市级各部门：现将有关事项通知如下，请认真贯彻执行。详见[附件](/files/form.pdf)。\n\n## 二、工作要求\n\n请于规定时间内完成。\n"
	enBody := "## Background\n\nThe municipal government announces the following. See the [form](/files/form.pdf).\n\n## Requirements\n\nPlease complete it in time.\n"
	for i := range 5000 {
		col := []string{"notices", "news", "policies"}[i%3]
		for lang, body := range map[string]string{"zh": zhBody, "en": enBody} {
			p := filepath.Join(dir, "content", lang, col, fmt.Sprintf("item-%05d.md", i))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			text := fmt.Sprintf("+++\ntitle = \"Announcement %d\"\ndate = 2024-01-02T09:00:00+08:00\nsource = \"Office\"\ntranslationKey = \"item-%05d\"\n+++\n\n%s", i, i, body)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "static", "files"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "files", "form.pdf"), []byte("%PDF"), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}
