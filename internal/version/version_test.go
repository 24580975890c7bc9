package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	hugo := &debug.Module{Path: "github.com/gohugoio/hugo", Version: "v0.165.0"}
	vcs := []debug.BuildSetting{
		{Key: "GOOS", Value: "linux"},
		{Key: "GOARCH", Value: "loong64"},
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "4b825dc642cb6eb9a060e54bf8d69288fbee4904"},
		{Key: "vcs.modified", Value: "true"},
	}
	tests := []struct {
		name            string
		version, commit string
		bi              *debug.BuildInfo
		want            Info
	}{
		{
			name:    "release stamp wins over what the go command recorded",
			version: "v1.2.3", commit: "0123456789abcdef0123456789abcdef01234567",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20260101000000-4b825dc642cb+dirty"}, Deps: []*debug.Module{hugo}, Settings: vcs},
			want: Info{Version: "v1.2.3", Commit: "0123456789abcdef0123456789abcdef01234567", Hugo: "v0.165.0", Go: "go1.26.8", Platform: "linux/loong64"},
		},
		{
			name: "go build in a checkout: the derived version, revision and modified flag",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20260101000000-4b825dc642cb+dirty"}, Deps: []*debug.Module{hugo}, Settings: vcs},
			want: Info{Version: "v0.0.0-20260101000000-4b825dc642cb+dirty", Commit: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", Modified: true, Hugo: "v0.165.0", Go: "go1.26.8", Platform: "linux/loong64"},
		},
		{
			name: "go run or a tree without .git is devel",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Deps: []*debug.Module{hugo}, Settings: vcs[:2]},
			want: Info{Version: Devel, Hugo: "v0.165.0", Go: "go1.26.8", Platform: "linux/loong64"},
		},
		{
			name: "a replaced Hugo reports the replacement",
			bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs[:2], Deps: []*debug.Module{
				{Path: "github.com/gohugoio/hugo", Version: "v0.165.0", Replace: &debug.Module{Path: "example.org/hugo-fork", Version: "v0.165.1-gov"}},
			}},
			want: Info{Version: Devel, Hugo: "v0.165.1-gov", Go: "go1.26.8", Platform: "linux/loong64"},
		},
		{
			name:    "a program without Hugo (browsecount) has no Hugo version",
			version: "v1.2.3",
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Settings: vcs[:2], Deps: []*debug.Module{{Path: "modernc.org/sqlite", Version: "v1.62.0"}}},
			want:    Info{Version: "v1.2.3", Go: "go1.26.8", Platform: "linux/loong64"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromBuildInfo(tt.version, tt.commit, tt.bi); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestReadWithoutBuildInfo: a binary built without module support still
// says something true.
func TestReadWithoutBuildInfo(t *testing.T) {
	got := FromBuildInfo("", "", nil)
	if got.Version != Devel || got.Commit != "" || got.Hugo != "" || got.Go == "" || got.Platform == "" {
		t.Errorf("FromBuildInfo(nil) = %+v", got)
	}
}
