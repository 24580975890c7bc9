package testenv

import "testing"

// recorder stands in for a test to see whether Missing fails or skips.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()                      {}
func (r *recorder) Fatalf(f string, args ...any) { r.fatal = f }
func (r *recorder) Skipf(f string, args ...any)  { r.skip = f }

func TestMissing(t *testing.T) {
	tests := []struct {
		name      string
		ci        string
		wantFatal bool
	}{
		{"in CI a missing tool fails", "true", true},
		{"elsewhere it skips", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			r := &recorder{TB: t}
			Missing(r, "chromium not found", "apt-get install chromium")
			if gotFatal := r.fatal != ""; gotFatal != tt.wantFatal || (r.fatal == "") == (r.skip == "") {
				t.Errorf("fatal %q, skip %q; want fatal: %v", r.fatal, r.skip, tt.wantFatal)
			}
		})
	}
}
