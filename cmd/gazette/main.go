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
	"strings"
	"syscall"

	"gazette/internal/messages"
)

// command runs one subcommand with its own arguments and returns the
// process exit code: 0 success, 1 failure, 2 usage error.
type command func(ctx context.Context, args []string, stdout, stderr io.Writer) int

var commands = map[string]struct {
	run   command
	brief messages.Key
}{
	"build":   {runBuild, messages.BriefBuild},
	"check":   {runCheck, messages.BriefCheck},
	"new":     {runNew, messages.BriefNew},
	"serve":   {runServe, messages.BriefServe},
	"deploy":  {runDeploy, messages.BriefDeploy},
	"init":    {runInit, messages.BriefInit},
	"theme":   {runTheme, messages.BriefTheme},
	"import":  {runImport, messages.BriefImport},
	"version": {runVersion, messages.BriefVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	// "gazette --lang zh check" is "gazette check --lang zh": a --lang
	// before the command is handed to it, in front of its own arguments
	// so that a "--" among them cannot turn it into an argument.
	var lang []string
	if len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		if name == "lang" {
			n := 1
			if !hasValue && len(args) > 1 {
				value, n = args[1], 2
			}
			if _, ok := messages.ParseLang(value); !ok {
				fmt.Fprint(stderr, p.Sprintf(messages.BadLang, value))
				return 2
			}
			lang, args = []string{"--lang=" + value}, args[n:]
		}
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, p)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprint(stderr, p.Sprintf(messages.MainUnknown, args[0]))
		usage(stderr, p)
		return 2
	}
	return c.run(ctx, append(lang, args[1:]...), stdout, stderr)
}

func usage(w io.Writer, p *messages.Printer) {
	fmt.Fprint(w, p.Sprintf(messages.MainUsage))
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-7s %s\n", n, p.Sprintf(commands[n].brief))
	}
	fmt.Fprint(w, p.Sprintf(messages.MainHelp))
}
