package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"gazette/internal/version"
)

func TestVersionFlag(t *testing.T) {
	for _, arg := range []string{"--version", "-version"} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{arg}, func(string) string { return "" }, &stdout, &stderr); code != 0 {
			t.Fatalf("browsecount %s: exit %d\n%s", arg, code, stderr.String())
		}
		want := regexp.MustCompile(`^browsecount (devel|v\d+\.\d+\.\d+\S*)\ncommit: \S.*\nGo:     go1\.\d+\S* [a-z0-9]+/[a-z0-9]+\n$`)
		if !want.MatchString(stdout.String()) {
			t.Errorf("browsecount %s printed\n%s", arg, stdout.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("browsecount %s wrote to stderr: %s", arg, stderr.String())
		}
	}
}

func TestPrintVersion(t *testing.T) {
	tests := []struct {
		name string
		info version.Info
		want string
	}{
		{"release", version.Info{Version: "v1.2.3", Commit: "0123abc", Go: "go1.26.8", Platform: "linux/loong64"},
			"browsecount v1.2.3\ncommit: 0123abc\nGo:     go1.26.8 linux/loong64\n"},
		{"modified checkout", version.Info{Version: "v0.0.0-20260101000000-0123abc+dirty", Commit: "0123abc", Modified: true, Go: "go1.26.8", Platform: "linux/amd64"},
			"browsecount v0.0.0-20260101000000-0123abc+dirty\ncommit: 0123abc (with uncommitted changes)\nGo:     go1.26.8 linux/amd64\n"},
		{"no commit", version.Info{Version: version.Devel, Go: "go1.26.8", Platform: "windows/amd64"},
			"browsecount devel\ncommit: unknown (not built from a git checkout)\nGo:     go1.26.8 windows/amd64\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			printVersion(&b, tt.info)
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}
