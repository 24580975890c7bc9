package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	yaml "github.com/goccy/go-yaml"
)

// readYAML parses one of the repository's pipeline files.
func readYAML(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s is not valid YAML: %v", name, err)
	}
	return v
}

// dig follows keys into nested maps and lists ("steps.2" takes the third
// element); nil when a step of the way is missing.
func dig(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// releaseCommand is how a pipeline must call the release program: every
// target (no -targets), named after the tag.
var releaseCommand = regexp.MustCompile(`go run \./release -version "\$(GITHUB_REF_NAME|CI_COMMIT_TAG)"`)

// TestGitHubWorkflow: on a v* tag the workflow builds all five platforms
// and publishes dist/ as the tag's release; the site's own job (check,
// build, deploy from main) is still there and stays off tags.
func TestGitHubWorkflow(t *testing.T) {
	w := readYAML(t, ".github/workflows/publish.yml")
	if tags, _ := dig(w, "on.push.tags").([]any); !slices.Contains(tags, any("v*")) {
		t.Errorf("on.push.tags = %v, want it to include v*", tags)
	}
	if br, _ := dig(w, "on.push.branches").([]any); !slices.Contains(br, any("main")) {
		t.Errorf("on.push.branches = %v: pushes to main must still publish the site", br)
	}
	var site []string
	for _, s := range dig(w, "jobs.publish.steps").([]any) {
		if run, ok := dig(s, "run").(string); ok {
			site = append(site, run)
		}
	}
	if len(site) < 4 || !strings.Contains(strings.Join(site, "\n"), `deploy --target "$DEPLOY_TARGET"`) {
		t.Errorf("the site job lost steps: %q", site)
	}
	if cond, _ := dig(w, "jobs.publish.if").(string); !strings.Contains(cond, "tag") {
		t.Errorf("jobs.publish.if = %q: a tag should not rebuild the site", cond)
	}

	rel := dig(w, "jobs.release")
	if cond, _ := dig(rel, "if").(string); !strings.Contains(cond, "github.ref_type == 'tag'") {
		t.Errorf("jobs.release.if = %q, want it to run on tags", cond)
	}
	if p, _ := dig(rel, "permissions.contents").(string); p != "write" {
		t.Errorf("jobs.release.permissions.contents = %q; creating a release needs write", p)
	}
	var runs []string
	for _, s := range dig(rel, "steps").([]any) {
		if run, ok := dig(s, "run").(string); ok {
			runs = append(runs, run)
		}
	}
	all := strings.Join(runs, "\n")
	if !releaseCommand.MatchString(all) || strings.Contains(all, "-targets") {
		t.Errorf("the release job must build every target with the tag as version; it runs:\n%s", all)
	}
	if !regexp.MustCompile(`gh release create "\$GITHUB_REF_NAME" dist/\*`).MatchString(all) {
		t.Errorf("the release job must publish dist/* (archives and SHA256SUMS); it runs:\n%s", all)
	}
}

// TestGitLabPipeline: on a v* tag the pipeline builds all five platforms,
// uploads dist/ to the package registry and creates a release linking
// every archive and SHA256SUMS;
// the site's check, build and deploy jobs are still there.
func TestGitLabPipeline(t *testing.T) {
	p := readYAML(t, ".gitlab-ci.yml")
	for job, want := range map[string]string{
		"check":  "go run ./cmd/gazette check",
		"build":  "go run ./cmd/gazette build",
		"deploy": "go run ./cmd/gazette deploy",
	} {
		script := fmt.Sprint(dig(p, job+".script"))
		if !strings.Contains(script, want) {
			t.Errorf("job %s runs %s, want %s", job, script, want)
		}
	}

	arch := dig(p, "release-archives")
	if rule, _ := dig(arch, "rules.0.if").(string); !strings.Contains(rule, "$CI_COMMIT_TAG") {
		t.Errorf("release-archives runs if %q, want on tags", rule)
	}
	script := fmt.Sprint(dig(arch, "script"))
	if !releaseCommand.MatchString(script) || strings.Contains(script, "-targets") {
		t.Errorf("release-archives must build every target with the tag as version; it runs %s", script)
	}
	// Sites download $GAZETTE_DOWNLOAD/VERSION/FILE: every file of dist/
	// goes to the generic package registry under the tag.
	if !strings.Contains(script, `--upload-file "$f"`) || !strings.Contains(script, `/packages/generic/gazette/$CI_COMMIT_TAG/${f#dist/}"`) {
		t.Errorf("release-archives must upload dist/* to packages/generic/gazette/TAG/; it runs %s", script)
	}

	rel := dig(p, "release")
	if needs := fmt.Sprint(dig(rel, "needs")); needs != "[release-archives]" {
		t.Errorf("release needs %s, want [release-archives]", needs)
	}
	if tag := dig(rel, "release.tag_name"); tag != "$CI_COMMIT_TAG" {
		t.Errorf("release.tag_name = %v", tag)
	}
	var links []string
	for _, l := range dig(rel, "release.assets.links").([]any) {
		name, _ := dig(l, "name").(string)
		url, _ := dig(l, "url").(string)
		if url != "${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/generic/gazette/${CI_COMMIT_TAG}/"+name {
			t.Errorf("link %s points at %s, not at the file release-archives uploaded", name, url)
		}
		links = append(links, name)
	}
	var want []string
	for _, tg := range supported() {
		want = append(want, tg.archiveBase("${CI_COMMIT_TAG}")+tg.archiveExt())
	}
	want = append(want, checksumsFile)
	if !slices.Equal(links, want) {
		t.Errorf("the release links\n%s\nwant every archive and SHA256SUMS:\n%s", strings.Join(links, "\n"), strings.Join(want, "\n"))
	}
}
