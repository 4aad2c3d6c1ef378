// Package atomicfile replaces a file so that readers see either the old
// content or the complete new content, never a partial file.
//
// The new content goes to a temporary file in the same folder, which is
// synced, renamed over the target, and followed by a sync of the folder so
// the rename itself survives a crash. On any error the temporary file is
// removed and the old file, if there was one, is left untouched.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// file is the part of *os.File that Write uses. Tests replace it to fail
// like a full disk.
type file interface {
	io.Writer
	Name() string
	Chmod(mode os.FileMode) error
	Sync() error
	Close() error
}

// createTemp opens the temporary file. Tests replace it.
var createTemp = func(dir, pattern string) (file, error) {
	return os.CreateTemp(dir, pattern)
}

// WriteFile atomically replaces path with data, created with perm.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write atomically replaces path with whatever fill writes, created with perm.
// If fill returns an error, path keeps its old content.
func Write(path string, perm os.FileMode, fill func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return fmt.Errorf("write %q: the path names a folder, not a file", path)
	}

	tmp, err := createTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: create temporary file: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: set mode %v: %w", path, perm, err)
	}
	if err := fill(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: close: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: rename temporary file: %w", path, err)
	}

	// The new content is in place now, so a failed folder sync is reported
	// without removing anything.
	return syncDir(dir)
}

// syncDir flushes the folder entry of a rename to disk. Windows cannot open
// a folder for syncing, and NTFS journals the rename itself.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	defer d.Close()

	err = d.Sync()
	if err != nil && !errors.Is(err, os.ErrInvalid) && !isUnsupported(err) {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}
