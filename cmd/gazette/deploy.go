package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"gazette/internal/config"
	"gazette/internal/deploy"
	"gazette/internal/messages"
)

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	fs := flag.NewFlagSet("gazette deploy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("s", ".", p.Sprintf(messages.FlagSite))
	dest := fs.String("d", "", p.Sprintf(messages.DeployDest))
	target := fs.String("target", "", p.Sprintf(messages.DeployTarget))
	dryRun := fs.Bool("dry-run", false, p.Sprintf(messages.DeployDryRunFlag))
	maxDeletes := fs.Int("max-deletes", deploy.DefaultMaxDeletes, p.Sprintf(messages.DeployMaxDeletes))
	htmlMaxAge := fs.Int("html-max-age", 0, p.Sprintf(messages.DeployHTMLMaxAge))
	gzip := fs.Bool("gzip", false, p.Sprintf(messages.DeployGzip))
	fs.String("lang", "", p.Sprintf(messages.FlagLang))
	fs.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.DeployUsage))
		fs.PrintDefaults()
	}
	rest, code := parseFlags(fs, args, p, stderr)
	if code >= 0 {
		return code
	}
	usageError := func(key messages.Key, a ...any) int {
		fmt.Fprint(stderr, p.Sprintf(key, a...))
		fs.Usage()
		return 2
	}
	if len(rest) > 0 {
		return usageError(messages.DeployBadArg, rest[0])
	}
	if *target == "" {
		return usageError(messages.DeployNoTarget)
	}
	if *htmlMaxAge < 0 {
		return usageError(messages.DeployNegativeAge, *htmlMaxAge)
	}
	t, err := deploy.ParseTarget(*target)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if *dest == "" {
		*dest = filepath.Join(*src, "public")
	}
	maxAge := *htmlMaxAge
	if !isSet(fs, "html-max-age") {
		// A folder deployed without its site's sources has no settings.
		maxAge = deploy.DefaultHTMLMaxAge
		c, err := config.Load(*src)
		switch {
		case err == nil:
			maxAge = c.Deploy.HTMLMaxAge
		case !errors.Is(err, os.ErrNotExist):
			fmt.Fprint(stderr, p.Sprintf(messages.ConfigInvalid, err))
			return 1
		}
	}

	res, err := deploy.Run(ctx, deploy.Config{
		Dir:        *dest,
		Target:     t,
		DryRun:     *dryRun,
		MaxDeletes: *maxDeletes,
		HTMLMaxAge: maxAge,
		Gzip:       *gzip,
		Out:        stdout,
		Messages:   p,
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		var inc *deploy.IncompleteError
		if errors.As(err, &inc) {
			fmt.Fprint(stderr, p.Sprintf(messages.DeployFailedAfter,
				res.Uploaded, res.Deleted, res.Requests, res.Elapsed.Round(time.Millisecond)))
		}
		return 1
	}
	fmt.Fprint(stdout, p.Sprintf(messages.DeployDone,
		res.Uploaded, res.Deleted, res.Unchanged, res.Requests, res.Elapsed.Round(time.Millisecond)))
	return 0
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
