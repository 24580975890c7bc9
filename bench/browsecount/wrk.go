package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// wrkScript makes every request a hit by a new visitor on a random page:
// X-Real-IP is unique per request (run and thread number in the first
// octet, a per-thread counter in the rest; 16M per thread), as
// --client-ip-header X-Real-IP reads it.
const wrkScript = `
local threads = {}
local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
  table.insert(threads, thread)
end
local counter = 0
function request()
  counter = counter + 1
  local id = string.format("zh/notice-%%04d", math.random(0, %d))
  local ip = string.format("%%d.%%d.%%d.%%d", %d * 4 + tid, math.floor(counter / 65536) %% 256, math.floor(counter / 256) %% 256, counter %% 256)
  return wrk.format("POST", "/v1/hit", {["User-Agent"] = "%s", ["X-Real-IP"] = ip}, '{"id":"' .. id .. '"}')
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%%d status_errors=%%d socket_errors=%%d duration_us=%%d p50_us=%%d p99_us=%%d\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
`

var wrkResult = regexp.MustCompile(`RESULT requests=(\d+) status_errors=(\d+) socket_errors=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+)`)

// wrkLoop runs wrk with conns connections for d and returns what it saw.
// Each call gets its own first address octet (run), so that visitors stay
// distinct across the calls of one benchmark.
func wrkLoop(wrk, work string, run int, t *target, pages, conns int, d time.Duration) (result, error) {
	script := filepath.Join(work, "hit.lua")
	if err := os.WriteFile(script, []byte(fmt.Sprintf(wrkScript, pages-1, run, ua)), 0o644); err != nil {
		return result{}, err
	}
	threads := 2
	cmd := exec.Command(wrk, "-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", fmt.Sprintf("%ds", int(d.Seconds())),
		"--timeout", "10s", "-s", script, t.base)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return result{}, fmt.Errorf("wrk against %s: %w\n%s", t.name, err, out)
	}
	m := wrkResult.FindStringSubmatch(string(out))
	if m == nil {
		return result{}, fmt.Errorf("wrk against %s: no result line in:\n%s", t.name, out)
	}
	n := make([]int64, len(m))
	for i := 1; i < len(m); i++ {
		n[i], _ = strconv.ParseInt(m[i], 10, 64)
	}
	r := result{
		ok:      n[1] - n[2] - n[3],
		errors:  n[2] + n[3],
		elapsed: time.Duration(n[4]) * time.Microsecond,
	}
	r.p50, r.p99 = time.Duration(n[5])*time.Microsecond, time.Duration(n[6])*time.Microsecond
	return r, nil
}
