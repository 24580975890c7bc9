// Package newfile writes files that must not exist yet, so that nothing a
// person wrote (an announcement, an override of the theme, a site's
// settings) is ever replaced by a file Gazette generates.
package newfile

import (
	"os"
	"path/filepath"
)

// Write creates the file name holding data, and its folders. When name
// exists already it fails with an error that wraps fs.ErrExist and leaves
// the file alone. When writing fails (a full disk) it removes the file it
// began, so no half-written file is left behind.
func Write(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
