// Package site builds a Gazette site: it runs Hugo in-process over the
// site's content, layouts and strings, minifies everything once, copies
// static files, writes the browse-count manifest, and swaps the result into
// the destination folder only when every step succeeded.
package site

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gazette/internal/config"
	"gazette/internal/content"
	"gazette/internal/messages"
	"gazette/internal/search"
)

// Options say what to build and where.
type Options struct {
	// Source is the site folder holding config.toml, content/, layouts/, i18n/.
	Source string
	// Dest is the output folder; empty means Source/public.
	Dest string
	// Logger receives progress and Hugo's own messages; nil discards them.
	Logger *slog.Logger
	// CountsFrom, when set, is asked for the current browse counts of the
	// built pages, which are then written into the pages in place of the
	// "-" placeholder. The page script still replaces them with live
	// numbers; a baked count is what readers see when the counter is
	// unreachable. If it fails, the build warns and keeps the placeholder.
	CountsFrom func(ctx context.Context, ids []string) (map[string]int64, error)
	// Messages prints the content checks' findings in the writer's
	// language; nil prints English.
	Messages *messages.Printer
	// Now is the build's clock: policy documents past their validUntil
	// and stale columns are judged against it. Zero means the real time.
	Now time.Time
	// AheadAfter is for a Session: once a build has taken this long,
	// RenderAhead renders edited announcements ahead of the rebuild.
	// 0 means DefaultAheadAfter; a negative value turns it off.
	AheadAfter time.Duration
}

// Report summarises a successful build.
type Report struct {
	// Pages counts the regular pages rendered per language.
	Pages map[string]int
	// Files is the number of files written.
	Files int
	// BytesBefore and BytesAfter are the sizes of minifiable files before
	// and after minification; other files count the same in both.
	BytesBefore, BytesAfter int64
	Duration                time.Duration
	// Warnings are problems that did not stop the build, such as
	// announcements without a translation.
	Warnings []string
	// AheadDiffered, after a Session's Rebuild, names the output files
	// RenderAhead had put in that the rebuild rendered differently.
	AheadDiffered []string
	// Search is the part of Duration spent on the search index: reading
	// the announcements' text from Hugo, indexing and writing the files.
	Search time.Duration
}

// BuildError is a content or template error located in a file of the site.
type BuildError struct {
	File      string // relative to the site folder, slash-separated
	Line, Col int
	Err       error
}

func (e *BuildError) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *BuildError) Unwrap() error { return e.Err }

// CheckError is returned when the content checks found errors; nothing
// was built.
type CheckError struct {
	Diagnostics []content.Diagnostic
}

func (e *CheckError) Error() string {
	var b strings.Builder
	n := 0
	for _, d := range e.Diagnostics {
		if d.Severity == content.Error {
			b.WriteString(d.String())
			b.WriteByte('\n')
			n++
		}
	}
	fmt.Fprintf(&b, "%d error(s) in the content; run 'gazette check' for every finding", n)
	return b.String()
}

