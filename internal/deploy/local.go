package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gazette/internal/manifest"
	"gazette/internal/redirect"
)

// manifestFile is where the build writes the browse-count manifest.
const manifestFile = "browsecount/manifest.json"

// stateDir holds deploy's own bookkeeping under the target prefix. It is
// never uploaded from, nor deleted by, a deploy.
const stateDir = ".gazette/"

// localFile is one file of the built site.
type localFile struct {
	Rel     string // slash-separated path relative to the site folder: the key without prefix
	Path    string // path on disk
	Size    int64
	SHA256  string // hex sha256 of the file's bytes (before any gzip)
	Phase   Phase
	Headers Headers
}

// scanSite lists every regular file under dir with its hash and headers,
// sorted by Rel. Hashing runs on all CPUs: it is most of a no-change deploy.
func scanSite(dir string, htmlMaxAge int, gzip bool) ([]localFile, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("deploy: site folder: %w (run gazette build first)", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("deploy: site folder %s is not a folder", dir)
	}
	var files []localFile
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			// A link to a file is published as the file; anything else
			// (a link to a folder, a socket) would silently go missing.
			if info, err := os.Stat(p); err != nil || !info.Mode().IsRegular() {
				return fmt.Errorf("deploy: %s: not a regular file (links to folders are not followed)", rel)
			}
		}
		if strings.HasPrefix(rel, stateDir) {
			return fmt.Errorf("deploy: %s: the folder %s is reserved for deploy's own state; remove it from the site", rel, stateDir)
		}
		files = append(files, localFile{
			Rel:     rel,
			Path:    p,
			Phase:   phaseOf(rel),
			Headers: headersFor(rel, htmlMaxAge, gzip),
		})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("deploy: reading site folder: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("deploy: site folder %s is empty; run gazette build first", dir)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	if err := markRedirects(dir, files, gzip); err != nil {
		return nil, err
	}

	var (
		wg   sync.WaitGroup
		next = make(chan int)
		errs = make([]error, len(files))
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				errs[i] = files[i].hash()
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("deploy: hashing site: %w", err)
	}
	return files, nil
}

// markRedirects gives the redirect pages of the manifest's aliases their
// redirect header, and the headers and phase of a page whatever their
// extension: an old address such as /art/123.jsp is a page too.
func markRedirects(dir string, files []localFile, gzip bool) error {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(manifestFile)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a site without browse counts has no aliases either
	}
	if err != nil {
		return fmt.Errorf("deploy: %w", err)
	}
	m, err := manifest.Parse(data)
	if err != nil {
		return fmt.Errorf("deploy: %s: %w", manifestFile, err)
	}
	targets := redirect.Targets(m)
	for i := range files {
		if target, ok := targets[files[i].Rel]; ok {
			f := &files[i]
			f.Phase = PhasePages
			f.Headers.WebsiteRedirect = target
			f.Headers.ContentType = "text/html; charset=utf-8"
			if gzip {
				f.Headers.ContentEncoding = "gzip"
			}
		}
	}
	return nil
}

func (f *localFile) hash() error {
	r, err := os.Open(f.Path)
	if err != nil {
		return err
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return fmt.Errorf("%s: %w", f.Rel, err)
	}
	f.Size = n
	f.SHA256 = hex.EncodeToString(h.Sum(nil))
	return nil
}
