package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gazette/internal/config"
	"gazette/internal/content"
	"gazette/internal/messages"
)

// runCheck validates a site's content without writing anything: exit 0
// when there are no errors, 1 when there are, 2 on a usage error.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	flags := flag.NewFlagSet("gazette check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	site := flags.String("s", ".", p.Sprintf(messages.FlagSite))
	strict := flags.Bool("strict", false, p.Sprintf(messages.FlagStrict))
	format := flags.String("format", "text", p.Sprintf(messages.FlagFormat))
	nowFlag := flags.String("now", "", p.Sprintf(messages.FlagNow))
	flags.String("lang", "", p.Sprintf(messages.FlagLang))
	flags.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.CheckUsage))
		flags.PrintDefaults()
	}
	rest, code := parseFlags(flags, args, p, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprint(stderr, p.Sprintf(messages.BadArg, rest[0]))
		flags.Usage()
		return 2
	}
	if *format != "text" && *format != "json" {
		fmt.Fprint(stderr, p.Sprintf(messages.CheckBadFormat, *format))
		return 2
	}

	cfg, code := loadConfig(*site, p, stderr)
	if cfg == nil {
		return code
	}
	opts := content.OptionsFromConfig(cfg)
	opts.Strict = *strict
	opts.Messages = p
	opts.Freshness = true
	if *nowFlag != "" {
		t, err := parseNow(*nowFlag, cfg.Location())
		if err != nil {
			fmt.Fprint(stderr, p.Sprintf(messages.BadNow, *nowFlag))
			return 2
		}
		opts.Now = t
	}
	diags, err := content.Check(*site, opts)
	if err != nil {
		fmt.Fprintf(stderr, "gazette check: %v\n", err)
		return 1
	}
	if *format == "json" {
		if err := content.WriteJSON(stdout, diags); err != nil {
			fmt.Fprintf(stderr, "gazette check: %v\n", err)
			return 1
		}
	} else {
		if err := content.WriteText(stdout, diags); err != nil {
			fmt.Fprintf(stderr, "gazette check: %v\n", err)
			return 1
		}
		n := content.FilesChecked(*site)
		if len(diags) == 0 {
			fmt.Fprint(stderr, p.Sprintf(messages.CheckClean, n))
		} else {
			c := content.Count(diags)
			fmt.Fprint(stderr, p.Sprintf(messages.CheckSummary, n, c.Errors, c.Warnings, c.Infos))
		}
	}
	if content.HasErrors(diags) {
		return 1
	}
	return 0
}

// printerFor picks the language of the messages before the flags are
// parsed, so that usage errors are already in the right language: --lang
// (or -lang) when given and valid, else LC_ALL/LC_MESSAGES/LANG.
func printerFor(args []string) *messages.Printer {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if lang, ok := messages.ParseLang(value); ok {
			return messages.New(lang)
		}
	}
	return messages.New(messages.FromEnv(os.Getenv))
}

// parseFlags parses flags wherever they stand among the arguments
// ("gazette new notices x --title-zh T" as well as flags first) and
// returns the other arguments. code is -1 to go on, else the exit code.
func parseFlags(fs *flag.FlagSet, args []string, p *messages.Printer, stderr io.Writer) (rest []string, code int) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0
			}
			return nil, 2
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		if consumed := len(args) - len(left); consumed > 0 && args[consumed-1] == "--" {
			rest = append(rest, left...)
			break
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
	if f := fs.Lookup("lang"); f != nil && f.Value.String() != "" {
		if _, ok := messages.ParseLang(f.Value.String()); !ok {
			fmt.Fprint(stderr, p.Sprintf(messages.BadLang, f.Value.String()))
			return nil, 2
		}
	}
	return rest, -1
}

// loadConfig reads the site's settings. A folder without config.toml is
// a usage error (2: wrong -s); invalid settings are errors found (1).
func loadConfig(site string, p *messages.Printer, stderr io.Writer) (*config.Config, int) {
	if _, err := os.Stat(filepath.Join(site, config.FileName)); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprint(stderr, p.Sprintf(messages.NotASite, site))
		return nil, 2
	}
	cfg, err := config.Load(site)
	if err != nil {
		fmt.Fprint(stderr, p.Sprintf(messages.ConfigInvalid, err))
		return nil, 1
	}
	return cfg, -1
}

// parseNow reads --now: a date and time (RFC 3339), or a day, in the site
// time zone when it has no offset.
func parseNow(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a time: %q", s)
}
