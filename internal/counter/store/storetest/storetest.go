// Package storetest is the conformance suite that every counter.Store must
// pass, plus what gives tests a real PostgreSQL database. It is
// imported by tests only.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"

	"gazette/internal/counter"
)

// Opener opens the store under test. Each call on the same Opener opens the
// same database, so the suite can check what survives Close and reopen.
type Opener func(t *testing.T) counter.Store

// NewOpener returns an Opener for a fresh, empty database.
type NewOpener func(t *testing.T) Opener

// Run runs the conformance suite. newDB is called once per subtest.
func Run(t *testing.T, newDB NewOpener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"EmptyStore", testEmpty},
		{"AddCreatesAndAccumulates", testAdd},
		{"AddRefusesNonPositive", testAddRefuses},
		{"ViewsOmitsNeverCounted", testViews},
		{"ConcurrentAddsAreExact", testConcurrent},
		{"CountsSurviveReopen", testReopen},
		{"ImportOncePerDigest", testImport},
		{"ImportRefusesNegative", testImportNegative},
		{"LongAndUnicodeIDs", testIDs},
		{"ClosedStoreFails", testClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newDB(t))
		})
	}
}

func ctx(t *testing.T) context.Context { return t.Context() }

func mustAdd(t *testing.T, s counter.Store, deltas map[string]int64) map[string]int64 {
	t.Helper()
	got, err := s.Add(ctx(t), deltas)
	if err != nil {
		t.Fatalf("Add(%v): %v", deltas, err)
	}
	return got
}

func mustViews(t *testing.T, s counter.Store, ids ...string) map[string]int64 {
	t.Helper()
	got, err := s.Views(ctx(t), ids)
	if err != nil {
		t.Fatalf("Views(%q): %v", ids, err)
	}
	return got
}

