package deploy

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"gazette/internal/messages"
)

// Phase orders uploads so that readers never see a page whose assets are
// missing, or a feed, sitemap or manifest naming a page that is not there yet.
// Each phase finishes before the next starts; deletions come after all.
type Phase int

const (
	PhaseAssets   Phase = iota // CSS, JS, images, fonts, attachments
	PhasePages                 // HTML
	PhaseFeeds                 // RSS (index.xml) and other XML
	PhaseSitemaps              // sitemap.xml
	PhaseRobots                // robots.txt
	PhaseManifest              // browsecount/manifest.json, search/LANG/meta.json
	numPhases
)

var phaseNames = [numPhases]string{"assets", "pages", "feeds", "sitemaps", "robots", "manifest"}

func (p Phase) String() string { return phaseNames[p] }

// phaseKeys name the phases in the plan and progress lines, which people
// read in their language; String stays English for errors.
var phaseKeys = [numPhases]messages.Key{
	messages.DeployPhaseAssets, messages.DeployPhasePages, messages.DeployPhaseFeeds,
	messages.DeployPhaseSitemaps, messages.DeployPhaseRobots, messages.DeployPhaseManifest,
}

// name is the phase's name in m's language.
func (p Phase) name(m *messages.Printer) string { return m.Sprintf(phaseKeys[p]) }

// phaseOf puts a site-relative path into its upload phase.
func phaseOf(rel string) Phase {
	base := path.Base(rel)
	switch {
	case rel == "browsecount/manifest.json", isSearchMeta(rel):
		return PhaseManifest
	case base == "robots.txt":
		return PhaseRobots
	case strings.HasPrefix(base, "sitemap") && strings.HasSuffix(base, ".xml"):
		return PhaseSitemaps
	case strings.HasSuffix(base, ".xml"):
		return PhaseFeeds
	case strings.HasSuffix(base, ".html") || strings.HasSuffix(base, ".htm"):
		return PhasePages
	}
	return PhaseAssets
}

// isSearchMeta reports whether rel is the entry point of a language's search
// index (docs/search.md), which names the index's other files: like the
// browse-count manifest it goes up after everything it names.
func isSearchMeta(rel string) bool {
	dir, base := path.Split(rel)
	return base == "meta.json" && strings.HasPrefix(dir, "search/") && strings.Count(dir, "/") == 2
}

// Headers are the HTTP headers an object is stored with. They are part of
// what a deploy compares: changing the cache lifetime re-uploads.
type Headers struct {
	ContentType     string `json:"contentType"`
	CacheControl    string `json:"cacheControl"`
	ContentEncoding string `json:"contentEncoding,omitempty"`
	// WebsiteRedirect is the page an old address (an alias) leads to: the
	// object store's website endpoint answers the object with a redirect
	// there (x-amz-website-redirect-location), before the page's own
	// refresh would.
	WebsiteRedirect string `json:"websiteRedirect,omitempty"`
}

// ImmutableCacheControl is sent for fingerprinted files: their name
// changes with their content, so they may be cached for good.
const ImmutableCacheControl = "public, max-age=31536000, immutable"

// fingerprinted matches the content hash gazette's layouts put in asset
// names: name.<64 hex>.ext.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{64}\.`)

// contentTypes is fixed here rather than read from the system's mime
// tables, which differ between machines and would make a deploy from CI
// and one from a laptop disagree.
var contentTypes = map[string]string{
	".html": "text/html", ".htm": "text/html",
	".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
	".json": "application/json", ".map": "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml", ".txt": "text/plain", ".csv": "text/csv", ".md": "text/markdown",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon", ".bmp": "image/bmp",
	".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
	".eot": "application/vnd.ms-fontobject",
	".pdf": "application/pdf", ".ofd": "application/ofd",
	".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".zip":  "application/zip", ".rar": "application/vnd.rar", ".7z": "application/x-7z-compressed",
	".mp3": "audio/mpeg", ".mp4": "video/mp4", ".webm": "video/webm", ".wasm": "application/wasm",
}

// isText reports whether a media type is text, which gets a charset and
// may be gzipped.
func isText(mediaType string) bool {
	switch mediaType {
	case "application/json", "application/xml", "application/manifest+json", "image/svg+xml":
		return true
	}
	return strings.HasPrefix(mediaType, "text/")
}

// headersFor returns the headers for a site-relative path. htmlMaxAge is
// the cache lifetime in seconds of everything not fingerprinted.
func headersFor(rel string, htmlMaxAge int, gzip bool) Headers {
	ext := strings.ToLower(path.Ext(rel))
	ct, ok := contentTypes[ext]
	if !ok {
		ct = "application/octet-stream"
	}
	h := Headers{ContentType: ct, CacheControl: fmt.Sprintf("public, max-age=%d", htmlMaxAge)}
	if isText(ct) {
		h.ContentType += "; charset=utf-8"
		if gzip {
			h.ContentEncoding = "gzip"
		}
	}
	if fingerprinted.MatchString(path.Base(rel)) {
		h.CacheControl = ImmutableCacheControl
	}
	return h
}
