// Package testenv ends a test that needs a program or server the machine
// lacks: in CI, where everything must be installed, the test fails; on a
// developer's machine it is skipped with a loud message saying how to get
// the missing part.
package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Missing ends the test because what it needs is not there. what says what
// is missing and where it was looked for; install says how to get it.
// Missing fails the test when the CI variable is set, else skips it.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s; install it (%s): CI must run these tests", what, install)
		return
	}
	t.Skipf("SKIPPED: %s; install it (%s) — these tests run in CI", what, install)
}

// ModuleVersion is the version of the module path that the module under
// test requires, as the go command resolves it from go.mod: what a program
// built from the same module must report.
func ModuleVersion(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", path).Output()
	if err != nil {
		t.Fatalf("testenv: go list -m %s: %v", path, err)
	}
	return strings.TrimSpace(string(out))
}
