package serve

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"gazette/internal/config"
	"gazette/internal/manifest"
	"gazette/internal/site"
)

// state is what the HTTP side serves; a build replaces it as a whole.
type state struct {
	// dir is the output of the last good build; "" before the first.
	dir string
	// err is the error of the last build, nil when it succeeded.
	err error
	// gen counts finished builds, good or bad.
	gen int
	// baseURL is the site's configured address; pages carry it in absolute
	// links (the "/" redirect, canonical links), which serve points back
	// at the preview.
	baseURL string
	// warnings of the last good build.
	warnings []string
}

// buildID names a build for the live-reload script: a page reloads when
// the server announces a build other than the one it was served from.
func (s *Server) buildID(st *state) string {
	return s.token + "-" + strconv.Itoa(st.gen)
}

// loop rebuilds after every (debounced) change until ctx ends.
func (s *Server) loop(ctx context.Context) {
	defer close(s.loopDone)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.watch.changed:
			s.rebuild(ctx)
		}
	}
}

// rebuild builds the site into the preview folder not being served, then
// switches to it. A failed build keeps the previous output, records the
// error for the browser and prints it. Either way open pages are told to
// reload.
func (s *Server) rebuild(ctx context.Context) {
	prev := s.state.Load()
	dest := s.outputs[s.next]
	rep, err := site.Build(ctx, site.Options{Source: s.site, Dest: dest, Logger: s.log})
	if ctx.Err() != nil {
		return // stopping: the result no longer matters
	}
	st := &state{dir: prev.dir, gen: prev.gen + 1, baseURL: prev.baseURL, warnings: prev.warnings}
	now := time.Now().Format("15:04:05")
	if err != nil {
		st.err = err
		fmt.Fprintf(s.out, "%s build failed:\n%s\n", now, indent(s.relative(err.Error())))
		if prev.dir != "" {
			fmt.Fprintln(s.out, "  The browser shows this error until the file is fixed and saved; the last good build is kept.")
		} else {
			fmt.Fprintln(s.out, "  The browser shows this error until the file is fixed and saved.")
		}
	} else {
		s.next = 1 - s.next
		st.dir = dest
		st.warnings = rep.Warnings
		if cfg, err := config.Load(s.site); err == nil {
			st.baseURL = cfg.BaseURL
			if p := mountPath(cfg.Browsecount.Endpoint, s.log); p != s.endpoint {
				s.log.Warn("browsecount.endpoint changed: restart gazette serve to serve the API at the new path", "serving", s.endpoint, "configured", p)
			}
		}
		s.reloadManifest(ctx, dest)
		fmt.Fprintf(s.out, "%s built in %s: %s\n", now, rep.Duration.Round(time.Millisecond), pageCounts(rep.Pages))
		if prev.err != nil {
			fmt.Fprintln(s.out, "  Fixed: the browser shows the site again.")
		}
		if !slices.Equal(rep.Warnings, prev.warnings) {
			for _, w := range rep.Warnings {
				fmt.Fprintf(s.out, "  warning: %s\n", w)
			}
		}
	}
	s.state.Store(st)
	s.hub.publish(s.buildID(st))
}

// reloadManifest hands the counter the pages of the build just finished, so
// a new announcement can be counted right away.
func (s *Server) reloadManifest(ctx context.Context, dir string) {
	m, err := manifest.Load(ctx, filepath.Join(dir, "browsecount", "manifest.json"), nil)
	if err != nil {
		s.counter.ManifestReloadFailed()
		s.log.Error("browse counts: the build's manifest was not loaded; counts use the previous one", "err", err)
		return
	}
	s.counter.SetManifest(m)
}

// relative removes the absolute site folder from a message, so it names
// files the way content staff see them.
func (s *Server) relative(msg string) string {
	return strings.ReplaceAll(msg, s.absSite+string(filepath.Separator), "")
}

func indent(msg string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(msg, "\n"), "\n", "\n  ")
}

func pageCounts(pages map[string]int) string {
	var parts []string
	for _, l := range config.Languages {
		parts = append(parts, fmt.Sprintf("%s %d", l, pages[l]))
	}
	return strings.Join(parts, ", ") + " pages"
}
