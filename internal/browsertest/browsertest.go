// Package browsertest is test support for Gazette's reader-facing tests: it
// serves a built site on a loopback port, drives headless Chromium through
// chromedp, runs axe-core in the page, and runs the W3C Nu HTML Checker
// (vnu) over generated files.
//
// The tools it needs are outside Go: Chromium and a Java runtime from the
// operating system, and the pinned npm packages axe-core and vnu-jar in the
// repository's node_modules (npm ci). When one is missing, a test fails if
// the environment variable CI is set, and is skipped with a loud message
// otherwise, so that a developer without them can still run go test while
// CI always runs the checks.
package browsertest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"gazette/internal/testenv"
)

// repoRoot returns the directory of the go.mod that encloses the current
// working directory, which for go test is the package being tested.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("browsertest: unable to read the working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		} else if !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("browsertest: unable to look for go.mod: %v", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("browsertest: no go.mod above the working directory; run the tests inside the repository")
		}
		dir = parent
	}
}

// nodeModule returns the path of a file of an npm package installed in the
// repository's node_modules, or stops the test (see missing) when it is not
// there.
func nodeModule(t testing.TB, pkg, file string) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "node_modules", pkg, filepath.FromSlash(file))
	if _, err := os.Stat(p); err != nil {
		testenv.Missing(t, "npm package "+pkg+" not found in node_modules", "npm ci --ignore-scripts, at the repository root")
	}
	return p
}
