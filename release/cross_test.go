package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"debug/buildinfo"
	"debug/elf"
	"debug/pe"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gazette/internal/testenv"
)

// The tests in this file build the release for other platforms and run it:
// linux/arm64 and linux/loong64 under QEMU user-mode emulation, and
// windows/amd64 as far as Linux can check it. Compiling gazette (Hugo
// included) for another platform takes minutes per platform when the build
// cache is cold, so they run only in CI or when asked for.
const crossEnv = "GAZETTE_TEST_CROSS"

func needCross(t *testing.T) {
	t.Helper()
	if os.Getenv(crossEnv) == "" && os.Getenv("CI") == "" {
		t.Skipf("SKIPPED: the cross-platform release tests compile gazette for three more platforms; set %s=1 to run them "+
			"(with -timeout 40m when the build cache is cold) — bash .ci/run does", crossEnv)
	}
}

const (
	testVersion = "v0.0.0-crosstest"
	testCommit  = "0123456789abcdef0123456789abcdef01234567"
)

// TestReleaseOnOtherPlatforms runs the release program for linux/arm64,
// linux/loong64 and windows/amd64, checks the archives against SHA256SUMS,
// unpacks them and, under emulation, runs what a user on a Kunpeng,
// Phytium or Loongson server would: gazette version, browsecount --version,
// gazette build of the repository's sample site, whose output must equal
// the native amd64 build's byte for byte. The browsecount SQLite store's
// tests run under emulation too: the embedded database is the part most
// likely to differ by CPU.
func TestReleaseOnOtherPlatforms(t *testing.T) {
	needCross(t)
	// The emulators of Debian's qemu-user package, by target.
	qemu := map[target]string{}
	for tg, name := range map[target]string{{"linux", "arm64"}: "qemu-aarch64", {"linux", "loong64"}: "qemu-loongarch64"} {
		p, err := exec.LookPath(name)
		if err != nil {
			testenv.Missing(t, name+" is not on PATH", "apt-get install qemu-user")
		}
		qemu[tg] = p
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	targets := []target{{"linux", "arm64"}, {"linux", "loong64"}, {"windows", "amd64"}}
	dist := filepath.Join(t.TempDir(), "dist")
	mtime := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	start := time.Now()
	var log bytes.Buffer
	code := run(t.Context(), []string{"-version", testVersion, "-commit", testCommit, "-out", dist, "-targets", targetList(targets)},
		func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return fmt.Sprint(mtime.Unix())
			}
			return ""
		}, &log)
	t.Logf("release program, %s:\n%s", time.Since(start).Round(time.Second), log.String())
	if code != 0 {
		t.Fatalf("release: exit %d", code)
	}
	verifyChecksums(t, dist, targets)

	site := sampleSite(t, root)
	native := filepath.Join(t.TempDir(), "gazette")
	goCmd(t, root, nil, "build", "-o", native, "./cmd/gazette")
	want := filepath.Join(t.TempDir(), "public")
	runProgram(t, "", native, "build", "-s", site, "-d", want)
	hugo := testenv.ModuleVersion(t, "github.com/gohugoio/hugo")

	for _, tg := range targets {
		t.Run(tg.String(), func(t *testing.T) {
			dir := unpack(t, filepath.Join(dist, tg.archiveBase(testVersion)+tg.archiveExt()))
			bin := func(p string) string { return filepath.Join(dir, tg.archiveBase(testVersion), tg.exe(p)) }
			for _, p := range programs() {
				checkBinary(t, bin(p), tg)
			}
			em := qemu[tg]
			if em == "" { // Windows: checked as a file only
				return
			}
			runs := func(args ...string) string {
				t.Helper()
				start := time.Now()
				out := runProgram(t, em, args...)
				t.Logf("%s %s: %s", filepath.Base(em), strings.Join(args[1:], " "), time.Since(start).Round(time.Millisecond))
				return out
			}
			out := runs(bin("gazette"), "version")
			wantVersion := fmt.Sprintf("gazette %s\ncommit: %s\nHugo:   %s\nGo:     ", testVersion, testCommit, hugo)
			if !strings.HasPrefix(out, wantVersion) || !strings.HasSuffix(out, " "+tg.String()+"\n") {
				t.Errorf("gazette version printed\n%s\nwant\n%s… %s", out, wantVersion, tg)
			}
			out = runs(bin("browsecount"), "--version")
			if !strings.HasPrefix(out, fmt.Sprintf("browsecount %s\ncommit: %s\n", testVersion, testCommit)) {
				t.Errorf("browsecount --version printed\n%s", out)
			}

			got := filepath.Join(t.TempDir(), "public")
			runs(bin("gazette"), "build", "-s", site, "-d", got)
			compareTrees(t, want, got)

			storeTests := filepath.Join(t.TempDir(), "sqlite.test")
			// The release's own flags, so that the store compiles once
			// for both the archive's browsecount and this test.
			goCmd(t, root, buildEnv(tg), "test", "-c", "-trimpath", "-o", storeTests, "./internal/counter/store/sqlite/")
			start := time.Now()
			cmd := exec.Command(em, storeTests, "-test.v", "-test.count=1")
			cmd.Dir = filepath.Join(root, "internal", "counter", "store", "sqlite")
			res, err := cmd.CombinedOutput()
			t.Logf("SQLite store tests under %s: %s", filepath.Base(em), time.Since(start).Round(time.Millisecond))
			if err != nil {
				t.Fatalf("SQLite store tests under %s: %v\n%s", em, err, res)
			}
			if !bytes.Contains(res, []byte("--- PASS: TestConformance")) || bytes.Contains(res, []byte("--- SKIP")) || !bytes.HasSuffix(res, []byte("PASS\n")) {
				t.Errorf("SQLite store tests under %s did not all run and pass:\n%s", em, res)
			}
		})
	}
}

