package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"gazette/internal/messages"
)

// fetched is one resource of the old site.
type fetched struct {
	// url is where the resource was found, after redirects.
	url *url.URL
	// contentType is the Content-Type header; "" for a file on disk.
	contentType string
	body        []byte
}

// fetcher gets one resource of the old site by its absolute URL. Errors
// are Problems that name the URL.
type fetcher interface {
	fetch(ctx context.Context, u *url.URL) (*fetched, error)
}

// maxBody bounds one resource: a page or an attachment larger than this
// is refused rather than held in memory.
const maxBody = 64 << 20

// httpFetcher fetches over HTTP(S) from one host, politely: it honours
// robots.txt and its Crawl-delay, and callers bound how many requests run
// at once.
type httpFetcher struct {
	client    *http.Client
	host      string
	userAgent string
	timeout   time.Duration
	robots    *robots

	mu   sync.Mutex
	next time.Time // the earliest start of the next request under a Crawl-delay
}

// newHTTPFetcher prepares fetching from start's host: it reads the host's
// robots.txt. As RFC 9309 (and Google) have it, a robots.txt that is not
// there (a 4xx answer) allows everything, and one the server fails to give
// (a 5xx answer, no answer at all) disallows the whole site: the error
// then says so, and nothing may be fetched.
func newHTTPFetcher(ctx context.Context, client *http.Client, start *url.URL, userAgent string, timeout time.Duration) (*httpFetcher, error) {
	f := &httpFetcher{host: strings.ToLower(start.Host), userAgent: userAgent, timeout: timeout}
	c := *client
	c.CheckRedirect = f.checkRedirect
	f.client = &c
	robotsURL := &url.URL{Scheme: start.Scheme, Host: start.Host, Path: "/robots.txt"}
	r, err := f.get(ctx, robotsURL)
	if err == nil {
		f.robots = parseRobots(r.body, userAgent)
		return f, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var st *statusError
	// 429 Too Many Requests is the server asking to wait, not a missing
	// file: Google treats it as a server error, and so does this.
	if errors.As(err, &st) && st.code >= 400 && st.code < 500 && st.code != http.StatusTooManyRequests {
		return f, nil
	}
	// Anything else (a 5xx, no answer, a redirect loop or one to another
	// host) leaves the rules unknown: the safe reading is "keep out".
	f.robots = &robots{disallowAll: true}
	return f, problem(messages.ImportRobotsUnavailable, robotsURL.String(), err)
}

// statusError is an HTTP answer other than 200 OK, with its status code
// for callers that tell them apart; it reads as its Problem.
type statusError struct {
	*Problem
	code int
}

func (e *statusError) Unwrap() error { return e.Problem }

// errRedirectLoop marks a redirect back to a URL already visited.
var errRedirectLoop = errors.New("redirect loop")

// errOtherHost marks a redirect away from the old site's host.
type errOtherHost struct{ to string }

func (e *errOtherHost) Error() string { return "redirect to another host: " + e.to }

// errDisallowed marks a redirect to an address robots.txt disallows.
type errDisallowed struct{ to string }

func (e *errDisallowed) Error() string { return "redirect to an address robots.txt disallows: " + e.to }

// onSite reports whether u is on the old site's host, the one site a
// crawl stays on.
func (f *httpFetcher) onSite(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, f.host)
}

// checkRedirect holds each redirect to the rules a link is held to: on the
// old site and allowed by robots.txt, so that a redirect cannot take the
// crawler where it would not go by itself.
func (f *httpFetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return errRedirectLoop
		}
	}
	if len(via) >= 10 {
		return errRedirectLoop
	}
	if !f.onSite(req.URL) {
		return &errOtherHost{req.URL.String()}
	}
	if !f.robots.allowed(req.URL.RequestURI()) {
		return &errDisallowed{req.URL.String()}
	}
	return nil
}

func (f *httpFetcher) fetch(ctx context.Context, u *url.URL) (*fetched, error) {
	if !f.onSite(u) {
		return nil, problem(messages.ImportOtherHost, u.String())
	}
	if !f.robots.allowed(u.RequestURI()) {
		return nil, problem(messages.ImportRobots, u.String())
	}
	return f.get(ctx, u)
}

