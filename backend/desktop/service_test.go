package desktop

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/zalando/go-keyring"

	"github.com/ukglink/ukglink/backend/bundle"
	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/ukgsim"
	"github.com/ukglink/ukglink/backend/verify"
)

// fakeUI records events and returns a fixed path from the save dialog,
// queued paths from the open dialog and a fixed answer to questions.
type fakeUI struct {
	mu        sync.Mutex
	events    []verify.Event
	savePath  string
	openPaths []string
	onEvent   func(verify.Event)
	// replace is the answer to ConfirmDialog, and questions records what
	// it was asked.
	replace   bool
	questions []string
}

func (u *fakeUI) ConfirmDialog(title, question string) (bool, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.questions = append(u.questions, question)
	return u.replace, nil
}

func (u *fakeUI) OpenFileDialog(title, pattern, patternName string) (string, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.openPaths) == 0 {
		return "", nil
	}
	path := u.openPaths[0]
	u.openPaths = u.openPaths[1:]
	return path, nil
}

func (u *fakeUI) Emit(event string, data any) {
	if event != EventVerifyProgress {
		return
	}
	e := data.(verify.Event)
	u.mu.Lock()
	u.events = append(u.events, e)
	hook := u.onEvent
	u.mu.Unlock()
	if hook != nil {
		hook(e)
	}
}

func (u *fakeUI) SaveFileDialog(title, defaultName string) (string, error) {
	return u.savePath, nil
}

// newTestService starts a demo service with its own XDG folders and an
// in-memory keychain.
func newTestService(t *testing.T, scenario string) (*Service, *fakeUI) {
	t.Helper()
	home := t.TempDir()
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, filepath.Join(home, strings.ToLower(v)))
	}
	t.Setenv("HOME", home)
	t.Setenv(RecipientEnv, "")
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	keyring.MockInit()

	s, err := NewService(Config{Demo: true, Scenario: scenario})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	ui := &fakeUI{savePath: filepath.Join(home, "out", "bundle.age")}
	if err := os.MkdirAll(filepath.Dir(ui.savePath), 0o700); err != nil {
		t.Fatal(err)
	}
	s.Startup(context.Background(), ui)
	return s, ui
}

// fillDraft creates a draft from pasted values and stores the demo secret.
func fillDraft(t *testing.T, s *Service, name string) {
	t.Helper()
	if r := s.NewDraft(name); r.Result.Status != StatusOK {
		t.Fatalf("NewDraft: %+v", r.Result)
	}
	in := DraftInput{
		Name:        name,
		Step:        "client",
		Subdomain:   "http://Servicet.ultipro.com/services/BIDataService",
		AccountType: "test",
		Tenant:      "https://rec-demo-b.ultipro.com/" + ukgsim.DemoTenant + "/Dashboard",
		ClientID:    ukgsim.DemoClientID + " ",
	}
	if r := s.SaveDraft(in); r.Result.Status != StatusOK {
		t.Fatalf("SaveDraft: %+v", r.Result)
	}
	if r := s.StoreSecret(name, ukgsim.DemoClientSecret+"\r\n", true); r.Result.Status != StatusOK {
		t.Fatalf("StoreSecret: %+v", r.Result)
	}
}

func TestSaveDraftNormalizesPastes(t *testing.T) {
	s, _ := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	d := s.LoadDraft("prod").Draft
	if d.Subdomain != "servicet" {
		t.Errorf("subdomain = %q, want servicet", d.Subdomain)
	}
	if d.Tenant != ukgsim.DemoTenant {
		t.Errorf("tenant = %q, want %s", d.Tenant, ukgsim.DemoTenant)
	}
	if d.ClientID != ukgsim.DemoClientID {
		t.Errorf("client ID = %q, want it trimmed", d.ClientID)
	}
	if d.Step != "client" {
		t.Errorf("step = %q, want client", d.Step)
	}
	if !d.SecretStored {
		t.Error("draft does not record the secret as stored")
	}
}

