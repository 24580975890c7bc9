package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// member is one file of an archive.
type member struct {
	Name string // path inside the archive's folder, with slashes
	Src  string // file on disk to copy in
	Exec bool   // an executable program
}

// writeArchive packs members into name (.tar.gz or .zip by t), all inside
// one folder named dir, so that unpacking never scatters files. The result
// depends only on the members' bytes and mtime: entries are in the given
// order, owned by root, with fixed modes and the same time, and the gzip
// header carries no name or time.
func writeArchive(name string, t target, dir string, members []member, mtime time.Time) (err error) {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", name, cerr)
		}
	}()
	if t.archiveExt() == ".zip" {
		err = writeZip(f, dir, members, mtime)
	} else {
		err = writeTarGz(f, dir, members, mtime)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

func mode(m member) fs.FileMode {
	if m.Exec {
		return 0o755
	}
	return 0o644
}

func writeTarGz(w io.Writer, dir string, members []member, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	hdr := func(name string, m fs.FileMode, size int64, typ byte) *tar.Header {
		return &tar.Header{Typeflag: typ, Name: name, Mode: int64(m), Size: size, ModTime: mtime, Format: tar.FormatPAX}
	}
	if err := tw.WriteHeader(hdr(dir+"/", 0o755, 0, tar.TypeDir)); err != nil {
		return err
	}
	for _, m := range members {
		src, err := os.Open(m.Src)
		if err != nil {
			return err
		}
		fi, err := src.Stat()
		if err == nil {
			err = tw.WriteHeader(hdr(dir+"/"+m.Name, mode(m), fi.Size(), tar.TypeReg))
		}
		if err == nil {
			_, err = io.Copy(tw, src)
		}
		src.Close()
		if err != nil {
			return fmt.Errorf("adding %s: %w", filepath.Base(m.Src), err)
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, dir string, members []member, mtime time.Time) error {
	zw := zip.NewWriter(w)
	d := &zip.FileHeader{Name: dir + "/", Modified: mtime}
	d.SetMode(fs.ModeDir | 0o755)
	if _, err := zw.CreateHeader(d); err != nil {
		return err
	}
	for _, m := range members {
		h := &zip.FileHeader{Name: dir + "/" + m.Name, Method: zip.Deflate, Modified: mtime}
		h.SetMode(mode(m))
		dst, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		src, err := os.Open(m.Src)
		if err != nil {
			return err
		}
		_, err = io.Copy(dst, src)
		src.Close()
		if err != nil {
			return fmt.Errorf("adding %s: %w", filepath.Base(m.Src), err)
		}
	}
	return zw.Close()
}
