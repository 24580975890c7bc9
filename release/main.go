// Command release builds Gazette's release archives: gazette and
// browsecount for every supported platform, stamped with the version and
// commit, one archive per platform (.zip for Windows, .tar.gz elsewhere)
// and SHA256SUMS over the archives. It needs only Go and git:
//
//	go run ./release -version v1.2.3            # all platforms into dist/
//	go run ./release -version v1.2.3 -targets linux/arm64,linux/loong64 -out /tmp/rel
//
// Builds are reproducible: the same commit and Go release give the same
// archives, byte for byte, wherever they are built. The tag pipelines in
// .github/workflows/publish.yml and .gitlab-ci.yml run it on every tag.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: 0 done, 1 failed, 2 usage error.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	flags := flag.NewFlagSet("release", flag.ContinueOnError)
	flags.SetOutput(stderr)
	version := flags.String("version", "", "the release's version, e.g. v1.2.3 (required; the tag pipelines pass the tag)")
	out := flags.String("out", "dist", "folder for the archives and SHA256SUMS; must be empty or absent")
	targets := flags.String("targets", "all", "comma-separated platforms to build, from: "+targetList(supported()))
	commit := flags.String("commit", "", "commit hash to stamp (default: the checkout's HEAD, which must have no uncommitted changes)")
	flags.Usage = func() {
		fmt.Fprint(stderr, "usage: go run ./release -version VERSION [-out DIR] [-targets LIST] [-commit HASH]\n\nBuilds gazette and browsecount for each platform, archives them and writes SHA256SUMS.\nArchive times come from SOURCE_DATE_EPOCH, else from the commit.\n\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "release: unexpected argument %q\n", flags.Arg(0))
		flags.Usage()
		return 2
	}
	if *version == "" {
		fmt.Fprint(stderr, "release: -version is required, e.g. -version v1.2.3\n")
		return 2
	}
	ts, err := parseTargets(*targets)
	if err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		return 2
	}
	cfg, err := configure(ctx, *version, *commit, *out, ts, getenv)
	if err == nil {
		cfg.Log = stderr
		err = release(ctx, cfg)
	}
	if err != nil {
		fmt.Fprintf(stderr, "release: %v\n", err)
		return 1
	}
	return 0
}

// config is one release to build.
type config struct {
	Root    string    // the module's folder
	Out     string    // where the archives go
	Targets []target  // platforms to build
	Stamp   stamp     // version and commit written into the programs
	Time    time.Time // time of every file in the archives
	Log     io.Writer // progress, one line per archive
}

// configure finds the module and the commit, and checks what the flags
// say before anything is built.
func configure(ctx context.Context, version, commit, out string, ts []target, getenv func(string) string) (config, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return config{}, err
	}
	root, err := moduleRoot(ctx, cwd)
	if err != nil {
		return config{}, err
	}
	if commit == "" {
		if commit, err = headCommit(ctx, root); err != nil {
			return config{}, err
		}
	}
	s := stamp{Version: version, Commit: commit}
	if err := s.check(); err != nil {
		return config{}, err
	}
	mtime, err := archiveTime(ctx, root, commit, getenv)
	if err != nil {
		return config{}, err
	}
	if out, err = filepath.Abs(out); err != nil {
		return config{}, err
	}
	return config{Root: root, Out: out, Targets: ts, Stamp: s, Time: mtime}, nil
}

// release builds every target's programs, archives them into cfg.Out and
// writes SHA256SUMS there. cfg.Out must be empty or absent, so that the
// checksum list never mixes two releases.
func release(ctx context.Context, cfg config) error {
	if err := emptyDir(cfg.Out); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "gazette-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	var archives []string
	for _, t := range cfg.Targets {
		start := time.Now()
		base := t.archiveBase(cfg.Stamp.Version)
		var members []member
		for _, p := range programs() {
			bin := filepath.Join(work, base, t.exe(p))
			if err := goBuild(ctx, cfg.Root, t, p, bin, cfg.Stamp); err != nil {
				return err
			}
			members = append(members, member{Name: t.exe(p), Src: bin, Exec: true})
		}
		members = append(members, member{Name: "README.md", Src: filepath.Join(cfg.Root, "README.md")})
		name := base + t.archiveExt()
		if err := writeArchive(filepath.Join(cfg.Out, name), t, base, members, cfg.Time); err != nil {
			return err
		}
		archives = append(archives, name)
		if fi, err := os.Stat(filepath.Join(cfg.Out, name)); err == nil && cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "%-14s %s (%.1f MB) in %s\n", t, name, float64(fi.Size())/1e6, time.Since(start).Round(time.Second))
		}
	}
	if err := writeChecksums(cfg.Out, archives); err != nil {
		return err
	}
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "wrote %s\n", filepath.Join(cfg.Out, checksumsFile))
	}
	return nil
}

// emptyDir creates dir, or checks that it exists and is empty.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("-out %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("-out %s is not empty: remove it or choose another folder, so that %s lists only this release", dir, checksumsFile)
	}
	return nil
}
