package deploy

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/width"

	"gazette/internal/messages"
)

// remoteObject is one object as the bucket listing shows it.
type remoteObject struct {
	Size int64
	ETag string
}

// Why an upload is planned.
const (
	reasonNew        = "new"        // no object under that key
	reasonChanged    = "changed"    // content differs
	reasonHeaders    = "headers"    // same content, different headers (e.g. a new max-age)
	reasonUnrecorded = "unrecorded" // an object exists, but the deploy state does not vouch for it
)

// reasonKeys name the reasons in the plan people read.
var reasonKeys = map[string]messages.Key{
	reasonNew:        messages.DeployReasonNew,
	reasonChanged:    messages.DeployReasonChanged,
	reasonHeaders:    messages.DeployReasonHeaders,
	reasonUnrecorded: messages.DeployReasonUnrecorded,
}

type upload struct {
	file   *localFile
	reason string
}

// Plan is what a deploy will do: uploads in phase order, then deletions.
type Plan struct {
	uploads   []upload
	deletes   []string // keys relative to the prefix, sorted
	unchanged map[string]entry
	// prevTouched is true when the previous state vouches for a key this
	// plan touches; the state must then be rewritten before any change.
	prevTouched bool
}

// Uploads, Deletes and Unchanged count the plan's parts.
func (p *Plan) Uploads() int   { return len(p.uploads) }
func (p *Plan) Deletes() int   { return len(p.deletes) }
func (p *Plan) Unchanged() int { return len(p.unchanged) }

// GuardedDeletes counts the deletions that --max-deletes limits: all but
// those of fingerprinted files. A build names those by their content, so
// every change replaces them under a new name and the old one goes: one
// new announcement supersedes hundreds of the search index's shards. A
// deploy from the wrong folder still deletes pages, which count.
func (p *Plan) GuardedDeletes() int {
	n := 0
	for _, k := range p.deletes {
		if !fingerprinted.MatchString(path.Base(k)) {
			n++
		}
	}
	return n
}

// makePlan compares the site with what the bucket holds. prev is the
// previous deploy's state, listing the bucket's objects under the prefix
// (both keyed relative to the prefix).
func makePlan(files []localFile, prev map[string]entry, listing map[string]remoteObject) *Plan {
	p := &Plan{unchanged: make(map[string]entry, len(files))}
	local := make(map[string]bool, len(files))
	for i := range files {
		f := &files[i]
		local[f.Rel] = true
		e, recorded := prev[f.Rel]
		r, exists := listing[f.Rel]
		vouched := recorded && exists && e.Size == r.Size && e.ETag == r.ETag
		var reason string
		switch {
		case !exists:
			reason = reasonNew
		case !vouched:
			reason = reasonUnrecorded
		case e.SHA256 != f.SHA256:
			reason = reasonChanged
		case e.Headers != f.Headers:
			reason = reasonHeaders
		default:
			p.unchanged[f.Rel] = e
			continue
		}
		p.uploads = append(p.uploads, upload{file: f, reason: reason})
		p.prevTouched = p.prevTouched || recorded
	}
	for key := range listing {
		if !local[key] && !strings.HasPrefix(key, stateDir) {
			p.deletes = append(p.deletes, key)
			_, recorded := prev[key]
			p.prevTouched = p.prevTouched || recorded
		}
	}
	sort.Slice(p.uploads, func(i, j int) bool {
		a, b := p.uploads[i].file, p.uploads[j].file
		if a.Phase != b.Phase {
			return a.Phase < b.Phase
		}
		return a.Rel < b.Rel
	})
	sort.Strings(p.deletes)
	return p
}

// Print writes the plan for people, in m's language: a summary line, then
// one line per upload (in upload order) and per deletion. Keys are shown
// relative to the prefix.
func (p *Plan) Print(w io.Writer, m *messages.Printer) {
	fmt.Fprint(w, m.Sprintf(messages.DeployPlan, len(p.uploads), len(p.deletes), len(p.unchanged)))
	for _, u := range p.uploads {
		phase := padColumns(u.file.Phase.name(m), phaseColumns)
		fmt.Fprint(w, m.Sprintf(messages.DeployPlanUpload, phase, u.file.Rel, m.Sprintf(reasonKeys[u.reason])))
	}
	for _, k := range p.deletes {
		fmt.Fprint(w, m.Sprintf(messages.DeployPlanDelete, k))
	}
}

// phaseColumns is the width of the plan's phase column: the longest
// phase name, "sitemaps" or "站点地图".
const phaseColumns = 8

// padColumns pads s with spaces to n terminal columns. fmt's %-8s counts
// runes, but a Chinese character takes two columns, so a Chinese plan
// padded by fmt would not line up.
func padColumns(s string, n int) string {
	if w := columns(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// columns is the width of s on a terminal: two for a wide (Chinese)
// character, one for any other.
func columns(s string) int {
	w := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}
