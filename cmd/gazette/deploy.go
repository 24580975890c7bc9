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
)

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gazette deploy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("s", ".", "site folder")
	dest := fs.String("d", "", "built site to upload (default SITE/public)")
	target := fs.String("target", "", "where to upload: s3://BUCKET?endpoint=URL&region=REGION&prefix=PATH/&use_path_style=true")
	dryRun := fs.Bool("dry-run", false, "print the plan and change nothing")
	maxDeletes := fs.Int("max-deletes", deploy.DefaultMaxDeletes, "refuse to delete more objects than this (-1: no limit)")
	htmlMaxAge := fs.Int("html-max-age", 0, "Cache-Control max-age in seconds of pages, feeds, sitemaps, the manifest\nand every other file whose name is not fingerprinted (default: deploy.htmlMaxAge\nof SITE/config.toml, else 300)")
	gzip := fs.Bool("gzip", false, "store text files gzipped, with Content-Encoding: gzip")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gazette deploy [-s SITE] [-d DEST] --target URL [--dry-run] [--max-deletes N] [--html-max-age SECONDS] [--gzip]")
		fmt.Fprintln(stderr, "\nCredentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN),\nor from ~/.aws/credentials and ~/.aws/config (AWS_PROFILE).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usageError := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "gazette deploy: "+format+"\n", a...)
		fs.Usage()
		return 2
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if *target == "" {
		return usageError("--target is required")
	}
	if *htmlMaxAge < 0 {
		return usageError("--html-max-age %d is negative", *htmlMaxAge)
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
			fmt.Fprintln(stderr, err)
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
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		var inc *deploy.IncompleteError
		if errors.As(err, &inc) {
			fmt.Fprintf(stderr, "gazette deploy: failed after uploading %d and deleting %d objects (%d requests in %s)\n",
				res.Uploaded, res.Deleted, res.Requests, res.Elapsed.Round(time.Millisecond))
		}
		return 1
	}
	fmt.Fprintf(stdout, "done: %d uploaded, %d deleted, %d unchanged; %d requests in %s\n",
		res.Uploaded, res.Deleted, res.Unchanged, res.Requests, res.Elapsed.Round(time.Millisecond))
	return 0
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
