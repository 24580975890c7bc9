package site

import (
	"fmt"
	"os"
	"path/filepath"
)

// stage is a temporary folder beside the destination. The build writes into
// it, and only a complete build replaces the destination, so a failed or
// interrupted build never leaves readers (or the deploy step) a half-written
// site.
type stage struct {
	dir, dest string
	done      bool
}

func newStage(dest string) (*stage, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("site: creating output folder: %w", err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".building-")
	if err != nil {
		return nil, fmt.Errorf("site: creating a temporary folder beside %s: %w", dest, err)
	}
	return &stage{dir: dir, dest: dest}, nil
}

// commit swaps the finished build into place. The old output is moved aside
// first and removed only after the new one is in place; if the second rename
// fails the old output is put back.
func (s *stage) commit() error {
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	old := ""
	if _, err := os.Lstat(s.dest); err == nil {
		old = s.dir + ".old"
		if err := os.Rename(s.dest, old); err != nil {
			return fmt.Errorf("site: moving the previous %s aside: %w", s.dest, err)
		}
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, s.dest)
		}
		return fmt.Errorf("site: replacing %s: %w", s.dest, err)
	}
	s.done = true
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("site: removing the previous output %s: %w", old, err)
		}
	}
	return nil
}

// discard removes the temporary folder unless it was committed.
func (s *stage) discard() {
	if !s.done {
		_ = os.RemoveAll(s.dir)
	}
}
