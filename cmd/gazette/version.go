package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"gazette/internal/messages"
	"gazette/internal/version"
)

// runVersion prints the version, the commit and the Hugo version.
func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	flags := flag.NewFlagSet("gazette version", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.String("lang", "", p.Sprintf(messages.FlagLang))
	flags.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.VersionUsage))
		flags.PrintDefaults()
	}
	rest, code := parseFlags(flags, args, p, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprint(stderr, p.Sprintf(messages.VersionBadArg, rest[0]))
		flags.Usage()
		return 2
	}
	info := version.Read()
	c := info.Commit
	switch {
	case c == "":
		c = p.Sprintf(messages.VersionNoCommit)
	case info.Modified:
		c += p.Sprintf(messages.VersionModified)
	}
	hugo := info.Hugo
	if hugo == "" {
		hugo = p.Sprintf(messages.VersionNoHugo)
	}
	fmt.Fprint(stdout, p.Sprintf(messages.VersionText, info.Version, c, hugo, info.Go, info.Platform))
	return 0
}
