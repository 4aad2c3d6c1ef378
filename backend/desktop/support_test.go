package desktop

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/applog"
	"github.com/ukglink/ukglink/backend/snapshot"
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

// namingUI records the default name the save dialog offers.
type namingUI struct {
	*fakeUI
	defaultNames []string
}

func (u *namingUI) SaveFileDialog(title, defaultName string) (string, error) {
	u.defaultNames = append(u.defaultNames, defaultName)
	return u.fakeUI.SaveFileDialog(title, defaultName)
}

func TestCreateSnapshotWritesNoSecret(t *testing.T) {
	s, fake := newTestService(t, "ok")
	ui := &namingUI{fakeUI: fake}
	s.Startup(context.Background(), ui)
	s.now = func() time.Time { return time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC) }
	fake.savePath = filepath.Join(filepath.Dir(fake.savePath), "snapshot.json")

	// Characters that JSON escapes, and that change in base64 and URL forms.
	const clientSecret = `Zq<9>&"s\e/cr+et=%24`
	fillDraft(t, s, "prod")
	if r := s.StoreSecret("prod", clientSecret, true); r.Result.Status != StatusOK {
		t.Fatalf("StoreSecret: %+v", r.Result)
	}
	if r := s.Verify("prod"); r.Result.Code != "invalid_client" {
		t.Fatalf("Verify with a wrong secret: %+v, want invalid_client", r.Result)
	}

	created := s.CreateSnapshot("prod")
	if created.Result.Status != StatusOK {
		t.Fatalf("CreateSnapshot: %+v", created.Result)
	}
	if want := []string{"ukglink-snapshot-prod-2026-03-04.json"}; !slices.Equal(ui.defaultNames, want) {
		t.Errorf("default names = %v, want %v", ui.defaultNames, want)
	}
	data, err := os.ReadFile(created.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`"status": "failed"`)) {
		t.Error("the snapshot does not contain the failed report")
	}

	escaped, err := json.Marshal(clientSecret)
	if err != nil {
		t.Fatal(err)
	}
	basic := ukgsim.DemoClientID + ":" + clientSecret
	forms := map[string]string{
		"raw":                clientSecret,
		"JSON-escaped":       string(escaped[1 : len(escaped)-1]),
		"base64":             base64.StdEncoding.EncodeToString([]byte(clientSecret)),
		"base64 URL":         base64.RawURLEncoding.EncodeToString([]byte(clientSecret)),
		"base64 basic auth":  base64.StdEncoding.EncodeToString([]byte(basic)),
		"URL query-escaped":  url.QueryEscape(clientSecret),
		"demo secret, raw":   ukgsim.DemoClientSecret,
		"demo secret base64": base64.StdEncoding.EncodeToString([]byte(ukgsim.DemoClientSecret)),
	}
	for name, form := range forms {
		if bytes.Contains(data, []byte(form)) {
			t.Errorf("the snapshot contains the secret, %s: %q", name, form)
		}
	}
}

func TestCreateSnapshotWithoutLink(t *testing.T) {
	s, _ := newTestService(t, "ok")
	r := s.CreateSnapshot("")
	if r.Result.Code != "no_link" {
		t.Errorf("no link: %+v, want code no_link", r.Result)
	}
	if r.Path != "" {
		t.Errorf("no link wrote %q", r.Path)
	}
}

func TestCreateSnapshotCancelled(t *testing.T) {
	s, fake := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	fake.savePath = ""
	if r := s.CreateSnapshot("prod"); r.Result.Status != StatusCancelled {
		t.Errorf("dismissed save dialog: %+v, want cancelled", r.Result)
	}
}

func TestCreateSnapshotKeepsOwnLogLines(t *testing.T) {
	s, fake := newTestService(t, "missing-scopes")
	fake.savePath = filepath.Join(filepath.Dir(fake.savePath), "snapshot.json")
	fillDraft(t, s, "prod")
	if r := s.Verify("prod"); r.Result.Code != "missing_scopes" {
		t.Fatalf("Verify: %+v, want missing_scopes", r.Result)
	}

	// A line of another customer's link, as the log of a support machine
	// that worked on both contains.
	other := `{"time":"2026-03-04T11:00:00Z","level":"INFO","msg":"verification started",` +
		`"profile":"other","tenant":"OTHER1008XY","client_id":"other-client"}` + "\n"
	logFile, err := os.OpenFile(applog.Path(), os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := logFile.WriteString(other); err != nil {
		t.Fatal(err)
	}
	logFile.Close()

	created := s.CreateSnapshot("prod")
	if created.Result.Status != StatusOK {
		t.Fatalf("CreateSnapshot: %+v", created.Result)
	}
	file, err := os.Open(created.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	snap, err := snapshot.Read(file)
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(snap.LogLines, "\n")
	if strings.Contains(joined, "OTHER1008XY") {
		t.Error("the snapshot carries a log line of another profile")
	}
	if !strings.Contains(joined, `"verification finished"`) {
		t.Errorf("the snapshot lacks the log lines of its own verification:\n%s", joined)
	}
}
