package importer

import (
	"net/url"
	"os"
	"testing"

	"gazette/internal/config"
	"gazette/internal/importer/docx"
)

// BenchmarkExtract reads one article page: a TRS page whose text is in a
// known container (GBK, with meta tags) and one that needs the
// main-content extractor.
func BenchmarkExtract(b *testing.B) {
	for _, tt := range []struct{ name, file string }{
		{"trs-container", "testdata/oldsite/tzgg/202406/t20240612_1001.html"},
		{"readability", "testdata/oldsite/xwdt/202405/t20240520_2001.html"},
	} {
		b.Run(tt.name, func(b *testing.B) {
			data, err := os.ReadFile(tt.file)
			if err != nil {
				b.Fatal(err)
			}
			u, _ := url.Parse("http://www.oldcity.gov.cn/" + tt.file)
			cfg, err := config.Parse("config.toml", []byte(siteConfig))
			if err != nil {
				b.Fatal(err)
			}
			opts := &PagesOptions{Options: Options{Config: cfg}}
			sel, _ := compileSelectors(Selectors{})
			conv := newConverter()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				doc, err := decodeHTML(data, "")
				if err != nil {
					b.Fatal(err)
				}
				c, ignore, skip := extract(doc, &fetched{url: u, body: data}, sel, opts)
				if c == nil {
					b.Fatalf("not an article: %v %v", ignore, skip)
				}
				if _, err := toMarkdown(conv, c.body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkConvertDocx converts the LibreOffice notice.
func BenchmarkConvertDocx(b *testing.B) {
	data, err := os.ReadFile("testdata/docx/water-notice-libreoffice.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := docx.Convert(data); err != nil {
			b.Fatal(err)
		}
	}
}
