package deploy_test

import (
	"strings"
	"testing"

	"gazette/internal/deploy"
)

func TestParseTarget(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	yes, no := true, false
	tests := []struct {
		name, raw string
		want      deploy.Target
		err       string
	}{
		{name: "aws", raw: "s3://site", want: deploy.Target{Bucket: "site"}},
		{name: "local", raw: "s3://site?endpoint=http://127.0.0.1:7070&region=us-east-1",
			want: deploy.Target{Bucket: "site", Endpoint: "127.0.0.1:7070", Insecure: true, Region: "us-east-1"}},
		{name: "bare host is https", raw: "s3://site?endpoint=cos.ap-chengdu.myqcloud.com&use_path_style=false",
			want: deploy.Target{Bucket: "site", Endpoint: "cos.ap-chengdu.myqcloud.com", PathStyle: &no}},
		{name: "path style, hugo's old name", raw: "s3://site?endpoint=https://s3.example.cn&s3ForcePathStyle=true",
			want: deploy.Target{Bucket: "site", Endpoint: "s3.example.cn", PathStyle: &yes}},
		{name: "prefix gets a slash", raw: "s3://site?prefix=/gov/www",
			want: deploy.Target{Bucket: "site", Prefix: "gov/www/"}},
		{name: "prefix keeps its slash", raw: "s3://site?prefix=www/", want: deploy.Target{Bucket: "site", Prefix: "www/"}},
		{name: "other scheme", raw: "gs://site", err: `scheme "gs"`},
		{name: "no bucket", raw: "s3://?region=x", err: "no bucket"},
		{name: "path instead of prefix", raw: "s3://site/www", err: "prefix=www/"},
		{name: "unknown parameter", raw: "s3://site?regoin=x", err: `"regoin" is unknown`},
		{name: "bad bool", raw: "s3://site?use_path_style=yes please", err: "not true or false"},
		{name: "endpoint path", raw: "s3://site?endpoint=http://h/s3", err: "has a path"},
		{name: "endpoint scheme", raw: "s3://site?endpoint=ftp://h", err: `scheme "ftp"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := deploy.ParseTarget(tt.raw)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tt.want.String() || got.Insecure != tt.want.Insecure || got.Region != tt.want.Region ||
				(got.PathStyle == nil) != (tt.want.PathStyle == nil) || got.PathStyle != nil && *got.PathStyle != *tt.want.PathStyle {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseTargetRegionFromEnvironment(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "cn-north-1")
	got, err := deploy.ParseTarget("s3://site")
	if err != nil || got.Region != "cn-north-1" {
		t.Fatalf("got %+v, %v; want the region of AWS_DEFAULT_REGION", got, err)
	}
	got, _ = deploy.ParseTarget("s3://site?region=us-east-1")
	if got.Region != "us-east-1" {
		t.Fatalf("the target's region lost to the environment: %q", got.Region)
	}
}
