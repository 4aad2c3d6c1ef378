package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"
)

// exportTo makes the save dialog return path and exports the draft prod,
// which was not verified.
func exportTo(t *testing.T, s *Service, ui *fakeUI, path string) ExportResult {
	t.Helper()
	ui.savePath = path
	return s.ExportBundle("prod", true, "prepared offline")
}

func TestExportAsksBeforeReplacing(t *testing.T) {
	s, ui := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	base := filepath.Join(filepath.Dir(ui.savePath), "acme")
	if err := os.WriteFile(base+".age", []byte("older bundle"), 0o600); err != nil {
		t.Fatal(err)
	}

	ui.replace = false
	r := exportTo(t, s, ui, base)
	if r.Result.Status != StatusCancelled {
		t.Errorf("declined replace: status = %q, want cancelled", r.Result.Status)
	}
	if len(ui.questions) != 1 || !strings.Contains(ui.questions[0], `"acme.age" already exists`) {
		t.Errorf("questions = %q, want one about acme.age", ui.questions)
	}
	if data, _ := os.ReadFile(base + ".age"); string(data) != "older bundle" {
		t.Error("the existing file was replaced although the admin said no")
	}

	ui.replace = true
	r = exportTo(t, s, ui, base)
	if r.Result.Status != StatusOK {
		t.Fatalf("accepted replace: %+v", r.Result)
	}
	if r.Path != base+".age" {
		t.Errorf("path = %q, want %s.age", r.Path, base)
	}
	if data, _ := os.ReadFile(base + ".age"); string(data) == "older bundle" {
		t.Error("the existing file was kept although the admin agreed to replace it")
	}
}

func TestExportNewNameAsksNothing(t *testing.T) {
	s, ui := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	base := filepath.Join(filepath.Dir(ui.savePath), "fresh")
	if r := exportTo(t, s, ui, base); r.Result.Status != StatusOK {
		t.Fatalf("ExportBundle: %+v", r.Result)
	}
	if len(ui.questions) != 0 {
		t.Errorf("asked %q about a name no file has", ui.questions)
	}
}

func TestDefaultSaveFolder(t *testing.T) {
	home := t.TempDir()
	documents := filepath.Join(home, "Documents")
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_DOCUMENTS_DIR", documents)
	xdg.Reload()
	t.Cleanup(xdg.Reload)

	if got := DefaultSaveFolder(); got != home {
		t.Errorf("without a Documents folder: %q, want the home folder %s", got, home)
	}
	if err := os.Mkdir(documents, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := DefaultSaveFolder(); got != documents {
		t.Errorf("with a Documents folder: %q, want %s", got, documents)
	}
}