func TestSaveDraftKeepsInvalidValue(t *testing.T) {
	s, _ := newTestService(t, "ok")
	s.NewDraft("half")
	s.SaveDraft(DraftInput{Name: "half", Step: "tenant", Tenant: "USG 1008"})
	if got := s.LoadDraft("half").Draft.Tenant; got != "USG 1008" {
		t.Errorf("tenant = %q, want the value as typed", got)
	}
}

func TestVerifyThenExport(t *testing.T) {
	s, ui := newTestService(t, "ok")
	fillDraft(t, s, "prod")

	v := s.Verify("prod")
	if v.Result.Status != StatusOK {
		t.Fatalf("Verify: %+v", v.Result)
	}
	if v.Report.Status != "verified" {
		t.Errorf("report status = %q", v.Report.Status)
	}
	if len(ui.events) == 0 {
		t.Error("no progress events reached the window")
	}
	if !s.LoadDraft("prod").Draft.LastReport.Simulated {
		t.Error("saved report does not say it was simulated")
	}

	e := s.ExportBundle("prod", false, "")
	if e.Result.Status != StatusOK {
		t.Fatalf("ExportBundle: %+v", e.Result)
	}
	if e.Recipient.Fingerprint == "" || e.Recipient.IdentityPath == "" {
		t.Errorf("recipient = %+v, want a fingerprint and the demo key path", e.Recipient)
	}
	contents := openBundle(t, e.Path, e.Recipient.IdentityPath)
	if contents.ClientSecret.Reveal() != ukgsim.DemoClientSecret {
		t.Error("bundle secret differs from the trimmed secret")
	}
	if !contents.Verification.Run {
		t.Error("bundle does not record the verification")
	}
}

