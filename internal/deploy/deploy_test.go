package deploy_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/minio/minio-go/v7"

	"gazette/internal/deploy"
	"gazette/internal/deploy/deploytest"
	"gazette/internal/messages"
)

// env gives deploy the gateway's credentials the way CI does (through the
// environment) and hides this machine's AWS files.
func env(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", deploytest.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", deploytest.SecretKey)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	none := filepath.Join(t.TempDir(), "none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
	t.Setenv("AWS_CONFIG_FILE", none)
}

// fixture is a gateway, a bucket behind a recording proxy, and a site.
type fixture struct {
	t      *testing.T
	gw     *deploytest.Gateway
	proxy  *deploytest.Proxy
	bucket string
	site   *deploytest.Site
	dir    string
	out    bytes.Buffer // everything every deploy printed, errors included
}

func newFixture(t *testing.T, announcements int) *fixture {
	t.Helper()
	env(t)
	f := &fixture{t: t, gw: deploytest.Start(t), bucket: "site", site: deploytest.NewSite(announcements), dir: t.TempDir()}
	f.gw.Bucket(t, f.bucket)
	f.proxy = deploytest.NewProxy(t, f.gw)
	f.write()
	return f
}

func (f *fixture) write() {
	f.t.Helper()
	if err := f.site.Write(f.dir); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) config() deploy.Config {
	f.t.Helper()
	target, err := deploy.ParseTarget(f.proxy.Target(f.bucket))
	if err != nil {
		f.t.Fatal(err)
	}
	return deploy.Config{
		Dir:        f.dir,
		Target:     target,
		MaxDeletes: deploy.DefaultMaxDeletes,
		HTMLMaxAge: deploy.DefaultHTMLMaxAge,
		MaxRetries: 2,
	}
}

// run deploys with cfg and returns the result, this run's output, and
// the requests it made (which it checks against the result's count).
func (f *fixture) run(cfg deploy.Config) (deploy.Result, string, []deploytest.Request, error) {
	f.t.Helper()
	f.proxy.Requests()
	var out bytes.Buffer
	cfg.Out = &out
	res, err := deploy.Run(context.Background(), cfg)
	if err != nil {
		out.WriteString(err.Error())
	}
	f.out.Write(out.Bytes())
	reqs := f.proxy.Requests()
	if int64(len(reqs)) != res.Requests {
		f.t.Errorf("result counts %d requests, the server saw %d", res.Requests, len(reqs))
	}
	return res, out.String(), reqs, err
}

func (f *fixture) mustRun(cfg deploy.Config) (deploy.Result, []deploytest.Request) {
	f.t.Helper()
	res, out, reqs, err := f.run(cfg)
	if err != nil {
		f.t.Fatalf("deploy: %v\n%s", err, out)
	}
	return res, reqs
}

