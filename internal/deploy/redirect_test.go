package deploy_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/minio/minio-go/v7"

	"gazette/internal/manifest"
	"gazette/internal/redirect"
)

// TestRedirectHeader deploys the redirect pages of a page's old addresses
// (its aliases, from the manifest): the gateway stores them with the
// website-redirect header leading to the page, and as pages, whatever the
// old address's extension.
func TestRedirectHeader(t *testing.T) {
	f := newFixture(t, 3)
	name := filepath.Join(f.dir, "browsecount", "manifest.json")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	m.Pages[0].Aliases = []string{"/tzgg/202406/t20240612_1001.html", "/art/view.jsp", "/old/notice/"}
	target := m.Pages[0].Path
	var b bytes.Buffer
	if err := manifest.Write(&b, m); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(name, b.Bytes(), 0o644)
	for _, r := range redirect.Files(m, "https://www.example.gov.cn/") {
		p := filepath.Join(f.dir, filepath.FromSlash(r.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, r.Data, 0o644)
	}
	cfg := f.config()
	cfg.Gzip = true
	f.mustRun(cfg)

	c := f.gw.Client(t)
	for _, key := range []string{"tzgg/202406/t20240612_1001.html", "art/view.jsp", "old/notice/index.html"} {
		info, err := c.StatObject(context.Background(), f.bucket, key, minio.StatObjectOptions{})
		if err != nil {
			t.Fatalf("HEAD %s: %v", key, err)
		}
		if got := info.Metadata.Get("X-Amz-Website-Redirect-Location"); got != target {
			t.Errorf("%s: x-amz-website-redirect-location %q, want %q", key, got, target)
		}
		if info.ContentType != "text/html; charset=utf-8" || info.Metadata.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: stored as %q, encoding %q; want a gzipped page", key, info.ContentType, info.Metadata.Get("Content-Encoding"))
		}
	}
	page, err := c.StatObject(context.Background(), f.bucket, target[1:]+"index.html", minio.StatObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := page.Metadata.Get("X-Amz-Website-Redirect-Location"); got != "" {
		t.Errorf("the page itself redirects to %q", got)
	}
	// Nothing changed: nothing to upload.
	if res, _ := f.mustRun(cfg); res.Uploaded != 0 {
		t.Errorf("a second deploy uploaded %d objects", res.Uploaded)
	}
}
