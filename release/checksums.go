package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// checksumsFile is the name of the list of archive checksums, in the
// format of sha256sum, so that `sha256sum -c SHA256SUMS` verifies a
// download (on Windows: certutil -hashfile FILE SHA256).
const checksumsFile = "SHA256SUMS"

// writeChecksums writes dir/SHA256SUMS for the named files of dir: one line
// "<hex sha256>  <name>" per file, sorted by name.
func writeChecksums(dir string, names []string) error {
	names = slices.Sorted(slices.Values(names))
	var b strings.Builder
	for _, n := range names {
		sum, err := sha256File(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, n)
	}
	if err := os.WriteFile(filepath.Join(dir, checksumsFile), []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", checksumsFile, err)
	}
	return nil
}

func sha256File(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("checksum: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("checksum of %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
