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
func Write(path string, perm os.FileMode, fill func(w io.Writer) error) error {
	tmp, dir, err := writeTemp(path, perm, fill)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: rename temporary file: %w", path, err)
	}

	// The new content is in place now, so a failed folder sync is reported
	// without removing anything.
	return syncDir(dir)
}

// Create writes data to path like WriteFile, but fails with an error
// matching fs.ErrExist when path exists. It links the temporary file into
// place, because a hard link, unlike a rename, never replaces its target, so
// of two processes creating the same file one wins and the other sees it.
func Create(path string, data []byte, perm os.FileMode) error {
	tmp, dir, err := writeTemp(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	defer os.Remove(tmp)

	if err := os.Link(tmp, path); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return syncDir(dir)
}

// writeTemp writes a synced and closed temporary file next to path and
// returns its name and folder. On any error it removes the file again.
func writeTemp(path string, perm os.FileMode, fill func(w io.Writer) error) (name, dir string, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return "", "", fmt.Errorf("write %q: the path names a folder, not a file", path)
	}

	tmp, err := createTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return "", "", fmt.Errorf("write %s: create temporary file: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	if err := tmp.Chmod(perm); err != nil {
		return "", "", fmt.Errorf("write %s: set mode %v: %w", path, perm, err)
	}
	if err := fill(tmp); err != nil {
		return "", "", fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return "", "", fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", "", fmt.Errorf("write %s: close: %w", path, err)
	}
	return tmp.Name(), dir, nil
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