// Build renders the site in opts.Source into opts.Dest. On any error Dest is
// left as it was.
func Build(ctx context.Context, opts Options) (*Report, error) {
	start := time.Now()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	// Hugo works with absolute paths; the stage folder must be one too.
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return nil, fmt.Errorf("site: output folder %q: %w", opts.Dest, err)
	}
	opts.Dest = dest
	cfg, err := config.Load(opts.Source)
	if err != nil {
		return nil, err
	}
	if err := refuseLinksOut(opts.Source, opts.Messages); err != nil {
		return nil, err
	}
	// Hugo publishes straight into a stage folder beside the destination,
	// and every file is minified as Hugo closes it: no copy of the site is
	// held in memory and no second pass runs after Hugo.
	stage, err := newStage(opts.Dest)
	if err != nil {
		return nil, err
	}
	defer stage.discard()

	// The same checks as `gazette check` run beside Hugo (both only read
	// the site; Hugo leaves a core idle in some phases). Their errors win
	// over Hugo's: they name the file, line and column in the writer's
	// terms, and nothing is published when either fails.
	type checked struct {
		diags []content.Diagnostic
		err   error
	}
	checkDone := make(chan checked, 1)
	reads := &sharedReads{}
	go func() {
		copts := content.OptionsFromConfig(cfg)
		copts.Messages = opts.Messages
		copts.Now = opts.Now
		copts.ReadFile = reads.readFile
		diags, err := content.Check(opts.Source, copts)
		checkDone <- checked{diags, err}
	}()
	stream := newMinifyFs(stage.dir)
	r, renderErr := render(opts.Source, cfg, hugoLog{log}, stream, opts.Now, reads)
	chk := <-checkDone
	if chk.err != nil {
		return nil, chk.err
	}
	if content.HasErrors(chk.diags) {
		return nil, &CheckError{Diagnostics: chk.diags}
	}
	diags := chk.diags
	if renderErr != nil {
		return nil, renderErr
	}
	if err := stream.err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	rep := &Report{Pages: r.counts, Warnings: warnings(r, diags)}

	files := stream.rendered()
	static, err := listStatic(opts.Source)
	if err != nil {
		return nil, err
	}
	if err := noOverlap(files, static); err != nil {
		return nil, err
	}
	st, err := writeFiles(ctx, static, stage.dir)
	if err != nil {
		return nil, err
	}
	st.add(stream.stats())
	searchStart := time.Now()
	sst, err := writeSearchFiles(r.search, r.columns, stage.dir)
	if err != nil {
		return nil, err
	}
	st.add(sst)
	rep.Search = r.searchTook + time.Since(searchStart)

	if opts.CountsFrom != nil {
		ids := make([]string, len(r.pages))
		for i, p := range r.pages {
			ids[i] = p.id
		}
		counts, err := opts.CountsFrom(ctx, ids)
		if err != nil {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("browse counts not baked in: %v", err))
		} else if err := bakeCounts(stage.dir, files, counts); err != nil {
			return nil, err
		}
	}
	sort.Strings(rep.Warnings)

	taken := make(map[string]bool, len(files)+len(static))
	for _, f := range files {
		taken[f] = true
	}
	for _, f := range static {
		taken[f.rel] = true
	}
	n, err := writeManifest(stage.dir, r.pages, cfg.BaseURL, taken)
	if err != nil {
		return nil, err
	}
	st.files += n
	if err := stage.commit(); err != nil {
		return nil, err
	}
	rep.Files, rep.BytesBefore, rep.BytesAfter = st.files, st.before, st.after
	rep.Duration = time.Since(start)
	log.Info("site built", "dest", opts.Dest, "files", rep.Files, "duration", rep.Duration)
	return rep, nil
}

// refuseLinksOut fails when a symbolic link under content/ leads out of
// the site. It runs before Hugo and the checks start, so nothing behind
// such a link is read; Hugo would skip the link anyway (see cjkFs), and the
// checks report it again with every other finding.
func refuseLinksOut(siteDir string, p *messages.Printer) error {
	links, err := content.Symlinks(siteDir, p)
	if err != nil {
		return err
	}
	if content.HasErrors(links) {
		return &CheckError{Diagnostics: links}
	}
	return nil
}

// noOverlap refuses a static file that would silently replace a rendered
// page, or the other way round.
func noOverlap(rendered []string, static []file) error {
	seen := make(map[string]bool, len(rendered))
	for _, rel := range rendered {
		seen[rel] = true
	}
	for _, f := range static {
		if err := staticClash(f.rel, seen[f.rel]); err != nil {
			return err
		}
	}
	return nil
}

// staticClash refuses the static file rel where the build writes a file
// of its own: the search index's folder, the browse-count manifest, or a
// page it rendered (rendered).
func staticClash(rel string, rendered bool) error {
	if isSearchFile(rel) {
		return fmt.Errorf("static/%s: the folder %s/ is where the build writes the search index; move the file elsewhere", rel, search.Dir)
	}
	if rendered || rel == manifestPath {
		return fmt.Errorf("static/%s: has the same path as a page the site renders; rename or remove one of them", rel)
	}
	return nil
}

// hugoLog passes Hugo's log lines to slog at debug level; warnings are also
// collected into the Report.
type hugoLog struct{ log *slog.Logger }

func (h hugoLog) Write(p []byte) (int, error) {
	h.log.Debug("hugo", "msg", string(p))
	return len(p), nil
}

var _ io.Writer = hugoLog{}

// warnings gathers what a build reports without stopping: Hugo's warnings,
// the content checks' warnings and the announcements without translation.
func warnings(r *rendered, diags []content.Diagnostic) []string {
	w := append([]string(nil), r.warnings...)
	for _, d := range diags {
		// Missing translations are reported below from Hugo's own pairing.
		if d.Severity == content.Warning && d.Code != "missing-translation" {
			w = append(w, d.String())
		}
	}
	for _, p := range r.pages {
		if !p.translated {
			w = append(w, fmt.Sprintf("%s: announcement has no translation (the language toggle leads to the other language's column)", p.file))
		}
	}
	sort.Strings(w)
	return w
}
