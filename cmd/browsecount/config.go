package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"gazette/internal/counter"
	"gazette/internal/manifest"
)

// errHelp is returned for -h: usage was printed, nothing else to do.
var errHelp = flag.ErrHelp

// config is everything the command line and environment decide.
type config struct {
	Listen           string
	DB               string
	SQLiteSync       string
	Postgres         string
	Manifest         string
	ManifestInterval time.Duration
	AllowOrigins     []string
	RateLimit        int
	ClientIPHeader   string
	ShutdownTimeout  time.Duration
	LogLevel         slog.Level
	ImportFile       string // import only
}

// envPrefix starts the environment variables that set the same things as
// flags: --rate-limit is BROWSECOUNT_RATE_LIMIT. Flags win.
const envPrefix = "BROWSECOUNT_"

func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseConfig reads flags for cmd ("serve" or "import") over defaults taken
// from the environment, and validates the result.
func parseConfig(cmd string, args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	c := config{
		Listen:           "127.0.0.1:8090",
		DB:               "browsecount.db",
		SQLiteSync:       "normal",
		Manifest:         "public/browsecount/manifest.json",
		ManifestInterval: 5 * time.Minute,
		RateLimit:        120,
		ShutdownTimeout:  15 * time.Second,
	}
	fs := flag.NewFlagSet("browsecount", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		if cmd == "import" {
			fmt.Fprint(stderr, "Usage: browsecount import [flags] FILE.csv\n\nAdds legacy counts (rows \"id,count\", or \"old URL,count\" for pages whose aliases hold the old address) once per file; ids and addresses must be in the manifest.\n\n")
		} else {
			fmt.Fprint(stderr, "Usage: browsecount [flags]\n       browsecount import [flags] FILE.csv\n       browsecount --version\n\nServes the browse-count API. Each flag can also be set by the environment\nvariable named after it, e.g. --rate-limit by BROWSECOUNT_RATE_LIMIT.\n\n")
		}
		fs.PrintDefaults()
	}
	// Each flag's default comes from its environment variable when set;
	// malformed values are reported under the variable's name.
	var envErr error
	str := func(p *string, name, usage string) {
		if v := getenv(envName(name)); v != "" {
			*p = v
		}
		fs.StringVar(p, name, *p, usage)
	}
	str(&c.DB, "db", "SQLite database file (the embedded store, used unless --postgres is set)")
	str(&c.SQLiteSync, "sqlite-sync", "normal: a 200 survives a crash of the process (kill -9); full: fsync every commit, so it survives a power loss too (slower)")
	// Not through str: -h prints defaults, and this one holds a password.
	fs.StringVar(&c.Postgres, "postgres", "", "PostgreSQL URL postgres://user:password@host:port/db, for several replicas; prefer "+envName("postgres")+", which ps does not show")
	str(&c.Manifest, "manifest", "the manifest written by 'gazette build': a file path or an http(s) URL")
	logLevel := "info"
	str(&logLevel, "log-level", "debug, info, warn or error")
	if cmd == "serve" {
		str(&c.Listen, "listen", "address to listen on")
		str(&c.ClientIPHeader, "client-ip-header", "take the client address from this header set by a trusted proxy (e.g. X-Real-IP); default: the connection's address")
		if v := getenv(envName("rate-limit")); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				envErr = fmt.Errorf("%s=%q: not a number", envName("rate-limit"), v)
			}
			c.RateLimit = n
		}
		fs.IntVar(&c.RateLimit, "rate-limit", c.RateLimit, "hits per client per minute; 0 disables the limit")
		for name, p := range map[string]*time.Duration{"manifest-interval": &c.ManifestInterval, "shutdown-timeout": &c.ShutdownTimeout} {
			if v := getenv(envName(name)); v != "" {
				d, err := time.ParseDuration(v)
				if err != nil {
					envErr = fmt.Errorf("%s=%q: not a duration such as 5m", envName(name), v)
				}
				*p = d
			}
		}
		fs.DurationVar(&c.ManifestInterval, "manifest-interval", c.ManifestInterval, "how often to reload a manifest given as a URL (a file is reloaded on SIGHUP)")
		fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long SIGTERM waits for requests in flight")
		if v := getenv(envName("allow-origin")); v != "" {
			c.AllowOrigins = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
		}
		envOrigins := c.AllowOrigins != nil
		fs.Func("allow-origin", "an origin (https://host[:port]) allowed to call the API from a browser; repeat for several", func(s string) error {
			if envOrigins { // flags replace the environment's list
				c.AllowOrigins, envOrigins = nil, false
			}
			c.AllowOrigins = append(c.AllowOrigins, s)
			return nil
		})
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if envErr != nil {
		return c, envErr
	}
	if c.Postgres == "" {
		c.Postgres = getenv(envName("postgres"))
	}
	dbSet := false
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	dbSet = dbSet || getenv(envName("db")) != ""
	if err := c.LogLevel.UnmarshalText([]byte(logLevel)); err != nil {
		return c, fmt.Errorf("--log-level %q: want debug, info, warn or error", logLevel)
	}
	switch cmd {
	case "import":
		if fs.NArg() != 1 {
			return c, errors.New("import needs exactly one FILE.csv argument")
		}
		c.ImportFile = fs.Arg(0)
	default:
		if fs.NArg() != 0 {
			return c, fmt.Errorf("unexpected argument %q (did you mean `browsecount import %s`?)", fs.Arg(0), fs.Arg(0))
		}
	}
	if c.Postgres != "" && dbSet {
		return c, errors.New("--db and --postgres both set: choose one store")
	}
	if s := strings.ToLower(c.SQLiteSync); s != "full" && s != "normal" {
		return c, fmt.Errorf("--sqlite-sync %q: want full or normal", c.SQLiteSync)
	}
	if c.Manifest == "" {
		return c, errors.New("--manifest is empty: give the manifest.json that `gazette build` writes")
	}
	if manifest.IsURL(c.Manifest) && c.ManifestInterval < time.Second {
		return c, fmt.Errorf("--manifest-interval %v: must be at least 1s", c.ManifestInterval)
	}
	if c.ShutdownTimeout <= 0 {
		return c, fmt.Errorf("--shutdown-timeout %v: must be positive", c.ShutdownTimeout)
	}
	if err := c.counterConfig(nil).Validate(); err != nil {
		return c, err
	}
	return c, nil
}

func (c config) counterConfig(log *slog.Logger) counter.Config {
	committers := 1 // SQLite: one writer at a time
	if c.Postgres != "" {
		// A second transaction in flight hides the round trip to a
		// database on another host. More did not help in the
		// benchmark: batches only got smaller (BENCHMARKS.md).
		committers = 2
	}
	return counter.Config{
		Committers:     committers,
		AllowOrigins:   c.AllowOrigins,
		RateLimit:      c.RateLimit,
		ClientIPHeader: c.ClientIPHeader,
		Logger:         log,
	}
}
