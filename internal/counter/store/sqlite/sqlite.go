// Package sqlite is the embedded browse-count store: one SQLite file in WAL
// mode, written through one connection (SQLite has one writer at a time
// anyway) and read through a small pool, with the pure-Go driver
// modernc.org/sqlite so the binary needs no cgo.
//
// Durability: the WAL is written before a commit returns, and a 200 is sent
// only after that, so every acknowledged hit survives a crash of the
// process (kill -9): its frames are in the WAL file, in the kernel's page
// cache, and SQLite replays them on the next open. That is the service's
// contract, and the default (synchronous=NORMAL). It does not cover a
// power loss or kernel crash, which can lose the last commits (never
// corrupt the file); Options.Synchronous = "FULL" fsyncs every commit and
// covers those too, at the price of one fsync per batch (see
// BENCHMARKS.md for what that costs).
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"gazette/internal/counter"
)

var _ counter.Store = (*Store)(nil)

// Store is a counter.Store in one SQLite file.
type Store struct {
	path   string
	writer *sql.DB // one connection: the only writer
	reader *sql.DB
	add    *sql.Stmt // prepared once on the writer
	ckpt   *sql.DB   // one connection for background checkpoints
	stop   chan struct{}
	done   chan struct{}
}

// checkpointEvery is how often WAL frames are copied into the database
// file. SQLite would otherwise do this inside whichever commit crosses
// 1000 WAL pages, adding the checkpoint's writes and fsyncs to the
// latency of the hits in that batch; a PASSIVE checkpoint on its own
// connection runs beside the commits instead of inside them.
const checkpointEvery = 500 * time.Millisecond

// Options tune the store; the zero value gives the defaults.
type Options struct {
	// Synchronous is SQLite's synchronous setting for commits: "NORMAL"
	// (the default: a commit survives a crash of the process) or "FULL"
	// (fsync every commit: it survives a power loss too). See the
	// package documentation.
	Synchronous string
}

// addSQL adds a whole batch in one statement: the deltas arrive as one JSON
// object {"id": delta, ...}, so the statement text (and its prepared form)
// is the same whatever the batch size. "WHERE true" is SQLite's documented
// way to keep ON CONFLICT from being read as a join condition.
const addSQL = `INSERT INTO browsecount_views (id, views)
	SELECT key, value FROM json_each(?) WHERE true
	ON CONFLICT (id) DO UPDATE SET views = views + excluded.views
	RETURNING id, views`

const schema = `
CREATE TABLE IF NOT EXISTS browsecount_views (
	id    TEXT PRIMARY KEY,
	views INTEGER NOT NULL CHECK (views >= 0)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS browsecount_imports (
	sha256      TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	rows        INTEGER NOT NULL,
	added       INTEGER NOT NULL,
	imported_at TEXT NOT NULL
) WITHOUT ROWID;
`

