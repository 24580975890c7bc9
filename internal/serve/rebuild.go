package serve

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"gazette/internal/config"
	"gazette/internal/content"
	"gazette/internal/messages"
	"gazette/internal/site"
)

// state is what the HTTP side serves; a build replaces it as a whole.
type state struct {
	// ok is set once a build succeeded: the session's output has a site.
	ok bool
	// err is the error of the last build, nil when it succeeded.
	err error
	// message is err as the person at the terminal and in the browser
	// reads it, in their language where it is Gazette's own.
	message string
	// gen counts finished builds, good or bad.
	gen int
	// baseURL is the site's configured address; pages carry it in absolute
	// links (the "/" redirect, canonical links), which serve points back
	// at the preview.
	baseURL string
	// warnings of the last good build.
	warnings []string
	// ahead are the pages (output files) rendered ahead of the rebuild
	// under way; they already belong to it (see pageBuildID).
	ahead map[string]bool
}

// buildID names a build for the live-reload script: a page reloads when
// the server announces a build other than the one it was served from.
func (s *Server) buildID(st *state) string {
	return s.token + "-" + strconv.Itoa(st.gen)
}

// pageBuildID is the build the page in the output file name belongs to.
// A page rendered ahead belongs to the rebuild under way: when that
// rebuild is announced the page does not reload again, unless the rebuild
// rendered it differently (publish then skips its number).
func (s *Server) pageBuildID(st *state, name string) string {
	if st.ahead[name] {
		return s.token + "-" + strconv.Itoa(st.gen+1)
	}
	return s.buildID(st)
}

// loop rebuilds after every (debounced) change until ctx ends.
func (s *Server) loop(ctx context.Context) {
	defer close(s.loopDone)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.watch.changed:
			events, all := s.watch.take()
			s.rebuild(ctx, events, all)
		}
	}
}

// rebuild brings the preview up to date with the changed files: the site
// session re-renders what they touch (everything, when all is set). A
// failed build keeps the previous output, records the error for the
// browser and prints it. Either way open pages are told to reload.
func (s *Server) rebuild(ctx context.Context, events []fsnotify.Event, all bool) {
	s.building.Lock()
	if !all {
		if ahead := s.session.RenderAhead(ctx, events); len(ahead) > 0 {
			// The pages and the state that names their build change
			// together, under the lock.
			id := s.markAhead(ahead)
			s.building.Unlock()
			s.hub.publish(id)
			s.rebuildBehind(ctx, events)
			return
		}
	}
	defer s.building.Unlock()
	var rep *site.Report
	var err error
	if all {
		rep, err = s.session.Reopen(ctx)
	} else {
		rep, err = s.session.Rebuild(ctx, events)
	}
	if ctx.Err() != nil {
		return // stopping: the result no longer matters
	}
	s.publish(rep, err)
}

// testHookBehind, when set, runs in rebuildBehind after the pages rendered
// ahead are announced and before the rebuild: tests hold it there to see
// what is served meanwhile.
var testHookBehind func()

// markAhead records that the pages in the output files ahead were
// rendered ahead of a rebuild, and returns the id that reloads open pages.
func (s *Server) markAhead(ahead []string) string {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	st := *s.state.Load()
	st.gen++
	st.ahead = map[string]bool{}
	for _, name := range ahead {
		st.ahead[name] = true
	}
	s.state.Store(&st)
	return s.buildID(&st)
}

// rebuildBehind follows RenderAhead, which put the edited pages into the
// preview already, and their announcement: the rebuild runs while
// requests are answered, the edited pages at once and any other page when
// the rebuild is done (the session's Visit waits for it). An edit of
// content changes no style or script, so no page served meanwhile links
// a file that is not there yet.
func (s *Server) rebuildBehind(ctx context.Context, events []fsnotify.Event) {
	if testHookBehind != nil {
		testHookBehind()
	}

	rep, err := s.session.Rebuild(ctx, events)
	if ctx.Err() != nil {
		return
	}
	s.building.Lock()
	defer s.building.Unlock()
	s.publish(rep, err)
}

// publish records the outcome of a build, prints it and reloads the open
// pages.
func (s *Server) publish(rep *site.Report, err error) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	prev := s.state.Load()
	st := &state{ok: prev.ok, gen: prev.gen + 1, baseURL: prev.baseURL, warnings: prev.warnings}
	if prev.ahead != nil && (err != nil || len(rep.AheadDiffered) > 0) {
		// Pages rendered ahead claim the number this build would have:
		// skip it, so that they reload and show what the build made.
		st.gen++
	}
	now := time.Now().Format("15:04:05")
	m := s.msgs
	if err != nil {
		st.err, st.message = err, s.relative(s.describe(err))
		fmt.Fprint(s.out, m.Sprintf(messages.ServeFailed, now, indent(st.message)))
		if prev.ok {
			fmt.Fprint(s.out, m.Sprintf(messages.ServeKeptLast))
		} else {
			fmt.Fprint(s.out, m.Sprintf(messages.ServeShowsError))
		}
	} else {
		st.ok = true
		st.warnings = rep.Warnings
		st.baseURL = s.session.BaseURL()
		if cfg, err := config.Load(s.site); err == nil {
			if p := mountPath(cfg.Browsecount.Endpoint, s.log); p != s.endpoint {
				s.log.Warn("browsecount.endpoint changed: restart gazette serve to serve the API at the new path", "serving", s.endpoint, "configured", p)
			}
		}
		s.counter.SetManifest(s.session.Manifest())
		fmt.Fprint(s.out, m.Sprintf(messages.ServeBuilt, now, rep.Duration.Round(time.Millisecond), m.Sprintf(messages.ServePages, rep.Pages["zh"], rep.Pages["en"])))
		if prev.err != nil {
			fmt.Fprint(s.out, m.Sprintf(messages.ServeFixed))
		}
		if !slices.Equal(rep.Warnings, prev.warnings) {
			for _, w := range rep.Warnings {
				fmt.Fprint(s.out, m.Sprintf(messages.ServeWarning, w))
			}
		}
	}
	s.state.Store(st)
	s.hub.publish(s.buildID(st))
}

// describe words a build error for people: the content checks' errors
// one per line, then the catalogue's summary, as gazette build prints them.
func (s *Server) describe(err error) string {
	var ce *site.CheckError
	if !errors.As(err, &ce) {
		return err.Error()
	}
	var b strings.Builder
	n := 0
	for _, d := range ce.Diagnostics {
		if d.Severity == content.Error {
			b.WriteString(d.String())
			b.WriteByte('\n')
			n++
		}
	}
	b.WriteString(s.msgs.Sprintf(messages.BuildCheckFail, n))
	return strings.TrimRight(b.String(), "\n")
}

// relative removes the absolute site folder from a message, so it names
// files the way content staff see them.
func (s *Server) relative(msg string) string {
	return strings.ReplaceAll(msg, s.absSite+string(filepath.Separator), "")
}

func indent(msg string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(msg, "\n"), "\n", "\n  ")
}
