package counter

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// FetchViews asks a running browsecount at base (e.g.
// "https://www.example.gov.cn/api/browsecount") for the counts of ids, 100
// per request. Ids the service does not know are absent from the result.
// The build uses it to bake recent counts into pages.
func FetchViews(ctx context.Context, client *http.Client, base string, ids []string) (map[string]int64, error) {
	if client == nil {
		client = http.DefaultClient
	}
	base = strings.TrimRight(base, "/")
	out := make(map[string]int64, len(ids))
	for start := 0; start < len(ids); start += MaxViewIDs {
		q := url.Values{}
		for _, id := range ids[start:min(start+MaxViewIDs, len(ids))] {
			q.Add("id", id)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/views?"+q.Encode(), nil)
		if err != nil {
			return nil, fmt.Errorf("counter: bad browsecount URL %q: %w", base, err)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("counter: fetching counts from %s: %w", base, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("counter: reading counts from %s: %w", base, err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("counter: %s answered %s: %s", base, resp.Status, strings.TrimSpace(string(body)))
		}
		var v struct {
			Views map[string]int64 `json:"views"`
		}
		if err := json.Unmarshal(body, &v); err != nil {
			return nil, fmt.Errorf("counter: %s sent a malformed answer: %w", base, err)
		}
		for id, n := range v.Views {
			out[id] = n
		}
	}
	return out, nil
}
