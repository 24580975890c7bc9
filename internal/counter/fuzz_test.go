package counter

import (
	"net/url"
	"testing"

	"gazette/internal/manifest"
)

// FuzzParseHit checks that any body either yields a valid id or an error,
// never a panic or an id the manifest could not hold.
func FuzzParseHit(f *testing.F) {
	f.Add([]byte(`{"id":"zh/2019-expert-forum"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		id, err := parseHit(body)
		if _, serr := decodeHit(body); (err == nil) != (serr == nil) {
			t.Fatalf("parseHit(%q) error %v, but encoding/json gives error %v", body, err, serr)
		}
		if err != nil {
			if id != "" {
				t.Fatalf("parseHit(%q) returned id %q with error %v", body, id, err)
			}
			return
		}
		if verr := manifest.ValidID(id); verr != nil {
			t.Fatalf("parseHit(%q) accepted an invalid id %q: %v", body, id, verr)
		}
		// The fast path must agree with encoding/json.
		if slow, serr := decodeHit(body); serr != nil || slow != id {
			t.Fatalf("parseHit(%q) = %q, but encoding/json gives %q, %v", body, id, slow, serr)
		}
	})
}

// FuzzParseViews does the same for the query string of GET /v1/views.
func FuzzParseViews(f *testing.F) {
	f.Add("id=zh/a&id=en/b")
	f.Fuzz(func(t *testing.T, query string) {
		q, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		ids, err := parseViews(q)
		if err != nil {
			return
		}
		if len(ids) == 0 || len(ids) > MaxViewIDs {
			t.Fatalf("parseViews(%q) returned %d ids", query, len(ids))
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Fatalf("parseViews(%q) returned %q twice", query, id)
			}
			seen[id] = true
			if verr := manifest.ValidID(id); verr != nil {
				t.Fatalf("parseViews(%q) accepted an invalid id %q: %v", query, id, verr)
			}
		}
	})
}
