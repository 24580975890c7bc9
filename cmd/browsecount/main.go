// Command browsecount is the browse-count sidecar of a Gazette site: a small
// HTTP service that counts page views durably, for the pages listed in the
// manifest that `gazette build` writes, and nothing else.
//
//	browsecount [flags]                 serve the API (see docs/counter-api.md)
//	browsecount import [flags] FILE.csv add legacy counts (id,count rows) once
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
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Getenv, os.Stderr))
}

// run is main without the process: it returns the exit code (0 ok,
// 1 failure, 2 usage).
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
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
