package manifest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

// IsURL reports whether src names a manifest served over HTTP(S) rather than
// a file.
func IsURL(src string) bool {
	return strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
}

// Load reads and parses the manifest at src, a file path or an http(s) URL.
// A URL must answer 200; client may be nil for http.DefaultClient. At most
// MaxSize bytes are read.
func Load(ctx context.Context, src string, client *http.Client) (Manifest, error) {
	data, err := read(ctx, src, client)
	if err != nil {
		return Manifest{}, err
	}
	m, err := Parse(data)
	if err != nil {
		return Manifest{}, fmt.Errorf("%s: %w", src, err)
	}
	return m, nil
}

func read(ctx context.Context, src string, client *http.Client) ([]byte, error) {
	if !IsURL(src) {
		f, err := os.Open(src)
		if err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
		defer f.Close()
		return readLimited(f, src)
	}
	if client == nil {
		client = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return nil, fmt.Errorf("manifest: %s: %w", src, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("manifest: %s answered %s, expected 200 OK", src, resp.Status)
	}
	return readLimited(resp.Body, src)
}

func readLimited(r io.Reader, src string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("manifest: reading %s: %w", src, err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("manifest: %s is larger than %d bytes", src, MaxSize)
	}
	return data, nil
}
