package content

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
)

// Severity says how much a diagnostic matters. Only errors fail a check.
type Severity string

// The severities, from worst to mildest.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

func (s Severity) rank() int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// Diagnostic is one finding of Check. File is relative to the site folder
// with forward slashes. Line and Col are 1-based; Col counts characters,
// not bytes. Both are 0 when the finding is about a whole folder or site.
// Code is a stable, language-independent name of the kind of problem (for
// CI and tests); Message is written for content staff in their language.
type Diagnostic struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// String formats d as "file:line:col: severity: message", the form editors
// and CI problem matchers understand.
func (d Diagnostic) String() string {
	if d.Line == 0 {
		return fmt.Sprintf("%s: %s: %s", d.File, d.Severity, d.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Severity, d.Message)
}

// Sort orders diagnostics by file, position, severity, code and message, so
// that the same content always produces the same report.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Col != b.Col:
			return a.Col < b.Col
		case a.Severity != b.Severity:
			return a.Severity.rank() < b.Severity.rank()
		case a.Code != b.Code:
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}

// Counts tallies diagnostics by severity.
type Counts struct {
	Errors, Warnings, Infos int
}

// Count tallies ds by severity.
func Count(ds []Diagnostic) Counts {
	var c Counts
	for _, d := range ds {
		switch d.Severity {
		case Error:
			c.Errors++
		case Warning:
			c.Warnings++
		default:
			c.Infos++
		}
	}
	return c
}

// HasErrors reports whether any diagnostic is an error: the content must
// not be published.
func HasErrors(ds []Diagnostic) bool { return Count(ds).Errors > 0 }

// WriteText writes one line per diagnostic in the String form.
func WriteText(w io.Writer, ds []Diagnostic) error {
	for _, d := range ds {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the diagnostics as one JSON array (an empty array when
// there are none), with the same fields as the text form.
func WriteJSON(w io.Writer, ds []Diagnostic) error {
	if ds == nil {
		ds = []Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ds)
}
