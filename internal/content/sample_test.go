package content

import (
	"os"
	"path/filepath"
	"testing"

	"gazette/internal/config"
)

// TestSampleSitePasses checks the repository's own sample site: it must
// have no errors, or the project's example would teach the wrong thing.
func TestSampleSitePasses(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		t.Skip("the sample site has no content yet")
	}
	opts := Options{}
	if cfg, err := config.Load(root); err == nil {
		opts = OptionsFromConfig(cfg)
	} else {
		t.Logf("using default options: %v", err)
	}
	diags, err := Check(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Severity == Error {
			t.Errorf("%s", d)
		} else {
			t.Logf("%s", d)
		}
	}
}