func openBundle(t *testing.T, path, identityPath string) bundle.Contents {
	t.Helper()
	identities, err := bundle.LoadIdentities(identityPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	contents, err := bundle.Open(f, bundle.OpenOptions{Identities: identities})
	if err != nil {
		t.Fatal(err)
	}
	return contents
}

func TestVerifyMissingScopes(t *testing.T) {
	s, _ := newTestService(t, "missing-scopes")
	fillDraft(t, s, "prod")
	v := s.Verify("prod")
	if v.Result.Status != StatusFailed {
		t.Fatalf("status = %q, want failed", v.Result.Status)
	}
	if v.Result.Code != "missing_scopes" {
		t.Errorf("code = %q, want missing_scopes", v.Result.Code)
	}
	if len(v.Report.MissingScopes) == 0 {
		t.Error("report lists no missing scopes")
	}
	if r := s.ExportBundle("prod", false, ""); r.Result.Code != "not_verified" {
		t.Errorf("export after a failed verification: code %q, want not_verified", r.Result.Code)
	}
}

func TestSetScenarioSwitchesSimulator(t *testing.T) {
	s, _ := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	if r := s.SetScenario("invalid-client"); r.Status != StatusOK {
		t.Fatalf("SetScenario: %+v", r)
	}
	if code := s.Verify("prod").Result.Code; code != "invalid_client" {
		t.Errorf("code = %q, want invalid_client", code)
	}
	if r := s.SetScenario("no-such-scenario"); r.Code != "unknown_scenario" {
		t.Errorf("unknown scenario: %+v", r)
	}
}

func TestCancelVerify(t *testing.T) {
	s, ui := newTestService(t, "drop")
	fillDraft(t, s, "prod")
	ui.onEvent = func(e verify.Event) {
		if e.Status == "running" {
			go s.CancelVerify()
		}
	}
	done := make(chan VerifyResult, 1)
	go func() { done <- s.Verify("prod") }()
	select {
	case v := <-done:
		if v.Result.Status != StatusCancelled {
			t.Errorf("status = %q, want cancelled", v.Result.Status)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Verify did not return after CancelVerify")
	}
}

func TestExportCancelledDialog(t *testing.T) {
	s, ui := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	ui.savePath = ""
	r := s.ExportBundle("prod", true, "offline")
	if r.Result.Status != StatusCancelled {
		t.Errorf("status = %q, want cancelled", r.Result.Status)
	}
}

func TestExportWithoutVerifying(t *testing.T) {
	s, _ := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	r := s.ExportBundle("prod", true, "prepared offline")
	if r.Result.Status != StatusOK {
		t.Fatalf("ExportBundle: %+v", r.Result)
	}
	contents := openBundle(t, r.Path, r.Recipient.IdentityPath)
	if contents.Verification.Run {
		t.Error("bundle claims a verification that was not run")
	}
	if contents.Verification.NotRunReason != "prepared offline" {
		t.Errorf("reason = %q", contents.Verification.NotRunReason)
	}
}

func TestStoreSecretKeychainUnavailable(t *testing.T) {
	s, _ := newTestService(t, "ok")
	s.NewDraft("prod")
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	r := s.StoreSecret("prod", "value-123456789012345", true)
	if r.Result.Status != StatusFailed {
		t.Fatalf("status = %q, want failed", r.Result.Status)
	}
	if r.Result.Code != "keychain_unavailable" {
		t.Errorf("code = %q, want keychain_unavailable", r.Result.Code)
	}
	if s.LoadDraft("prod").Draft.SecretStored {
		t.Error("draft claims a secret the keychain refused")
	}
	// "Don't save, ask me next time" still works without a keychain.
	if r := s.StoreSecret("prod", "value-123456789012345", false); r.Result.Status != StatusOK {
		t.Errorf("session-only secret: %+v", r.Result)
	}
	if !s.SecretStatus("prod").InSession {
		t.Error("session-only secret is not in the session")
	}
}

func TestNoSecretInDraftFiles(t *testing.T) {
	s, _ := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	s.Verify("prod")
	root := filepath.Dir(xdg.ConfigHome)
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), ukgsim.DemoClientSecret) {
			t.Errorf("%s contains the client secret", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCheckFieldSubdomain(t *testing.T) {
	s, _ := newTestService(t, "ok")
	r := s.CheckField(ukg.FieldSubdomain, "service3.ultipro.ca")
	if r.Value != "service3" {
		t.Errorf("value = %q, want service3", r.Value)
	}
	if r.SuggestedAccountType != "canada" {
		t.Errorf("suggested account type = %q, want canada", r.SuggestedAccountType)
	}
	if r.Display != "https://service3.ultipro.ca will be used" {
		t.Errorf("display = %q", r.Display)
	}
}

func TestCheckFieldSecretHidesValue(t *testing.T) {
	s, _ := newTestService(t, "ok")
	r := s.CheckField(ukg.FieldClientSecret, "ab/cd+ef$gh%20\n")
	if r.Value != "" {
		t.Error("CheckField returned the secret")
	}
	if r.Display != "14 characters" {
		t.Errorf("display = %q, want 14 characters", r.Display)
	}
}

func TestParseArgs(t *testing.T) {
	getenv := func(string) string { return "" }
	config, rest, err := ParseArgs([]string{"demo", "--scenario", "missing-scopes", "-devserver", "127.0.0.1:34115"}, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if !config.Demo || config.Scenario != "missing-scopes" {
		t.Errorf("config = %+v", config)
	}
	if strings.Join(rest, " ") != "-devserver 127.0.0.1:34115" {
		t.Errorf("rest = %q, want the Wails flags", rest)
	}
	if _, _, err := ParseArgs([]string{"demo", "--scenario", "nope"}, getenv); err == nil {
		t.Error("an unknown scenario was accepted")
	}
	endpointEnv := func(name string) string {
		if name == verify.EndpointEnv {
			return "http://203.0.113.5:80"
		}
		return ""
	}
	if _, _, err := ParseArgs(nil, endpointEnv); err == nil {
		t.Error("a non-loopback endpoint was accepted")
	}
}
