package counter

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("POST /v1/hit", s.handleHit)
	s.mux.HandleFunc("GET /v1/views", s.handleViews)
	s.mux.HandleFunc("OPTIONS /v1/{endpoint}", s.handlePreflight)
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("GET /metrics", s.handleMetrics)
}

type errorBody struct {
	Error string `json:"error"`
	ID    string `json:"id,omitempty"`
}

// Header values shared by every answer. Assigning these slices instead of
// calling Header.Set saves allocations on the hot path; net/http never
// modifies them.
var (
	jsonType   = []string{"application/json; charset=utf-8"}
	nosniff    = []string{"nosniff"}
	varyOrigin = []string{"Origin"}
	noStore    = []string{"no-store"}
)

func jsonHeaders(h http.Header) {
	h["Content-Type"] = jsonType
	h["X-Content-Type-Options"] = nosniff
	if _, ok := h["Cache-Control"]; !ok {
		h["Cache-Control"] = noStore
	}
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	jsonHeaders(w.Header())
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	// Served as application/json with nosniff, never as HTML: reasons
	// such as {"id":"<id>"} stay readable.
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// refuse answers a hit that is not counted and not answered with a count.
func (s *Server) refuse(w http.ResponseWriter, code int, reason string, body errorBody) {
	s.metrics.refuse(reason)
	writeJSON(w, code, body)
}

// cors adds CORS headers for an allowed Origin and reports whether the
// request may go on: a hit from a foreign origin is refused even when the
// browser would not preflight it (a text/plain POST), or any site could
// inflate counts through its visitors' browsers.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) (allowed bool) {
	// Responses differ by Origin, so shared caches must key on it.
	w.Header()["Vary"] = varyOrigin
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // not a cross-origin browser request
	}
	if s.origins[strings.ToLower(origin)] {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		return true
	}
	return sameHost(origin, r.Host)
}