func wantMap(t *testing.T, what string, got, want map[string]int64) {
	t.Helper()
	if !maps.Equal(got, want) {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

func testEmpty(t *testing.T, open Opener) {
	s := open(t)
	if err := s.Ping(ctx(t)); err != nil {
		t.Fatalf("Ping on a new store: %v", err)
	}
	wantMap(t, "Views of a new store", mustViews(t, s, "zh/a", "en/a"), map[string]int64{})
	wantMap(t, "Views()", mustViews(t, s), map[string]int64{})
}

func testAdd(t *testing.T, open Opener) {
	s := open(t)
	wantMap(t, "first Add", mustAdd(t, s, map[string]int64{"zh/a": 1, "en/a": 3}), map[string]int64{"zh/a": 1, "en/a": 3})
	wantMap(t, "second Add", mustAdd(t, s, map[string]int64{"zh/a": 2, "zh/b": 1}), map[string]int64{"zh/a": 3, "zh/b": 1})
	wantMap(t, "Views", mustViews(t, s, "zh/a", "en/a", "zh/b", "zh/c"), map[string]int64{"zh/a": 3, "en/a": 3, "zh/b": 1})
}

func testAddRefuses(t *testing.T, open Opener) {
	s := open(t)
	mustAdd(t, s, map[string]int64{"zh/a": 5})
	for _, d := range []int64{0, -1} {
		// A bad delta must fail the whole batch: the good one is not applied.
		if _, err := s.Add(ctx(t), map[string]int64{"zh/a": 1, "zh/b": d}); err == nil {
			t.Fatalf("Add with delta %d succeeded; counts may only go up", d)
		}
	}
	wantMap(t, "Views after refused Adds", mustViews(t, s, "zh/a", "zh/b"), map[string]int64{"zh/a": 5})
	wantMap(t, "Add of nothing", mustAdd(t, s, map[string]int64{}), map[string]int64{})
}

func testViews(t *testing.T, open Opener) {
	s := open(t)
	ids := make([]string, 100)
	deltas := map[string]int64{}
	want := map[string]int64{}
	for i := range ids {
		ids[i] = fmt.Sprintf("zh/page-%03d", i)
		if i%2 == 0 {
			deltas[ids[i]] = int64(i + 1)
			want[ids[i]] = int64(i + 1)
		}
	}
	mustAdd(t, s, deltas)
	wantMap(t, "Views of 100 ids", mustViews(t, s, ids...), want)
	// Repeated ids in the request do no harm.
	wantMap(t, "Views with repeats", mustViews(t, s, "zh/page-000", "zh/page-000"), map[string]int64{"zh/page-000": 1})
}

func testConcurrent(t *testing.T, open Opener) {
	s := open(t)
	const workers, rounds = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				// Overlapping id sets in different orders: the
				// backend must neither lose updates nor deadlock.
				d := map[string]int64{"zh/shared": 1, fmt.Sprintf("zh/w%d", w): 1}
				if r%2 == 0 {
					d["en/shared"] = 2
				}
				if _, err := s.Add(context.Background(), d); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent Add: %v", err)
	}
	got := mustViews(t, s, "zh/shared", "en/shared", "zh/w0", "zh/w7")
	want := map[string]int64{"zh/shared": workers * rounds, "en/shared": workers * rounds, "zh/w0": rounds, "zh/w7": rounds}
	wantMap(t, "Views after concurrent Adds", got, want)
}

func testReopen(t *testing.T, open Opener) {
	s := open(t)
	mustAdd(t, s, map[string]int64{"zh/a": 7})
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s = open(t)
	wantMap(t, "Views after reopen", mustViews(t, s, "zh/a"), map[string]int64{"zh/a": 7})
	if err := s.Import(ctx(t), counter.Import{SHA256: "ab", Name: "x.csv", Counts: map[string]int64{"zh/a": 1}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t)
	err := s.Import(ctx(t), counter.Import{SHA256: "ab", Name: "x.csv", Counts: map[string]int64{"zh/a": 1}})
	if !errors.Is(err, counter.ErrAlreadyImported) {
		t.Fatalf("re-import after reopen: error %v, want ErrAlreadyImported", err)
	}
}

func testImport(t *testing.T, open Opener) {
	s := open(t)
	mustAdd(t, s, map[string]int64{"zh/a": 1})
	imp := counter.Import{SHA256: strings.Repeat("a", 64), Name: "legacy.csv", Counts: map[string]int64{"zh/a": 100, "zh/b": 5, "zh/zero": 0}}
	if err := s.Import(ctx(t), imp); err != nil {
		t.Fatalf("Import: %v", err)
	}
	want := map[string]int64{"zh/a": 101, "zh/b": 5}
	wantMap(t, "Views after Import", mustViews(t, s, "zh/a", "zh/b", "zh/zero"), want)

	err := s.Import(ctx(t), imp)
	if !errors.Is(err, counter.ErrAlreadyImported) || !strings.Contains(err.Error(), "legacy.csv") {
		t.Fatalf("second Import of the same digest: error %v, want ErrAlreadyImported naming legacy.csv", err)
	}
	// Same digest under another name: still the same file.
	imp.Name = "renamed.csv"
	if err := s.Import(ctx(t), imp); !errors.Is(err, counter.ErrAlreadyImported) {
		t.Fatalf("Import of a renamed copy: error %v, want ErrAlreadyImported", err)
	}
	wantMap(t, "Views after refused Imports", mustViews(t, s, "zh/a", "zh/b"), want)

	other := counter.Import{SHA256: strings.Repeat("b", 64), Name: "more.csv", Counts: map[string]int64{"zh/b": 1}}
	if err := s.Import(ctx(t), other); err != nil {
		t.Fatalf("Import of another file: %v", err)
	}
	wantMap(t, "Views after second file", mustViews(t, s, "zh/b"), map[string]int64{"zh/b": 6})
}

func testImportNegative(t *testing.T, open Opener) {
	s := open(t)
	imp := counter.Import{SHA256: strings.Repeat("c", 64), Name: "bad.csv", Counts: map[string]int64{"zh/a": 3, "zh/b": -1}}
	if err := s.Import(ctx(t), imp); err == nil {
		t.Fatal("Import with a negative count succeeded")
	}
	wantMap(t, "Views after refused Import", mustViews(t, s, "zh/a", "zh/b"), map[string]int64{})
	// The refused file was not recorded, so a corrected one with the same
	// digest (impossible in practice, but the contract) would go in.
	imp.Counts = map[string]int64{"zh/a": 3}
	if err := s.Import(ctx(t), imp); err != nil {
		t.Fatalf("Import after a refused one: %v", err)
	}
}

func testIDs(t *testing.T, open Opener) {
	s := open(t)
	long := "zh/" + strings.Repeat("长", 65) + "x" // 3 + 195 + 1 = 199 bytes
	ids := map[string]int64{long: 1, "zh/通知/专家论坛": 2, "en/a'b\"c;--": 3, "en/100%_x": 4}
	mustAdd(t, s, ids)
	got := mustViews(t, s, long, "zh/通知/专家论坛", "en/a'b\"c;--", "en/100%_x", "en/100%", "en/1000_x")
	wantMap(t, "Views of unusual ids", got, ids)
}

func testClosed(t *testing.T, open Opener) {
	s := open(t)
	s.Close()
	if _, err := s.Add(ctx(t), map[string]int64{"zh/a": 1}); err == nil {
		t.Fatal("Add on a closed store succeeded")
	}
	if err := s.Ping(ctx(t)); err == nil {
		t.Fatal("Ping on a closed store succeeded")
	}
}
