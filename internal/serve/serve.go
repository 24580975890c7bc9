// Package serve is Gazette's preview server: it builds a site in memory,
// serves it on the loopback interface, rebuilds what a change touches when
// a source file is saved and reloads the open pages, and answers the
// browse-count API from an embedded store so counts work in preview. On a
// site large enough for a rebuild to take a while, an edited announcement
// is rendered on its own and served first, and the rebuild follows behind
// (see site.Session.RenderAhead).
//
// The preview never writes public/. The one file it keeps is the
// browse-count database, in SITE/.gazette/ (which ignores itself for git).
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"gazette/internal/config"
	"gazette/internal/counter"
	"gazette/internal/counter/store/sqlite"
	"gazette/internal/manifest"
	"gazette/internal/messages"
	"gazette/internal/site"
)

// DefaultPort is the port serve listens on unless told otherwise; it is
// Hugo's, which content staff may know from tutorials.
const DefaultPort = 1313

// DefaultDebounce is how long serve waits after the last file event before
// it rebuilds. Editors save in a burst (write, chmod, rename a temporary
// file); one build per save is what matters.
const DefaultDebounce = 50 * time.Millisecond

// defaultEndpoint is where the API is mounted when config.toml cannot be read
// at start; config.Load fills the same default otherwise.
const defaultEndpoint = "/api/browsecount"

// closeGrace bounds how long Close waits for a build in progress: Hugo's
// rendering cannot be interrupted, and on a large site it takes a while.
const closeGrace = 3 * time.Second

// stateDir holds everything serve writes inside the site folder.
const stateDir = ".gazette"

// Options say which site to preview and how.
type Options struct {
	// Site is the site folder (holds config.toml, content/, layouts/ …).
	Site string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one.
	Port int
	// Debounce is the quiet time after a change before rebuilding;
	// 0 means DefaultDebounce.
	Debounce time.Duration
	// Out receives what the person at the terminal should read: each
	// rebuild and every build error, verbatim ("file:line:col: message").
	// nil discards it.
	Out io.Writer
	// Logger receives diagnostics (file events, watcher and counter
	// problems, shutdown); nil discards them.
	Logger *slog.Logger
	// Messages prints what Out receives, and the content checks' findings,
	// in the writer's language; nil prints English.
	Messages *messages.Printer
	// AheadAfter: once a build of the site has taken this long, an edited
	// announcement is rendered on its own and served before the rebuild
	// finishes (see site.Session.RenderAhead). 0 means
	// site.DefaultAheadAfter; negative turns it off.
	AheadAfter time.Duration
}

// Server is a running preview. Start it with Start and stop it with Close.
type Server struct {
	site     string // as given, so build errors name files relative to it
	absSite  string
	out      io.Writer
	msgs     *messages.Printer
	log      *slog.Logger
	token    string // tells this process's builds from a previous run's
	endpoint string // path the browse-count API is mounted at

	session *site.Session // the site, built in memory
	pubMu   sync.Mutex    // one build result published at a time
	// building is held for writing while a build changes the site in
	// memory, and for reading while a request reads it: a page is served
	// whole from one build, never half old and half new. The exception is
	// the rebuild after pages were rendered ahead (rebuildBehind): it
	// changes only pages, which the session keeps from being served before
	// they are current.
	building sync.RWMutex
	state    atomic.Pointer[state]
	hub      *hub
	watch    *watcher

	store   *sqlite.Store
	counter *counter.Server

	ln       net.Listener
	http     *http.Server
	url      string
	cancel   context.CancelFunc // stops the rebuild loop
	loopDone chan struct{}
	failed   chan struct{} // closed when the HTTP server stops by itself
	serveErr error
	close    sync.Once
	closeErr error
}