// sameHost reports whether origin names the host the request was sent to
// (the page and the API share the site's origin behind nginx).
func sameHost(origin, host string) bool {
	i := strings.Index(origin, "://")
	if i < 0 || host == "" {
		return false
	}
	oh := origin[i+3:]
	if h, _, err := net.SplitHostPort(oh); err == nil {
		oh = h
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.EqualFold(oh, host)
}

func (s *Server) handlePreflight(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	method := r.Header.Get("Access-Control-Request-Method")
	ep := r.PathValue("endpoint")
	okMethod := ep == "hit" && method == http.MethodPost || ep == "views" && (method == http.MethodGet || method == http.MethodHead)
	if origin == "" || !s.origins[strings.ToLower(origin)] || !okMethod {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Methods", method)
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
}

// clientIP is the address rate limits and dedupe key on. A configured proxy
// header wins; for a list (X-Forwarded-For) the last entry is the one the
// trusted proxy itself saw, the earlier ones are whatever the client sent.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.ClientIPHeader != "" {
		if v := r.Header.Get(s.cfg.ClientIPHeader); v != "" {
			if i := strings.LastIndexByte(v, ','); i >= 0 {
				v = v[i+1:]
			}
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// writeHit answers 200 {"id":"<id>","views":N}, built by hand: it is the
// answer to almost every request. Valid ids hold no control characters,
// so escaping '"' and '\\' is all JSON needs.
func writeHit(w http.ResponseWriter, id string, views int64) {
	jsonHeaders(w.Header())
	buf := make([]byte, 0, 32+len(id))
	buf = append(buf, `{"id":"`...)
	for i := 0; i < len(id); i++ {
		if id[i] == '"' || id[i] == '\\' {
			buf = append(buf, '\\')
		}
		buf = append(buf, id[i])
	}
	buf = append(buf, `","views":`...)
	buf = strconv.AppendInt(buf, views, 10)
	buf = append(buf, "}\n"...)
	w.Write(buf)
}

func (s *Server) handleHit(w http.ResponseWriter, r *http.Request) {
	now := s.cfg.Now()
	if !s.cors(w, r) {
		s.refuse(w, http.StatusForbidden, reasonOrigin, errorBody{Error: "origin not allowed: add it with --allow-origin"})
		return
	}
	if r.ContentLength > MaxBody {
		s.refuse(w, http.StatusRequestEntityTooLarge, reasonTooLarge, errorBody{Error: "body over 1024 bytes"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.refuse(w, http.StatusRequestEntityTooLarge, reasonTooLarge, errorBody{Error: "body over 1024 bytes"})
			return
		}
		s.refuse(w, http.StatusBadRequest, reasonBadRequest, errorBody{Error: "could not read body"})
		return
	}
	id, err := parseHit(body)
	if err != nil {
		s.refuse(w, http.StatusBadRequest, reasonBadRequest, errorBody{Error: err.Error()})
		return
	}
	if !s.pages.Load().ids.Has(id) {
		s.refuse(w, http.StatusNotFound, reasonUnknownID, errorBody{Error: "unknown id: not in the manifest", ID: id})
		return
	}
	ip := s.clientIP(r)
	if s.limit != nil {
		k, _, _ := s.hasher.keys(now, "rate-limit", ip)
		if ok, wait := s.limit.allow(k, now); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
			s.refuse(w, http.StatusTooManyRequests, reasonRateLimited, errorBody{Error: "too many hits from this client, retry later", ID: id})
			return
		}
	}
	ua := r.UserAgent()
	if s.bots.isBot(ua) {
		s.metrics.refuse(reasonBot)
		s.answerCurrent(w, r, id)
		return
	}
	k1, k2, ok2 := s.hasher.keys(now, ip, ua, id)
	if !s.dedupe.mark(k1, k2, ok2, now) {
		s.metrics.refuse(reasonDuplicate)
		s.answerCurrent(w, r, id)
		return
	}
	views, err := s.batch.add(r.Context(), id)
	if err != nil {
		if r.Context().Err() != nil {
			// The client went away; its hit may still commit, so
			// the visitor stays marked as counted.
			return
		}
		// Not stored: let the visitor's retry count.
		s.dedupe.forget(k1)
		s.unavailable(w, id)
		return
	}
	writeHit(w, id, views)
}

// answerCurrent answers a hit that is not counted with the current count.
func (s *Server) answerCurrent(w http.ResponseWriter, r *http.Request, id string) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.StoreTimeout)
	defer cancel()
	got, err := s.store.Views(ctx, []string{id})
	if err != nil {
		s.metrics.storeErrors.Add(1)
		s.log.Error("reading a count failed", "id", id, "err", err)
		s.unavailable(w, id)
		return
	}
	writeHit(w, id, got[id])
}

func (s *Server) unavailable(w http.ResponseWriter, id string) {
	w.Header().Set("Retry-After", "5")
	s.refuse(w, http.StatusServiceUnavailable, reasonUnavailable, errorBody{Error: "count store unavailable, retry later", ID: id})
}

type viewsResponse struct {
	Views map[string]int64 `json:"views"`
}

func (s *Server) handleViews(w http.ResponseWriter, r *http.Request) {
	s.cors(w, r) // reading counts is harmless; CORS only decides who may see them
	ids, err := parseViews(r.URL.Query())
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: err.Error()})
		return
	}
	pages := s.pages.Load().ids
	known := ids[:0]
	for _, id := range ids {
		if pages.Has(id) {
			known = append(known, id)
		}
	}
	out := make(map[string]int64, len(known))
	if len(known) > 0 {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.StoreTimeout)
		defer cancel()
		got, err := s.store.Views(ctx, known)
		if err != nil {
			s.metrics.storeErrors.Add(1)
			s.log.Error("reading counts failed", "ids", len(known), "err", err)
			w.Header().Set("Retry-After", "5")
			writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: "count store unavailable, retry later"})
			return
		}
		// A page in the manifest that was never counted has 0 views.
		for _, id := range known {
			out[id] = got[id]
		}
	}
	s.metrics.views.Add(1)
	w.Header().Set("Cache-Control", "public, max-age=60")
	writeJSON(w, http.StatusOK, viewsResponse{Views: out})
}

type healthBody struct {
	Status string `json:"status"`
	Pages  int    `json:"pages"`
	Error  string `json:"error,omitempty"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.StoreTimeout)
	defer cancel()
	pages := len(s.pages.Load().ids)
	if err := s.store.Ping(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, healthBody{Status: "unavailable", Pages: pages, Error: err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, healthBody{Status: "ok", Pages: pages})
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	lm := s.pages.Load()
	g := gauges{
		pages:                len(lm.ids),
		manifestLoaded:       lm.loaded,
		manifestReloadErrors: s.reloadEr.Load(),
		dedupeEntries:        s.dedupe.entries(),
	}
	if s.limit != nil {
		g.rateLimitEntries = s.limit.entries()
	}
	s.metrics.write(w, g)
}
