package counter

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gazette/internal/manifest"
)

// Config holds the service's settings. The zero value of each field but
// Logger means its documented default.
type Config struct {
	// AllowOrigins are the origins ("https://www.example.gov.cn") that get
	// CORS headers and may send hits from a page on another origin.
	AllowOrigins []string
	// RateLimit is the number of hits one client may send per minute;
	// 0 disables the limit.
	RateLimit int
	// ClientIPHeader names a header set by a trusted proxy that carries the
	// client's address (e.g. X-Real-IP). Empty: use the connection's address.
	ClientIPHeader string

	// DedupeWindow is how long a visitor's hit on a page counts only once
	// (default 30 minutes).
	DedupeWindow time.Duration
	// MaxVisitors bounds the visitors remembered for deduplication
	// (default 1,000,000, about 100 MB at worst).
	MaxVisitors int
	// MaxClients bounds the clients tracked by the rate limiter
	// (default 100,000).
	MaxClients int
	// KeyRotation is how often the visitor-hash secret is replaced
	// (default 24 hours).
	KeyRotation time.Duration
	// MaxBatch bounds the hits committed in one transaction (default 1024).
	MaxBatch int
	// Committers is the number of transactions that may commit at once
	// (default 1, right for SQLite; PostgreSQL on another host profits
	// from 2).
	Committers int
	// StoreTimeout bounds each store operation (default 5 seconds).
	StoreTimeout time.Duration

	// Now returns the current time; tests replace it.
	Now func() time.Time
	// Logger receives the service's logs; nil discards them.
	Logger *slog.Logger
}

func (c *Config) setDefaults() {
	if c.DedupeWindow == 0 {
		c.DedupeWindow = 30 * time.Minute
	}
	if c.MaxVisitors == 0 {
		c.MaxVisitors = 1_000_000
	}
	if c.MaxClients == 0 {
		c.MaxClients = 100_000
	}
	if c.KeyRotation == 0 {
		c.KeyRotation = 24 * time.Hour
	}
	if c.MaxBatch == 0 {
		c.MaxBatch = 1024
	}
	if c.Committers == 0 {
		c.Committers = 1
	}
	if c.StoreTimeout == 0 {
		c.StoreTimeout = 5 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Validate reports the first invalid setting, naming it.
func (c Config) Validate() error {
	for _, o := range c.AllowOrigins {
		if _, err := ParseOrigin(o); err != nil {
			return err
		}
	}
	if c.RateLimit < 0 {
		return fmt.Errorf("counter: rate limit %d: must be 0 (off) or more", c.RateLimit)
	}
	if c.ClientIPHeader != "" && strings.ContainsAny(c.ClientIPHeader, " :\t\r\n") {
		return fmt.Errorf("counter: client IP header %q is not a header name", c.ClientIPHeader)
	}
	if c.DedupeWindow < 0 || c.MaxVisitors < 0 || c.MaxClients < 0 || c.KeyRotation < 0 || c.MaxBatch < 0 || c.Committers < 0 || c.StoreTimeout < 0 {
		return errors.New("counter: negative limit in config")
	}
	return nil
}

// ParseOrigin checks and normalises a CORS origin: scheme "http" or "https",
// a host, an optional port and nothing else.
func ParseOrigin(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("counter: allowed origin %q: want scheme://host[:port], e.g. https://www.example.gov.cn", s)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}

// Server is the browse-count HTTP service. Create it with New, serve
// Handler, and Close it after the HTTP server has shut down.
type Server struct {
	cfg      Config
	store    Store
	log      *slog.Logger
	origins  map[string]bool
	pages    atomic.Pointer[loadedManifest]
	reloadEr atomic.Int64
	hasher   *hasher
	bots     botCache
	dedupe   *deduper
	limit    *limiter // nil when RateLimit is 0
	batch    *batcher
	metrics  *metrics
	mux      *http.ServeMux
	close    sync.Once
}

type loadedManifest struct {
	ids    manifest.Set
	loaded time.Time
}

// New returns a Server counting the pages of m in store. It starts the
// group-commit goroutine; call Close to stop it.
func New(cfg Config, store Store, m manifest.Manifest) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	s := &Server{
		cfg:     cfg,
		store:   store,
		log:     cfg.Logger,
		origins: make(map[string]bool),
		hasher:  newHasher(cfg.Now(), cfg.KeyRotation, cfg.DedupeWindow),
		dedupe:  newDeduper(cfg.DedupeWindow, cfg.MaxVisitors),
		metrics: newMetrics(),
	}
	for _, o := range cfg.AllowOrigins {
		n, _ := ParseOrigin(o)
		s.origins[n] = true
	}
	if cfg.RateLimit > 0 {
		s.limit = newLimiter(cfg.RateLimit, time.Minute, cfg.MaxClients)
	}
	s.SetManifest(m)
	s.batch = newBatcher(store, cfg.Committers, cfg.MaxBatch, cfg.StoreTimeout, s.metrics, s.log)
	s.routes()
	return s, nil
}

// SetManifest replaces the set of pages that exist. Hits already queued for
// commit are still counted.
func (s *Server) SetManifest(m manifest.Manifest) {
	s.pages.Store(&loadedManifest{ids: m.IDs(), loaded: s.cfg.Now()})
}

// ManifestReloadFailed records, for /metrics, that a reload was refused.
func (s *Server) ManifestReloadFailed() { s.reloadEr.Add(1) }

// Handler returns the HTTP API (see docs/counter-api.md).
func (s *Server) Handler() http.Handler { return s.mux }

// Close commits the hits already queued and stops the group commit. Call it
// after the HTTP server has stopped; hits arriving later get 503. It does
// not close the store.
func (s *Server) Close() {
	s.close.Do(s.batch.close)
}
