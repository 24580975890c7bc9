package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDoesNotLinkHugo keeps the sidecar small and independent of Hugo
// upgrades: nothing it imports, directly or not, may come from Hugo (or
// from the site build's minifier, a sign that internal/site crept in).
func TestDoesNotLinkHugo(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "gohugoio") || strings.Contains(pkg, "tdewolff") || pkg == "gazette/internal/site" {
			t.Errorf("cmd/browsecount depends on %s", pkg)
		}
	}
}
