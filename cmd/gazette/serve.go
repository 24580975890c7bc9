package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"gazette/internal/messages"
	"gazette/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// msgs is the language of everything serve prints for the person at
	// the terminal, its rebuild lines and content findings included.
	msgs := printerFor(args)
	fs := flag.NewFlagSet("gazette serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	src := fs.String("s", ".", msgs.Sprintf(messages.ServeSite))
	port := fs.Int("port", serve.DefaultPort, msgs.Sprintf(messages.ServePort))
	verbose := fs.Bool("v", false, msgs.Sprintf(messages.ServeVerbose))
	fs.String("lang", "", msgs.Sprintf(messages.FlagLang))
	fs.Usage = func() {
		fmt.Fprint(stderr, msgs.Sprintf(messages.ServeUsage))
		fs.PrintDefaults()
	}
	rest, code := parseFlags(fs, args, msgs, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprint(stderr, msgs.Sprintf(messages.ServeBadArg, rest[0]))
		fs.Usage()
		return 2
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprint(stderr, msgs.Sprintf(messages.ServeBadPort, *port))
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	srv, err := serve.Start(ctx, serve.Options{Site: *src, Port: *port, Out: stdout, Logger: log, Messages: msgs})
	if err != nil {
		if ctx.Err() != nil {
			return 0 // Ctrl-C during the first build
		}
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprint(stdout, msgs.Sprintf(messages.ServeServing, srv.URL()))
	select {
	case <-ctx.Done():
	case <-srv.Failed():
	}
	fmt.Fprint(stdout, msgs.Sprintf(messages.ServeStopping))
	if err := srv.Close(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
