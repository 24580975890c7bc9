package counter

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestExpiringMapBoundAndExpiry(t *testing.T) {
	m := newExpiringMap[int, int](3)
	for i := range 3 {
		m.put(i, i, int64(100+i), 0)
	}
	m.put(3, 3, 103, 0) // full: the oldest (0) makes room
	if _, ok := m.get(0, 0); ok {
		t.Fatal("entry 0 survived eviction")
	}
	for i := 1; i <= 3; i++ {
		if v, ok := m.get(i, 0); !ok || v != i {
			t.Fatalf("entry %d = %d, %v", i, v, ok)
		}
	}
	if _, ok := m.get(1, 101); ok {
		t.Fatal("entry 1 is live at its expiry time")
	}
	m.put(9, 9, 300, 102) // expires 1 and 2 on the way
	if m.entries() != 2 || m.len() != 2 {
		t.Fatalf("entries %d, slots %d after expiry, want 2 and 2", m.entries(), m.len())
	}
	// A re-put key must not be dropped by its own older queue slot.
	m.remove(3)
	m.put(3, 33, 400, 102)
	m.put(10, 10, 400, 200) // pops the old slot of 3 (exp 103)
	if v, ok := m.get(3, 200); !ok || v != 33 {
		t.Fatalf("re-put entry 3 = %d, %v; an old queue slot removed it", v, ok)
	}
}

func TestExpiringMapStaysBounded(t *testing.T) {
	m := newExpiringMap[int, struct{}](1000)
	for i := range 100_000 {
		m.put(i, struct{}{}, int64(i)+1_000_000, int64(i))
		if m.len() > 1000 || m.entries() > 1000 {
			t.Fatalf("after %d puts: %d slots, %d entries, bound 1000", i, m.len(), m.entries())
		}
	}
	if cap(m.queue) > 4096 {
		t.Fatalf("queue capacity grew to %d for a bound of 1000", cap(m.queue))
	}
}

func TestDeduperWindow(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h := newHasher(start, 24*time.Hour, 30*time.Minute)
	d := newDeduper(30*time.Minute, 100)
	visit := func(at time.Duration, ip, ua, id string) bool {
		now := start.Add(at)
		k1, k2, ok2 := h.keys(now, ip, ua, id)
		return d.mark(k1, k2, ok2, now)
	}
	steps := []struct {
		at         time.Duration
		ip, ua, id string
		want       bool
	}{
		{0, "192.0.2.1", "Mozilla/5.0 A", "zh/a", true},
		{time.Minute, "192.0.2.1", "Mozilla/5.0 A", "zh/a", false},      // reload
		{time.Minute, "192.0.2.1", "Mozilla/5.0 A", "zh/b", true},       // other page
		{time.Minute, "192.0.2.1", "Mozilla/5.0 B", "zh/a", true},       // other browser behind the same address
		{time.Minute, "192.0.2.2", "Mozilla/5.0 A", "zh/a", true},       // other address
		{29 * time.Minute, "192.0.2.1", "Mozilla/5.0 A", "zh/a", false}, // still within 30 minutes
		{30 * time.Minute, "192.0.2.1", "Mozilla/5.0 A", "zh/a", true},  // window over
	}
	for i, s := range steps {
		if got := visit(s.at, s.ip, s.ua, s.id); got != s.want {
			t.Fatalf("step %d (%v %s %s %s): counted %v, want %v", i, s.at, s.ip, s.ua, s.id, got, s.want)
		}
	}
}

func TestDedupeAcrossKeyRotation(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h := newHasher(start, 24*time.Hour, 30*time.Minute)
	d := newDeduper(30*time.Minute, 100)
	visit := func(at time.Duration) bool {
		now := start.Add(at)
		k1, k2, ok2 := h.keys(now, "192.0.2.1", "Mozilla/5.0", "zh/a")
		return d.mark(k1, k2, ok2, now)
	}
	before := h.cur
	if !visit(24*time.Hour - 10*time.Minute) {
		t.Fatal("first visit not counted")
	}
	if visit(24*time.Hour + 10*time.Minute) {
		t.Fatal("a reload just after the daily key rotation counted again")
	}
	if h.cur == before {
		t.Fatal("the key was not rotated after 24 hours")
	}
	if !visit(25 * time.Hour) {
		t.Fatal("a visit after the window did not count")
	}
	if h.prev != nil {
		t.Fatal("the previous key is still held after the grace period")
	}
}

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(3, time.Minute, 10)
	k := visitorKey{1}
	for i := range 3 {
		if ok, _ := l.allow(k, now.Add(time.Duration(i)*time.Second)); !ok {
			t.Fatalf("hit %d refused under the limit", i+1)
		}
	}
	ok, wait := l.allow(k, now.Add(20*time.Second))
	if ok || wait != 40*time.Second {
		t.Fatalf("4th hit: allowed %v, retry after %v; want refused, 40s", ok, wait)
	}
	if ok, _ := l.allow(visitorKey{2}, now.Add(20*time.Second)); !ok {
		t.Fatal("another client was refused")
	}
	if ok, _ := l.allow(k, now.Add(time.Minute)); !ok {
		t.Fatal("hit in the next minute refused")
	}
}

