package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/ukglink/ukglink/backend/internal/fulldisk"
)

// fullDisk is a temporary file that accepts limit bytes, then fails every
// write with ENOSPC like a full disk.
type fullDisk struct {
	*os.File
	limit int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= f.limit {
		f.limit -= len(p)
		return f.File.Write(p)
	}
	n, _ := f.File.Write(p[:f.limit])
	f.limit = 0
	return n, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
}

func writeOld(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "draft.json")
	if err := os.WriteFile(path, []byte("old content"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkUntouched fails unless path still contains the old content and dir
// contains no other file.
func checkUntouched(t *testing.T, dir, path string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read old file: %v", err)
	}
	if string(got) != "old content" {
		t.Errorf("old file content = %q, want %q", got, "old content")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(path) {
			t.Errorf("left-over file %s in %s", e.Name(), dir)
		}
	}
}

func TestWriteFileCreatesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "profile.json")

	for _, content := range []string{"first", "second, longer content", ""} {
		if err := WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatalf("WriteFile(%q): %v", content, err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != content {
			t.Errorf("content = %q, want %q", got, content)
		}
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("folder contains %d entries, want 1", len(entries))
	}
}

func TestWriteFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	path := filepath.Join(t.TempDir(), "profile.json")
	if err := WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %v, want 0600", got)
	}
}

func TestWriteFillErrorKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := writeOld(t, dir)
	errFill := errors.New("encoding failed")

	err := Write(path, 0o600, func(w io.Writer) error {
		if _, err := w.Write([]byte("half of the new")); err != nil {
			return err
		}
		return errFill
	})
	if !errors.Is(err, errFill) {
		t.Errorf("Write error = %v, want it to wrap %v", err, errFill)
	}
	checkUntouched(t, dir, path)
}

func TestWriteFullDiskKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := writeOld(t, dir)

	saved := createTemp
	t.Cleanup(func() { createTemp = saved })
	createTemp = func(dir, pattern string) (file, error) {
		f, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return nil, err
		}
		return &fullDisk{File: f, limit: 8}, nil
	}

	err := WriteFile(path, bytes.Repeat([]byte("n"), 4096), 0o600)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("WriteFile error = %v, want ENOSPC", err)
	}
	checkUntouched(t, dir, path)
}

func TestWriteMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "profile.json")
	err := WriteFile(path, []byte("x"), 0o600)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WriteFile error = %v, want it to wrap os.ErrNotExist", err)
	}
}

func TestWriteFolderPath(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir+string(filepath.Separator), []byte("x"), 0o600); err == nil {
		t.Error("WriteFile to a folder path succeeded, want an error")
	}
}

// TestWriteRealFullTmpfs writes more than a small real tmpfs holds; run it
// with scripts/test-full-disk.sh.
func TestWriteRealFullTmpfs(t *testing.T) {
	dir := fulldisk.Dir(t)
	path := writeOld(t, dir)

	err := Write(path, 0o600, func(w io.Writer) error {
		chunk := bytes.Repeat([]byte("n"), 4096)
		for range 1024 {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Write of 4 MiB to %s: error = %v, want ENOSPC", dir, err)
	}
	checkUntouched(t, dir, path)
}

func TestCreateRefusesExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key.txt")
	if err := Create(path, []byte("first"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Create(path, []byte("second"), 0o600)
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second Create error = %v, want fs.ErrExist", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "first" {
		t.Errorf("content = %q, want the first write kept", data)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("folder has %d entries, want only the file (no temporary files)", len(entries))
	}
}
