// Command gazette builds, checks, previews and publishes a bilingual
// government announcement site. Each subcommand lives in its own file and
// hands the real work to one internal package.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command runs one subcommand with its own arguments and returns the
// process exit code: 0 success, 1 failure, 2 usage error.
type command func(ctx context.Context, args []string, stdout, stderr io.Writer) int

var commands = map[string]struct {
	run   command
	brief string
}{
	"build":  {runBuild, "render the site into a folder (default SITE/public)"},
	"check":  {runCheck, "validate content and settings without writing output"},
	"new":    {runNew, "create a Chinese/English announcement pair"},
	"serve":  {runServe, "preview the site with live reload and browse counts"},
	"deploy": {runDeploy, "upload a built site to S3-compatible storage"},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "gazette: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: gazette <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-7s %s\n", n, commands[n].brief)
	}
	fmt.Fprintln(w, "\nRun 'gazette <command> -h' for the flags of one command.")
}