func TestIsBot(t *testing.T) {
	people := []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49",
		"Mozilla/5.0 (Linux; Android 12; CUBOT KINGKONG 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
		"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
	}
	programs := []string{
		"",
		"Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
		"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
		"Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
		"curl/8.5.0",
		"Go-http-client/1.1",
		"python-requests/2.31",
		"Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
		"SomeTool/1.0",
	}
	for _, ua := range people {
		if isBot(ua) {
			t.Errorf("isBot(%q) = true, want false", ua)
		}
	}
	for _, ua := range programs {
		if !isBot(ua) {
			t.Errorf("isBot(%q) = false, want true", ua)
		}
	}
}

func TestParseHit(t *testing.T) {
	tests := []struct {
		name, body, want, wantErr string
	}{
		{"ok", `{"id":"zh/a"}`, "zh/a", ""},
		{"whitespace around", " {\"id\" : \"zh/通知\"}\n", "zh/通知", ""},
		{"empty", ``, "", "empty body"},
		{"not json", `id=zh/a`, "", "body is not"},
		{"array", `["zh/a"]`, "", "body is not"},
		{"number id", `{"id":1}`, "", "body is not"},
		{"null id", `{"id":null}`, "", `missing "id"`},
		{"no id", `{}`, "", `missing "id"`},
		{"extra field", `{"id":"zh/a","views":100}`, "", "unknown field"},
		{"two objects", `{"id":"zh/a"}{"id":"zh/b"}`, "", "unexpected data"},
		{"bad id", `{"id":"zh/a b"}`, "", `id "zh/a b"`},
		{"no lang", `{"id":"a"}`, "", `"<lang>/<key>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHit([]byte(tt.body))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseHit(%q) = %q, %v; want error containing %q", tt.body, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parseHit(%q) = %q, %v; want %q", tt.body, got, err, tt.want)
			}
		})
	}
}

func TestParseViews(t *testing.T) {
	many := url.Values{}
	for i := range 101 {
		many.Add("id", "zh/p"+strings.Repeat("x", i))
	}
	tests := []struct {
		name, query string
		q           url.Values
		want        int
		wantErr     string
	}{
		{name: "one", query: "id=zh/a", want: 1},
		{name: "repeats kept once", query: "id=zh/a&id=en/a&id=zh/a&v=123", want: 2},
		{name: "none", query: "x=1", wantErr: "missing"},
		{name: "bad id", query: "id=zh/a%20b", wantErr: `id "zh/a b"`},
		{name: "too many", q: many, wantErr: "101 ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			if q == nil {
				var err error
				if q, err = url.ParseQuery(tt.query); err != nil {
					t.Fatal(err)
				}
			}
			got, err := parseViews(q)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseViews(%s) = %v, %v; want error containing %q", tt.query, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || len(got) != tt.want {
				t.Fatalf("parseViews(%s) = %v, %v; want %d ids", tt.query, got, err, tt.want)
			}
		})
	}
}

func TestWriteHitIsJSON(t *testing.T) {
	for _, id := range []string{"zh/a", `en/a"b\c`, "zh/通知/专家论坛", "en/<script>&"} {
		rec := httptest.NewRecorder()
		writeHit(rec, id, 42)
		var got struct {
			ID    string `json:"id"`
			Views int64  `json:"views"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.ID != id || got.Views != 42 {
			t.Fatalf("writeHit(%q) wrote %q: %+v, %v", id, rec.Body.String(), got, err)
		}
	}
}

func TestBotCacheAgreesAndStaysBounded(t *testing.T) {
	var c botCache
	for i := range 3 * botCacheMax {
		ua := "Mozilla/5.0 (X11; Linux x86_64) Firefox/" + strings.Repeat("1", i%7) + string(rune('a'+i%26)) + strings.Repeat("x", i%100)
		if i%5 == 0 {
			ua += " Googlebot/2.1"
		}
		if got, want := c.isBot(ua), isBot(ua); got != want {
			t.Fatalf("cached isBot(%q) = %v, want %v", ua, got, want)
		}
		if got, want := c.isBot(ua), isBot(ua); got != want {
			t.Fatalf("second cached isBot(%q) = %v, want %v", ua, got, want)
		}
		if len(c.m) > botCacheMax {
			t.Fatalf("cache holds %d entries, bound %d", len(c.m), botCacheMax)
		}
	}
}
