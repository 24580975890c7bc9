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
	"regexp"
	"strings"
	"time"

	"gazette/internal/config"
	"gazette/internal/messages"
	"gazette/internal/newfile"
)

// validName is what an announcement's file name may be: it becomes the
// URL and the shared translationKey.
var validName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// runNew creates a Chinese/English pair of announcements with their front
// matter filled in. It writes nothing when either file already exists.
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	p := printerFor(args)
	flags := flag.NewFlagSet("gazette new", flag.ContinueOnError)
	flags.SetOutput(stderr)
	site := flags.String("s", ".", p.Sprintf(messages.FlagSite))
	titleZH := flags.String("title-zh", "", p.Sprintf(messages.FlagTitleZH))
	titleEN := flags.String("title-en", "", p.Sprintf(messages.FlagTitleEN))
	flags.String("lang", "", p.Sprintf(messages.FlagLang))
	flags.Usage = func() {
		fmt.Fprint(stderr, p.Sprintf(messages.NewUsage, columnList(*site)))
		flags.PrintDefaults()
	}
	rest, code := parseFlags(flags, args, p, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) != 2 {
		fmt.Fprint(stderr, p.Sprintf(messages.NewArgs))
		flags.Usage()
		return 2
	}
	key, name := rest[0], rest[1]
	if !validName.MatchString(name) {
		fmt.Fprint(stderr, p.Sprintf(messages.NewBadName, name))
		return 2
	}
	cfg, code := loadConfig(*site, p, stderr)
	if cfg == nil {
		return code
	}
	// A column is named by its key, or a sub-column by its folder path.
	col, ok := cfg.Column(key)
	if !ok {
		fmt.Fprint(stderr, p.Sprintf(messages.NewBadColumn, key, strings.Join(cfg.ColumnPaths(), ", ")))
		return 2
	}
	column := col.Path()

	titles := map[string]string{"zh": *titleZH, "en": *titleEN}
	date := time.Now().In(cfg.Location()).Truncate(time.Minute)
	type file struct{ rel, text string }
	var files []file
	for _, lang := range config.Languages {
		rel := filepath.Join("content", lang, filepath.FromSlash(column), name+".md")
		// A bundle of the same name would have the same URL.
		for _, taken := range []string{rel, filepath.Join("content", lang, filepath.FromSlash(column), name, "index.md")} {
			if _, err := os.Stat(filepath.Join(*site, taken)); !errors.Is(err, fs.ErrNotExist) {
				fmt.Fprint(stderr, p.Sprintf(messages.NewExists, filepath.Join(*site, taken)))
				return 1
			}
		}
		source := ""
		if l := cfg.Languages[lang]; l != nil {
			source = l.Source
		}
		files = append(files, file{rel, frontMatter(titles[lang], date, source, name)})
	}

	var written []string
	for _, f := range files {
		path := filepath.Join(*site, f.rel)
		if err := newfile.Write(path, []byte(f.text)); err != nil {
			for _, w := range written {
				os.Remove(w)
			}
			if errors.Is(err, fs.ErrExist) {
				fmt.Fprint(stderr, p.Sprintf(messages.NewExists, path))
			} else {
				fmt.Fprint(stderr, p.Sprintf(messages.NewWriteFailed, path, err))
			}
			return 1
		}
		written = append(written, path)
	}
	for _, w := range written {
		fmt.Fprint(stdout, p.Sprintf(messages.NewCreated, w))
	}
	fmt.Fprint(stderr, p.Sprintf(messages.NewNext))
	return 0
}

// columnList names the columns of the site in siteDir for the usage
// message, or the default ones when its settings cannot be read.
func columnList(siteDir string) string {
	if cfg, err := config.Load(siteDir); err == nil {
		return strings.Join(cfg.ColumnPaths(), ", ")
	}
	var paths []string
	for _, c := range config.DefaultColumns() {
		paths = append(paths, c.Path())
	}
	return strings.Join(paths, ", ")
}

// frontMatter writes an announcement's TOML front matter. An empty title
// is written as "" so that gazette check asks for it.
func frontMatter(title string, date time.Time, source, key string) string {
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", config.Quote(title))
	fmt.Fprintf(&b, "date = %s\n", date.Format(time.RFC3339))
	if source != "" {
		fmt.Fprintf(&b, "source = %s\n", config.Quote(source))
	}
	fmt.Fprintf(&b, "translationKey = %s\n", config.Quote(key))
	b.WriteString("+++\n\n")
	return b.String()
}
