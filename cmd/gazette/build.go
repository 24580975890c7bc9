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

	"gazette/internal/content"
	"gazette/internal/counter"
	"gazette/internal/messages"
	"gazette/internal/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	fs := flag.NewFlagSet("gazette build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("s", ".", p.Sprintf(messages.FlagSite))
	dest := fs.String("d", "", p.Sprintf(messages.BuildDest))
	verbose := fs.Bool("v", false, p.Sprintf(messages.BuildVerbose))
	countsFrom := fs.String("counts-from", "", p.Sprintf(messages.BuildCountsFrom))
	fs.String("lang", "", p.Sprintf(messages.FlagLang))
	fs.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.BuildUsage))
		fs.PrintDefaults()
	}
	rest, code := parseFlags(fs, args, p, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprint(stderr, p.Sprintf(messages.BuildBadArg, rest[0]))
		fs.Usage()
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	opts := site.Options{Source: *src, Dest: *dest, Logger: log, Messages: p}
	if *countsFrom != "" {
		client := &http.Client{Timeout: 30 * time.Second}
		opts.CountsFrom = func(ctx context.Context, ids []string) (map[string]int64, error) {
			return counter.FetchViews(ctx, client, *countsFrom, ids)
		}
	}
	rep, err := site.Build(ctx, opts)
	if err != nil {
		var ce *site.CheckError
		if errors.As(err, &ce) {
			var errs []content.Diagnostic
			for _, d := range ce.Diagnostics {
				if d.Severity == content.Error {
					errs = append(errs, d)
				}
			}
			content.WriteText(stderr, errs)
			fmt.Fprint(stderr, p.Sprintf(messages.BuildCheckFail, len(errs)))
		} else {
			fmt.Fprintln(stderr, err)
		}
		fmt.Fprint(stderr, p.Sprintf(messages.BuildFailed))
		return 1
	}
	printReport(stdout, p, rep)
	return 0
}

func printReport(w io.Writer, p *messages.Printer, rep *site.Report) {
	langs := make([]string, 0, len(rep.Pages))
	for l := range rep.Pages {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = fmt.Sprintf("%s %d", l, rep.Pages[l])
	}
	fmt.Fprint(w, p.Sprintf(messages.BuildPages, strings.Join(parts, ", ")))
	fmt.Fprint(w, p.Sprintf(messages.BuildFiles, rep.Files))
	saved := 0.0
	if rep.BytesBefore > 0 {
		saved = 100 * float64(rep.BytesBefore-rep.BytesAfter) / float64(rep.BytesBefore)
	}
	fmt.Fprint(w, p.Sprintf(messages.BuildBytes, rep.BytesBefore, rep.BytesAfter, saved))
	fmt.Fprint(w, p.Sprintf(messages.BuildDuration, rep.Duration.Round(time.Millisecond), rep.Search.Round(time.Millisecond)))
	fmt.Fprint(w, p.Sprintf(messages.BuildWarnings, len(rep.Warnings)))
	for _, warn := range rep.Warnings {
		fmt.Fprint(w, p.Sprintf(messages.BuildWarning, warn))
	}
}
