package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/internal/testenv"
)

// TestTargets pins the platforms and the archive names: the README, the
// tag pipelines and anyone's download script rely on them.
func TestTargets(t *testing.T) {
	var got []string
	for _, tg := range supported() {
		got = append(got, tg.archiveBase("v1.2.3")+tg.archiveExt()+": "+strings.Join([]string{tg.exe("gazette"), tg.exe("browsecount")}, " "))
	}
	want := []string{
		"gazette_v1.2.3_linux_amd64.tar.gz: gazette browsecount",
		"gazette_v1.2.3_linux_arm64.tar.gz: gazette browsecount",
		"gazette_v1.2.3_linux_loong64.tar.gz: gazette browsecount",
		"gazette_v1.2.3_windows_amd64.zip: gazette.exe browsecount.exe",
		"gazette_v1.2.3_darwin_arm64.tar.gz: gazette browsecount",
	}
	if !slices.Equal(got, want) {
		t.Errorf("release files:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseTargets(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "", want: "linux/amd64, linux/arm64, linux/loong64, windows/amd64, darwin/arm64"},
		{in: "all", want: "linux/amd64, linux/arm64, linux/loong64, windows/amd64, darwin/arm64"},
		{in: "linux/loong64, windows/amd64", want: "linux/loong64, windows/amd64"},
		{in: "linux/riscv64", err: `"linux/riscv64" is not a release platform; choose from linux/amd64,`},
		{in: "linux/arm64,linux/arm64", err: `"linux/arm64" is named twice`},
		{in: "linux-arm64", err: `"linux-arm64" is not a release platform`},
	}
	for _, tt := range tests {
		ts, err := parseTargets(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("parseTargets(%q) error = %v, want it to say %s", tt.in, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("parseTargets(%q): %v", tt.in, err)
		case tt.err == "" && targetList(ts) != tt.want:
			t.Errorf("parseTargets(%q) = %s, want %s", tt.in, targetList(ts), tt.want)
		}
	}
}

func TestStampCheck(t *testing.T) {
	const commit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
	for _, v := range []string{"v1.2.3", "v1.2.3-rc.1", "v0.0.0-ci", "2026.06+gov_1"} {
		if err := (stamp{v, commit}).check(); err != nil {
			t.Errorf("version %q refused: %v", v, err)
		}
	}
	// Spaces would split -ldflags; slashes would make paths of file names.
	for _, v := range []string{"", "v1.2.3 rc", "../v1", "v1/2", "-v1", "v1.2.3\n"} {
		if err := (stamp{v, commit}).check(); err == nil {
			t.Errorf("version %q accepted", v)
		}
	}
	for _, c := range []string{"", "HEAD", "main", "4B825DC6", "4b825dc642cb6eb9a060e54bf8d69288fbee4904 -X main.x=y"} {
		if err := (stamp{"v1.2.3", c}).check(); err == nil {
			t.Errorf("commit %q accepted", c)
		}
	}
}

// TestBuildFlags: what makes the programs static, reproducible and
// stamped, in the form the go command takes it.
func TestBuildFlags(t *testing.T) {
	args := strings.Join(buildArgs("gazette", "/o/gazette.exe", stamp{"v1.2.3", "4b825dc6"}), " ")
	want := "build -trimpath -buildvcs=false -ldflags=-s -w -buildid= -X gazette/internal/version.stampedVersion=v1.2.3 -X gazette/internal/version.stampedCommit=4b825dc6 -o /o/gazette.exe ./cmd/gazette"
	if args != want {
		t.Errorf("go %s\nwant go %s", args, want)
	}
	env := buildEnv(target{"windows", "amd64"})
	for _, kv := range []string{"CGO_ENABLED=0", "GOOS=windows", "GOARCH=amd64", "GOAMD64=v1", "GOARM64=v8.0"} {
		if !slices.Contains(env, kv) {
			t.Errorf("build environment %q lacks %s", env, kv)
		}
	}
}

// fakeMembers writes two programs and a README for the archive tests; the
// archives do not care what the bytes are.
func fakeMembers(t *testing.T, tg target) []member {
	t.Helper()
	dir := t.TempDir()
	var ms []member
	for _, f := range []struct {
		name, body string
		exec       bool
	}{
		{tg.exe("gazette"), "\x7fELF gazette program", true},
		{tg.exe("browsecount"), "\x7fELF browsecount program", true},
		{"README.md", "# Gazette\n", false},
	} {
		src := filepath.Join(dir, f.name)
		if err := os.WriteFile(src, []byte(f.body), 0o600); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, member{Name: f.name, Src: src, Exec: f.exec})
	}
	return ms
}

type entry struct {
	name string
	mode os.FileMode
	mod  time.Time
	body string
}

func readTarGz(t *testing.T, name string) []entry {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("%s: gzip header has name %q and time %v; both change between builds", name, gz.Name, gz.ModTime)
	}
	var es []entry
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return es
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: %s is owned by %d:%d (%s:%s), want root, as unpacked by anyone", name, h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		body, _ := io.ReadAll(tr)
		es = append(es, entry{h.Name, h.FileInfo().Mode(), h.ModTime.UTC(), string(body)})
	}
}

