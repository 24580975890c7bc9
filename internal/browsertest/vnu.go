package browsertest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"gazette/internal/testenv"
)

// Message is one finding of the Nu HTML Checker.
type Message struct {
	File    string // path of the checked file, as given to VNU
	Line    int    // 1-based; 0 when the checker gives none
	Column  int    // 1-based; 0 when the checker gives none
	Type    string // "error", or "non-document-error" when the file could not be read
	Text    string // the checker's message
	Extract string // the markup around the error
}

// String formats the message as file:line:column: text, followed by the
// extract, for a test failure.
func (m Message) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
	if m.Type != "error" && m.Type != "" {
		s += " [" + m.Type + "]"
	}
	if m.Extract != "" {
		s += fmt.Sprintf("\n    %q", m.Extract)
	}
	return s
}

// VNU checks files with the W3C Nu HTML Checker (the jar of the npm package
// vnu-jar, pinned in package.json, run by the Java runtime: $JAVA, else
// java on PATH) and returns its errors; warnings are not reported. All
// files go to one checker process, because the JVM is slow to start.
// A checker that cannot run fails the test.
func VNU(t testing.TB, files ...string) []Message {
	t.Helper()
	if len(files) == 0 {
		return nil
	}
	jar := nodeModule(t, "vnu-jar", "build/dist/vnu.jar")
	java := os.Getenv("JAVA")
	if java == "" {
		java = "java"
	}
	if _, err := exec.LookPath(java); err != nil {
		testenv.Missing(t, "Java runtime not found ("+java+")", "apt-get install default-jre-headless, or set JAVA to the java binary")
	}

	// Absolute paths, so that the file: URLs in the report map back to the
	// names the caller gave.
	byPath := make(map[string]string, len(files))
	args := []string{"-jar", jar, "--format", "json", "--errors-only"}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatalf("browsertest: vnu: %v", err)
		}
		byPath[abs] = f
		args = append(args, abs)
	}
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("browsertest: unable to run vnu: %v", err)
	}

	// The JSON report goes to stderr; the JVM may print lines around it.
	out := stderr.Bytes()
	start, end := bytes.IndexByte(out, '{'), bytes.LastIndexByte(out, '}')
	if start < 0 || end < start {
		t.Fatalf("browsertest: vnu gave no report (%v):\n%s%s", err, stdout.Bytes(), out)
	}
	var report struct {
		Messages []struct {
			Type        string `json:"type"`
			URL         string `json:"url"`
			LastLine    int    `json:"lastLine"`
			FirstLine   int    `json:"firstLine"`
			FirstColumn int    `json:"firstColumn"`
			Message     string `json:"message"`
			Extract     string `json:"extract"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(out[start:end+1], &report); err != nil {
		t.Fatalf("browsertest: unable to read the vnu report: %v\n%s", err, out)
	}

	var msgs []Message
	for _, m := range report.Messages {
		if m.Type == "info" { // warnings, despite --errors-only
			continue
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		msgs = append(msgs, Message{
			File:    fileOf(m.URL, byPath),
			Line:    line,
			Column:  m.FirstColumn,
			Type:    m.Type,
			Text:    m.Message,
			Extract: m.Extract,
		})
	}
	if len(msgs) == 0 && err != nil {
		t.Fatalf("browsertest: vnu failed (%v) without reporting an error:\n%s", err, out)
	}
	return msgs
}

// fileOf maps a file: URL of the vnu report back to the name the caller
// gave; any other URL is returned as it is.
func fileOf(raw string, byPath map[string]string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "file" {
		return raw
	}
	if f, ok := byPath[filepath.FromSlash(u.Path)]; ok {
		return f
	}
	return u.Path
}