// Open opens (creating if needed) the database file at path with the
// default Options.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with Options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	if strings.ContainsAny(path, "?#") {
		// The driver reads options after "?"; refuse rather than
		// silently open another file.
		return nil, fmt.Errorf("sqlite: database path %q: must not contain '?' or '#'", path)
	}
	// busy_timeout lets `browsecount import` and a running server share
	// the file; _txlock=immediate takes the write lock at BEGIN so a
	// transaction never fails half-way on a lock upgrade.
	sync := strings.ToUpper(o.Synchronous)
	switch sync {
	case "":
		sync = "NORMAL"
	case "FULL", "NORMAL":
	default:
		return nil, fmt.Errorf("sqlite: synchronous %q: want FULL or NORMAL", o.Synchronous)
	}
	opts := "?_busy_timeout=10000&_journal_mode=WAL&_synchronous=" + sync + "&_foreign_keys=1"
	writer, err := sql.Open("sqlite", path+opts+"&_txlock=immediate&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	writer.SetConnMaxIdleTime(0)
	if _, err := writer.ExecContext(ctx, schema); err != nil {
		writer.Close()
		return nil, fmt.Errorf("sqlite: create schema in %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite", path+opts+"&_query_only=1")
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	reader.SetMaxOpenConns(4)
	reader.SetMaxIdleConns(4)
	s := &Store{path: path, writer: writer, reader: reader}
	if s.add, err = writer.PrepareContext(ctx, addSQL); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: prepare in %s: %w", path, err)
	}
	if s.ckpt, err = sql.Open("sqlite", path+opts); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s.ckpt.SetMaxOpenConns(1)
	s.stop, s.done = make(chan struct{}), make(chan struct{})
	go s.checkpoints()
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Add implements counter.Store.
func (s *Store) Add(ctx context.Context, deltas map[string]int64) (map[string]int64, error) {
	for id, d := range deltas {
		if d <= 0 {
			return nil, fmt.Errorf("sqlite: add %d to %q: deltas must be positive", d, id)
		}
	}
	out := make(map[string]int64, len(deltas))
	if len(deltas) == 0 {
		return out, nil
	}
	// encoding/json writes map keys sorted: rows are updated in id order.
	batch, err := json.Marshal(deltas)
	if err != nil {
		return nil, fmt.Errorf("sqlite: add hits: %w", err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.StmtContext(ctx, s.add).QueryContext(ctx, string(batch))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var v int64
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			out[id] = v
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) != len(deltas) {
			return fmt.Errorf("%d rows updated for %d ids", len(out), len(deltas))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: add hits to %s: %w", s.path, err)
	}
	return out, nil
}

// Views implements counter.Store.
func (s *Store) Views(ctx context.Context, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	q := "SELECT id, views FROM browsecount_views WHERE id IN (?" + strings.Repeat(",?", len(ids)-1) + ")"
	rows, err := s.reader.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read counts from %s: %w", s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("sqlite: read counts from %s: %w", s.path, err)
		}
		out[id] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: read counts from %s: %w", s.path, err)
	}
	return out, nil
}

// Import implements counter.Store.
func (s *Store) Import(ctx context.Context, imp counter.Import) error {
	var added int64
	for id, n := range imp.Counts {
		if n < 0 {
			return fmt.Errorf("sqlite: import %s: count %d for %q is negative", imp.Name, n, id)
		}
		added += n
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO browsecount_imports (sha256, name, rows, added, imported_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
			imp.SHA256, imp.Name, len(imp.Counts), added, time.Now().UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			var name, at string
			if err := tx.QueryRowContext(ctx, `SELECT name, imported_at FROM browsecount_imports WHERE sha256 = ?`, imp.SHA256).Scan(&name, &at); err != nil {
				return err
			}
			return fmt.Errorf("%w (as %s at %s)", counter.ErrAlreadyImported, name, at)
		}
		add := make(map[string]int64, len(imp.Counts))
		for id, n := range imp.Counts {
			if n > 0 {
				add[id] = n
			}
		}
		if len(add) == 0 {
			return nil
		}
		batch, err := json.Marshal(add)
		if err != nil {
			return err
		}
		rows, err := tx.StmtContext(ctx, s.add).QueryContext(ctx, string(batch))
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		rows.Close()
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("sqlite: import %s (sha256 %s) into %s: %w", imp.Name, imp.SHA256, s.path, err)
	}
	return nil
}

// Ping implements counter.Store.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.reader.QueryRowContext(ctx, "SELECT count(*) FROM browsecount_views WHERE id = ''").Scan(&n); err != nil {
		return fmt.Errorf("sqlite: %s: %w", s.path, err)
	}
	return nil
}

// Close implements counter.Store. SQLite checkpoints the WAL into the
// database file when the last connection closes, so a stopped service
// leaves one self-contained file.
func (s *Store) Close() error {
	var errs []error
	if s.stop != nil {
		select {
		case <-s.stop: // already closed
			return nil
		default:
		}
		close(s.stop)
		<-s.done
		errs = append(errs, s.ckpt.Close())
	}
	if s.add != nil {
		errs = append(errs, s.add.Close())
	}
	errs = append(errs, s.reader.Close(), s.writer.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close %s: %w", s.path, err)
	}
	return nil
}

// checkpoints copies committed WAL frames into the database file in the
// background until Close. A failure (a disk that is full, say) is retried
// on the next tick; the WAL keeps every commit meanwhile.
func (s *Store) checkpoints() {
	defer close(s.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.ckpt.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
