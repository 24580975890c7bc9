// Package deploy publishes a built site to S3-compatible object storage,
// the origin of a CDN: it uploads only files whose content or headers
// changed, in an order that keeps the site whole while it runs, and deletes
// what the site no longer has.
//
// What was uploaded is recorded in one state object under the target
// prefix (see StateKey), checked against the bucket listing, so a
// republish costs one request per 1,000 objects, one per change, and up
// to three for the state.
package deploy

import (
	"context"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
	"sync"
	"time"

	"gazette/internal/messages"
)

// Defaults for Config.
const (
	DefaultMaxDeletes  = 256
	DefaultHTMLMaxAge  = 300
	DefaultConcurrency = 16
)

// Config says what to publish where.
type Config struct {
	Dir    string // the built site (gazette build's output folder)
	Target Target
	// DryRun prints the plan and changes nothing.
	DryRun bool
	// MaxDeletes refuses a plan that deletes more objects than this, not
	// counting fingerprinted files (see Plan.GuardedDeletes); negative
	// means no limit.
	MaxDeletes int
	// HTMLMaxAge is the Cache-Control max-age, in seconds, of every file
	// whose name is not fingerprinted: pages, feeds, sitemaps, the manifest,
	// and static files.
	HTMLMaxAge int
	// Gzip stores text files gzipped, with Content-Encoding: gzip.
	Gzip bool
	// Concurrency is the number of uploads in flight; 0 means DefaultConcurrency.
	Concurrency int
	// MaxRetries is the number of attempts per request on transient
	// errors, with exponential backoff; 0 means the client's default (10).
	MaxRetries int
	// Out receives the plan and progress; nil discards them.
	Out io.Writer
	// Messages is the language of what Out receives, for the person
	// watching; nil is English. Returned errors stay English: they end up
	// in CI logs and bug reports.
	Messages *messages.Printer
}

// Result says what a deploy did.
type Result struct {
	Uploaded, Deleted, Unchanged int
	Requests                     int64 // HTTP requests made, retries included
	Elapsed                      time.Duration
}

// TooManyDeletesError is returned, before anything changes, when a plan
// deletes more objects than Config.MaxDeletes allows.
type TooManyDeletesError struct{ Deletes, Max int }

func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("deploy: refusing to delete %d objects, more than --max-deletes %d allows; nothing was changed. Check that -d names the whole built site, then rerun with --max-deletes %d", e.Deletes, e.Max, e.Deletes)
}

// IncompleteError is returned when some uploads or deletions failed. The
// phases before the failing one are published; nothing after it was
// started. Running the deploy again finishes the work.
type IncompleteError struct {
	Step     string  // the phase that failed, or "deletions", or "state"
	Failures []error // one per object that failed
}

func (e *IncompleteError) Error() string {
	var b strings.Builder
	if e.Step == "state" {
		b.WriteString("deploy: every object is in place, but the deploy state could not be written; the next deploy uploads this run's changes again")
	} else {
		fmt.Fprintf(&b, "deploy: incomplete: %d failed in %s; later steps were not started, so no published page links to a missing file; run the deploy again to finish", len(e.Failures), e.Step)
	}
	for _, f := range e.Failures {
		b.WriteString("\n  ")
		b.WriteString(f.Error())
	}
	return b.String()
}

func (e *IncompleteError) Unwrap() []error { return e.Failures }