// get fetches u, waiting for its turn under a Crawl-delay.
func (f *httpFetcher) get(ctx context.Context, u *url.URL) (*fetched, error) {
	if f.robots != nil && f.robots.delay > 0 {
		f.mu.Lock()
		now := time.Now()
		start := now
		if f.next.After(now) {
			start = f.next
		}
		f.next = start.Add(min(f.robots.delay, 10*time.Second))
		f.mu.Unlock()
		select {
		case <-time.After(start.Sub(now)):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, problem(messages.ImportFetchFailed, u.String(), err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.explain(u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &statusError{problem(messages.ImportHTTPStatus, u.String(), resp.Status), resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, f.explain(u, err)
	}
	if len(body) > maxBody {
		return nil, problem(messages.ImportTooLarge, u.String(), maxBody>>20)
	}
	return &fetched{url: resp.Request.URL, contentType: resp.Header.Get("Content-Type"), body: body}, nil
}

// explain turns a failed request into a Problem a person can act on.
func (f *httpFetcher) explain(u *url.URL, err error) error {
	var other *errOtherHost
	var disallowed *errDisallowed
	var ne net.Error
	switch {
	case errors.Is(err, errRedirectLoop):
		return problem(messages.ImportRedirectLoop, u.String())
	case errors.As(err, &other):
		return problem(messages.ImportOtherHost, other.to)
	case errors.As(err, &disallowed):
		return problem(messages.ImportRobotsRedirect, u.String(), disallowed.to)
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return problem(messages.ImportTimeout, u.String(), f.timeout)
	case errors.Is(err, context.Canceled):
		return err
	}
	return problem(messages.ImportFetchFailed, u.String(), err)
}

// folderFetcher reads a folder of saved pages (such as a wget --mirror
// copy) as if it were the old site at base.
type folderFetcher struct {
	root string
	base *url.URL
}

func (f *folderFetcher) fetch(ctx context.Context, u *url.URL) (*fetched, error) {
	rel, ok := f.rel(u)
	if !ok {
		return nil, problem(messages.ImportOtherHost, u.String())
	}
	name := filepath.Join(f.root, filepath.FromSlash(rel))
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		name = filepath.Join(name, "index.html")
	}
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, problem(messages.ImportNotInFolder, u.String(), name)
	}
	if err != nil {
		return nil, problem(messages.ImportReadFailed, name, err)
	}
	return &fetched{url: u, body: data}, nil
}

// rel returns the slash-separated path of u inside the folder, when u is
// on the old site.
func (f *folderFetcher) rel(u *url.URL) (string, bool) {
	if !strings.EqualFold(u.Host, f.base.Host) {
		return "", false
	}
	p := path.Clean("/" + u.Path)
	if strings.HasSuffix(u.Path, "/") {
		p += "/"
	}
	rel := strings.TrimPrefix(p, "/")
	return rel, !strings.HasPrefix(rel, "..")
}

// pageURL returns the old site's URL of a file in the folder.
func (f *folderFetcher) pageURL(rel string) *url.URL {
	u := *f.base
	u.Path = "/" + filepath.ToSlash(rel)
	u.RawQuery, u.Fragment = "", ""
	return &u
}

// folderBase returns the URL a folder of saved pages stands for: baseURL
// when given, else the folder's own name when it looks like a host name
// (wget --mirror names the folder after the host), else a placeholder
// host that only the folder's own links can reach.
func folderBase(dir, baseURL string) (*url.URL, error) {
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || !u.IsAbs() || u.Host == "" {
			return nil, problem(messages.ImportBadBaseURL, baseURL)
		}
		return u, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	name := strings.ToLower(filepath.Base(abs))
	if strings.Contains(name, ".") && !strings.ContainsAny(name, " _") {
		return &url.URL{Scheme: "http", Host: name, Path: "/"}, nil
	}
	return &url.URL{Scheme: "http", Host: "old-site.invalid", Path: "/"}, nil
}
