// Package importer turns what a portal already has into Gazette
// announcements: the pages of its old site (a folder of saved pages or a
// live site fetched over HTTP) and Word documents (.docx). It writes
// markdown files with their front matter and page bundles under content/;
// it never builds, and it never overwrites a file.
package importer

import (
	"errors"
	"fmt"
	"io"
	"time"

	"gazette/internal/config"
	"gazette/internal/messages"
)

// Options are what every import needs.
type Options struct {
	// Site is the site folder; content is written under Site/content.
	Site string
	// Config is the site's validated settings.
	Config *config.Config
	// Lang is the language of inputs that do not say theirs: "zh" or "en".
	Lang string
	// Column is the column key announcements go into. For pages it may be
	// empty: each page's ColumnName meta tag then decides.
	Column string
	// DryRun writes nothing; the report says what would be written.
	DryRun bool
	// Messages prints the report and progress in the user's language.
	Messages *messages.Printer
	// Progress, when set, receives a progress line that is rewritten in
	// place (a terminal's stderr).
	Progress io.Writer
	// Now is the time used for announcements without a date of their own;
	// time.Now when nil.
	Now func() time.Time
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o *Options) lang() string {
	if o.Lang == "" {
		return config.Languages[0]
	}
	return o.Lang
}

// Problem is why an input was skipped or what a warning is about, as a
// catalogue message, so that the report reads in the user's language.
type Problem struct {
	Key  messages.Key
	Args []any
}

func (p *Problem) Error() string { return messages.New(messages.EN).Sprintf(p.Key, p.Args...) }

// problem returns a Problem for key with args.
func problem(key messages.Key, args ...any) *Problem { return &Problem{Key: key, Args: args} }

// problemKey is the catalogue key of the Problem err is or wraps, or "".
func problemKey(err error) messages.Key {
	var p *Problem
	if errors.As(err, &p) {
		return p.Key
	}
	return ""
}

// Message renders err in p's language: a Problem through the catalogue,
// anything else as it is.
func Message(p *messages.Printer, err error) string { return describe(p, err) }

// IsUsage reports whether err is a problem with the options themselves
// (an unknown column, a bad selector, a --from that is neither a folder
// nor a URL), which a command reports as a usage error.
func IsUsage(err error) bool {
	var pr *Problem
	if !errors.As(err, &pr) {
		return false
	}
	switch pr.Key {
	case messages.ImportBadColumn, messages.ImportBadSelector, messages.ImportBadFrom, messages.ImportBadBaseURL:
		return true
	}
	return false
}

func describe(p *messages.Printer, err error) string {
	var pr *Problem
	if !errors.As(err, &pr) {
		return err.Error()
	}
	args := make([]any, len(pr.Args))
	for i, a := range pr.Args {
		// A Problem inside a Problem (why a copied file failed) reads in
		// the same language.
		if e, ok := a.(error); ok {
			args[i] = describe(p, e)
		} else {
			args[i] = a
		}
	}
	return p.Sprintf(pr.Key, args...)
}

// Item is one input and what became of it.
type Item struct {
	// Input is the page's URL or the file's path.
	Input string
	// Files are the site-relative files written (or, in a dry run, that
	// would be written); for an announcement already imported, its file.
	Files []string
	// Err is why the input was skipped; nil when it was imported.
	Err error
}

// Report is the outcome of one import run.
type Report struct {
	// Imported announcements, with the files written for each.
	Imported []Item
	// Existing announcements: their file is already there, from an
	// earlier run or written by hand. Nothing was written for them.
	Existing []Item
	// Skipped inputs, each with its reason. Nothing was written for them.
	Skipped []Item
	// Ignored pages that are not announcements by design, such as a
	// column's list pages; not a failure.
	Ignored []Item
	// Warnings about inputs that were imported all the same.
	Warnings []Item
	// DryRun is set when nothing was written.
	DryRun bool
}

// Failed reports whether any input was skipped with an error.
func (r *Report) Failed() bool { return len(r.Skipped) > 0 }

// Print writes the report for people: one line per input that needs
// attention, then the totals.
func (r *Report) Print(w io.Writer, p *messages.Printer) {
	wrote := messages.ImportWrote
	if r.DryRun {
		wrote = messages.ImportWouldWrite
	}
	for _, it := range r.Imported {
		for _, f := range it.Files {
			fmt.Fprint(w, p.Sprintf(wrote, f, it.Input))
		}
	}
	for _, it := range r.Existing {
		fmt.Fprint(w, p.Sprintf(messages.ImportExists, it.Files[0], it.Input))
	}
	for _, it := range r.Ignored {
		fmt.Fprint(w, p.Sprintf(messages.ImportIgnored, it.Input, describe(p, it.Err)))
	}
	for _, it := range r.Warnings {
		fmt.Fprint(w, p.Sprintf(messages.ImportWarning, it.Input, describe(p, it.Err)))
	}
	for _, it := range r.Skipped {
		fmt.Fprint(w, p.Sprintf(messages.ImportSkipped, it.Input, describe(p, it.Err)))
	}
	fmt.Fprint(w, p.Sprintf(messages.ImportSummary, len(r.Imported), len(r.Existing), len(r.Skipped), len(r.Ignored), len(r.Warnings)))
	if r.DryRun {
		fmt.Fprint(w, p.Sprintf(messages.ImportDryRun))
	}
}
