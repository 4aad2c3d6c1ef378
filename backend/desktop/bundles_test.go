package desktop

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"

	"github.com/ukglink/ukglink/backend/bundle"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

// sealDemoBundle writes a bundle sealed to the demo key at sealedAt and
// returns its path and the demo identity file.
func sealDemoBundle(t *testing.T, sealedAt time.Time) (bundlePath, identityPath string) {
	t.Helper()
	identity, identityPath, err := bundle.DemoIdentity()
	if err != nil {
		t.Fatal(err)
	}
	contents := bundle.Contents{
		Profile: profile.Profile{
			Name: "acme", Subdomain: "servicet", AccountType: "test",
			Tenant: ukgsim.DemoTenant, ClientID: ukgsim.DemoClientID,
		},
		ClientSecret: secret.New(ukgsim.DemoClientSecret),
		Verification: bundle.Verification{NotRunReason: "sealed by a test"},
	}
	bundlePath = filepath.Join(t.TempDir(), "acme.age")
	options := bundle.SealOptions{
		Recipients: []age.Recipient{identity.Recipient()},
		Now:        func() time.Time { return sealedAt },
	}
	if err := bundle.WriteFile(bundlePath, contents, options); err != nil {
		t.Fatal(err)
	}
	return bundlePath, identityPath
}

func draftCount(t *testing.T, s *Service) int {
	t.Helper()
	drafts, err := s.store.List()
	if err != nil {
		t.Fatal(err)
	}
	return len(drafts)
}

func TestExpiredBundleNeedsOverride(t *testing.T) {
	s, ui := newTestService(t, "ok")
	sealedAt := time.Date(2025, 10, 1, 9, 30, 0, 0, time.UTC)
	bundlePath, identityPath := sealDemoBundle(t, sealedAt)

	ui.openPaths = []string{bundlePath, identityPath}
	if choice := s.ChooseBundle(); choice.Result.Status != StatusOK {
		t.Fatalf("ChooseBundle: %+v", choice.Result)
	}
	expired := s.OpenChosenBundle(BundleOpenRequest{})
	if expired.Result.Code != "bundle_expired" {
		t.Fatalf("expired bundle: %+v, want code bundle_expired", expired.Result)
	}
	if expired.Result.Status != StatusFailed {
		t.Errorf("expired bundle status = %q, want failed", expired.Result.Status)
	}
	wantExpiry := sealedAt.Add(bundle.DefaultLifetime).Format(time.RFC3339)
	if expired.ExpiredAt != wantExpiry {
		t.Errorf("ExpiredAt = %q, want %q", expired.ExpiredAt, wantExpiry)
	}
	if !strings.Contains(expired.Result.Message, "expired on 31 October 2025") {
		t.Errorf("message %q does not give the expiry date", expired.Result.Message)
	}
	if n := draftCount(t, s); n != 0 {
		t.Errorf("an expired bundle created %d drafts before the override", n)
	}

	// The identity file chosen before is used again: no dialog is queued.
	opened := s.OpenChosenBundle(BundleOpenRequest{AllowExpired: true})
	if opened.Result.Status != StatusOK {
		t.Fatalf("Open anyway: %+v", opened.Result)
	}
	if opened.Draft.Tenant != ukgsim.DemoTenant {
		t.Errorf("opened tenant = %q, want %s", opened.Draft.Tenant, ukgsim.DemoTenant)
	}
	if opened.ExpiredAt != "" {
		t.Errorf("ExpiredAt = %q on a bundle opened anyway", opened.ExpiredAt)
	}
}

func TestValidBundleOpensWithoutOverride(t *testing.T) {
	s, ui := newTestService(t, "ok")
	bundlePath, identityPath := sealDemoBundle(t, time.Now().Add(-time.Hour))
	ui.openPaths = []string{bundlePath, identityPath}
	s.ChooseBundle()
	if r := s.OpenChosenBundle(BundleOpenRequest{}); r.Result.Status != StatusOK {
		t.Fatalf("OpenChosenBundle: %+v", r.Result)
	}
}

// TestArmoredBundleOpens opens a bundle that was ASCII-armored after
// sealing and then had its line endings changed to CRLF, as a Windows
// editor does.
func TestArmoredBundleOpens(t *testing.T) {
	s, ui := newTestService(t, "ok")
	bundlePath, identityPath := sealDemoBundle(t, time.Now().Add(-time.Hour))
	sealed, err := os.ReadFile(bundlePath)
	if err != nil {
		t.Fatal(err)
	}
	var armored bytes.Buffer
	w := armor.NewWriter(&armored)
	if _, err := w.Write(sealed); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	armoredPath := filepath.Join(t.TempDir(), "link.age.txt")
	crlf := bytes.ReplaceAll(armored.Bytes(), []byte("\n"), []byte("\r\n"))
	if err := os.WriteFile(armoredPath, crlf, 0o600); err != nil {
		t.Fatal(err)
	}

	ui.openPaths = []string{armoredPath, identityPath}
	if choice := s.ChooseBundle(); choice.Result.Status != StatusOK || choice.Lock != LockIdentity {
		t.Fatalf("ChooseBundle: %+v, lock %q", choice.Result, choice.Lock)
	}
	if r := s.OpenChosenBundle(BundleOpenRequest{}); r.Result.Status != StatusOK {
		t.Fatalf("OpenChosenBundle: %+v", r.Result)
	}
}

