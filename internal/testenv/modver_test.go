package testenv

import (
	"strings"
	"testing"
)

func TestModuleVersion(t *testing.T) {
	// The package links no Hugo; the version still comes from go.mod.
	if v := ModuleVersion(t, "github.com/gohugoio/hugo"); !strings.HasPrefix(v, "v0.") {
		t.Errorf("ModuleVersion of Hugo = %q, want the v0.x version go.mod requires", v)
	}
}
