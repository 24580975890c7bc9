package counter

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"sync"
	"time"
)

// errClosed is returned to hits that arrive after the batcher was closed.
var errClosed = errors.New("counter: shutting down")

// pendingHit is one counted hit waiting for its batch to commit.
type pendingHit struct {
	id   string
	done chan hitResult // buffered: the committer never blocks on it
}

type hitResult struct {
	views int64
	err   error
}

// batcher is the group commit: a committer goroutine takes every hit that is
// waiting, adds them to the store in one transaction and answers each hit
// once that transaction is durable. While a commit runs, new hits queue up
// and form the next batch, so batches grow with load and the cost of a
// durable commit (an fsync) is shared by all the hits in it, without any
// timer adding latency when the service is idle.
//
// SQLite has one writer at a time, so it gets one committer. PostgreSQL
// can commit transactions side by side, so a second committer there hides
// the round trip to the database host.
type batcher struct {
	store    Store
	in       chan *pendingHit
	max      int
	timeout  time.Duration
	metrics  *metrics
	log      *slog.Logger
	errLog   throttle
	quit     chan struct{} // closed by close
	finished chan struct{} // closed when every committer has returned
}

func newBatcher(store Store, committers, max int, timeout time.Duration, m *metrics, log *slog.Logger) *batcher {
	b := &batcher{
		store:    store,
		in:       make(chan *pendingHit, 4*max),
		max:      max,
		timeout:  timeout,
		metrics:  m,
		log:      log,
		quit:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	var wg sync.WaitGroup
	for range committers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.run()
		}()
	}
	go func() {
		wg.Wait()
		close(b.finished)
	}()
	return b
}

// add queues a hit on id and waits until its batch is committed. It returns
// the id's count including this hit. If ctx ends first the hit may still be
// counted; the caller just does not learn the result. After close, add
// returns errClosed.
func (b *batcher) add(ctx context.Context, id string) (int64, error) {
	p := &pendingHit{id: id, done: make(chan hitResult, 1)}
	select {
	case b.in <- p:
	case <-b.quit:
		return 0, errClosed
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	select {
	case r := <-p.done:
		return r.views, r.err
	case <-b.finished:
		// The committer is gone; it answered p if it took it.
		select {
		case r := <-p.done:
			return r.views, r.err
		default:
			return 0, errClosed
		}
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// close stops taking hits, commits those already queued and returns when
// the last batch is answered. It must be called once.
func (b *batcher) close() {
	close(b.quit)
	<-b.finished
}

func (b *batcher) run() {
	batch := make([]*pendingHit, 0, b.max)
	for {
		var first *pendingHit
		select {
		case first = <-b.in:
		case <-b.quit:
			// Commit what is queued, then stop.
			select {
			case first = <-b.in:
			default:
				return
			}
		}
		batch = append(batch[:0], first)
		// Let the handlers that are running queue their hits before
		// taking the batch, for as long as more keep coming (a few
		// yields at most): no timer, so an idle service answers at once
		// while a busy one commits fewer, larger batches.
		for range 3 {
			n := len(b.in)
			runtime.Gosched()
			if len(b.in) == n {
				break
			}
		}
	fill:
		for len(batch) < b.max {
			select {
			case p := <-b.in:
				batch = append(batch, p)
			default:
				break fill
			}
		}
		b.commit(batch)
	}
}

func (b *batcher) commit(batch []*pendingHit) {
	deltas := make(map[string]int64, len(batch))
	for _, p := range batch {
		deltas[p.id]++
	}
	// The commit gets its own deadline, not a request's: hits of many
	// requests share it, and a client that goes away must not abort the
	// others' transaction.
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	start := time.Now()
	totals, err := b.store.Add(ctx, deltas)
	cancel()
	b.metrics.commitSecs.observe(time.Since(start).Seconds())
	if err != nil {
		b.metrics.storeErrors.Add(1)
		if n, ok := b.errLog.allow(time.Now()); ok {
			b.log.Error("commit failed; hits answered 503", "hits", len(batch), "similar_errors_not_logged", n, "err", err)
		}
		for _, p := range batch {
			p.done <- hitResult{err: err}
		}
		return
	}
	b.metrics.batchSize.observe(float64(len(batch)))
	b.metrics.counted.Add(int64(len(batch)))
	// Several hits on one id in a batch each get a distinct number, as
	// if they had been committed one after another: T-d+1 ... T.
	next := make(map[string]int64, len(deltas))
	for id, d := range deltas {
		next[id] = totals[id] - d + 1
	}
	for _, p := range batch {
		p.done <- hitResult{views: next[p.id]}
		next[p.id]++
	}
}

// throttle lets one message through per interval, so that an outage under
// load logs its cause every few seconds instead of once per batch.
type throttle struct {
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

const throttleInterval = 10 * time.Second

// allow reports whether to log now, and how many messages were held back
// since the last one.
func (t *throttle) allow(now time.Time) (int, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.last.IsZero() && now.Sub(t.last) < throttleInterval {
		t.suppressed++
		return 0, false
	}
	n := t.suppressed
	t.last, t.suppressed = now, 0
	return n, true
}
