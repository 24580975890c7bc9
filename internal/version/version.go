// Package version says which build of a Gazette program is running: the
// release it was stamped as, the commit it was built from and the Hugo it
// renders with. A release build stamps the version and commit with the
// linker (see release/); any other build falls back to what the go command
// records in the binary.
package version

import (
	"runtime"
	"runtime/debug"
)

// Devel is the version of a build that was neither stamped by the release
// program nor built from a tagged or committed tree the go command could
// read (for example go run, or a source archive without .git).
const Devel = "devel"

// hugoModule is the module whose version Info.Hugo reports.
const hugoModule = "github.com/gohugoio/hugo"

// Info describes one build of a program.
type Info struct {
	// Version is the release (v1.2.3), else the version the go command
	// derived from the repository (a tag or a pseudo-version), else Devel.
	Version string
	// Commit is the full hash of the commit built, or "" when unknown.
	Commit string
	// Modified is true when the go command recorded uncommitted changes
	// in the tree that was built.
	Modified bool
	// Hugo is the version of Hugo linked into the program, or "" when the
	// program does not link Hugo (browsecount).
	Hugo string
	// Go is the Go release that built the program, e.g. go1.26.8.
	Go string
	// Platform is GOOS/GOARCH of the program, e.g. linux/loong64.
	Platform string
}

// stampedVersion and stampedCommit are written by the release program
// (release/) with -ldflags "-X gazette/internal/version.stampedVersion=…
// -X gazette/internal/version.stampedCommit=…"; other builds leave them
// empty. Only the linker writes them.
var stampedVersion, stampedCommit string

// Read describes the running program: the release stamp where there is
// one, else what the go command recorded.
func Read() Info {
	bi, _ := debug.ReadBuildInfo()
	return FromBuildInfo(stampedVersion, stampedCommit, bi)
}

// FromBuildInfo is Read on a given build record; bi may be nil (a binary
// built without module support). Stamped values win over recorded ones.
func FromBuildInfo(version, commit string, bi *debug.BuildInfo) Info {
	info := Info{
		Version:  version,
		Commit:   commit,
		Go:       runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH,
	}
	if bi != nil {
		info.Go = bi.GoVersion
		var goos, goarch string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if info.Commit == "" {
					info.Commit = s.Value
				}
			case "vcs.modified":
				// Only meaningful for the commit the go command read.
				info.Modified = commit == "" && s.Value == "true"
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
		if goos != "" && goarch != "" {
			info.Platform = goos + "/" + goarch
		}
		// Since Go 1.24 a build from a repository records a version
		// derived from its tags; "(devel)" means it could not.
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
		for _, d := range bi.Deps {
			if d.Path == hugoModule {
				if d.Replace != nil {
					d = d.Replace
				}
				info.Hugo = d.Version
			}
		}
	}
	if info.Version == "" {
		info.Version = Devel
	}
	return info
}
