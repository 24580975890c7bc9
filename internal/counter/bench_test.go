package counter_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"gazette/internal/counter"
	"gazette/internal/counter/store/sqlite"
	"gazette/internal/manifest"
)

// BenchmarkHitSQLite measures POST /v1/hit end to end in one process (HTTP
// over loopback, group commit, SQLite with fsync), every hit a new visitor.
// The load benchmark with separate processes is bench/browsecount.
func BenchmarkHitSQLite(b *testing.B) {
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	m := manifest.Manifest{Version: 1}
	for i := range 1000 {
		m.Pages = append(m.Pages, manifest.Page{ID: fmt.Sprintf("zh/p%d", i), Lang: "zh", Path: fmt.Sprintf("/zh/p%d/", i)})
	}
	srv, err := counter.New(counter.Config{ClientIPHeader: "X-Real-IP"}, st, m)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var visitor atomic.Int64
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			v := visitor.Add(1)
			req, _ := http.NewRequest("POST", hs.URL+"/v1/hit", strings.NewReader(fmt.Sprintf(`{"id":"zh/p%d"}`, v%1000)))
			req.Header.Set("User-Agent", browserUA)
			req.Header.Set("X-Real-IP", fmt.Sprintf("10.%d.%d.%d", v>>16&255, v>>8&255, v&255))
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
}
