package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"gazette/internal/messages"
)

// MetaSHA256 is the user metadata key under which every uploaded object
// carries the sha256 of its site file (sent as x-amz-meta-gazette-sha256),
// so that anyone can check an object against a build.
const MetaSHA256 = "gazette-sha256"

// bucket is the target as deploy uses it: keys are relative to the prefix.
type bucket struct {
	client   *minio.Client
	target   Target
	requests *countingTransport
	listPage int // keys per listing request, at most
}

// openBucket connects to the target with credentials from the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)
// or the standard AWS files (~/.aws/credentials and ~/.aws/config,
// AWS_PROFILE). It makes no request.
func openBucket(t Target, maxRetries int) (*bucket, error) {
	creds := credentials.NewChainCredentials([]credentials.Provider{
		&credentials.EnvAWS{},
		&credentials.FileAWSCredentials{},
	})
	v, err := creds.Get()
	if err != nil || v.AccessKeyID == "" || v.SecretAccessKey == "" {
		return nil, errors.New("deploy: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), or name a profile of ~/.aws/credentials in AWS_PROFILE")
	}
	base, err := minio.DefaultTransport(!t.Insecure)
	if err != nil {
		return nil, fmt.Errorf("deploy: %w", err)
	}
	counter := &countingTransport{next: base}
	endpoint := t.Endpoint
	if endpoint == "" {
		endpoint = "s3.amazonaws.com"
	}
	lookup := minio.BucketLookupAuto
	if t.PathStyle != nil {
		lookup = minio.BucketLookupDNS
		if *t.PathStyle {
			lookup = minio.BucketLookupPath
		}
	}
	c, err := minio.New(endpoint, &minio.Options{
		Creds:        creds,
		Secure:       !t.Insecure,
		Region:       t.Region,
		BucketLookup: lookup,
		Transport:    counter,
		MaxRetries:   maxRetries,
	})
	if err != nil {
		return nil, fmt.Errorf("deploy: connecting to %s: %w", t, err)
	}
	return &bucket{client: c, target: t, requests: counter, listPage: 1000}, nil
}

// countingTransport counts HTTP requests, retries included, so a deploy
// can report what it cost.
type countingTransport struct {
	next http.RoundTripper
	n    atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(r)
}

// list returns every object under the prefix, keyed relative to it, at
// one request per 1,000 objects. Listing pages follow each other, so a
// 20,000-object bucket would take 20 round trips in a row; instead, the
// key space is cut at every 999th of hints (sorted keys expected to exist,
// e.g. from the previous state) and the ranges are listed in parallel: a
// range then fits one page, which also shows the first key past its end.
func (b *bucket) list(ctx context.Context, hints []string) (map[string]remoteObject, error) {
	var bounds []string // range i is (bounds[i-1], bounds[i]]; the first has no start, the last no end
	for i := b.listPage - 2; i < len(hints); i += b.listPage - 1 {
		bounds = append(bounds, b.target.Prefix+hints[i])
	}
	parts := make([]map[string]remoteObject, len(bounds)+1)
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range parts {
		var after, until string
		if i > 0 {
			after = bounds[i-1]
		}
		if i < len(bounds) {
			until = bounds[i]
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			parts[i], errs[i] = b.listRange(ctx, after, until)
		})
	}
	wg.Wait()
	// The ranges fail alike (no such bucket, no access): one error says it.
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("deploy: listing %s: %w", b.target, explain(err))
		}
	}
	out := parts[0]
	for _, p := range parts[1:] {
		maps.Copy(out, p)
	}
	return out, nil
}

// listRange lists the keys after after (from the start if empty) up to
// and including until (to the end if empty).
func (b *bucket) listRange(ctx context.Context, after, until string) (map[string]remoteObject, error) {
	out := map[string]remoteObject{}
	opts := minio.ListObjectsOptions{Prefix: b.target.Prefix, Recursive: true, StartAfter: after, MaxKeys: b.listPage}
	for o := range b.client.ListObjectsIter(ctx, b.target.Bucket, opts) {
		if o.Err != nil {
			return nil, o.Err
		}
		if until != "" && o.Key > until {
			break
		}
		out[strings.TrimPrefix(o.Key, b.target.Prefix)] = remoteObject{Size: o.Size, ETag: o.ETag}
	}
	return out, nil
}

// read returns the previous deploy's state and the bucket's listing. A
// state that cannot be decoded is reported on out (in m's language) and
// ignored: every object then counts as unrecorded and is uploaded again.
func (b *bucket) read(ctx context.Context, out io.Writer, m *messages.Printer) (map[string]entry, map[string]remoteObject, error) {
	raw, err := b.readState(ctx)
	if err != nil {
		return nil, nil, err
	}
	prev := map[string]entry{}
	if raw != nil {
		if prev, err = decodeState(raw); err != nil {
			fmt.Fprint(out, m.Sprintf(messages.DeployStateIgnored, err))
			prev = map[string]entry{}
		}
	}
	hints := slices.Sorted(maps.Keys(prev))
	listing, err := b.list(ctx, hints)
	if err != nil {
		return nil, nil, err
	}
	return prev, listing, nil
}

