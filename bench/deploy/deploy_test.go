// Package deploybench measures `gazette deploy` on a site of 10,000
// announcements (in each of Chinese and English) against a real
// S3-compatible server, Versity's gateway, on 127.0.0.1: a first publish
// into an empty bucket, a republish with no change, and a republish after
// one announcement was edited. Each reports the requests made and what
// was uploaded beside the time.
//
// Run from the repository root (about two minutes, most of it the first
// publish):
//
//	go test -run '^$' -bench . -benchtime 1x ./bench/deploy
//
// -announcements N changes the site's size. Results are recorded in
// BENCHMARKS.md.
package deploybench

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/minio/minio-go/v7"

	"gazette/internal/deploy"
	"gazette/internal/deploy/deploytest"
)

var announcements = flag.Int("announcements", 10000, "announcements per language in the generated site")

func BenchmarkDeploy(b *testing.B) {
	gw := deploytest.Start(b)
	b.Setenv("AWS_ACCESS_KEY_ID", deploytest.AccessKey)
	b.Setenv("AWS_SECRET_ACCESS_KEY", deploytest.SecretKey)
	b.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(b.TempDir(), "none"))
	b.Setenv("AWS_CONFIG_FILE", filepath.Join(b.TempDir(), "none"))

	site := deploytest.NewSite(*announcements)
	dir := b.TempDir()
	if err := site.Write(dir); err != nil {
		b.Fatal(err)
	}
	files, size := count(b, dir)
	b.Logf("site: %d announcements per language, %d files, %.1f MB", *announcements, files, float64(size)/1e6)

	run := func(b *testing.B, bucket string) deploy.Result {
		b.Helper()
		target, err := deploy.ParseTarget(fmt.Sprintf("s3://%s?endpoint=http://%s&region=us-east-1", bucket, gw.Addr))
		if err != nil {
			b.Fatal(err)
		}
		res, err := deploy.Run(context.Background(), deploy.Config{
			Dir: dir, Target: target, MaxDeletes: deploy.DefaultMaxDeletes, HTMLMaxAge: deploy.DefaultHTMLMaxAge,
		})
		if err != nil {
			b.Fatal(err)
		}
		return res
	}
	report := func(b *testing.B, res deploy.Result) {
		b.ReportMetric(float64(res.Requests), "requests/op")
		b.ReportMetric(float64(res.Uploaded), "uploads/op")
	}

	// Each iteration publishes into a new, empty bucket.
	b.Run("first-publish", func(b *testing.B) {
		var res deploy.Result
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			bucket := fmt.Sprintf("first%d", i)
			gw.Bucket(b, bucket)
			b.StartTimer()
			res = run(b, bucket)
		}
		report(b, res)
	})

	// The bucket the republishes work on.
	gw.Bucket(b, "site")
	run(b, "site")
	state, err := gw.Client(b).StatObject(context.Background(), "site", deploy.StateKey, minio.StatObjectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("deploy state: %.2f MB", float64(state.Size)/1e6)

	b.Run("republish-no-change", func(b *testing.B) {
		var res deploy.Result
		for b.Loop() {
			res = run(b, "site")
		}
		report(b, res)
	})

	b.Run("republish-one-edit", func(b *testing.B) {
		var res deploy.Result
		for b.Loop() {
			b.StopTimer()
			site.Edit(*announcements / 2) // an older announcement: not on the home page
			if err := site.Write(dir); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			res = run(b, "site")
		}
		report(b, res)
	})
}

func count(b *testing.B, dir string) (files int, size int64) {
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			files++
			size += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files, size
}
