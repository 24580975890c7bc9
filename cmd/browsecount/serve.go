package main

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"syscall"
	"time"

	"gazette/internal/counter"
	"gazette/internal/counter/store/postgres"
	"gazette/internal/counter/store/sqlite"
	"gazette/internal/manifest"
)

func openStore(ctx context.Context, c config) (counter.Store, string, error) {
	if c.Postgres != "" {
		s, err := postgres.Open(ctx, c.Postgres)
		return s, "postgres", err
	}
	s, err := sqlite.OpenWith(ctx, c.DB, sqlite.Options{Synchronous: c.SQLiteSync})
	return s, "sqlite", err
}

// serve runs the API until SIGTERM or SIGINT, then stops accepting, lets
// requests in flight finish (their batches commit) and returns nil.
func serve(ctx context.Context, c config, log *slog.Logger) error {
	// Signals first, so that one arriving during start-up is not lost.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer signal.Stop(sigs)

	client := &http.Client{Timeout: 30 * time.Second}
	m, err := manifest.Load(ctx, c.Manifest, client)
	if err != nil {
		return fmt.Errorf("cannot start without a manifest: %w", err)
	}
	if len(m.Pages) == 0 {
		log.Warn("the manifest lists no pages: every hit will get 404", "manifest", c.Manifest)
	}
	store, kind, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := counter.New(c.counterConfig(log), store, m)
	if err != nil {
		return err
	}
	defer srv.Close()

	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Listen, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          redactingLogger(log),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "store", kind, "pages", len(m.Pages),
		"manifest", c.Manifest, "rate_limit", c.RateLimit, "allowed_origins", len(c.AllowOrigins))

	var tick <-chan time.Time
	if manifest.IsURL(c.Manifest) {
		t := time.NewTicker(c.ManifestInterval)
		defer t.Stop()
		tick = t.C
	}
	current := m.IDs()
	reload := func(why string) {
		m, err := manifest.Load(ctx, c.Manifest, client)
		if err != nil {
			srv.ManifestReloadFailed()
			log.Error("manifest reload failed; keeping the previous one", "why", why, "err", err)
			return
		}
		ids := m.IDs()
		changed := len(ids) != len(current)
		for id := range ids {
			changed = changed || !current.Has(id)
		}
		srv.SetManifest(m)
		current = ids
		if changed || why == "SIGHUP" {
			log.Info("manifest reloaded", "why", why, "pages", len(m.Pages), "changed", changed)
		}
	}

	for {
		select {
		case err := <-served:
			return fmt.Errorf("http server on %s stopped: %w", ln.Addr(), err)
		case <-tick:
			reload("interval")
		case sig := <-sigs:
			if sig == syscall.SIGHUP {
				reload("SIGHUP")
				continue
			}
			log.Info("shutting down", "signal", sig.String())
			sctx, cancel := context.WithTimeout(context.Background(), c.ShutdownTimeout)
			err := hs.Shutdown(sctx)
			cancel()
			if err != nil {
				log.Warn("requests still running at the shutdown timeout", "err", err)
			}
			srv.Close() // commits what is queued
			if err := store.Close(); err != nil {
				return fmt.Errorf("closing the store: %w", err)
			}
			log.Info("stopped")
			return nil
		}
	}
}

// addrPattern matches IPv4 and bracketed or bare IPv6 addresses, with an
// optional port.
var addrPattern = regexp.MustCompile(`\[[0-9A-Fa-f:.]+\](:\d+)?|\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b|\b[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}\b`)

// redactingLogger gives net/http a logger for its own messages (such as
// "http: TLS handshake error from 203.0.113.5:4711" or a recovered panic)
// that removes client addresses before they reach the log.
func redactingLogger(l *slog.Logger) *log.Logger {
	return log.New(writerFunc(func(p []byte) (int, error) {
		msg := addrPattern.ReplaceAllString(string(trimNewline(p)), "[addr]")
		l.Warn("http server", "msg", msg)
		return len(p), nil
	}), "", 0)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func trimNewline(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}
