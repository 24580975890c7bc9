package deploy

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// Target is where a site is published: a bucket on an S3-compatible
// service, optionally under a key prefix.
type Target struct {
	Bucket string
	// Prefix is prepended to every key; empty or ending in "/".
	Prefix string
	// Endpoint is host[:port] of the service; empty means Amazon S3.
	Endpoint string
	// Insecure is true for an http:// endpoint.
	Insecure bool
	// Region is the signing region; empty lets the client ask the service.
	Region string
	// PathStyle forces path-style (true) or virtual-host-style (false)
	// addressing; nil picks by endpoint.
	PathStyle *bool
}

// ParseTarget reads a target URL such as
//
//	s3://bucket?endpoint=http://127.0.0.1:7070&region=us-east-1&prefix=site/&use_path_style=true
//
// The query parameters follow the names Hugo's deploy targets use, so a
// Hugo target carries over. Credentials are never part of a target: a URL
// with user information is refused (and not echoed, as it may hold a
// secret). The region falls back to AWS_REGION, then AWS_DEFAULT_REGION.
func ParseTarget(raw string) (Target, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url's error quotes the whole input, which could hold a secret.
		return Target{}, errors.New("deploy: target is not a URL; want s3://BUCKET?endpoint=…&region=…")
	}
	if u.User != nil {
		return Target{}, errors.New("deploy: the target URL must not carry credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead")
	}
	if u.Scheme != "s3" {
		return Target{}, fmt.Errorf("deploy: target scheme %q is not supported; want s3://BUCKET", u.Scheme)
	}
	t := Target{Bucket: u.Host}
	if t.Bucket == "" {
		return Target{}, errors.New("deploy: target names no bucket; want s3://BUCKET")
	}
	if u.Path != "" && u.Path != "/" {
		return Target{}, fmt.Errorf("deploy: target path %q is not used; put a key prefix in the query: s3://%s?prefix=%s", u.Path, t.Bucket, strings.Trim(u.Path, "/")+"/")
	}
	for name, values := range u.Query() {
		v := values[len(values)-1]
		switch name {
		case "endpoint":
			if err := t.setEndpoint(v); err != nil {
				return Target{}, err
			}
		case "region":
			t.Region = v
		case "prefix":
			t.Prefix = strings.TrimLeft(v, "/")
			if t.Prefix != "" && !strings.HasSuffix(t.Prefix, "/") {
				t.Prefix += "/"
			}
		case "use_path_style", "s3ForcePathStyle":
			b, err := strconv.ParseBool(v)
			if err != nil {
				return Target{}, fmt.Errorf("deploy: target parameter %s=%q is not true or false", name, v)
			}
			t.PathStyle = &b
		default:
			return Target{}, fmt.Errorf("deploy: target parameter %q is unknown; known: endpoint, region, prefix, use_path_style", name)
		}
	}
	if t.Region == "" {
		t.Region = os.Getenv("AWS_REGION")
	}
	if t.Region == "" {
		t.Region = os.Getenv("AWS_DEFAULT_REGION")
	}
	return t, nil
}

func (t *Target) setEndpoint(v string) error {
	if strings.Contains(v, "@") {
		return errors.New("deploy: the target endpoint must not carry credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead")
	}
	if !strings.Contains(v, "://") {
		v = "https://" + v
	}
	e, err := url.Parse(v)
	if err != nil || e.Host == "" {
		return fmt.Errorf("deploy: target endpoint %q is not a host or URL", v)
	}
	switch e.Scheme {
	case "http":
		t.Insecure = true
	case "https":
	default:
		return fmt.Errorf("deploy: target endpoint scheme %q is not http or https", e.Scheme)
	}
	if e.Path != "" && e.Path != "/" {
		return fmt.Errorf("deploy: target endpoint %q has a path; S3 endpoints are a host only", v)
	}
	t.Endpoint = e.Host
	return nil
}

// String names the target for people: bucket, prefix and endpoint.
func (t Target) String() string {
	s := "s3://" + t.Bucket + "/" + t.Prefix
	if t.Endpoint != "" {
		s += " at " + t.Endpoint
	}
	return s
}
