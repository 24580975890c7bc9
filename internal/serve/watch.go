package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"gazette/internal/config"
)

// watchedDirs are the folders of a site whose changes change the output.
var watchedDirs = []string{"content", "layouts", "i18n", "static", "assets"}

// watcher turns file events under a site's sources into one signal per
// burst of changes.
type watcher struct {
	site     string // absolute
	fsw      *fsnotify.Watcher
	debounce time.Duration
	log      *slog.Logger
	// changed receives a value when sources changed and have been quiet
	// for debounce; take then returns the changes. It holds at most one:
	// changes during a build become one more build afterwards.
	changed chan struct{}

	mu    sync.Mutex
	timer *time.Timer
	done  chan struct{}
	// pending are the events since the last take, one per file with the
	// operations of all its events: a file written and then removed
	// reads as removed.
	pending []fsnotify.Event
	seen    map[string]int // index into pending
	// lost is set when the watcher's queue overflowed: events are
	// missing, so only a full build is safe.
	lost bool
}

func newWatcher(site string, debounce time.Duration, log *slog.Logger) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("serve: watching files: %w", err)
	}
	w := &watcher{
		site:     site,
		fsw:      fsw,
		debounce: debounce,
		log:      log,
		changed:  make(chan struct{}, 1),
		done:     make(chan struct{}),
	}
	// The site folder itself, for config.toml and for source folders that
	// appear later.
	if err := fsw.Add(site); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("serve: watching %s: %w", site, err)
	}
	for _, d := range watchedDirs {
		if err := w.addTree(filepath.Join(site, d)); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	go w.run()
	return w, nil
}

// addTree watches dir and every folder below it. A missing dir is fine:
// the site may not have one yet.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // gone already; its removal is an event of its own
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignored(d.Name()) {
			return filepath.SkipDir
		}
		if err := w.fsw.Add(p); err != nil {
			return err
		}
		w.log.Debug("watching", "dir", p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("serve: watching %s: %w", dir, err)
	}
	return nil
}

func (w *watcher) run() {
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// An overflowed event queue loses changes: rebuild to be safe.
			w.log.Warn("file watcher", "err", err)
			w.mu.Lock()
			w.lost = true
			w.mu.Unlock()
			w.trigger()
		}
	}
}

func (w *watcher) handle(ev fsnotify.Event) {
	if ev.Op == fsnotify.Chmod || ignored(filepath.Base(ev.Name)) {
		return
	}
	// The one OS-dependent step: on Windows ev.Name has \ separators,
	// which filepath turns into a slash path relative to the site.
	rel, err := filepath.Rel(w.site, ev.Name)
	if err != nil || !watched(filepath.ToSlash(rel)) {
		return
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			// Files created in it before the watch was added raise no
			// event, but the rebuild triggered below reads them.
			if err := w.addTree(ev.Name); err != nil {
				w.log.Warn("file watcher", "err", err)
			}
		}
	}
	w.log.Debug("changed", "file", rel, "op", ev.Op.String())
	w.mu.Lock()
	if i, ok := w.seen[ev.Name]; ok {
		w.pending[i].Op |= ev.Op
	} else {
		if w.seen == nil {
			w.seen = map[string]int{}
		}
		w.seen[ev.Name] = len(w.pending)
		w.pending = append(w.pending, ev)
	}
	w.mu.Unlock()
	w.trigger()
}

// take returns the changes since the last call; all is set when some may
// be missing, and everything must be rebuilt.
func (w *watcher) take() (events []fsnotify.Event, all bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	events, all = w.pending, w.lost
	w.pending, w.seen, w.lost = nil, nil, false
	return events, all
}

// trigger (re)starts the quiet period after which changed fires.
func (w *watcher) trigger() {
	w.mu.Lock()
	defer w.mu.Unlock()
	select {
	case <-w.done:
		return
	default:
	}
	if w.timer == nil {
		w.timer = time.AfterFunc(w.debounce, w.fire)
		return
	}
	w.timer.Reset(w.debounce)
}

func (w *watcher) fire() {
	select {
	case w.changed <- struct{}{}:
	default: // a build is already due
	}
}

func (w *watcher) close() error {
	w.mu.Lock()
	close(w.done)
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Unlock()
	return w.fsw.Close()
}

// watched reports whether a change at rel, a slash-separated path
// relative to the site folder, can change the site: config.toml, or
// anything in a watched folder. Other files at the top of the site, and
// .gazette/ itself, do not. Events only come from the site folder and the
// watched trees, so a nested path is in a watched tree.
func watched(rel string) bool {
	top, _, nested := strings.Cut(rel, "/")
	return nested || top == config.FileName || isWatchedDir(top)
}

func isWatchedDir(name string) bool {
	for _, d := range watchedDirs {
		if d == name {
			return true
		}
	}
	return false
}

// ignored reports files and folders whose changes do not matter: editors'
// swap, backup and lock files, and hidden files, which Hugo skips too.
func ignored(name string) bool {
	switch {
	case name == "":
		return false
	case strings.HasPrefix(name, "."): // .#lock (Emacs), .file.swp (Vim), .DS_Store
		return true
	case strings.HasSuffix(name, "~"): // backups (Vim, Emacs, gedit)
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // Emacs auto-save
		return true
	case name == "4913": // Vim probes whether it may write in a folder
		return true
	case strings.HasPrefix(name, "~$"): // Office's lock file beside an open document
		return true
	case strings.EqualFold(name, "Thumbs.db") || strings.EqualFold(name, "desktop.ini"): // Windows Explorer
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".swp", ".swo", ".swx", ".swpx", ".tmp", ".crdownload", ".part":
		return true
	}
	return strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") // JetBrains safe write
}
