// Package fulldisk helps tests find out what the app does when the disk is
// full, on a real file system: a small tmpfs that scripts/test-full-disk.sh
// mounts and names in UKGLINK_TMPFS_DIR.
package fulldisk

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// EnvDir names the environment variable that holds the tmpfs mount point.
const EnvDir = "UKGLINK_TMPFS_DIR"

// Dir returns a new empty folder on the tmpfs, removed when the test ends.
// It skips the test when EnvDir is unset.
func Dir(t testing.TB) string {
	t.Helper()
	root := os.Getenv(EnvDir)
	if root == "" {
		t.Skipf("%s is not set to a small tmpfs mount (see scripts/test-full-disk.sh)", EnvDir)
	}
	dir, err := os.MkdirTemp(root, "test-")
	if err != nil {
		t.Fatalf("create a folder on the tmpfs: %v", err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// Fill writes a filler file into dir until the file system reports ENOSPC,
// and returns a function that removes the filler again.
func Fill(t testing.TB, dir string) (free func()) {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatalf("create filler: %v", err)
	}
	defer f.Close()

	chunk := bytes.Repeat([]byte{0}, 4096)
	for {
		_, err := f.Write(chunk)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatalf("fill %s: %v", dir, err)
		}
	}
	// A page may still be free below the chunk size; take it byte by byte.
	for {
		if _, err := f.Write([]byte{0}); err != nil {
			break
		}
	}
	return func() {
		if err := os.Remove(path); err != nil {
			t.Errorf("remove filler: %v", err)
		}
	}
}
