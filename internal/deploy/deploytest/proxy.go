package deploytest

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// Request is one request the proxy saw.
type Request struct {
	Method string
	Key    string // object key without the bucket; "" for bucket requests
	Query  string
}

// Proxy sits between deploy and a gateway and records every request, so
// tests can assert which objects were written and in what order. Before
// forwarding it calls Before, if set, which may stop the gateway to
// simulate a crash in the middle of a deploy.
type Proxy struct {
	URL    string // http://127.0.0.1:port
	Before func(r Request)

	mu       sync.Mutex
	requests []Request
}

// NewProxy starts a proxy to g, closed when the test ends. Requests keep
// the Host they were signed for, which is the proxy's.
func NewProxy(tb testing.TB, g *Gateway) *Proxy {
	tb.Helper()
	p := &Proxy{}
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: g.Addr})
	// A stopped gateway answers 502, as a load balancer before a dead
	// origin would; no log line for it.
	rp.ErrorHandler = func(w http.ResponseWriter, _ *http.Request, _ error) {
		w.WriteHeader(http.StatusBadGateway)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := Request{Method: r.Method, Query: r.URL.RawQuery}
		if _, key, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); ok {
			req.Key = key
		}
		p.mu.Lock()
		p.requests = append(p.requests, req)
		before := p.Before
		p.mu.Unlock()
		if before != nil {
			before(req)
		}
		rp.ServeHTTP(w, r)
	}))
	tb.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// Requests returns the requests seen since the last call, and forgets them.
func (p *Proxy) Requests() []Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.requests
	p.requests = nil
	return r
}

// Target returns a deploy target URL for bucket through the proxy.
func (p *Proxy) Target(bucket string) string {
	return "s3://" + bucket + "?endpoint=" + p.URL + "&region=us-east-1"
}
