package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/ukglink/ukglink/backend/internal/fulldisk"
)

// TestWriteFileRealFullTmpfs writes bundles onto a real full file system:
// a new one must leave no file at all, and one that replaces an earlier
// bundle must leave that bundle as it was.
func TestWriteFileRealFullTmpfs(t *testing.T) {
	dir := fulldisk.Dir(t)
	kept := filepath.Join(dir, "kept"+Extension)
	if err := WriteFile(kept, testContents(), testSealOptions(t)); err != nil {
		t.Fatalf("WriteFile with space: %v", err)
	}
	before, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	free := fulldisk.Fill(t, dir)

	fresh := filepath.Join(dir, "new"+Extension)
	if err := WriteFile(fresh, testContents(), testSealOptions(t)); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("new bundle on a full disk: error = %v, want ENOSPC", err)
	}
	if err := WriteFile(kept, testContents(), testSealOptions(t)); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("replacing a bundle on a full disk: error = %v, want ENOSPC", err)
	}

	after, err := os.ReadFile(kept)
	if err != nil {
		t.Fatalf("the earlier bundle is gone: %v", err)
	}
	if !slices.Equal(before, after) {
		t.Error("the earlier bundle changed although its replacement failed")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"filler", "kept" + Extension}) {
		t.Errorf("folder contains %q, want only the filler and the earlier bundle", names)
	}

	free()
	if err := WriteFile(fresh, testContents(), testSealOptions(t)); err != nil {
		t.Errorf("new bundle once space is free: %v", err)
	}
}
