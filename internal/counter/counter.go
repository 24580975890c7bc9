// Package counter is the browse-count service: the HTTP API that pages call,
// the rules that decide whether a hit counts (manifest, dedupe, bots, rate
// limit) and the group commit that makes counted hits durable.
//
// Storage sits behind Store; the backends live in store/sqlite and
// store/postgres, and store/storetest holds the conformance suite that both
// must pass. This package never imports a backend.
package counter

import (
	"context"
	"errors"
)

// Store keeps the browse counts. Implementations must be safe for concurrent
// use. Counts only go up: there is deliberately no method to set or lower one.
type Store interface {
	// Add adds each delta (> 0) to its id's count in one transaction and
	// returns the new count of every id in deltas. When Add returns, the
	// change is durable (it survives a crash of the process); when it
	// returns an error, none of the deltas was applied. A non-positive delta
	// is an error. Ids are not checked against the manifest here: the
	// caller does that.
	Add(ctx context.Context, deltas map[string]int64) (map[string]int64, error)

	// Views returns the counts of those ids that have one; ids never
	// counted are absent from the result.
	Views(ctx context.Context, ids []string) (map[string]int64, error)

	// Import adds imp.Counts once per imp.SHA256, in one transaction with
	// the record of the import. If that digest was imported before it
	// returns an error wrapping ErrAlreadyImported and changes nothing.
	Import(ctx context.Context, imp Import) error

	// Ping reports whether the store can serve reads.
	Ping(ctx context.Context) error

	// Close releases the store; in-progress calls may fail.
	Close() error
}

// Import is a batch of legacy counts read from one file.
type Import struct {
	// SHA256 is the hex digest of the file's bytes: the import's identity.
	SHA256 string
	// Name is the file's name, recorded for people.
	Name string
	// Counts maps ids to the counts to add; every count is >= 0.
	Counts map[string]int64
}

// ErrAlreadyImported is returned (wrapped) by Store.Import for a file that
// was imported before.
var ErrAlreadyImported = errors.New("file already imported")