// localFiles maps each site file to its bytes.
func (f *fixture) localFiles() map[string][]byte {
	f.t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(f.dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return files
}

// checkBucket asserts that the bucket holds exactly the site (plus the
// deploy state), byte for byte.
func (f *fixture) checkBucket(prefix string) {
	f.t.Helper()
	ctx := context.Background()
	c := f.gw.Client(f.t)
	want := f.localFiles()
	var got []string
	for o := range c.ListObjects(ctx, f.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if o.Err != nil {
			f.t.Fatal(o.Err)
		}
		got = append(got, strings.TrimPrefix(o.Key, prefix))
	}
	wantKeys := []string{deploy.StateKey}
	for k := range want {
		wantKeys = append(wantKeys, k)
	}
	sort.Strings(got)
	sort.Strings(wantKeys)
	if !slices.Equal(got, wantKeys) {
		f.t.Fatalf("bucket keys differ from the site:\n got %d: %v\nwant %d: %v", len(got), head(got), len(wantKeys), head(wantKeys))
	}
	for k, body := range want {
		obj, err := c.GetObject(ctx, f.bucket, prefix+k, minio.GetObjectOptions{})
		if err != nil {
			f.t.Fatal(err)
		}
		b, err := io.ReadAll(obj)
		obj.Close()
		if err != nil {
			f.t.Fatalf("get %s: %v", k, err)
		}
		if !bytes.Equal(b, body) {
			f.t.Errorf("object %s differs from the site file", k)
		}
	}
}

func head(s []string) []string { return s[:min(len(s), 12)] }

// written returns the keys of objects written (PUT), in order, without
// the deploy state.
func written(reqs []deploytest.Request) []string {
	var keys []string
	for _, r := range reqs {
		if r.Method == "PUT" && r.Key != deploy.StateKey {
			keys = append(keys, r.Key)
		}
	}
	return keys
}

func changes(reqs []deploytest.Request) []deploytest.Request {
	var out []deploytest.Request
	for _, r := range reqs {
		if r.Method != "GET" && r.Method != "HEAD" {
			out = append(out, r)
		}
	}
	return out
}

// changed lists the site files whose bytes differ between two snapshots
// (added or modified), sorted.
func changed(before, after map[string][]byte) []string {
	var keys []string
	for k, b := range after {
		if a, ok := before[k]; !ok || !bytes.Equal(a, b) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// rank ranks a key the way deploy orders uploads.
func rank(key string) int {
	base := path.Base(key)
	switch {
	case key == "browsecount/manifest.json":
		return 5
	case base == "robots.txt":
		return 4
	case strings.HasPrefix(base, "sitemap"):
		return 3
	case strings.HasSuffix(base, ".xml"):
		return 2
	case strings.HasSuffix(base, ".html"):
		return 1
	}
	return 0
}

func checkOrder(t *testing.T, keys []string) {
	t.Helper()
	for i := 1; i < len(keys); i++ {
		if rank(keys[i]) < rank(keys[i-1]) {
			t.Fatalf("upload order: %s went up after %s", keys[i], keys[i-1])
		}
	}
}

func TestDeploy(t *testing.T) {
	f := newFixture(t, 40)
	cfg := f.config()

	t.Run("first deploy uploads everything", func(t *testing.T) {
		res, reqs := f.mustRun(cfg)
		files := f.localFiles()
		if res.Uploaded != len(files) || res.Unchanged != 0 || res.Deleted != 0 {
			t.Fatalf("result %+v, want %d uploads", res, len(files))
		}
		// Written once each, in phase order (uploads within a phase run
		// in parallel, so the server sees phases, not keys, in order).
		w := written(reqs)
		if len(w) != len(files) {
			t.Fatalf("%d objects written, want %d", len(w), len(files))
		}
		checkOrder(t, w)
		f.checkBucket("")
	})

	t.Run("no change uploads nothing", func(t *testing.T) {
		res, reqs := f.mustRun(cfg)
		if res.Uploaded != 0 || res.Deleted != 0 || res.Unchanged != len(f.localFiles()) {
			t.Fatalf("result %+v, want all unchanged", res)
		}
		if c := changes(reqs); len(c) != 0 {
			t.Fatalf("a deploy without change wrote: %v", c)
		}
		// One read of the state and one page of listing.
		if len(reqs) != 2 {
			t.Fatalf("%d requests, want 2: %v", len(reqs), reqs)
		}
	})

	t.Run("an edit uploads only the pages showing it", func(t *testing.T) {
		before := f.localFiles()
		f.site.Edit(7)
		f.write()
		want := changed(before, f.localFiles())
		page := f.site.PagePath("zh", 7)
		// The page, its column list, the column and home feeds, the sitemap.
		if !slices.Contains(want, page) || len(want) < 5 {
			t.Fatalf("the synthetic site changed %v on an edit", want)
		}
		res, reqs := f.mustRun(cfg)
		w := written(reqs)
		if !slices.Equal(sorted(w), want) {
			t.Fatalf("uploaded %v\nwant exactly %v", w, want)
		}
		for _, k := range w {
			if rank(k) == 0 {
				t.Errorf("asset %s uploaded after a text edit", k)
			}
		}
		checkOrder(t, w)
		if res.Uploaded != len(want) || res.Unchanged != len(before)-len(want) {
			t.Fatalf("result %+v", res)
		}
		f.checkBucket("")
	})

	t.Run("a removed announcement is deleted", func(t *testing.T) {
		f.site.Remove(3)
		f.write()
		res, reqs := f.mustRun(cfg)
		if res.Deleted != 2 {
			t.Fatalf("deleted %d, want the zh and en pages", res.Deleted)
		}
		// Deletions come last: after the manifest.
		c := changes(reqs)
		var sawDelete bool
		for _, r := range c {
			switch {
			case r.Method == "POST" && strings.Contains(r.Query, "delete"):
				sawDelete = true
			case r.Method == "PUT" && r.Key != deploy.StateKey && sawDelete:
				t.Fatalf("%s uploaded after deletions", r.Key)
			}
		}
		if !sawDelete {
			t.Fatalf("no delete request among %v", c)
		}
		if w := written(reqs); !slices.Contains(w, "browsecount/manifest.json") {
			t.Errorf("manifest not uploaded after a removal: %v", w)
		}
		f.checkBucket("")
	})

	t.Run("dry run changes nothing", func(t *testing.T) {
		f.site.Edit(8)
		f.site.Remove(4)
		f.write()
		dry := cfg
		dry.DryRun = true
		res, out, reqs, err := f.run(dry)
		if err != nil {
			t.Fatal(err)
		}
		if c := changes(reqs); len(c) != 0 {
			t.Fatalf("dry run wrote: %v", c)
		}
		for _, want := range []string{"upload  pages    " + f.site.PagePath("zh", 8) + " (changed)", "delete  " + f.site.PagePath("en", 4), "dry run: nothing changed"} {
			if !strings.Contains(out, want) {
				t.Errorf("dry-run output lacks %q:\n%s", want, out)
			}
		}
		if res.Uploaded != 0 || res.Deleted != 0 {
			t.Fatalf("dry run result %+v", res)
		}
		// The same plan for a person who reads Chinese.
		dry.Messages = messages.New(messages.ZH)
		_, out, reqs, err = f.run(dry)
		if err != nil {
			t.Fatal(err)
		}
		if c := changes(reqs); len(c) != 0 {
			t.Fatalf("dry run wrote: %v", c)
		}
		for _, want := range []string{"计划：上传 ", "，删除 2 个，", "上传  页面     " + f.site.PagePath("zh", 8) + "（内容有改动）", "删除  " + f.site.PagePath("en", 4), "试运行：没有做任何更改"} {
			if !strings.Contains(out, want) {
				t.Errorf("Chinese dry-run output lacks %q:\n%s", want, out)
			}
		}
		f.mustRun(cfg)
		f.checkBucket("")
	})

	t.Run("deletions past --max-deletes are refused", func(t *testing.T) {
		for i := 10; i < 15; i++ {
			f.site.Remove(i)
		}
		f.write()
		limited := cfg
		limited.MaxDeletes = 9
		_, out, reqs, err := f.run(limited)
		var tooMany *deploy.TooManyDeletesError
		if !errors.As(err, &tooMany) || tooMany.Deletes != 10 {
			t.Fatalf("err = %v, want a refusal of 10 deletions", err)
		}
		if !strings.Contains(out, "--max-deletes 9") {
			t.Errorf("refusal does not name the limit:\n%s", out)
		}
		if c := changes(reqs); len(c) != 0 {
			t.Fatalf("a refused deploy wrote: %v", c)
		}
		limited.MaxDeletes = 10
		if res, _ := f.mustRun(limited); res.Deleted != 10 {
			t.Fatalf("deleted %d, want 10", res.Deleted)
		}
		f.checkBucket("")
	})

	if strings.Contains(f.out.String(), deploytest.SecretKey) {
		t.Fatal("the secret key appears in deploy's output")
	}
}

func TestHeaders(t *testing.T) {
	for _, gz := range []bool{false, true} {
		name := "plain"
		if gz {
			name = "gzip"
		}
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, 6)
			cfg := f.config()
			cfg.Gzip = gz
			cfg.HTMLMaxAge = 120
			f.mustRun(cfg)
			c := f.gw.Client(t)
			for k, body := range f.localFiles() {
				info, err := c.StatObject(context.Background(), f.bucket, k, minio.StatObjectOptions{})
				if err != nil {
					t.Fatalf("HEAD %s: %v", k, err)
				}
				wantType, text := map[string]string{
					".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
					".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
					".json": "application/json; charset=utf-8", ".txt": "text/plain; charset=utf-8",
					".png": "image/png", ".jpg": "image/jpeg", ".pdf": "application/pdf", ".ico": "image/x-icon",
				}[path.Ext(k)], strings.Contains(info.ContentType, "charset")
				if wantType == "" {
					t.Fatalf("test knows no type for %s", k)
				}
				if info.ContentType != wantType {
					t.Errorf("%s: Content-Type %q, want %q", k, info.ContentType, wantType)
				}
				wantCache := "public, max-age=120"
				if strings.HasPrefix(k, "css/site.") || strings.HasPrefix(k, "js/browsecount.") {
					wantCache = "public, max-age=31536000, immutable"
				}
				if cc := info.Metadata.Get("Cache-Control"); cc != wantCache {
					t.Errorf("%s: Cache-Control %q, want %q", k, cc, wantCache)
				}
				sum := sha256.Sum256(body)
				if got := info.UserMetadata["Gazette-Sha256"]; got != hex.EncodeToString(sum[:]) {
					t.Errorf("%s: x-amz-meta-gazette-sha256 %q, want the file's sha256", k, got)
				}
				wantEnc := ""
				if gz && text {
					wantEnc = "gzip"
				}
				if enc := info.Metadata.Get("Content-Encoding"); enc != wantEnc {
					t.Errorf("%s: Content-Encoding %q, want %q", k, enc, wantEnc)
				}
				if wantEnc == "gzip" {
					obj, err := c.GetObject(context.Background(), f.bucket, k, minio.GetObjectOptions{})
					if err != nil {
						t.Fatal(err)
					}
					zr, err := gzip.NewReader(obj)
					if err != nil {
						t.Fatalf("%s: stored bytes are not gzip: %v", k, err)
					}
					got, err := io.ReadAll(zr)
					obj.Close()
					if err != nil || !bytes.Equal(got, body) {
						t.Errorf("%s: gunzipped object differs from the file (%v)", k, err)
					}
				}
			}
			// Changing the cache lifetime re-uploads what it applies to, and only that.
			cfg.HTMLMaxAge = 60
			res, reqs := f.mustRun(cfg)
			for _, k := range written(reqs) {
				if strings.HasPrefix(k, "css/site.") || strings.HasPrefix(k, "js/browsecount.") {
					t.Errorf("fingerprinted %s re-uploaded for a new max-age", k)
				}
			}
			if res.Uploaded != len(f.localFiles())-2 {
				t.Errorf("a new max-age uploaded %d objects, want all but the 2 fingerprinted", res.Uploaded)
			}
		})
	}
}

