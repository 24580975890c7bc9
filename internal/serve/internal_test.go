package serve

import (
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"notice.md", false},
		{"index.html", false},
		{"main.css", false},
		{"zh.toml", false},
		{"notice.md~", true},
		{".notice.md.swp", true},
		{"notice.md.swp", true},
		{".notice.md.swx", true},
		{".#notice.md", true},
		{"#notice.md#", true},
		{"4913", true},
		{".DS_Store", true},
		{"notice.md.tmp", true},
		{"notice.md___jb_tmp___", true},
		// What Windows puts beside content staff's files.
		{"~$申请表.docx", true},
		{"~WRL0001.tmp", true},
		{"Thumbs.db", true},
		{"thumbs.db", true},
		{"desktop.ini", true},
		{"~notice.md", false},
		{"申请表.docx", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ignored(tt.name); got != tt.want {
				t.Errorf("ignored(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestWatched classifies the slash paths the watcher derives from events,
// on Windows from names with \ separators: what can change the site.
func TestWatched(t *testing.T) {
	tests := []struct {
		rel  string
		want bool
	}{
		{"config.toml", true},
		{"content", true},
		{"content/zh/notices/2026-road-works.md", true},
		{"content/zh/policies/人才住房/申请表.pdf", true},
		{"layouts/_partials/footer.html", true},
		{"i18n/zh.toml", true},
		{"static/files/map.pdf", true},
		{"assets/css/main.css", true},
		{"README.md", false},
		{"config.toml.bak", false},
		{"public", false},
		{".gazette", false},
		{"contents", false},
		// On Linux a backslash is part of a name, not a separator: this
		// is one file at the top of the site.
		{`content\zh\notices\a.md`, false},
	}
	for _, tt := range tests {
		if got := watched(tt.rel); got != tt.want {
			t.Errorf("watched(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

func TestInject(t *testing.T) {
	tag := scriptTag("x-1")
	tests := []struct {
		name, page, want string
	}{
		{"before the last body end tag", "<p>a</p></body></html>", "<p>a</p>" + tag + "</body></html>"},
		{"upper case", "<P>a</BODY>", "<P>a" + tag + "</BODY>"},
		{"no body end tag", "<p>a", "<p>a" + tag},
		{"body end tag in text first", "<pre>&lt;/body></pre></body>", "<pre>&lt;/body></pre>" + tag + "</body>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(inject([]byte(tt.page), tag)); got != tt.want {
				t.Errorf("inject(%q)\n got %q\nwant %q", tt.page, got, tt.want)
			}
		})
	}
}

func TestErrorPageEscapesTheMessage(t *testing.T) {
	s := &Server{absSite: "/site", token: "t", log: slog.New(slog.DiscardHandler)}
	err := errors.New(`/site/layouts/page.html:2:5: unexpected "<script>alert(1)</script>" & more`)
	st := &state{gen: 3, err: err, message: s.relative(s.describe(err))}
	rec := httptest.NewRecorder()
	s.serveError(rec, st)
	body := rec.Body.String()
	if rec.Code != 500 {
		t.Errorf("status %d, want 500", rec.Code)
	}
	for _, want := range []string{
		`layouts/page.html:2:5: unexpected &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; more`,
		`<script src="/__gazette/livereload.js" data-build="t-3"></script>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("error page does not contain %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "/site/") {
		t.Errorf("error page has the raw message or the absolute folder:\n%s", body)
	}
}

func TestMountPath(t *testing.T) {
	tests := []struct{ endpoint, want string }{
		{"/api/browsecount", "/api/browsecount"},
		{"/api/browsecount/", "/api/browsecount"},
		{"api/browsecount", "/api/browsecount"},
		{"https://count.example.gov.cn/bc", "/bc"},
		{"https://count.example.gov.cn", defaultEndpoint},
		{"", defaultEndpoint},
	}
	for _, tt := range tests {
		if got := mountPath(tt.endpoint, slog.New(slog.DiscardHandler)); got != tt.want {
			t.Errorf("mountPath(%q) = %q, want %q", tt.endpoint, got, tt.want)
		}
	}
}