func TestPassphraseBundleOpensOnlyWithIt(t *testing.T) {
	cheapScrypt(t)
	s, ui := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	exported := s.ExportBundleToPassphrase("prod", true, "for a colleague")
	if exported.Result.Status != StatusOK {
		t.Fatalf("ExportBundleToPassphrase: %+v", exported.Result)
	}
	if words := strings.Split(exported.Passphrase, "-"); len(words) != bundle.PassphraseWords {
		t.Errorf("passphrase has %d words, want %d", len(words), bundle.PassphraseWords)
	}
	if exported.Recipient.Kind != RecipientKindPassphrase {
		t.Errorf("recipient kind = %q, want passphrase", exported.Recipient.Kind)
	}
	if exported.Recipient.Fingerprint != "" || exported.Recipient.Key != "" {
		t.Errorf("a passphrase bundle shows a key: %+v", exported.Recipient)
	}

	ui.openPaths = []string{exported.Path}
	choice := s.ChooseBundle()
	if choice.Lock != LockPassphrase {
		t.Fatalf("ChooseBundle lock = %q, want passphrase (result %+v)", choice.Lock, choice.Result)
	}
	if r := s.OpenChosenBundle(BundleOpenRequest{}); r.Result.Code != "passphrase_empty" {
		t.Errorf("no passphrase: %+v, want code passphrase_empty", r.Result)
	}
	wrong := s.OpenChosenBundle(BundleOpenRequest{Passphrase: "acid-acorn-actor-adapt-agent"})
	if wrong.Result.Code != "wrong_passphrase" {
		t.Errorf("wrong passphrase: %+v, want code wrong_passphrase", wrong.Result)
	}
	if wrong.Result.Field != "passphrase" {
		t.Errorf("wrong passphrase field = %q, want passphrase", wrong.Result.Field)
	}

	opened := s.OpenChosenBundle(BundleOpenRequest{Passphrase: exported.Passphrase})
	if opened.Result.Status != StatusOK {
		t.Fatalf("right passphrase: %+v", opened.Result)
	}
	if r := s.Verify(opened.Draft.Name); r.Result.Status != StatusOK {
		t.Errorf("Verify of the opened bundle: %+v", r.Result)
	}
}

func TestBundleWithOtherKey(t *testing.T) {
	s, ui := newTestService(t, "ok")
	bundlePath, _ := sealDemoBundle(t, time.Now())
	other, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	otherPath := filepath.Join(t.TempDir(), "other.txt")
	if err := os.WriteFile(otherPath, []byte(other.String()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	ui.openPaths = []string{bundlePath, otherPath}
	choice := s.ChooseBundle()
	if len(choice.Fingerprints) != 1 {
		t.Fatalf("fingerprints = %v, want the demo key's", choice.Fingerprints)
	}
	r := s.OpenChosenBundle(BundleOpenRequest{})
	if r.Result.Code != "wrong_key" {
		t.Fatalf("other key: %+v, want code wrong_key", r.Result)
	}
	if !strings.Contains(r.Result.Message, choice.Fingerprints[0]) {
		t.Errorf("message %q does not name the fingerprint %s", r.Result.Message, choice.Fingerprints[0])
	}
}

func TestBundleRejections(t *testing.T) {
	s, ui := newTestService(t, "ok")
	bundlePath, identityPath := sealDemoBundle(t, time.Now())
	sealed, err := os.ReadFile(bundlePath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	changed := bytes.Clone(sealed)
	changed[len(changed)-5] ^= 0x01

	// A file with a bad header fails at ChooseBundle. A file with a bad
	// payload fails when it is opened.
	chooseCases := []struct {
		name string
		path string
		code string
	}{
		{"text file", write("notes.age", []byte("hello, this is not a bundle\n")), "not_bundle"},
		{"armored text", write("armored.age", []byte("-----BEGIN AGE ENCRYPTED FILE-----\naGVsbG8sIHRoaXMgaXMgbm90IGEgYnVuZGxl\n-----END AGE ENCRYPTED FILE-----\n")), "not_bundle"},
		{"cut in the header", write("cut.age", sealed[:40]), "bundle_truncated"},
	}
	for _, c := range chooseCases {
		ui.openPaths = []string{c.path}
		if r := s.ChooseBundle(); r.Result.Code != c.code {
			t.Errorf("%s: ChooseBundle %+v, want code %s", c.name, r.Result, c.code)
		}
	}

	ui.openPaths = []string{write("changed.age", changed), identityPath}
	if r := s.ChooseBundle(); r.Result.Status != StatusOK {
		t.Fatalf("changed file: ChooseBundle %+v", r.Result)
	}
	if r := s.OpenChosenBundle(BundleOpenRequest{}); r.Result.Code != "bundle_changed" {
		t.Errorf("changed file: %+v, want code bundle_changed", r.Result)
	}
}

func TestOpenChosenBundleNeedsChoice(t *testing.T) {
	s, _ := newTestService(t, "ok")
	if r := s.OpenChosenBundle(BundleOpenRequest{}); r.Result.Code != "no_bundle_chosen" {
		t.Errorf("no choice: %+v, want code no_bundle_chosen", r.Result)
	}
}

func TestIdentityDialogCancelled(t *testing.T) {
	s, ui := newTestService(t, "ok")
	bundlePath, _ := sealDemoBundle(t, time.Now())
	ui.openPaths = []string{bundlePath}
	s.ChooseBundle()
	if r := s.OpenChosenBundle(BundleOpenRequest{}); r.Result.Status != StatusCancelled {
		t.Errorf("dismissed identity dialog: %+v, want cancelled", r.Result)
	}
}