// TestFailureHalfWay stops the server in the middle of a deploy: the
// deploy reports what failed and exits with an error, and the next one,
// against the restarted server, completes the work.
func TestFailureHalfWay(t *testing.T) {
	f := newFixture(t, 30)
	cfg := f.config()

	// Stop the gateway when the 15th object is written: the assets (7)
	// are up, the pages are going.
	var puts atomic.Int32
	f.proxy.Before = func(r deploytest.Request) {
		if r.Method == "PUT" && puts.Add(1) == 15 {
			f.gw.Stop()
		}
	}
	_, out, _, err := f.run(cfg)
	var inc *deploy.IncompleteError
	if !errors.As(err, &inc) || inc.Step != "pages" {
		t.Fatalf("err = %v, want an incomplete deploy in the pages phase", err)
	}
	if !strings.Contains(out, "run the deploy again") || !regexp.MustCompile(`upload \S+\.html: `).MatchString(out) {
		t.Errorf("the failure does not say which object failed and what to do:\n%s", out)
	}
	f.proxy.Before = nil
	if err := f.gw.Restart(); err != nil {
		t.Fatal(err)
	}
	res, _ := f.mustRun(cfg)
	if res.Uploaded == 0 {
		t.Fatal("the second deploy uploaded nothing")
	}
	f.checkBucket("")
	if res, _ := f.mustRun(cfg); res.Uploaded != 0 {
		t.Fatalf("a third deploy still uploads %d", res.Uploaded)
	}
}

