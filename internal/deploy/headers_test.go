package deploy

import "testing"

func TestHeadersFor(t *testing.T) {
	const hash = "a0cd0f73449f33c55f0cc00469ab6bfbe63d0d21d6c13ebf6e5ae066a7bd0030"
	short := "public, max-age=300"
	tests := []struct {
		rel   string
		gzip  bool
		want  Headers
		phase Phase
	}{
		{"zh/notices/x/index.html", false, Headers{"text/html; charset=utf-8", short, "", ""}, PhasePages},
		{"zh/notices/x/index.html", true, Headers{"text/html; charset=utf-8", short, "gzip", ""}, PhasePages},
		{"css/site." + hash + ".css", true, Headers{"text/css; charset=utf-8", ImmutableCacheControl, "gzip", ""}, PhaseAssets},
		{"js/browsecount." + hash + ".js", false, Headers{"text/javascript; charset=utf-8", ImmutableCacheControl, "", ""}, PhaseAssets},
		{"images/logo." + hash + ".png", true, Headers{"image/png", ImmutableCacheControl, "", ""}, PhaseAssets},
		{"images/Logo.PNG", true, Headers{"image/png", short, "", ""}, PhaseAssets},
		{"css/site." + hash[:63] + ".css", false, Headers{"text/css; charset=utf-8", short, "", ""}, PhaseAssets},
		{"files/通知.pdf", true, Headers{"application/pdf", short, "", ""}, PhaseAssets},
		{"files/scan.ofd", false, Headers{"application/ofd", short, "", ""}, PhaseAssets},
		{"fonts/x.woff2", false, Headers{"font/woff2", short, "", ""}, PhaseAssets},
		{"images/x.svg", true, Headers{"image/svg+xml; charset=utf-8", short, "gzip", ""}, PhaseAssets},
		{"LICENSE", true, Headers{"application/octet-stream", short, "", ""}, PhaseAssets},
		{"zh/index.xml", false, Headers{"application/xml; charset=utf-8", short, "", ""}, PhaseFeeds},
		{"zh/notices/index.xml", false, Headers{"application/xml; charset=utf-8", short, "", ""}, PhaseFeeds},
		{"sitemap.xml", false, Headers{"application/xml; charset=utf-8", short, "", ""}, PhaseSitemaps},
		{"en/sitemap.xml", false, Headers{"application/xml; charset=utf-8", short, "", ""}, PhaseSitemaps},
		{"robots.txt", true, Headers{"text/plain; charset=utf-8", short, "gzip", ""}, PhaseRobots},
		{"browsecount/manifest.json", false, Headers{"application/json; charset=utf-8", short, "", ""}, PhaseManifest},
		{"data/other.json", false, Headers{"application/json; charset=utf-8", short, "", ""}, PhaseAssets},
		{"search/zh/meta.json", true, Headers{"application/json; charset=utf-8", short, "gzip", ""}, PhaseManifest},
		{"search/zh/d/12.json", true, Headers{"application/json; charset=utf-8", short, "gzip", ""}, PhaseAssets},
		{"search/zh/s." + hash + ".bin", true, Headers{"application/octet-stream", ImmutableCacheControl, "", ""}, PhaseAssets},
		{"search/fold." + hash + ".bin", false, Headers{"application/octet-stream", ImmutableCacheControl, "", ""}, PhaseAssets},
		{"zh/search/index.html", false, Headers{"text/html; charset=utf-8", short, "", ""}, PhasePages},
	}
	for _, tt := range tests {
		if got := headersFor(tt.rel, 300, tt.gzip); got != tt.want {
			t.Errorf("headersFor(%q, gzip=%v) = %+v, want %+v", tt.rel, tt.gzip, got, tt.want)
		}
		if got := phaseOf(tt.rel); got != tt.phase {
			t.Errorf("phaseOf(%q) = %v, want %v", tt.rel, got, tt.phase)
		}
	}
}
