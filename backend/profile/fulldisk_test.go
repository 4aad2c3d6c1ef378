package profile

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/ukglink/ukglink/backend/internal/fulldisk"
)

// TestSaveRealFullTmpfs saves a draft onto a real full file system. The
// save must fail with ENOSPC, keep the previous draft loadable and leave no
// temporary file; once space is free again the same save succeeds.
func TestSaveRealFullTmpfs(t *testing.T) {
	store := &Store{Dir: fulldisk.Dir(t)}
	first := testDraft("acme")
	if err := store.Save(first); err != nil {
		t.Fatalf("first Save: %v", err)
	}

	second := testDraft("acme")
	second.Step = "export"
	second.LastReport = json.RawMessage(`{"status":"failed","detail":"` + strings.Repeat("x", 8000) + `"}`)
	free := fulldisk.Fill(t, store.Dir)
	err := store.Save(second)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Save on a full disk: error = %v, want ENOSPC", err)
	}
	if !strings.Contains(err.Error(), `"acme"`) {
		t.Errorf("error %q does not name the profile", err)
	}

	got, err := store.Load("acme")
	if err != nil {
		t.Fatalf("Load after the failed save: %v", err)
	}
	if got.Step != first.Step {
		t.Errorf("step = %q after the failed save, want the previous %q", got.Step, first.Step)
	}
	checkOnlyFiles(t, store.Dir, "acme.json", "filler")

	free()
	if err := store.Save(second); err != nil {
		t.Fatalf("Save once space is free: %v", err)
	}
	if got, _ := store.Load("acme"); got.Step != "export" {
		t.Errorf("step = %q after the second save, want export", got.Step)
	}
}

// checkOnlyFiles fails when dir contains a file other than names.
func checkOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		found := false
		for _, name := range names {
			found = found || e.Name() == name
		}
		if !found {
			t.Errorf("left-over file %s in %s", e.Name(), dir)
		}
	}
}
