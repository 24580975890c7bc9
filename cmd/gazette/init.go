package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"gazette/internal/messages"
	"gazette/internal/scaffold"
	"gazette/internal/version"
)

// runInit writes a new site into a folder: settings, one announcement
// pair, .gitignore, CI pipelines and a README. It never prompts and
// never overwrites a file.
func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	flags := flag.NewFlagSet("gazette init", flag.ContinueOnError)
	flags.SetOutput(stderr)
	nameZH := flags.String("name-zh", "", p.Sprintf(messages.FlagNameZH))
	nameEN := flags.String("name-en", "", p.Sprintf(messages.FlagNameEN))
	baseURL := flags.String("base-url", "", p.Sprintf(messages.FlagBaseURL))
	siteID := flags.String("site-id", "", p.Sprintf(messages.FlagSiteID))
	force := flags.Bool("force", false, p.Sprintf(messages.FlagForce))
	flags.String("lang", "", p.Sprintf(messages.FlagLang))
	flags.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.InitUsage))
		flags.PrintDefaults()
	}
	rest, code := parseFlags(flags, args, p, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprint(stderr, p.Sprintf(messages.InitArgs))
		flags.Usage()
		return 2
	}
	dir := rest[0]
	res, err := scaffold.Write(scaffold.Options{
		Dir: dir, NameZH: strings.TrimSpace(*nameZH), NameEN: strings.TrimSpace(*nameEN),
		BaseURL: strings.TrimSpace(*baseURL), SiteID: strings.TrimSpace(*siteID),
		Lang: string(p.Lang()), Force: *force, Version: scaffold.Version(gazetteVersion()),
	})
	switch {
	case errors.Is(err, scaffold.ErrNotEmpty):
		fmt.Fprint(stderr, p.Sprintf(messages.InitNotEmpty, dir))
		return 1
	case err != nil:
		fmt.Fprint(stderr, p.Sprintf(messages.InitFailed, err))
		return 1
	}
	for _, f := range res.Written {
		fmt.Fprintln(stdout, f)
	}
	for _, f := range res.Kept {
		fmt.Fprint(stderr, p.Sprintf(messages.InitKept, f))
	}
	fmt.Fprint(stderr, p.Sprintf(messages.InitNext, dir))
	return 0
}

// gazetteVersion is the release this gazette was built as: the pipelines
// of a new site install the same one.
func gazetteVersion() string { return version.Read().Version }
