// Package postgres is the browse-count store for several browsecount
// replicas behind a load balancer: PostgreSQL through a pgx connection pool,
// which reconnects by itself when the server comes back.
//
// Durability comes from PostgreSQL's synchronous_commit (on by default): a
// COMMIT returns once the WAL is flushed. Do not turn it off for this
// database, or a 200 no longer means the hit is on disk.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"gazette/internal/counter"
)

var _ counter.Store = (*Store)(nil)

// Store is a counter.Store in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	host string // for error messages; never the password
}

// schemaLock is the pg_advisory_xact_lock key that serialises schema
// creation when several replicas start at once (CREATE TABLE IF NOT EXISTS
// alone can still fail on a race).
const schemaLock = 0x62726f77 // "brow"

const schema = `
CREATE TABLE IF NOT EXISTS browsecount_views (
	id    text PRIMARY KEY,
	views bigint NOT NULL CHECK (views >= 0)
);
CREATE TABLE IF NOT EXISTS browsecount_imports (
	sha256      text PRIMARY KEY,
	name        text NOT NULL,
	rows        integer NOT NULL,
	added       bigint NOT NULL,
	imported_at timestamptz NOT NULL DEFAULT now()
);
`

// Open connects to the database at url (postgres://user:pass@host/db) and
// creates the tables if needed. The tables go to the first schema of the
// connection's search_path.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message can quote the URL, password included; ours
		// does not.
		return nil, errors.New("postgres: cannot parse the connection URL; expected postgres://user:password@host:port/database")
	}
	// Fail over to a fresh connection quickly after the server restarts.
	cfg.HealthCheckPeriod = 5 * time.Second
	if !strings.Contains(url, "pool_max_conns") {
		// pgx's default, max(4, CPUs), would let the concurrent commits
		// (see counter.Config.Committers) starve the reads.
		cfg.MaxConns = 12
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", cfg.ConnConfig.Host, err)
	}
	s := &Store{pool: pool, host: fmt.Sprintf("%s:%d/%s", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)}
	err = pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(schemaLock)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, schema)
		return err
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: create schema on %s: %w", s.host, err)
	}
	return s, nil
}

// Add implements counter.Store. One statement upserts the whole batch; ids
// are sorted so that replicas committing overlapping batches lock rows in
// the same order and cannot deadlock.
func (s *Store) Add(ctx context.Context, deltas map[string]int64) (map[string]int64, error) {
	ids := make([]string, 0, len(deltas))
	for id, d := range deltas {
		if d <= 0 {
			return nil, fmt.Errorf("postgres: add %d to %q: deltas must be positive", d, id)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ds := make([]int64, len(ids))
	for i, id := range ids {
		ds[i] = deltas[id]
	}
	rows, err := s.pool.Query(ctx, `
		INSERT INTO browsecount_views AS v (id, views)
		SELECT id, d FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(id, d, n) ORDER BY n
		ON CONFLICT (id) DO UPDATE SET views = v.views + excluded.views
		RETURNING id, views`, ids, ds)
	if err != nil {
		return nil, fmt.Errorf("postgres: add hits on %s: %w", s.host, err)
	}
	out := make(map[string]int64, len(ids))
	var id string
	var v int64
	_, err = pgx.ForEachRow(rows, []any{&id, &v}, func() error {
		out[id] = v
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: add hits on %s: %w", s.host, err)
	}
	if len(out) != len(ids) {
		return nil, fmt.Errorf("postgres: add hits on %s: %d rows returned for %d ids", s.host, len(out), len(ids))
	}
	return out, nil
}

// Views implements counter.Store.
func (s *Store) Views(ctx context.Context, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT id, views FROM browsecount_views WHERE id = ANY($1::text[])`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: read counts on %s: %w", s.host, err)
	}
	var id string
	var v int64
	_, err = pgx.ForEachRow(rows, []any{&id, &v}, func() error {
		out[id] = v
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: read counts on %s: %w", s.host, err)
	}
	return out, nil
}

// Import implements counter.Store.
func (s *Store) Import(ctx context.Context, imp counter.Import) error {
	var added int64
	ids := make([]string, 0, len(imp.Counts))
	for id, n := range imp.Counts {
		if n < 0 {
			return fmt.Errorf("postgres: import %s: count %d for %q is negative", imp.Name, n, id)
		}
		added += n
		if n > 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ds := make([]int64, len(ids))
	for i, id := range ids {
		ds[i] = imp.Counts[id]
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO browsecount_imports (sha256, name, rows, added)
			VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`, imp.SHA256, imp.Name, len(imp.Counts), added)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			var name, at string
			if err := tx.QueryRow(ctx, `SELECT name, to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
				FROM browsecount_imports WHERE sha256 = $1`, imp.SHA256).Scan(&name, &at); err != nil {
				return err
			}
			return fmt.Errorf("%w (as %s at %s)", counter.ErrAlreadyImported, name, at)
		}
		_, err = tx.Exec(ctx, `
			INSERT INTO browsecount_views AS v (id, views)
			SELECT id, d FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS t(id, d, n) ORDER BY n
			ON CONFLICT (id) DO UPDATE SET views = v.views + excluded.views`, ids, ds)
		return err
	})
	if err != nil {
		return fmt.Errorf("postgres: import %s (sha256 %s) on %s: %w", imp.Name, imp.SHA256, s.host, err)
	}
	return nil
}

// Ping implements counter.Store. It runs a query rather than a protocol
// ping so that a missing table or a read-only failover shows up too.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM browsecount_views WHERE id = ''`).Scan(&n); err != nil {
		return fmt.Errorf("postgres: %s: %w", s.host, err)
	}
	return nil
}

// Close implements counter.Store.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}