// Start builds the site, starts watching its sources and serves it on
// 127.0.0.1. A build error does not stop it: the error is reported on Out
// and shown in the browser until the next good build. Start returns an
// error only when the preview cannot run at all (not a site folder, the
// port is taken, the store cannot be opened) or ctx ends first. Call Close
// when done, also after ctx is cancelled.
func Start(ctx context.Context, opts Options) (_ *Server, err error) {
	if opts.Site == "" {
		opts.Site = "."
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("serve: port %d: must be 0 (any free port) to 65535", opts.Port)
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	abs, err := filepath.Abs(opts.Site)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if _, err := os.Stat(filepath.Join(abs, config.FileName)); err != nil {
		return nil, fmt.Errorf("serve: %s has no %s: run gazette serve in a site folder or point -s at one", opts.Site, config.FileName)
	}
	token := make([]byte, 4)
	rand.Read(token)
	s := &Server{
		site:     opts.Site,
		absSite:  abs,
		out:      opts.Out,
		msgs:     opts.Messages,
		log:      opts.Logger,
		token:    hex.EncodeToString(token),
		hub:      newHub(),
		loopDone: make(chan struct{}),
		failed:   make(chan struct{}),
	}
	defer func() {
		if err != nil {
			s.release()
		}
	}()

	// Take the port first: a busy one should not cost a whole build. Until
	// the first build is served, browsers wait in the listen queue.
	s.ln, err = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(opts.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("serve: port %d is in use (another gazette serve?): stop it or pick another port with --port", opts.Port)
		}
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.url = "http://" + s.ln.Addr().String() + "/"

	if err := prepareStateDir(filepath.Join(abs, stateDir)); err != nil {
		return nil, err
	}

	// The endpoint is read once: the browse-count API stays where the
	// pages of the first build expect it.
	s.endpoint = defaultEndpoint
	if cfg, err := config.Load(s.site); err == nil {
		s.endpoint = cfg.Browsecount.Endpoint
	}
	s.endpoint = mountPath(s.endpoint, s.log)

	s.store, err = sqlite.Open(ctx, filepath.Join(abs, stateDir, "browsecount.db"))
	if err != nil {
		return nil, fmt.Errorf("serve: opening the browse-count store: %w", err)
	}
	s.counter, err = counter.New(counter.Config{Logger: s.log.With("component", "browsecount")}, s.store, manifest.Manifest{Version: manifest.Version})
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}

	// Watch before the first build, so an edit saved while it runs is
	// not lost.
	s.watch, err = newWatcher(abs, opts.Debounce, s.log)
	if err != nil {
		return nil, err
	}

	s.state.Store(&state{})
	fmt.Fprint(s.out, s.msgs.Sprintf(messages.ServeBuilding, abs))
	// Hugo cannot be interrupted while it renders; on Ctrl-C stop waiting
	// for it. The abandoned build sees ctx ended and publishes nothing.
	type opened struct {
		session *site.Session
		rep     *site.Report
		err     error
	}
	built := make(chan opened, 1)
	go func() {
		sess, rep, err := site.Open(ctx, site.Options{Source: s.site, Logger: s.log, Messages: s.msgs, AheadAfter: opts.AheadAfter})
		built <- opened{sess, rep, err}
	}()
	var first opened
	select {
	case first = <-built:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if first.session == nil {
		return nil, fmt.Errorf("serve: %w", first.err)
	}
	s.session = first.session
	// A broken site still starts: the browser shows the error until the
	// file is fixed.
	s.publish(first.rep, first.err)

	s.http = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	go func() {
		if err := s.http.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
			s.serveErr = err
			close(s.failed)
		}
	}()

	loopCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.cancel = cancel
	go s.loop(loopCtx)
	return s, nil
}

// URL is the address of the preview, like "http://127.0.0.1:1313/".
func (s *Server) URL() string { return s.url }

// Failed is closed when the HTTP server stopped by itself; Close then
// returns why.
func (s *Server) Failed() <-chan struct{} { return s.failed }

// Close stops serving: it ends the live-reload streams, shuts the HTTP
// server down, waits a few seconds at most for a build in progress (its
// result is discarded), stops watching and closes the browse-count store.
// It returns the first error met, and is safe to call more than once.
func (s *Server) Close() error {
	s.close.Do(func() {
		s.hub.close()
		if s.http != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			if err := s.http.Shutdown(ctx); err != nil {
				s.closeErr = fmt.Errorf("serve: stopping the HTTP server: %w", err)
			}
			cancel()
		}
		if s.cancel != nil {
			s.cancel()
			select {
			case <-s.loopDone:
				s.session.Close()
			case <-time.After(closeGrace):
				// It sees its context ended and publishes nothing; the
				// process is about to end, which frees Hugo's memory.
				s.log.Warn("stopping without waiting for the build in progress")
			}
		}
		if err := s.release(); err != nil && s.closeErr == nil {
			s.closeErr = err
		}
		select {
		case <-s.failed: // serveErr is set before failed is closed
			if s.closeErr == nil {
				s.closeErr = fmt.Errorf("serve: %w", s.serveErr)
			}
		default:
		}
	})
	return s.closeErr
}

// release closes what Start opened before serving began.
func (s *Server) release() error {
	var errs []error
	if s.watch != nil {
		errs = append(errs, s.watch.close())
	}
	if s.counter != nil {
		s.counter.Close() // commits queued hits; the store must still be open
	}
	if s.store != nil {
		if err := s.store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("serve: closing the browse-count store: %w", err))
		}
	}
	if s.ln != nil && s.http == nil {
		s.ln.Close()
	}
	return errors.Join(errs...)
}

// prepareStateDir creates SITE/.gazette with a .gitignore of its own, so the
// database stays out of git in any site repository, and removes the
// preview folders earlier versions of serve built on disk.
func prepareStateDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(ignore, []byte("# Written by gazette serve: the preview and its browse-count database.\n*\n"), 0o644); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	os.RemoveAll(filepath.Join(dir, "preview"))
	return nil
}

// mountPath returns the path the browse-count API is served at. An absolute
// endpoint URL means pages call another origin; the preview mounts the API
// at that URL's path anyway, for tools that use the preview's own origin.
func mountPath(endpoint string, log *slog.Logger) string {
	if i := strings.Index(endpoint, "://"); i >= 0 {
		rest := endpoint[i+3:]
		p := "/"
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			p = rest[j:]
		}
		log.Warn("browsecount.endpoint is an absolute URL: pages in the preview send their counts there, not to the preview's store", "endpoint", endpoint)
		endpoint = p
	}
	endpoint = "/" + strings.Trim(endpoint, "/")
	if endpoint == "/" {
		endpoint = defaultEndpoint
	}
	return endpoint
}
