package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"time"

	"gazette/internal/counter"
	"gazette/internal/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gazette build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("s", ".", "site folder (holds config.toml, content/, layouts/, i18n/)")
	dest := fs.String("d", "", "output folder (default SITE/public)")
	verbose := fs.Bool("v", false, "log progress and Hugo's messages")
	countsFrom := fs.String("counts-from", "", "URL of a running browsecount (e.g. https://www.example.gov.cn/api/browsecount) whose current counts are written into the pages")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gazette build [-s SITE] [-d DEST] [--counts-from URL] [-v]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gazette build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	opts := site.Options{Source: *src, Dest: *dest, Logger: log}
	if *countsFrom != "" {
		client := &http.Client{Timeout: 30 * time.Second}
		opts.CountsFrom = func(ctx context.Context, ids []string) (map[string]int64, error) {
			return counter.FetchViews(ctx, client, *countsFrom, ids)
		}
	}
	rep, err := site.Build(ctx, opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "gazette build: failed; the previous output was left as it was")
		return 1
	}
	printReport(stdout, rep)
	return 0
}

func printReport(w io.Writer, rep *site.Report) {
	langs := make([]string, 0, len(rep.Pages))
	for l := range rep.Pages {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = fmt.Sprintf("%s %d", l, rep.Pages[l])
	}
	fmt.Fprintf(w, "pages:    %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "files:    %d\n", rep.Files)
	saved := 0.0
	if rep.BytesBefore > 0 {
		saved = 100 * float64(rep.BytesBefore-rep.BytesAfter) / float64(rep.BytesBefore)
	}
	fmt.Fprintf(w, "bytes:    %d before minify, %d after (%.1f%% smaller)\n", rep.BytesBefore, rep.BytesAfter, saved)
	fmt.Fprintf(w, "duration: %s\n", rep.Duration.Round(1e6))
	fmt.Fprintf(w, "warnings: %d\n", len(rep.Warnings))
	for _, warn := range rep.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", warn)
	}
}
