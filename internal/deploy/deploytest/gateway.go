// Package deploytest holds what deploy's tests and benchmarks need: a
// real S3-compatible server (Versity's gateway, versitygw, over a folder,
// on 127.0.0.1) and a synthetic built site shaped like gazette's output.
//
// The gateway binary is found through the environment variable
// GAZETTE_TEST_VERSITYGW, then PATH, then GOBIN or GOPATH/bin. When it is
// missing a test fails if the environment variable CI is set (CI must
// install it) and is skipped otherwise.
package deploytest

import (
	"context"
	"errors"
	"fmt"
	"go/build"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"gazette/internal/testenv"
)

// Install is how to get the gateway version the tests are written for.
const Install = "go install github.com/versity/versitygw/cmd/versitygw@v1.8.0"

// Credentials of the gateway's root account. Tests pass them to deploy
// through AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
const (
	AccessKey = "gazette-test"
	SecretKey = "gazette-test-secret-8f3b2c1d"
)

// Find returns the path of the versitygw binary.
func Find() (string, error) {
	if p := os.Getenv("GAZETTE_TEST_VERSITYGW"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("deploytest: GAZETTE_TEST_VERSITYGW: %w", err)
		}
		return p, nil
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p, nil
	}
	dirs := []string{os.Getenv("GOBIN")}
	for _, gp := range filepath.SplitList(build.Default.GOPATH) {
		dirs = append(dirs, filepath.Join(gp, "bin"))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		p := filepath.Join(d, "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("deploytest: versitygw not found in GAZETTE_TEST_VERSITYGW, PATH, GOBIN or GOPATH/bin")
}

// Require returns the binary's path, or ends the test: a failure in CI
// (where it must be installed), a skip elsewhere.
func Require(tb testing.TB) string {
	tb.Helper()
	p, err := Find()
	if err == nil {
		return p
	}
	testenv.Missing(tb, fmt.Sprintf("no S3 server for the deploy tests: %v", err), Install+", and export GAZETTE_TEST_VERSITYGW=$(go env GOPATH)/bin/versitygw")
	return ""
}

// Gateway is one running gateway. Buckets are folders of Dir.
type Gateway struct {
	Addr string // 127.0.0.1:port
	Dir  string
	bin  string
	log  string
	// sidecar, when set, holds object metadata for a Dir whose file
	// system lacks extended attributes (where the gateway keeps it by default).
	sidecar string
	cmd     *exec.Cmd
	done    chan struct{}
}

// Start runs a gateway over a new temporary folder, stopped when the test ends.
func Start(tb testing.TB) *Gateway {
	tb.Helper()
	g := &Gateway{bin: Require(tb), Dir: tb.TempDir()}
	g.log = filepath.Join(tb.TempDir(), "versitygw.log")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	g.Addr = l.Addr().String()
	l.Close()
	err = g.Restart()
	if err != nil && strings.Contains(err.Error(), "xattr") {
		g.sidecar = tb.TempDir()
		err = g.Restart()
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(g.Stop)
	return g
}

// Restart starts the gateway again on the same address and folder after Stop.
func (g *Gateway) Restart() error {
	args := []string{"--port", g.Addr, "--access", AccessKey, "--secret", SecretKey, "--quiet", "posix"}
	if g.sidecar != "" {
		args = append(args, "--sidecar", g.sidecar)
	}
	cmd := exec.Command(g.bin, append(args, g.Dir)...)
	log, err := os.OpenFile(g.log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		return fmt.Errorf("deploytest: starting %s: %w", g.bin, err)
	}
	g.cmd, g.done = cmd, make(chan struct{})
	go func() { cmd.Wait(); log.Close(); close(g.done) }()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		c, err := net.DialTimeout("tcp", g.Addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		select {
		case <-g.done:
			out, _ := os.ReadFile(g.log)
			return fmt.Errorf("deploytest: versitygw exited: %s", out)
		case <-time.After(50 * time.Millisecond):
		}
	}
	g.Stop()
	return fmt.Errorf("deploytest: versitygw did not listen on %s within 15s", g.Addr)
}

// Stop kills the gateway, as a crash would, and waits for it to exit.
func (g *Gateway) Stop() {
	if g.cmd == nil {
		return
	}
	g.cmd.Process.Kill()
	<-g.done
	g.cmd = nil
}

// Client returns an S3 client for the gateway's root account.
func (g *Gateway) Client(tb testing.TB) *minio.Client {
	tb.Helper()
	c, err := minio.New(g.Addr, &minio.Options{
		Creds:        credentials.NewStaticV4(AccessKey, SecretKey, ""),
		Region:       "us-east-1",
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// Bucket creates a bucket and returns a deploy target URL for it.
func (g *Gateway) Bucket(tb testing.TB, name string) string {
	tb.Helper()
	if err := g.Client(tb).MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		tb.Fatalf("deploytest: creating bucket %s: %v", name, err)
	}
	return fmt.Sprintf("s3://%s?endpoint=http://%s&region=us-east-1", name, g.Addr)
}
