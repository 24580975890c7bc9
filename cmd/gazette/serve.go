package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"gazette/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gazette serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("s", ".", "site folder (holds config.toml, content/, layouts/, i18n/)")
	port := fs.Int("port", serve.DefaultPort, "port on 127.0.0.1 (0: any free port)")
	verbose := fs.Bool("v", false, "log file events, Hugo's messages and browse-count requests")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gazette serve [-s SITE] [--port N] [-v]")
		fmt.Fprintln(stderr, "\nPreview the site on this computer: it is rebuilt whenever a file in content/,\nlayouts/, i18n/, static/, assets/ or config.toml is saved, and open pages reload\nby themselves. The preview and its browse counts live in SITE/.gazette/.")
		fmt.Fprintln(stderr)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gazette serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "gazette serve: --port %d: must be 0 (any free port) to 65535\n", *port)
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	srv, err := serve.Start(ctx, serve.Options{Site: *src, Port: *port, Out: stdout, Logger: log})
	if err != nil {
		if ctx.Err() != nil {
			return 0 // Ctrl-C during the first build
		}
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "Serving %s — press Ctrl-C to stop\n", srv.URL())
	select {
	case <-ctx.Done():
	case <-srv.Failed():
	}
	fmt.Fprintln(stdout, "Stopping …")
	if err := srv.Close(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
