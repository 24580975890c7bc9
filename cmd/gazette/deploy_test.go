package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"

	"gazette/internal/deploy/deploytest"
)

func TestDeployUsage(t *testing.T) {
	inEnglish(t)
	secret := "s3cr3t-in-a-url"
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"help", []string{"-h"}, 0, "usage: gazette deploy"},
		{"no target", nil, 2, "--target is required"},
		{"argument", []string{"--target", "s3://b", "public"}, 2, `unexpected argument "public"`},
		{"bad flag", []string{"--max-delete", "3"}, 2, "flag provided but not defined"},
		{"negative max-age", []string{"--target", "s3://b", "--html-max-age", "-1"}, 2, "negative"},
		{"bad target", []string{"--target", "gs://b"}, 2, `scheme "gs"`},
		{"credentials in the target", []string{"--target", "s3://key:" + secret + "@b"}, 2, "must not carry credentials"},
		{"help in Chinese", []string{"-h", "--lang=zh"}, 0, "用法：gazette deploy"},
		{"no target in Chinese", []string{"--lang", "zh"}, 2, "必须用 --target 指定上传目标"},
		{"bad lang", []string{"--lang", "fr", "--target", "s3://b"}, 2, `--lang must be zh or en, not "fr"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"deploy"}, tt.args...), &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.want) {
				t.Fatalf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr.String(), tt.code, tt.want)
			}
			if strings.Contains(stdout.String()+stderr.String(), secret) {
				t.Fatal("the secret of the target URL was printed")
			}
		})
	}
}

// TestDeployCommand runs the command against a real S3-compatible server:
// the settings come from config.toml unless a flag overrides them, and
// the secret key never shows.
func TestDeployCommand(t *testing.T) {
	inEnglish(t)
	gw := deploytest.Start(t)
	target := gw.Bucket(t, "site")
	t.Setenv("AWS_ACCESS_KEY_ID", deploytest.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", deploytest.SecretKey)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))

	dir := writeSite(t, map[string]string{"config.toml": siteConfig + "\n[deploy]\nhtmlMaxAge = 90\n"})
	site := deploytest.NewSite(3)
	if err := site.Write(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	page := site.PagePath("zh", 1)
	var all bytes.Buffer
	deploy := func(wantCode int, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), append([]string{"deploy", "--target", target}, args...), &stdout, &stderr)
		all.Write(stdout.Bytes())
		all.Write(stderr.Bytes())
		if code != wantCode {
			t.Fatalf("gazette deploy %v: exit %d, want %d\n%s%s", args, code, wantCode, stdout.String(), stderr.String())
		}
		return stdout.String() + stderr.String()
	}
	cacheControl := func() string {
		t.Helper()
		info, err := gw.Client(t).StatObject(context.Background(), "site", page, minio.StatObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return info.Metadata.Get("Cache-Control")
	}

	if out := deploy(0, "-s", dir, "--dry-run"); !strings.Contains(out, "dry run: nothing changed") {
		t.Fatalf("dry run printed:\n%s", out)
	}
	// The plan, the progress and the closing line in Chinese, for --lang zh.
	out := deploy(0, "-s", dir, "--dry-run", "--lang", "zh")
	for _, want := range []string{"上传  页面     " + page + "（新增）", "试运行：没有做任何更改", "完成：上传 0 个，删除 0 个，0 个未变"} {
		if !strings.Contains(out, want) {
			t.Errorf("Chinese dry run lacks %q:\n%s", want, out)
		}
	}
	if out := deploy(0, "-s", dir); !strings.Contains(out, "uploaded, 0 deleted, 0 unchanged") {
		t.Fatalf("first deploy printed:\n%s", out)
	}
	if cc := cacheControl(); cc != "public, max-age=90" {
		t.Fatalf("Cache-Control %q, want deploy.htmlMaxAge of config.toml", cc)
	}
	deploy(0, "-s", dir, "--html-max-age", "30")
	if cc := cacheControl(); cc != "public, max-age=30" {
		t.Fatalf("Cache-Control %q, want the flag's", cc)
	}
	// A folder deployed without its site's settings gets the default.
	deploy(0, "-d", filepath.Join(dir, "public"), "-s", t.TempDir())
	if cc := cacheControl(); cc != "public, max-age=300" {
		t.Fatalf("Cache-Control %q, want the default", cc)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("baseURL = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := deploy(1, "-s", dir); !strings.Contains(out, "config.toml") {
		t.Fatalf("a broken config.toml was not reported:\n%s", out)
	}

	site.Edit(1)
	if err := site.Write(filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	gw.Stop()
	if out := deploy(1, "-s", dir, "--html-max-age", "300"); !strings.Contains(out, "deploy-state") {
		t.Fatalf("a deploy to a stopped server did not say what failed:\n%s", out)
	}
	if err := gw.Restart(); err != nil {
		t.Fatal(err)
	}
	if out := deploy(0, "-s", dir, "--html-max-age", "300"); !strings.Contains(out, page+" (changed)") {
		t.Fatalf("the deploy after a failure did not upload the edit:\n%s", out)
	}
	if strings.Contains(all.String(), deploytest.SecretKey) {
		t.Fatal("the secret key was printed")
	}
}
