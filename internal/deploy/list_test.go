package deploy

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/minio/minio-go/v7"

	"gazette/internal/deploy/deploytest"
)

// TestListRanges checks the parallel listing against a bucket that holds
// keys the hints do not know (they cost extra pages in their range, but
// are listed), and keys outside the prefix (not listed).
func TestListRanges(t *testing.T) {
	gw := deploytest.Start(t)
	url := gw.Bucket(t, "site")
	c := gw.Client(t)
	ctx := context.Background()
	put := func(key string) {
		if _, err := c.PutObject(ctx, "site", key, bytes.NewReader([]byte(key)), int64(len(key)), minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var hints []string
	want := map[string]bool{}
	for i := range 60 {
		key := fmt.Sprintf("p/%03d.html", i)
		put(key)
		want[key[2:]] = true
		if i < 20 || i >= 35 { // 15 keys in the middle are unknown to the hints
			hints = append(hints, key[2:])
		}
	}
	hints = append(hints, "9-not-in-the-bucket.html")
	put("other/x.html")
	put("p.html") // starts like the prefix, is outside it

	t.Setenv("AWS_ACCESS_KEY_ID", deploytest.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", deploytest.SecretKey)
	target, err := ParseTarget(url + "&prefix=p/")
	if err != nil {
		t.Fatal(err)
	}
	b, err := openBucket(target, 1)
	if err != nil {
		t.Fatal(err)
	}
	b.listPage = 10
	all := slices.Sorted(maps.Keys(want))
	for _, h := range [][]string{nil, hints, all} {
		before := b.requests.n.Load()
		got, err := b.list(ctx, h)
		if err != nil {
			t.Fatal(err)
		}
		if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, slices.Sorted(maps.Keys(want))) {
			t.Fatalf("with %d hints listed %v", len(h), keys)
		}
		for k, o := range got {
			if o.Size != int64(len("p/"+k)) || o.ETag == "" {
				t.Errorf("%s listed as %+v", k, o)
			}
		}
		// Hints that match the bucket cut it into ranges of one page each.
		if n := b.requests.n.Load() - before; len(h) == len(all) && n != 7 {
			t.Errorf("listing 60 keys in pages of 10 with exact hints took %d requests, want 7", n)
		}
	}
}
