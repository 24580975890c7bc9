package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"gazette/internal/messages"
	"gazette/internal/theme"
)

// runTheme runs `gazette theme export`: it copies theme files into the
// site for editing, never overwriting one the site has.
func runTheme(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	flags := flag.NewFlagSet("gazette theme export", flag.ContinueOnError)
	flags.SetOutput(stderr)
	site := flags.String("s", ".", p.Sprintf(messages.FlagSite))
	flags.String("lang", "", p.Sprintf(messages.FlagLang))
	flags.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.ThemeUsage))
		flags.PrintDefaults()
	}
	rest, code := parseFlags(flags, args, p, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) == 0 || rest[0] != "export" {
		flags.Usage()
		return 2
	}
	if _, code := loadConfig(*site, p, stderr); code >= 0 {
		return code
	}
	res, err := theme.Export(*site, rest[1:])
	if res != nil {
		for _, f := range res.Written {
			fmt.Fprintln(stdout, f)
		}
		for _, f := range res.Kept {
			fmt.Fprint(stderr, p.Sprintf(messages.ThemeKept, f))
		}
	}
	if err != nil {
		fmt.Fprint(stderr, p.Sprintf(messages.ThemeFailed, err))
		return 1
	}
	return 0
}
