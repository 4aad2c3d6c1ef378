package desktop

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ukglink/ukglink/backend/ukgsim"
)

func TestSnapshotOpenReplaysSameResult(t *testing.T) {
	s, ui := newTestService(t, "missing-scopes")
	fillDraft(t, s, "prod")
	original := s.Verify("prod")
	if original.Result.Code != "missing_scopes" {
		t.Fatalf("original verification: %+v", original.Result)
	}

	ui.savePath = filepath.Join(filepath.Dir(ui.savePath), "support.json")
	snap := s.CreateSnapshot("prod")
	if snap.Result.Status != StatusOK {
		t.Fatalf("CreateSnapshot: %+v", snap.Result)
	}
	data, err := os.ReadFile(snap.Path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), ukgsim.DemoClientSecret) {
		t.Error("snapshot contains the client secret")
	}

	// The demo simulator now grants everything: only the replay can bring
	// the missing scopes back.
	s.SetScenario("ok")
	ui.openPaths = []string{snap.Path}
	opened := s.OpenSnapshot()
	if opened.Result.Status != StatusOK {
		t.Fatalf("OpenSnapshot: %+v", opened.Result)
	}
	if !opened.Replaying {
		t.Error("opened snapshot is not replayed")
	}
	name := opened.Draft.Name
	if name == "prod" {
		t.Fatal("opening a snapshot replaced the existing draft")
	}
	if opened.Draft.LastReport == nil || opened.Draft.LastReport.Status != "failed" {
		t.Errorf("opened draft report = %+v, want the recorded failure", opened.Draft.LastReport)
	}

	replayed := s.Verify(name)
	if replayed.Result.Code != original.Result.Code {
		t.Errorf("replayed code = %q, want %q", replayed.Result.Code, original.Result.Code)
	}
	if !slices.Equal(replayed.Report.MissingScopes, original.Report.MissingScopes) {
		t.Errorf("replayed missing scopes = %v, want %v", replayed.Report.MissingScopes, original.Report.MissingScopes)
	}
	// The original draft still verifies against the demo simulator.
	if code := s.Verify("prod").Result.Status; code != StatusOK {
		t.Errorf("original draft after the replay: %q, want ok", code)
	}
}

func TestOpenBundleKeepsSecretInSession(t *testing.T) {
	s, ui := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	exported := s.ExportBundle("prod", true, "for support")
	if exported.Result.Status != StatusOK {
		t.Fatalf("ExportBundle: %+v", exported.Result)
	}

	ui.openPaths = []string{exported.Path, exported.Recipient.IdentityPath}
	if choice := s.ChooseBundle(); choice.Lock != LockIdentity {
		t.Fatalf("ChooseBundle: lock %q, result %+v", choice.Lock, choice.Result)
	}
	opened := s.OpenChosenBundle(BundleOpenRequest{})
	if opened.Result.Status != StatusOK {
		t.Fatalf("OpenChosenBundle: %+v", opened.Result)
	}
	name := opened.Draft.Name
	if name != "prod-2" {
		t.Errorf("opened draft name = %q, want prod-2 beside the existing prod", name)
	}
	if opened.Draft.SecretStored {
		t.Error("a customer's secret from a bundle was put in the keychain")
	}
	if !s.SecretStatus(name).InSession {
		t.Error("the bundle's secret is not in the session")
	}
	if r := s.Verify(name); r.Result.Status != StatusOK {
		t.Errorf("Verify of the opened bundle: %+v", r.Result)
	}
}

func TestOpenCancelled(t *testing.T) {
	s, _ := newTestService(t, "ok")
	if r := s.OpenSnapshot(); r.Result.Status != StatusCancelled {
		t.Errorf("OpenSnapshot with a dismissed dialog: %q, want cancelled", r.Result.Status)
	}
	if r := s.ChooseBundle(); r.Result.Status != StatusCancelled {
		t.Errorf("ChooseBundle with a dismissed dialog: %q, want cancelled", r.Result.Status)
	}
}

func TestOpenSnapshotRejectsOtherFile(t *testing.T) {
	s, ui := newTestService(t, "ok")
	path := filepath.Join(t.TempDir(), "notes.json")
	if err := os.WriteFile(path, []byte(`{"hello":"world"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ui.openPaths = []string{path}
	r := s.OpenSnapshot()
	if r.Result.Code != "not_snapshot" {
		t.Errorf("code = %q, want not_snapshot", r.Result.Code)
	}
}
