// Command browsecount is the browse-count sidecar of a Gazette site: a small
// HTTP service that counts page views durably, for the pages listed in the
// manifest that `gazette build` writes, and nothing else.
//
//	browsecount [flags]                 serve the API (see docs/counter-api.md)
//	browsecount import [flags] FILE.csv add legacy counts (id,count rows) once
//	browsecount --version               print the version and commit
//
// Run `browsecount -h` for the flags; docs/operations.md shows nginx and
// systemd set-ups.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"gazette/internal/version"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code (0 ok,
// 1 failure, 2 usage).
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-version") {
		printVersion(stdout, version.Read())
		return 0
	}
	cmd := "serve"
	if len(args) > 0 && args[0] == "import" {
		cmd, args = "import", args[1:]
	}
	cfg, err := parseConfig(cmd, args, getenv, stderr)
	if errors.Is(err, errHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "browsecount: %v\n", err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	switch cmd {
	case "import":
		err = importCSV(ctx, cfg, log)
	default:
		err = serve(ctx, cfg, log)
	}
	if err != nil {
		log.Error(err.Error())
		return 1
	}
	return 0
}

// printVersion writes what an operator pastes into a bug report.
func printVersion(w io.Writer, info version.Info) {
	c := info.Commit
	switch {
	case c == "":
		c = "unknown (not built from a git checkout)"
	case info.Modified:
		c += " (with uncommitted changes)"
	}
	fmt.Fprintf(w, "browsecount %s\ncommit: %s\nGo:     %s %s\n", info.Version, c, info.Go, info.Platform)
}
