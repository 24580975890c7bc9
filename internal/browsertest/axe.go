package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Violation is one axe-core rule that the page breaks, with the elements
// that break it.
type Violation struct {
	ID      string          `json:"id"`     // rule id, such as "color-contrast"
	Impact  string          `json:"impact"` // minor, moderate, serious or critical
	Help    string          `json:"help"`   // what the rule asks for
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks a rule.
type ViolationNode struct {
	Target  string `json:"target"`  // CSS selector of the element
	HTML    string `json:"html"`    // the element's start tag, as axe shows it
	Summary string `json:"summary"` // axe's "Fix any of the following" text
}

// String formats the violation for a test failure: the rule, what it asks
// for, and each element with axe's advice.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    at %s: %s", n.Target, n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	return b.String()
}

// axeTags are the rule sets that Axe runs: WCAG 2.0, 2.1 and 2.2, levels A
// and AA (2.2 adds AA rules only, such as target-size).
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// axeRun runs axe-core on the whole document and returns its violations in
// the shape of []Violation.
const axeRun = `axe.run(document, {
	runOnly: {type: "tag", values: %s},
	resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || "",
	help: v.help,
	helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.flat(Infinity).join(" "),
		html: n.html,
		summary: n.failureSummary || "",
	})),
})))`

// Axe runs axe-core (node_modules/axe-core/axe.min.js, pinned in
// package.json) in the page that the tab ctx shows, with the WCAG 2.0, 2.1
// and 2.2 level A and AA rules, and returns the violations it finds; none is an
// empty slice. Load the page first, for example with chromedp.Navigate.
// An error running axe fails the test.
func Axe(ctx context.Context, t testing.TB) []Violation {
	t.Helper()
	script := nodeModule(t, "axe-core", "axe.min.js")
	src, err := os.ReadFile(script)
	if err != nil {
		t.Fatalf("browsertest: unable to read axe-core: %v", err)
	}
	tags, _ := json.Marshal(axeTags)
	vs, err := chromedp.Run(ctx, func(ctx context.Context, tgt *chromedp.Target) ([]Violation, error) {
		loaded, err := chromedp.Evaluate[bool](`typeof window.axe === "object"`)(ctx, tgt)
		if err != nil {
			return nil, err
		}
		if !loaded {
			if _, err := chromedp.Evaluate[chromedp.Void](string(src))(ctx, tgt); err != nil {
				return nil, fmt.Errorf("loading axe-core: %w", err)
			}
		}
		return chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise)(ctx, tgt)
	})
	if err != nil {
		t.Fatalf("browsertest: axe-core failed: %v", err)
	}
	if vs == nil {
		vs = []Violation{}
	}
	return vs
}
