package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gazette/internal/counter"
	"gazette/internal/counter/store/storetest"
)

func opener(t *testing.T) storetest.Opener {
	path := filepath.Join(t.TempDir(), "browsecount.db")
	return func(t *testing.T) counter.Store {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("Open(%s): %v", path, err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestConformance(t *testing.T) {
	storetest.Run(t, opener)
}

func TestOpenRefusesDriverOptionsInPath(t *testing.T) {
	for _, p := range []string{"counts.db?mode=memory", "a#b.db", ""} {
		if _, err := Open(context.Background(), p); err == nil {
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}

// TestDiskFull fills the database (SQLite's max_page_count stands in for a
// full disk: both fail with SQLITE_FULL) and checks that the failing batch
// leaves nothing half-written and that the store works again once there is
// room.
func TestDiskFull(t *testing.T) {
	s := opener(t)(t).(*Store)
	ctx := context.Background()
	if _, err := s.Add(ctx, map[string]int64{"zh/a": 1}); err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.writer.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// The writer pool has exactly one connection, so the pragma applies
	// to every later write.
	if _, err := s.writer.ExecContext(ctx, "PRAGMA max_page_count = "+strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	big := map[string]int64{"zh/a": 1}
	for i := range 2000 {
		big["zh/"+strings.Repeat("x", 150)+strconv.Itoa(i)] = 1
	}
	_, err := s.Add(ctx, big)
	if err == nil {
		t.Fatal("Add into a full database succeeded")
	}
	if !strings.Contains(strings.ToLower(err.Error()), "full") {
		t.Fatalf("Add into a full database: %v, want a 'full' error", err)
	}
	got, err := s.Views(ctx, []string{"zh/a"})
	if err != nil || got["zh/a"] != 1 {
		t.Fatalf("after the failed batch zh/a = %v (err %v), want 1: the batch was half-applied", got, err)
	}
	if _, err := s.writer.ExecContext(ctx, "PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	got, err = s.Add(ctx, big)
	if err != nil || got["zh/a"] != 2 {
		t.Fatalf("Add after freeing space: %v, %v", got, err)
	}
}

func TestSynchronousOption(t *testing.T) {
	dir := t.TempDir()
	for _, sync := range []string{"", "full", "NORMAL"} {
		s, err := OpenWith(context.Background(), filepath.Join(dir, "s"+sync+".db"), Options{Synchronous: sync})
		if err != nil {
			t.Fatalf("synchronous %q: %v", sync, err)
		}
		var got int
		if err := s.writer.QueryRow("PRAGMA synchronous").Scan(&got); err != nil {
			t.Fatal(err)
		}
		// SQLite's codes: 1 NORMAL, 2 FULL.
		if want := map[string]int{"": 1, "full": 2, "NORMAL": 1}[sync]; got != want {
			t.Fatalf("synchronous %q: PRAGMA synchronous = %d, want %d", sync, got, want)
		}
		s.Close()
	}
	if _, err := OpenWith(context.Background(), filepath.Join(dir, "x.db"), Options{Synchronous: "OFF"}); err == nil {
		t.Fatal("synchronous OFF accepted: it can lose acknowledged hits on a crash")
	}
}

// TestBackgroundCheckpoint checks that the WAL is copied into the database
// file without any commit doing it (autocheckpoint is off on the writer),
// and that Close leaves no WAL behind.
func TestBackgroundCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if _, err := s.Add(context.Background(), map[string]int64{"zh/" + strconv.Itoa(i): 1}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var busy, logFrames, done int
		// A PASSIVE checkpoint that finds nothing left to copy reports
		// log == checkpointed frames.
		if err := s.reader.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &done); err == nil && logFrames == done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("WAL not checkpointed within 10s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		t.Fatalf("Close left a %d-byte WAL", fi.Size())
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}
