package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// programs are the commands every release ships: ./cmd/<name> of the
// module.
func programs() []string { return []string{"gazette", "browsecount"} }

// stampVar starts the names of the variables a release build sets with
// the linker: internal/version's stampedVersion and stampedCommit.
const stampVar = "gazette/internal/version.stamped"

// stamp is what a release build writes into the programs, through
// internal/version, which both link.
type stamp struct {
	Version string // v1.2.3
	Commit  string // full hash of the commit built
}

// validVersion keeps versions usable in file names and in -ldflags, which
// splits on spaces.
var (
	validVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+_-]*$`)
	validCommit  = regexp.MustCompile(`^[0-9a-f]{7,64}$`)
)

func (s stamp) check() error {
	if !validVersion.MatchString(s.Version) {
		return fmt.Errorf("-version %q: use letters, digits, '.', '+', '_' and '-' only, e.g. v1.2.3", s.Version)
	}
	if !validCommit.MatchString(s.Commit) {
		return fmt.Errorf("-commit %q: want a hexadecimal commit hash", s.Commit)
	}
	return nil
}

// goBuild compiles ./cmd/<cmd> of the module in root for t into out.
//
// The build is reproducible: the same source, Go release and stamp give
// the same bytes on any machine. Hence -trimpath (no builder's paths),
// -buildid= and -buildvcs=false (the commit comes from the stamp, so a
// checkout's state, or a git too strict about ownership in a container,
// cannot change or break it), GOFLAGS replaced (a builder's own flags do not
// leak in), and the instruction-set levels fixed at the oldest each
// platform allows: GOAMD64=v1 for old office PCs, GOARM64=v8.0 for
// Phytium's early ARMv8 cores. CGO stays off, so the programs are static
// and need no C library on the target.
func goBuild(ctx context.Context, root string, t target, cmd, out string, s stamp) error {
	c := exec.CommandContext(ctx, "go", buildArgs(cmd, out, s)...)
	c.Dir = root
	c.Env = append(os.Environ(), buildEnv(t)...)
	var stderr bytes.Buffer
	c.Stdout, c.Stderr = &stderr, &stderr
	if err := c.Run(); err != nil {
		return fmt.Errorf("building %s for %s: %w\n%s", cmd, t, err, stderr.Bytes())
	}
	return nil
}

func buildArgs(cmd, out string, s stamp) []string {
	ldflags := "-s -w -buildid= -X " + stampVar + "Version=" + s.Version + " -X " + stampVar + "Commit=" + s.Commit
	return []string{"build", "-trimpath", "-buildvcs=false", "-ldflags=" + ldflags, "-o", out, "./cmd/" + cmd}
}

func buildEnv(t target) []string {
	return []string{
		"CGO_ENABLED=0",
		"GOOS=" + t.GOOS,
		"GOARCH=" + t.GOARCH,
		"GOAMD64=v1",
		"GOARM64=v8.0",
		"GOFLAGS=-mod=readonly",
	}
}

// moduleRoot is the folder of the go.mod the go command uses from dir.
func moduleRoot(ctx context.Context, dir string) (string, error) {
	c := exec.CommandContext(ctx, "go", "env", "GOMOD")
	c.Dir = dir
	out, err := c.Output()
	if err != nil {
		return "", fmt.Errorf("finding the module: go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("%s is not inside the gazette module: run the release program from the repository", dir)
	}
	return filepath.Dir(gomod), nil
}

// git runs git in root and returns its output without the final newline.
func git(ctx context.Context, root string, args ...string) (string, error) {
	c := exec.CommandContext(ctx, "git", args...)
	c.Dir = root
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	return strings.TrimSpace(string(out)), nil
}

// headCommit is the commit checked out in root. It refuses a tree whose
// tracked files differ from it: the archives would not be what the commit
// says. Untracked files (a build cache, dist/) do not matter.
func headCommit(ctx context.Context, root string) (string, error) {
	commit, err := git(ctx, root, "rev-parse", "HEAD")
	if err != nil {
		return "", fmt.Errorf("reading the commit to build (outside a git checkout, pass -commit): %w", err)
	}
	changed, err := git(ctx, root, "status", "--porcelain", "--untracked-files=no")
	if err != nil {
		return "", err
	}
	if changed != "" {
		return "", fmt.Errorf("the checkout has uncommitted changes, so the release would not be commit %s; commit or stash them:\n%s", commit, changed)
	}
	return commit, nil
}

// archiveTime is the time every file in the archives carries:
// SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else
// the commit's time, so that rebuilding a tag gives the same archives.
func archiveTime(ctx context.Context, root, commit string, getenv func(string) string) (time.Time, error) {
	if v := getenv("SOURCE_DATE_EPOCH"); v != "" {
		sec, err := strconv.ParseInt(v, 10, 64)
		if err != nil || sec < 0 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", v)
		}
		return time.Unix(sec, 0).UTC(), nil
	}
	ct, err := git(ctx, root, "log", "-1", "--format=%ct", commit)
	if err != nil {
		return time.Time{}, fmt.Errorf("reading the time of commit %s (or set SOURCE_DATE_EPOCH): %w", commit, err)
	}
	sec, err := strconv.ParseInt(ct, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("git log: time %q of commit %s: %w", ct, commit, err)
	}
	return time.Unix(sec, 0).UTC(), nil
}
