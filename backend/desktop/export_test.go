package desktop

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/bundle"
)

// cheapScrypt seals passphrase bundles with a low scrypt work factor for the
// rest of the test. Opening reads the factor from the bundle, so it is fast
// too.
func cheapScrypt(t *testing.T) {
	t.Helper()
	original := newPassphraseRecipient
	newPassphraseRecipient = func(passphrase string) (age.Recipient, error) {
		recipient, err := bundle.PassphraseRecipient(passphrase)
		if scrypt, isScrypt := recipient.(*age.ScryptRecipient); isScrypt {
			scrypt.SetWorkFactor(10)
		}
		return recipient, err
	}
	t.Cleanup(func() { newPassphraseRecipient = original })
}

func TestPassphraseStoredNowhere(t *testing.T) {
	cheapScrypt(t)
	s, _ := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	exported := s.ExportBundleToPassphrase("prod", true, "for a colleague")
	if exported.Result.Status != StatusOK {
		t.Fatalf("ExportBundleToPassphrase: %+v", exported.Result)
	}
	s.SaveDraft(DraftInput{Name: "prod", Step: "export"})

	// The temporary home contains the drafts, the log and the bundle itself,
	// whose scrypt stanza contains a salt but never the passphrase.
	home := os.Getenv("HOME")
	err := filepath.WalkDir(home, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(exported.Passphrase)) {
			t.Errorf("%s contains the passphrase", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestKeyExportNamesKeyKind(t *testing.T) {
	s, _ := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	exported := s.ExportBundle("prod", true, "offline")
	if exported.Result.Status != StatusOK {
		t.Fatalf("ExportBundle: %+v", exported.Result)
	}
	if exported.Recipient.Kind != RecipientKindKey {
		t.Errorf("recipient kind = %q, want key", exported.Recipient.Kind)
	}
	if exported.Recipient.Fingerprint == "" {
		t.Error("a key export has no fingerprint")
	}
}