// TestFailureThenRevert covers the case the state's rewrite before any
// change exists for: a deploy changes objects' headers, fails half way,
// and the next deploy goes back to the old headers. The objects that
// did change must be written again, although their bytes (and so their
// ETags) are what the old state recorded.
func TestFailureThenRevert(t *testing.T) {
	f := newFixture(t, 20)
	cfg := f.config()
	f.mustRun(cfg)

	longer := cfg
	longer.HTMLMaxAge = 3600
	var puts atomic.Int32
	f.proxy.Before = func(r deploytest.Request) {
		if r.Method == "PUT" && r.Key != deploy.StateKey && puts.Add(1) == 10 {
			f.gw.Stop()
		}
	}
	if _, _, _, err := f.run(longer); err == nil {
		t.Fatal("deploy with the server stopped succeeded")
	}
	f.proxy.Before = nil
	if err := f.gw.Restart(); err != nil {
		t.Fatal(err)
	}
	f.mustRun(cfg)
	c := f.gw.Client(t)
	for k := range f.localFiles() {
		info, err := c.StatObject(context.Background(), f.bucket, k, minio.StatObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if cc := info.Metadata.Get("Cache-Control"); cc == "public, max-age=3600" {
			t.Errorf("%s kept the aborted deploy's Cache-Control %q", k, cc)
		}
	}
}

// TestOutOfBand: objects changed or removed behind deploy's back are
// noticed through the listing and put right.
func TestOutOfBand(t *testing.T) {
	f := newFixture(t, 6)
	cfg := f.config()
	f.mustRun(cfg)
	ctx := context.Background()
	c := f.gw.Client(t)
	page := f.site.PagePath("en", 2)
	if err := c.RemoveObject(ctx, f.bucket, "robots.txt", minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	junk := []byte("overwritten by hand")
	if _, err := c.PutObject(ctx, f.bucket, page, bytes.NewReader(junk), int64(len(junk)), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, f.bucket, "stray.txt", bytes.NewReader(junk), int64(len(junk)), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	res, reqs := f.mustRun(cfg)
	if w := sorted(written(reqs)); !slices.Equal(w, []string{page, "robots.txt"}) || res.Deleted != 1 {
		t.Fatalf("wrote %v and deleted %d; want the page and robots.txt written, stray.txt deleted", w, res.Deleted)
	}
	f.checkBucket("")
}

func TestPrefix(t *testing.T) {
	f := newFixture(t, 6)
	ctx := context.Background()
	c := f.gw.Client(t)
	other := []byte("another site")
	if _, err := c.PutObject(ctx, f.bucket, "other/index.html", bytes.NewReader(other), int64(len(other)), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	target, err := deploy.ParseTarget(f.proxy.Target(f.bucket) + "&prefix=gov/site&use_path_style=true")
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.config()
	cfg.Target = target
	f.mustRun(cfg)
	f.site.Remove(1)
	f.write()
	if res, _ := f.mustRun(cfg); res.Deleted != 2 {
		t.Fatalf("deleted %d, want 2", res.Deleted)
	}
	f.checkBucket("gov/site/")
	if _, err := c.StatObject(ctx, f.bucket, "other/index.html", minio.StatObjectOptions{}); err != nil {
		t.Fatalf("an object outside the prefix was touched: %v", err)
	}
}

func TestCredentials(t *testing.T) {
	f := newFixture(t, 3)
	cfg := f.config()

	t.Run("none", func(t *testing.T) {
		t.Setenv("AWS_ACCESS_KEY_ID", "")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		_, out, reqs, err := f.run(cfg)
		if err == nil || !strings.Contains(out, "AWS_ACCESS_KEY_ID") {
			t.Fatalf("err = %v, want one naming AWS_ACCESS_KEY_ID", err)
		}
		if len(reqs) != 0 {
			t.Fatalf("made %d requests without credentials", len(reqs))
		}
	})

	t.Run("wrong secret", func(t *testing.T) {
		t.Setenv("AWS_SECRET_ACCESS_KEY", "wrong-"+deploytest.SecretKey)
		_, out, _, err := f.run(cfg)
		if err == nil {
			t.Fatal("deploy with a wrong secret succeeded")
		}
		if strings.Contains(out, deploytest.SecretKey) {
			t.Fatalf("the secret appears in the output:\n%s", out)
		}
	})

	t.Run("shared credentials file", func(t *testing.T) {
		t.Setenv("AWS_ACCESS_KEY_ID", "")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		file := filepath.Join(t.TempDir(), "credentials")
		ini := "[publish]\naws_access_key_id = " + deploytest.AccessKey + "\naws_secret_access_key = " + deploytest.SecretKey + "\n"
		if err := os.WriteFile(file, []byte(ini), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("AWS_SHARED_CREDENTIALS_FILE", file)
		t.Setenv("AWS_PROFILE", "publish")
		f.mustRun(cfg)
		f.checkBucket("")
	})

	t.Run("never in a target", func(t *testing.T) {
		for _, raw := range []string{
			"s3://" + deploytest.AccessKey + ":" + deploytest.SecretKey + "@site?endpoint=http://127.0.0.1:1",
			"s3://site?endpoint=http://" + deploytest.AccessKey + ":" + deploytest.SecretKey + "@127.0.0.1:1",
			"s3://site?endpoint=http://x:" + deploytest.SecretKey + "@[::1",
		} {
			_, err := deploy.ParseTarget(raw)
			if err == nil {
				t.Fatalf("target with credentials accepted")
			}
			if strings.Contains(err.Error(), deploytest.SecretKey) {
				t.Fatalf("the error repeats the secret: %v", err)
			}
		}
	})

	if strings.Contains(f.out.String(), deploytest.SecretKey) {
		t.Fatal("the secret key appears in deploy's output")
	}
}

func TestMissingBucket(t *testing.T) {
	f := newFixture(t, 2)
	cfg := f.config()
	target, _ := deploy.ParseTarget(f.proxy.Target("nosuchbucket"))
	cfg.Target = target
	_, out, _, err := f.run(cfg)
	if err == nil || !strings.Contains(out, "create the bucket") {
		t.Fatalf("err = %v, want advice to create the bucket", err)
	}
}
