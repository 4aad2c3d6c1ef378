package bundle

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/secret"
)

func testSealOptions(t *testing.T) SealOptions {
	return SealOptions{Recipients: []age.Recipient{testIdentity(t).Recipient()}, Now: fixedClock(testNow)}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "link"+Extension)
	if err := WriteFile(path, testContents(), testSealOptions(t)); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode = %o, want 600", perm)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openTest(t, data, testNow); err != nil {
		t.Errorf("Open of the written file: %v", err)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder contains %q, want only the bundle", names)
	}
}

func TestWriteFileReplacesExisting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "link.age")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, testContents(), testSealOptions(t)); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	data, _ := os.ReadFile(path)
	if _, err := openTest(t, data, testNow); err != nil {
		t.Errorf("Open of the replaced file: %v", err)
	}
}

// failingWriter accepts limit bytes and then fails like a full disk.
type failingWriter struct {
	w     io.Writer
	limit int
}

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n, _ := f.w.Write(p[:f.limit])
		f.limit = 0
		return n, syscall.ENOSPC
	}
	f.limit -= len(p)
	return f.w.Write(p)
}

func TestWriteFileFailures(t *testing.T) {
	tests := []struct {
		name     string
		limit    int
		contents func() Contents
		wantErr  error
	}{
		{name: "disk full in header", limit: 40, contents: testContents, wantErr: syscall.ENOSPC},
		{name: "disk full in payload", limit: 400, contents: testContents, wantErr: syscall.ENOSPC},
		{name: "invalid contents", limit: 1 << 20, contents: func() Contents {
			c := testContents()
			c.Verification = Verification{}
			return c
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setTempWriter(t, func(w io.Writer) io.Writer { return &failingWriter{w: w, limit: tt.limit} })
			dir := t.TempDir()
			path := filepath.Join(dir, "link.age")
			old := []byte("the bundle exported last week")
			if err := os.WriteFile(path, old, 0o600); err != nil {
				t.Fatal(err)
			}

			err := WriteFile(path, tt.contents(), testSealOptions(t))
			if err == nil {
				t.Fatal("WriteFile succeeded")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("WriteFile error %v, want %v", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("error contains the client secret")
			}
			checkUntouched(t, dir, path, old)
		})
	}
}

func setTempWriter(t *testing.T, w func(io.Writer) io.Writer) {
	saved := tempWriter
	tempWriter = w
	t.Cleanup(func() { tempWriter = saved })
}

func checkUntouched(t *testing.T, dir, path string, old []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("existing file is gone: %v", err)
	}
	if !bytes.Equal(data, old) {
		t.Errorf("existing file changed to %d bytes", len(data))
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder contains %q, want only the existing file", names)
	}
}

func TestWriteFileUnwritableFolder(t *testing.T) {
	dir := t.TempDir()
	notFolder := filepath.Join(dir, "file")
	if err := os.WriteFile(notFolder, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	readOnly := filepath.Join(dir, "read-only")
	if err := os.Mkdir(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(readOnly, 0o700) })

	tests := map[string]string{
		"parent is a file": filepath.Join(notFolder, "link.age"),
		"missing folder":   filepath.Join(dir, "missing", "link.age"),
		"read-only folder": filepath.Join(readOnly, "link.age"),
	}
	for name, path := range tests {
		t.Run(name, func(t *testing.T) {
			if name == "read-only folder" && os.Geteuid() == 0 {
				t.Skip("root can write to a read-only folder")
			}
			err := WriteFile(path, testContents(), testSealOptions(t))
			if err == nil {
				t.Fatal("WriteFile succeeded")
			}
			if !strings.Contains(err.Error(), filepath.Dir(path)) {
				t.Errorf("error %q does not name the folder", err)
			}
			if fileExists(t, path) {
				t.Errorf("%s exists after the failure", path)
			}
		})
	}
}

func TestWriteFileSecretOnlyEncrypted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "link.age")
	c := testContents()
	c.ClientSecret = secret.New(testSecret)
	if err := WriteFile(path, c, testSealOptions(t)); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(testSecret)) {
		t.Errorf("bundle file contains the client secret as cleartext")
	}
}
