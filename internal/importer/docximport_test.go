package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/internal/content"
	"gazette/internal/messages"
)

func docxOptions(site string, t *testing.T) Options {
	t.Helper()
	_, cfg := newSite(t)
	return Options{Site: site, Config: cfg, Column: "policies", Messages: messages.New(messages.EN),
		Now: func() time.Time { return time.Date(2024, 6, 20, 14, 35, 27, 0, cfg.Location()) }}
}

// TestImportDocx imports Word documents written by two programs, next
// to files that are not Word documents: the good ones become
// announcements, each bad one is named with its reason and nothing is
// written for it.
func TestImportDocx(t *testing.T) {
	site, _ := newSite(t)
	in := t.TempDir()
	if err := os.CopyFS(in, os.DirFS("testdata/docx")); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(filepath.Join(in, "water-notice-libreoffice.docx"))
	bad := map[string][]byte{
		"broken.docx":      good[:len(good)/3],
		"scan.docx":        []byte("%PDF-1.5\n% a scanned letter\n"),
		"old-format.docx":  append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 600)...),
		"empty-names.docx": zipOf(t, map[string]string{"readme.txt": "not a document"}),
		"saved-page.docx":  []byte("<html><body>通知</body></html>"),
	}
	for name, data := range bad {
		os.WriteFile(filepath.Join(in, name), data, 0o644)
	}
	files := []string{
		filepath.Join(in, "flood-notice-python-docx.docx"),
		filepath.Join(in, "broken.docx"),
		filepath.Join(in, "water-notice-libreoffice.docx"),
		filepath.Join(in, "scan.docx"),
		filepath.Join(in, "old-format.docx"),
		filepath.Join(in, "empty-names.docx"),
		filepath.Join(in, "missing.docx"),
		filepath.Join(in, "saved-page.docx"),
	}
	opts := docxOptions(site, t)
	rep, err := ImportDocx(context.Background(), opts, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := inputs(rep.Imported); !slices.Equal(got, []string{files[0], files[2]}) {
		t.Errorf("imported %q", got)
	}
	wantSkipped := map[string]messages.Key{
		files[1]: messages.ImportBrokenDocx,
		files[3]: messages.ImportNotDocx,
		files[4]: messages.ImportOldDoc,
		files[5]: messages.ImportNotDocx,
		files[6]: messages.ImportReadFailed,
		files[7]: messages.ImportNotDocx,
	}
	skipped := map[string]messages.Key{}
	for _, it := range rep.Skipped {
		skipped[it.Input] = problemKey(it.Err)
		for _, p := range []*messages.Printer{messages.New(messages.EN), messages.New(messages.ZH)} {
			if msg := describe(p, it.Err); !strings.Contains(msg, it.Input) {
				t.Errorf("the reason does not name %s: %s", it.Input, msg)
			}
		}
	}
	if !equalMaps(skipped, wantSkipped) {
		t.Errorf("skipped %v\nwant %v", skipped, wantSkipped)
	}
	var out strings.Builder
	rep.Print(&out, messages.New(messages.EN))
	for _, want := range []string{"a PDF file", "a web page or text file", "a ZIP archive", "Word 97-2003", "damaged", "save it as .docx"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report does not say %q:\n%s", want, out.String())
		}
	}
	// The python-docx notice lists two attachments whose files are not
	// beside it: a warning each.
	if len(rep.Warnings) != 2 || !strings.Contains(out.String(), "防汛物资储备清单") {
		t.Errorf("warnings %v, want the two missing attachments", rep.Warnings)
	}
	// Nothing was written for the bad files: only the two bundles exist.
	var written []string
	filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(site, p)
			written = append(written, filepath.ToSlash(rel))
		}
		return err
	})
	slices.Sort(written)
	want := []string{
		"content/zh/policies/flood-notice-python-docx/image-1.png",
		"content/zh/policies/flood-notice-python-docx/index.md",
		"content/zh/policies/water-notice-libreoffice/attachment-1.pdf",
		"content/zh/policies/water-notice-libreoffice/image-1.png",
		"content/zh/policies/water-notice-libreoffice/index.md",
	}
	if !slices.Equal(written, want) {
		t.Errorf("written %q\nwant %q", written, want)
	}

	loc := opts.Config.Location()
	water := readAnnouncement(t, filepath.Join(site, "content/zh/policies/water-notice-libreoffice/index.md"))
	if water.Title != "关于城区供水管网改造期间临时停水的公告" || water.DocNumber != "示水发〔2024〕8号" ||
		water.Source != "示例市水务局" || !water.Date.Equal(time.Date(2024, 6, 20, 14, 35, 0, 0, loc)) ||
		water.TranslationKey != "water-notice-libreoffice" ||
		!slices.Equal(water.Attachments, []Attachment{{"供水管网改造路段图", "attachment-1.pdf"}}) {
		t.Errorf("front matter %+v", water)
	}
	for _, s := range []string{"## 一、停水时间", "![城区停水区域示意图](image-1.png)", "[^1]: 改造管道总长约3.2公里"} {
		if !strings.Contains(water.body, s) {
			t.Errorf("the body lacks %q:\n%s", s, water.body)
		}
	}
	flood := readAnnouncement(t, filepath.Join(site, "content/zh/policies/flood-notice-python-docx/index.md"))
	if flood.DocNumber != "示府办发〔2024〕12号" || flood.Source != "示例市人民政府办公室" || len(flood.Attachments) != 0 {
		t.Errorf("front matter %+v", flood)
	}
	// The issuer (also the source) and the date written, as a TOML date.
	raw, _ := os.ReadFile(filepath.Join(site, "content/zh/policies/flood-notice-python-docx/index.md"))
	for _, value := range []string{"issuer = '示例市人民政府办公室'", "writtenDate = 2024-05-06\n"} {
		if !strings.Contains(string(raw), value) {
			t.Errorf("the front matter lacks %q:\n%s", value, raw)
		}
	}

	diags, err := content.Check(site, content.Options{Location: loc, Now: time.Date(2024, 7, 1, 0, 0, 0, 0, loc)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == content.Error {
			t.Errorf("gazette check: %s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
		}
	}

	// Again: nothing changes, the two are reported as there.
	before := tree(t, site)
	rep, err = ImportDocx(context.Background(), opts, files[:3])
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Imported) != 0 || len(rep.Existing) != 2 {
		t.Errorf("second run: imported %q, existing %q", inputs(rep.Imported), inputs(rep.Existing))
	}
	if !equalMaps(before, tree(t, site)) {
		t.Error("the second run changed the site")
	}
}

func TestImportDocxDryRunAndColumn(t *testing.T) {
	site, _ := newSite(t)
	opts := docxOptions(site, t)
	opts.DryRun = true
	opts.Lang = "en"
	rep, err := ImportDocx(context.Background(), opts, []string{"testdata/docx/water-notice-libreoffice.docx"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Imported) != 1 || !slices.Contains(rep.Imported[0].Files, "content/en/policies/water-notice-libreoffice/index.md") {
		t.Errorf("dry run lists %v", rep.Imported)
	}
	if _, err := os.Stat(filepath.Join(site, "content")); !os.IsNotExist(err) {
		t.Error("the dry run wrote content")
	}
	opts.Column = "press"
	if _, err := ImportDocx(context.Background(), opts, nil); err == nil || !strings.Contains(err.Error(), `"press"`) {
		t.Errorf("unknown column: %v", err)
	}
}

// zipOf makes a zip archive of name → content.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for name, text := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(text))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
