package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"gazette/internal/importer"
	"gazette/internal/messages"
)

// runImport brings existing announcements in: "gazette import pages" from
// an old site, "gazette import docx" from Word files. Its --lang is the
// language of the content, so its messages follow LANG/LC_ALL, or a
// --lang given before the command (gazette --lang zh import …).
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := messages.New(messages.FromEnv(os.Getenv))
	if len(args) > 0 && strings.HasPrefix(args[0], "--lang=") {
		// main hands a --lang given before the command over first.
		if l, ok := messages.ParseLang(strings.TrimPrefix(args[0], "--lang=")); ok {
			p = messages.New(l)
		}
		args = args[1:]
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportUsage))
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "pages":
		return importPages(ctx, args[1:], p, stdout, stderr)
	case "docx":
		return importDocx(ctx, args[1:], p, stdout, stderr)
	}
	fmt.Fprint(stderr, p.Sprintf(messages.ImportUnknownSub, args[0]))
	fmt.Fprint(stderr, p.Sprintf(messages.ImportUsage))
	return 2
}

// importFlags are the flags both imports share.
type importFlags struct {
	site, lang, column *string
	dryRun             *bool
}

// sharedImportFlags defines the shared flags. The --column help lists the
// site's columns, which only the help needs: printDefaults reads them.
func sharedImportFlags(fs *flag.FlagSet, p *messages.Printer, langHelp messages.Key) importFlags {
	return importFlags{
		site:   fs.String("s", ".", p.Sprintf(messages.FlagSite)),
		lang:   fs.String("lang", "", p.Sprintf(langHelp)),
		column: fs.String("column", "", ""),
		dryRun: fs.Bool("dry-run", false, p.Sprintf(messages.ImportFlagDryRun)),
	}
}

// printDefaults prints the flags' help, the --column help with the
// columns of the site -s names (as parsed so far).
func (f importFlags) printDefaults(fs *flag.FlagSet, p *messages.Printer) {
	fs.Lookup("column").Usage = p.Sprintf(messages.ImportFlagColumn, columnList(*f.site))
	fs.PrintDefaults()
}

// options checks the shared flags and loads the site; code is -1 to go on.
func (f importFlags) options(p *messages.Printer, stderr io.Writer) (importer.Options, int) {
	lang, ok := messages.ParseLang(*f.lang)
	if *f.lang == "" {
		lang, ok = messages.ZH, true
	}
	if !ok {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportBadLangValue, *f.lang))
		return importer.Options{}, 2
	}
	cfg, code := loadConfig(*f.site, p, stderr)
	if cfg == nil {
		return importer.Options{}, code
	}
	opts := importer.Options{Site: *f.site, Config: cfg, Lang: string(lang), Column: *f.column, DryRun: *f.dryRun, Messages: p}
	if fi, ok := stderr.(*os.File); ok {
		if st, err := fi.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			opts.Progress = stderr // a terminal: a progress line rewritten in place
		}
	}
	return opts, -1
}

// finish prints the report and returns the exit code.
func finishImport(rep *importer.Report, err error, p *messages.Printer, stdout, stderr io.Writer) int {
	if err != nil {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportFailed, importer.Message(p, err)))
		if importer.IsUsage(err) {
			return 2
		}
		return 1
	}
	rep.Print(stdout, p)
	if rep.Failed() {
		return 1
	}
	return 0
}

func importPages(ctx context.Context, args []string, p *messages.Printer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gazette import pages", flag.ContinueOnError)
	fs.SetOutput(stderr)
	shared := sharedImportFlags(fs, p, messages.ImportFlagPagesLang)
	from := fs.String("from", "", p.Sprintf(messages.ImportFlagFrom))
	body := fs.String("body", "", p.Sprintf(messages.ImportFlagBody))
	title := fs.String("title", "", p.Sprintf(messages.ImportFlagTitle))
	date := fs.String("date", "", p.Sprintf(messages.ImportFlagDate))
	source := fs.String("source", "", p.Sprintf(messages.ImportFlagSource))
	baseURL := fs.String("base-url", "", p.Sprintf(messages.ImportFlagBaseURL))
	timeout := fs.Duration("timeout", 30*time.Second, p.Sprintf(messages.ImportFlagTimeout))
	maxPages := fs.Int("max-pages", 10000, p.Sprintf(messages.ImportFlagMaxPages))
	fs.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportPagesUsage))
		shared.printDefaults(fs, p)
	}
	rest, code := parseFlags(fs, args, p, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportBadArg, rest[0]))
		fs.Usage()
		return 2
	}
	if *from == "" {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportNeedFrom))
		fs.Usage()
		return 2
	}
	opts, code := shared.options(p, stderr)
	if code >= 0 {
		return code
	}
	rep, err := importer.ImportPages(ctx, importer.PagesOptions{
		Options: opts, From: *from, BaseURL: *baseURL, Timeout: *timeout, MaxPages: *maxPages,
		Selectors: importer.Selectors{Body: *body, Title: *title, Date: *date, Source: *source},
	})
	return finishImport(rep, err, p, stdout, stderr)
}

func importDocx(ctx context.Context, args []string, p *messages.Printer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gazette import docx", flag.ContinueOnError)
	fs.SetOutput(stderr)
	shared := sharedImportFlags(fs, p, messages.ImportFlagDocxLang)
	fs.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportDocxUsage))
		shared.printDefaults(fs, p)
	}
	files, code := parseFlags(fs, args, p, stderr)
	if code >= 0 {
		return code
	}
	if *shared.column == "" {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportNeedColumn, columnList(*shared.site)))
		return 2
	}
	if len(files) == 0 {
		fmt.Fprint(stderr, p.Sprintf(messages.ImportNeedFiles))
		fs.Usage()
		return 2
	}
	opts, code := shared.options(p, stderr)
	if code >= 0 {
		return code
	}
	rep, err := importer.ImportDocx(ctx, opts, files)
	return finishImport(rep, err, p, stdout, stderr)
}
