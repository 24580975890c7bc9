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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ignored(tt.name); got != tt.want {
				t.Errorf("ignored(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
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