func readZip(t *testing.T, name string) []entry {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var es []entry
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r)
		r.Close()
		es = append(es, entry{f.Name, f.Mode(), f.Modified.UTC(), string(body)})
	}
	return es
}

func TestArchives(t *testing.T) {
	mtime := time.Date(2026, 5, 4, 3, 2, 1, 0, time.UTC)
	for _, tg := range []target{{"linux", "loong64"}, {"windows", "amd64"}} {
		t.Run(tg.String(), func(t *testing.T) {
			ms := fakeMembers(t, tg)
			dir := t.TempDir()
			base := tg.archiveBase("v1.2.3")
			first := filepath.Join(dir, "first"+tg.archiveExt())
			if err := writeArchive(first, tg, base, ms, mtime); err != nil {
				t.Fatal(err)
			}
			read := readTarGz
			if tg.GOOS == "windows" {
				read = readZip
			}
			got := read(t, first)
			want := []entry{{name: base + "/", mode: os.ModeDir | 0o755, mod: mtime}}
			for _, m := range ms {
				body, _ := os.ReadFile(m.Src)
				mode := os.FileMode(0o644)
				if m.Exec {
					mode = 0o755
				}
				want = append(want, entry{base + "/" + m.Name, mode, mtime, string(body)})
			}
			if !slices.Equal(got, want) {
				t.Errorf("archive holds\n%v\nwant\n%v", got, want)
			}

			// Reproducible: the same input later, elsewhere, with other
			// file times, gives the same bytes.
			for _, m := range ms {
				if err := os.Chtimes(m.Src, time.Now(), time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			second := filepath.Join(t.TempDir(), "second"+tg.archiveExt())
			if err := writeArchive(second, tg, base, ms, mtime); err != nil {
				t.Fatal(err)
			}
			a, _ := os.ReadFile(first)
			b, _ := os.ReadFile(second)
			if !bytes.Equal(a, b) {
				t.Errorf("archiving the same files twice gave different bytes")
			}
		})
	}
}

func TestChecksums(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"gazette_v1.2.3_windows_amd64.zip":  "zip bytes",
		"gazette_v1.2.3_linux_amd64.tar.gz": "tar bytes",
		"gazette_v1.2.3_linux_arm64.tar.gz": "",
	}
	var names []string
	for n, body := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if err := writeChecksums(dir, names); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	for _, n := range []string{"gazette_v1.2.3_linux_amd64.tar.gz", "gazette_v1.2.3_linux_arm64.tar.gz", "gazette_v1.2.3_windows_amd64.zip"} {
		sum := sha256.Sum256([]byte(files[n]))
		want.WriteString(hex.EncodeToString(sum[:]) + "  " + n + "\n")
	}
	if string(got) != want.String() {
		t.Errorf("SHA256SUMS:\n%s\nwant\n%s", got, want.String())
	}
	// The promise in the README: sha256sum -c verifies a download.
	if _, err := exec.LookPath("sha256sum"); err != nil {
		testenv.Missing(t, "sha256sum not found", "Debian package coreutils")
	}
	cmd := exec.Command("sha256sum", "-c", "SHA256SUMS")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "gazette_v1.2.3_linux_arm64.tar.gz"), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("sha256sum", "-c", "SHA256SUMS")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("sha256sum -c accepted a changed archive:\n%s", out)
	}
}

func TestOutMustBeEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := emptyDir(filepath.Join(dir, "new", "dist")); err != nil {
		t.Errorf("an absent folder: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "new", "dist", "SHA256SUMS"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := emptyDir(filepath.Join(dir, "new", "dist"))
	if err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("a folder with an earlier release: %v", err)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		say  string
	}{
		{[]string{"-h"}, 0, "usage: go run ./release -version VERSION"},
		{nil, 2, "-version is required"},
		{[]string{"-version", "v1.2.3", "-targets", "plan9/386"}, 2, `"plan9/386" is not a release platform`},
		{[]string{"-version", "v1.2.3", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-version", "v1 2", "-commit", "4b825dc6", "-out", t.TempDir()}, 1, `-version "v1 2": use letters`},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := run(t.Context(), tt.args, func(string) string { return "" }, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.say) {
			t.Errorf("release %q: exit %d, want %d saying %q:\n%s", tt.args, code, tt.code, tt.say, stderr.String())
		}
	}
}