// Run publishes cfg.Dir to cfg.Target. It returns the Result so far even
// on error. The errors a caller may want to tell apart are
// *TooManyDeletesError and *IncompleteError.
func Run(ctx context.Context, cfg Config) (res Result, err error) {
	start := time.Now()
	out, m := cfg.Out, cfg.Messages
	if out == nil {
		out = io.Discard
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = DefaultConcurrency
	}
	b, err := openBucket(cfg.Target, cfg.MaxRetries)
	if err != nil {
		return res, err
	}
	defer func() {
		res.Requests = b.requests.n.Load()
		res.Elapsed = time.Since(start)
	}()

	// Read the bucket while hashing the site: one waits on the network,
	// the other on the disk and CPU.
	var (
		remoteCtx, cancel = context.WithCancel(ctx)
		remote            = make(chan error, 1)
		prev              map[string]entry
		listing           map[string]remoteObject
	)
	defer cancel()
	go func() {
		var err error
		prev, listing, err = b.read(remoteCtx, out, m)
		remote <- err
	}()
	files, err := scanSite(cfg.Dir, cfg.HTMLMaxAge, cfg.Gzip)
	if err != nil {
		cancel()
		<-remote
		return res, err
	}
	if err := <-remote; err != nil {
		return res, err
	}

	plan := makePlan(files, prev, listing)
	fmt.Fprint(out, m.Sprintf(messages.DeployStart, cfg.Dir, cfg.Target))
	plan.Print(out, m)
	res.Unchanged = plan.Unchanged()
	if n := plan.GuardedDeletes(); cfg.MaxDeletes >= 0 && n > cfg.MaxDeletes {
		return res, &TooManyDeletesError{Deletes: n, Max: cfg.MaxDeletes}
	}
	if cfg.DryRun {
		fmt.Fprint(out, m.Sprintf(messages.DeployDryRun))
		return res, nil
	}
	if plan.Uploads() == 0 && plan.Deletes() == 0 {
		fmt.Fprint(out, m.Sprintf(messages.DeployNothingToDo))
		return res, nil
	}

	// From here on the bucket changes. First make sure the state no
	// longer vouches for anything about to change, so that a deploy cut
	// short is finished by the next one.
	if plan.prevTouched {
		if err := b.writeState(ctx, plan.unchanged); err != nil {
			return res, err
		}
	}
	done := maps.Clone(plan.unchanged)
	for phase := range numPhases {
		var batch []*localFile
		for _, u := range plan.uploads {
			if u.file.Phase == phase {
				batch = append(batch, u.file)
			}
		}
		if len(batch) == 0 {
			continue
		}
		uploaded, failures := uploadAll(ctx, b, batch, cfg.Concurrency)
		maps.Copy(done, uploaded)
		res.Uploaded += len(uploaded)
		if len(failures) > 0 {
			return res, &IncompleteError{Step: phase.String(), Failures: failures}
		}
		fmt.Fprint(out, m.Sprintf(messages.DeployUploaded, len(batch), phase.name(m)))
	}
	if plan.Deletes() > 0 {
		if failures := b.remove(ctx, plan.deletes); len(failures) > 0 {
			return res, &IncompleteError{Step: "deletions", Failures: failures}
		}
		res.Deleted = plan.Deletes()
		fmt.Fprint(out, m.Sprintf(messages.DeployDeleted, res.Deleted))
	}
	if err := b.writeState(ctx, done); err != nil {
		return res, &IncompleteError{Step: "state", Failures: []error{err}}
	}
	return res, nil
}

// uploadAll uploads files with n in flight. After the first failure it
// starts no new upload but lets those in flight finish, so the failures
// it reports are real ones rather than cancellations.
func uploadAll(ctx context.Context, b *bucket, files []*localFile, n int) (map[string]entry, []error) {
	var (
		mu       sync.Mutex
		uploaded = make(map[string]entry, len(files))
		failures []error
		next     = make(chan *localFile)
		wg       sync.WaitGroup
	)
	for range min(n, len(files)) {
		wg.Go(func() {
			for f := range next {
				e, err := b.put(ctx, f)
				mu.Lock()
				if err != nil {
					failures = append(failures, err)
				} else {
					uploaded[f.Rel] = e
				}
				mu.Unlock()
			}
		})
	}
	for _, f := range files {
		mu.Lock()
		failed := len(failures) > 0
		mu.Unlock()
		if failed || ctx.Err() != nil {
			break
		}
		next <- f
	}
	close(next)
	wg.Wait()
	sort.Slice(failures, func(i, j int) bool { return failures[i].Error() < failures[j].Error() })
	if len(failures) == 0 && len(uploaded) < len(files) {
		failures = append(failures, fmt.Errorf("upload: %w", context.Cause(ctx)))
	}
	return uploaded, failures
}
