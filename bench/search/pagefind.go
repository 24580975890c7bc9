package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Pagefind runs only here, in the benchmark: npm installs it into the work
// folder. Gazette never depends on it.
const pagefindVersion = "1.6.0"

// pagefindVariant is one way of running Pagefind over the built site.
type pagefindVariant struct {
	name string
	dir  string   // the bundle's folder in the site
	args []string // extra arguments
}

// pagefindVariants: as people run it (every page, whole <body>), and set
// up to index only the announcement text (the <article> of announcement
// pages), the fairest Pagefind this site allows.
var pagefindVariants = []pagefindVariant{
	{name: "pagefind", dir: "pagefind"},
	{name: "pagefind-article", dir: "pagefind-article", args: []string{"--root-selector", "article"}},
}

// installPagefind installs the npm packages pagefind and its Linux binary
// into work/npm and returns the command's path.
func installPagefind(ctx context.Context, work string, logf func(string, ...any)) (string, error) {
	dir := filepath.Join(work, "npm")
	bin := filepath.Join(dir, "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private": true}`+"\n"), 0o644); err != nil {
		return "", err
	}
	logf("installing pagefind %s with npm into %s", pagefindVersion, dir)
	cmd := exec.CommandContext(ctx, "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
		"pagefind@"+pagefindVersion, "@pagefind/linux-x64@"+pagefindVersion)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install pagefind: %w\n%s", err, out)
	}
	return bin, nil
}

// runPagefind indexes the site in public.
func runPagefind(ctx context.Context, bin, public string, v pagefindVariant) (time.Duration, error) {
	if err := os.RemoveAll(filepath.Join(public, v.dir)); err != nil {
		return 0, err
	}
	args := append([]string{"--site", public, "--output-subdir", v.dir, "--quiet"}, v.args...)
	cmd := exec.CommandContext(ctx, bin, args...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pagefind %v: %w\n%s", args, err, out)
	}
	return time.Since(start), nil
}

// writeHarness writes a page per language that loads the variant's bundle
// and answers run(q): the query through Pagefind's own API, the first ten
// results' data loaded and shown with their excerpts, as its UI does.
func writeHarness(public string, v pagefindVariant) error {
	for lang, locale := range map[string]string{"zh": "zh-CN", "en": "en"} {
		page := fmt.Sprintf(`<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><title>pagefind</title></head>
<body><ol id="results"></ol>
<script type="module">
const pf = await import("/%s/pagefind.js");
window.run = async q => {
  const t0 = performance.now();
  const s = await pf.search(q);
  const top = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
  const ol = document.getElementById("results");
  ol.replaceChildren(...top.map(d => {
    const li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
    a.href = d.url;
    a.textContent = d.meta.title || d.url;
    p.innerHTML = d.excerpt;
    li.append(a, p);
    return li;
  }));
  return {ms: performance.now() - t0, total: s.results.length, urls: top.map(d => new URL(d.url, location.href).pathname)};
};
window.ready = true;
</script>
</body></html>
`, locale, v.dir)
		name := filepath.Join(public, "bench-"+v.dir, lang+".html")
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, []byte(page), 0o644); err != nil {
			return err
		}
	}
	return nil
}