// readState returns the stored state's bytes, or nil when there is none.
func (b *bucket) readState(ctx context.Context) ([]byte, error) {
	key := b.target.Prefix + StateKey
	obj, err := b.client.GetObject(ctx, b.target.Bucket, key, minio.GetObjectOptions{})
	if err == nil {
		var body []byte
		body, err = io.ReadAll(obj)
		obj.Close()
		if err == nil {
			return body, nil
		}
	}
	if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
		return nil, nil
	}
	return nil, fmt.Errorf("deploy: reading %s: %w", key, explain(err))
}

// writeState stores the state. It is not cached anywhere: only deploys read it.
func (b *bucket) writeState(ctx context.Context, entries map[string]entry) error {
	key := b.target.Prefix + StateKey
	body, err := encodeState(entries)
	if err != nil {
		return fmt.Errorf("deploy: encoding %s: %w", key, err)
	}
	_, err = b.client.PutObject(ctx, b.target.Bucket, key, bytes.NewReader(body), int64(len(body)), minio.PutObjectOptions{
		ContentType:          "application/gzip",
		CacheControl:         "no-store",
		SendContentMd5:       true,
		DisableContentSha256: true,
	})
	if err != nil {
		return fmt.Errorf("deploy: writing %s: %w", key, explain(err))
	}
	return nil
}

// put uploads one site file and returns what the state records for it.
func (b *bucket) put(ctx context.Context, f *localFile) (entry, error) {
	key := b.target.Prefix + f.Rel
	r, err := os.Open(f.Path)
	if err != nil {
		return entry{}, fmt.Errorf("upload %s: %w", key, err)
	}
	defer r.Close()
	var body io.Reader = r
	size := f.Size
	if f.Headers.ContentEncoding == "gzip" {
		z, err := gzipped(r)
		if err != nil {
			return entry{}, fmt.Errorf("upload %s: compressing %s: %w", key, f.Path, err)
		}
		body, size = bytes.NewReader(z), int64(len(z))
	}
	info, err := b.client.PutObject(ctx, b.target.Bucket, key, body, size, minio.PutObjectOptions{
		ContentType:     f.Headers.ContentType,
		CacheControl:    f.Headers.CacheControl,
		ContentEncoding: f.Headers.ContentEncoding,
		// Stores without websites keep the header and ignore it; the
		// page's own refresh still leads readers on.
		WebsiteRedirectLocation: f.Headers.WebsiteRedirect,
		UserMetadata:            map[string]string{MetaSHA256: f.SHA256},
		// A plain PUT, its body checked by Content-MD5: without this the
		// client signs http uploads in aws-chunked encoding, which not
		// every S3-compatible service supports (one tested stores
		// "aws-chunked" into the object's Content-Encoding).
		SendContentMd5:       true,
		DisableContentSha256: true,
	})
	if err != nil {
		return entry{}, fmt.Errorf("upload %s: %w", key, explain(err))
	}
	return entry{SHA256: f.SHA256, Size: size, ETag: info.ETag, Headers: f.Headers}, nil
}

// gzipped compresses r with a fixed header (no name, no time), so the
// same file always gives the same bytes.
func gzipped(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := io.Copy(zw, r); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// remove deletes keys (relative to the prefix), up to 1,000 per request.
// It returns one error per key that could not be deleted.
func (b *bucket) remove(ctx context.Context, keys []string) []error {
	ch := make(chan minio.ObjectInfo)
	go func() {
		defer close(ch)
		for _, k := range keys {
			select {
			case ch <- minio.ObjectInfo{Key: b.target.Prefix + k}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var errs []error
	for e := range b.client.RemoveObjects(ctx, b.target.Bucket, ch, minio.RemoveObjectsOptions{}) {
		errs = append(errs, fmt.Errorf("delete %s: %w", e.ObjectName, explain(e.Err)))
	}
	if len(errs) == 0 && ctx.Err() != nil {
		errs = append(errs, fmt.Errorf("delete: %w", ctx.Err()))
	}
	return errs
}

// explain adds what to do next to the service errors a person can fix.
func explain(err error) error {
	switch minio.ToErrorResponse(err).Code {
	case minio.NoSuchBucket:
		return fmt.Errorf("%w (create the bucket first, or fix the target)", err)
	case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch":
		return fmt.Errorf("%w (check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and the bucket's policy)", err)
	}
	return err
}