// verifyChecksums checks that dist holds exactly the targets' archives and
// SHA256SUMS, and that every sum is right.
func verifyChecksums(t *testing.T, dist string, targets []target) {
	t.Helper()
	var want []string
	for _, tg := range targets {
		want = append(want, tg.archiveBase(testVersion)+tg.archiveExt())
	}
	slices.Sort(want)
	entries, err := os.ReadDir(dist)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, slices.Sorted(slices.Values(append(slices.Clone(want), "SHA256SUMS")))) {
		t.Errorf("release folder holds %q, want %q and SHA256SUMS", got, want)
	}
	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, line := range strings.Split(strings.TrimSuffix(string(sums), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not \"SUM  NAME\"", line)
		}
		actual, err := sha256File(filepath.Join(dist, name))
		if err != nil {
			t.Fatal(err)
		}
		if actual != sum {
			t.Errorf("SHA256SUMS says %s for %s; the file has %s", sum, name, actual)
		}
		listed = append(listed, name)
	}
	if !slices.Equal(listed, want) {
		t.Errorf("SHA256SUMS lists %q, want %q", listed, want)
	}
}

// checkBinary checks what a file can tell about a program built for tg:
// its executable format and CPU, and the build settings the go command
// recorded in it.
func checkBinary(t *testing.T, name string, tg target) {
	t.Helper()
	if tg.GOOS == "windows" {
		f, err := pe.Open(name)
		if err != nil {
			t.Fatalf("%s is not a Windows program: %v", name, err)
		}
		defer f.Close()
		if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
			t.Errorf("%s is for machine %#x, want amd64", name, f.Machine)
		}
	} else {
		f, err := elf.Open(name)
		if err != nil {
			t.Fatalf("%s is not a Linux program: %v", name, err)
		}
		defer f.Close()
		machine := map[string]elf.Machine{"arm64": elf.EM_AARCH64, "loong64": elf.EM_LOONGARCH, "amd64": elf.EM_X86_64}[tg.GOARCH]
		if f.Machine != machine {
			t.Errorf("%s is for %v, want %v", name, f.Machine, machine)
		}
		if slices.ContainsFunc(f.Progs, func(p *elf.Prog) bool { return p.Type == elf.PT_INTERP }) {
			t.Errorf("%s asks for a dynamic loader: it must be static (CGO off) to run on any distribution", name)
		}
	}
	bi, err := buildinfo.ReadFile(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	for k, v := range map[string]string{"GOOS": tg.GOOS, "GOARCH": tg.GOARCH, "CGO_ENABLED": "0", "-trimpath": "true"} {
		if settings[k] != v {
			t.Errorf("%s was built with %s=%q, want %q", name, k, settings[k], v)
		}
	}
	// With -trimpath the go command does not record -ldflags; the
	// stamped strings are in the program's data.
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{testVersion, testCommit} {
		if !bytes.Contains(data, []byte(s)) {
			t.Errorf("%s does not hold the stamp %s", name, s)
		}
	}
	if _, ok := settings["vcs.revision"]; ok {
		t.Errorf("%s records the builder's checkout (vcs.revision); the release stamps the commit itself", name)
	}
}

// sampleSite copies the repository's own site (its settings, content,
// static files and any theme overrides) into a fresh folder, so that no
// build writes into the repository.
func sampleSite(t *testing.T, root string) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"content", "static", "layouts", "i18n", "assets"} {
		if _, err := os.Stat(filepath.Join(root, d)); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// goCmd runs the go command in dir with extra environment.
func goCmd(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("go %s: %s", strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
}

// runProgram runs name with args in English and returns its standard
// output; a failure ends the test with both outputs.
func runProgram(t *testing.T, name string, args ...string) string {
	t.Helper()
	if name == "" {
		name, args = args[0], args[1:]
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=", "LC_MESSAGES=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.String()
}

// compareTrees fails unless the two folders hold the same files with the
// same bytes.
func compareTrees(t *testing.T, want, got string) {
	t.Helper()
	read := func(dir string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			files[filepath.ToSlash(rel)], err = os.ReadFile(p)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	w, g := read(want), read(got)
	var diffs []string
	for name, b := range w {
		if gb, ok := g[name]; !ok {
			diffs = append(diffs, "missing "+name)
		} else if !bytes.Equal(b, gb) {
			diffs = append(diffs, "differs "+name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			diffs = append(diffs, "extra   "+name)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("the emulated build's output differs from the native one (%d files):\n%s", len(diffs), strings.Join(diffs, "\n"))
	}
	if len(w) < 20 {
		t.Errorf("the native build wrote only %d files; the sample site has more", len(w))
	}
}

// unpack extracts a release archive into a new folder.
func unpack(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(rel string, mode fs.FileMode, r io.Reader) {
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode.Perm())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(f, r); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if strings.HasSuffix(name, ".zip") {
		zr, err := zip.OpenReader(name)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			if f.FileInfo().IsDir() {
				continue
			}
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			write(f.Name, f.Mode(), r)
			r.Close()
		}
		return dir
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return dir
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			write(h.Name, h.FileInfo().Mode(), tr)
		}
	}
}
