package counter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"unicode/utf8"

	"gazette/internal/manifest"
)

// MaxBody is the largest POST /v1/hit body accepted; larger ones get 413.
const MaxBody = 1024

// MaxViewIDs is the most ids one GET /v1/views may ask for.
const MaxViewIDs = 100

// parseHit reads the body of POST /v1/hit: exactly one JSON object
// {"id":"<id>"} with a well-formed id. The error is the reason sent with 400.
func parseHit(body []byte) (string, error) {
	// What the page script sends, without escapes or spaces, is read
	// directly: it is almost every request, and the general decoder is a
	// fifth of a hit's own CPU. Anything else takes the decoder, which
	// gives the same result (FuzzParseHit checks that).
	if id, ok := plainHit(body); ok {
		if err := manifest.ValidID(id); err != nil {
			return "", fmt.Errorf("id %q: %v", id, err)
		}
		return id, nil
	}
	return decodeHit(body)
}

// plainHit matches {"id":"<s>"} where s is valid UTF-8 with no '"', '\\' or
// control characters, so that JSON decoding would return s unchanged.
func plainHit(body []byte) (string, bool) {
	const pre, post = `{"id":"`, `"}`
	if len(body) < len(pre)+len(post) || string(body[:len(pre)]) != pre || string(body[len(body)-len(post):]) != post {
		return "", false
	}
	s := body[len(pre) : len(body)-len(post)]
	for _, c := range s {
		if c == '"' || c == '\\' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(s) {
		return "", false
	}
	return string(s), true
}

// decodeHit is parseHit for any body, with encoding/json.
func decodeHit(body []byte) (string, error) {
	var req struct {
		ID *string `json:"id"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		if errors.Is(err, io.EOF) {
			return "", errors.New(`empty body, expected {"id":"<id>"}`)
		}
		return "", fmt.Errorf(`body is not {"id":"<id>"}: %v`, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", errors.New(`unexpected data after the JSON object, expected only {"id":"<id>"}`)
	}
	if req.ID == nil {
		return "", errors.New(`missing "id"`)
	}
	if err := manifest.ValidID(*req.ID); err != nil {
		return "", fmt.Errorf("id %q: %v", *req.ID, err)
	}
	return *req.ID, nil
}

// parseViews reads the query of GET /v1/views: 1 to MaxViewIDs "id"
// parameters, each well-formed. Repeated ids are kept once, in first order.
// Other parameters (cache busters) are ignored.
func parseViews(q url.Values) ([]string, error) {
	raw := q["id"]
	if len(raw) == 0 {
		return nil, errors.New(`missing "id" parameter, expected ?id=<id>&id=<id>…`)
	}
	if len(raw) > MaxViewIDs {
		return nil, fmt.Errorf("%d ids asked for, the limit is %d", len(raw), MaxViewIDs)
	}
	ids := make([]string, 0, len(raw))
	seen := make(map[string]bool, len(raw))
	for _, id := range raw {
		if err := manifest.ValidID(id); err != nil {
			return nil, fmt.Errorf("id %q: %v", id, err)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}
