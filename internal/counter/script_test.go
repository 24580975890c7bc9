package counter_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"gazette/internal/counter"
	"gazette/internal/testenv"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

// scriptPath is the page script, relative to this package.
var scriptPath = filepath.Join("..", "..", "internal", "theme", "assets", "js", "browsecount.js")

// TestPageScriptSize minifies the page script with the minifier the site
// build uses and holds it to the 1 KB budget.
func TestPageScriptSize(t *testing.T) {
	src, err := os.ReadFile(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	m := minify.New()
	m.AddFunc("text/javascript", js.Minify)
	var out bytes.Buffer
	if err := m.Minify("text/javascript", &out, bytes.NewReader(src)); err != nil {
		t.Fatalf("minifying %s: %v", scriptPath, err)
	}
	t.Logf("%s: %d bytes, %d minified", scriptPath, len(src), out.Len())
	if out.Len() > 1024 {
		t.Fatalf("%s minifies to %d bytes, the budget is 1024:\n%s", scriptPath, out.Len(), out.String())
	}
}

// harness runs the page script in Node against a fake page whose spans are
// given on the command line, with the real fetch, and prints what the spans
// show, the requests made and anything logged or thrown. sessionStorage is
// kept in a file so that several runs form one browser session.
const harness = `
const fs = require("fs");
const [script, endpoint, storeFile, ua, spansJSON] = process.argv.slice(2);
const out = { requests: [], errors: [] };
for (const k of ["error", "warn", "log"]) console[k] = (...a) => out.errors.push(k + ": " + a.join(" "));
process.on("unhandledRejection", (e) => out.errors.push("unhandled rejection: " + e));
process.on("uncaughtException", (e) => out.errors.push("uncaught: " + e));
const store = fs.existsSync(storeFile) ? JSON.parse(fs.readFileSync(storeFile, "utf8")) : {};
globalThis.sessionStorage = { getItem: (k) => (k in store ? store[k] : null), setItem: (k, v) => { store[k] = String(v); } };
const spans = JSON.parse(spansJSON).map(([id, hit]) => ({
  textContent: "-",
  getAttribute: (a) => (a === "data-browsecount-id" ? id : null),
  hasAttribute: (a) => a === "data-browsecount-hit" && hit,
}));
globalThis.document = {
  currentScript: { getAttribute: (a) => (a === "data-endpoint" ? endpoint : null) },
  querySelectorAll: () => spans,
};
const realFetch = fetch;
globalThis.window = globalThis;
let pending = 0;
globalThis.fetch = (url, init = {}) => {
  out.requests.push((init.method || "GET") + " " + url.slice(endpoint.replace(/\/+$/, "").length));
  pending++;
  const p = realFetch(url, { ...init, headers: { "user-agent": ua } });
  p.finally(() => setTimeout(() => pending--, 20)).catch(() => {});
  return p;
};
eval(fs.readFileSync(script, "utf8"));
// Done when no request has been in flight for two looks in a row.
let idle = 0;
const timer = setInterval(() => {
  idle = pending ? 0 : idle + 1;
  if (idle < 2) return;
  clearInterval(timer);
  out.spans = spans.map((s) => String(s.textContent)); // the DOM turns numbers into text
  fs.writeFileSync(storeFile, JSON.stringify(store));
  process.stdout.write(JSON.stringify(out));
}, 25);
`

type pageRun struct {
	Spans    []string `json:"spans"`
	Requests []string `json:"requests"`
	Errors   []string `json:"errors"`
}

func nodeOrSkip(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err == nil {
		return node
	}
	testenv.Missing(t, "node is not installed: the page-script test runs assets/js/browsecount.js in Node", "Debian package nodejs")
	return ""
}

// TestPageScriptAgainstTheService runs the real script against the real
// service (SQLite store, mounted under /api/browsecount as nginx does).
func TestPageScriptAgainstTheService(t *testing.T) {
	node := nodeOrSkip(t)
	dir := t.TempDir()
	hf := filepath.Join(dir, "harness.js")
	if err := os.WriteFile(hf, []byte(harness), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, counter.Config{RateLimit: 3})
	site := httptest.NewServer(http.StripPrefix("/api/browsecount", f.srv.Handler()))
	defer site.Close()
	endpoint := site.URL + "/api/browsecount/" // a trailing slash must not matter

	run := func(session, endpoint, ua string, spans ...any) pageRun {
		t.Helper()
		sj, _ := json.Marshal(spans)
		cmd := exec.Command(node, hf, script, endpoint, filepath.Join(dir, session+".json"), ua, string(sj))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, out)
		}
		var r pageRun
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("harness output %q: %v", out, err)
		}
		if len(r.Errors) > 0 {
			t.Fatalf("the script logged or threw: %q", r.Errors)
		}
		return r
	}
	hitPage := []any{[]any{"zh/a", true}}
	want := func(what string, r pageRun, spans []string, requests ...string) {
		t.Helper()
		if !slices.Equal(r.Spans, spans) || !slices.Equal(r.Requests, requests) {
			t.Fatalf("%s: spans %q requests %q; want %q and %q", what, r.Spans, r.Requests, spans, requests)
		}
	}

	want("first visit", run("s1", endpoint, browserUA, hitPage...), []string{"1"}, "POST /v1/hit")
	want("reload in the session", run("s1", endpoint, browserUA, hitPage...), []string{"1"}, "GET /v1/views?id=zh%2Fa")
	// A new session of another visitor (the service dedupes by address
	// and browser for 30 minutes, so the same browser would not count).
	want("new session", run("s2", endpoint, browserUA+" B", hitPage...), []string{"2"}, "POST /v1/hit")
	want("list page",
		run("s2", endpoint, browserUA, []any{"zh/a", false}, []any{"zh/b", false}, []any{"zh/gone", false}, []any{"zh/a", false}),
		[]string{"2", "0", "-", "2"}, "GET /v1/views?id=zh%2Fa&id=zh%2Fb&id=zh%2Fgone")
	want("third visitor", run("s3", endpoint, browserUA+" C", hitPage...), []string{"3"}, "POST /v1/hit")
	// The rate limit of 3 hits per minute per address is used up: the
	// hit is refused, the number still shown, the session not marked.
	want("rate-limited", run("s4", endpoint, browserUA+" D", hitPage...), []string{"3"}, "POST /v1/hit", "GET /v1/views?id=zh%2Fa")
	want("rate-limited, reload", run("s4", endpoint, browserUA+" D", hitPage...), []string{"3"}, "POST /v1/hit", "GET /v1/views?id=zh%2Fa")

	// Service down: the placeholder stays, nothing is logged or thrown.
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	want("service down", run("s5", downURL, browserUA, hitPage...), []string{"-"}, "POST /v1/hit", "GET /v1/views?id=zh%2Fa")
	want("service down, list", run("s5", downURL, browserUA, []any{"zh/a", false}, []any{"zh/b", false}), []string{"-", "-"}, "GET /v1/views?id=zh%2Fa&id=zh%2Fb")
}
