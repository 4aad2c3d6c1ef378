package bundle

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"filippo.io/age"
)

// fileKeyStanza stores the file key in the clear. It makes the recipient and
// identity below cheap, so that fuzzing spends its time in the parsers and
// not in X25519.
const fileKeyStanza = "fuzz-file-key"

type clearRecipient struct{}

func (clearRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	return []*age.Stanza{{Type: fileKeyStanza, Body: bytes.Clone(fileKey)}}, nil
}

type clearIdentity struct{}

func (clearIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		if s.Type == fileKeyStanza && len(s.Body) == 16 {
			return bytes.Clone(s.Body), nil
		}
	}
	return nil, age.ErrIncorrectIdentity
}

// FuzzOpen feeds each input to Open twice: as a bundle file, and as the
// plaintext of a bundle. Open must not panic, and every rejection must match
// exactly one sentinel. The committed fixtures, the seeds under
// testdata/fuzz/FuzzOpen and bundles sealed to clearRecipient start the
// corpus.
func FuzzOpen(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.age"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures under testdata: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}

	valid := []byte(`{"format_version":1,"bundle_id":"a","created_at":"2026-01-05T10:00:00Z",` +
		`"expires_at":"2026-02-04T10:00:00Z","client_secret":"s"}`)
	f.Add(valid)
	f.Add(sealClear(f, valid))
	f.Add(sealClear(f, []byte(`{"format_version":7}`)))
	f.Add(armorOf(f, sealClear(f, valid)))

	opts := OpenOptions{
		Identities: []age.Identity{clearIdentity{}, testIdentity(f)},
		Now:        fixedClock(testNow),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFuzzOpen(t, data, opts)

		c := checkFuzzOpen(t, sealClear(t, data), opts)
		if c != nil && !json.Valid(data) {
			t.Fatalf("Open accepted a payload that is not JSON")
		}
	})
}

func sealClear(t testing.TB, plain []byte) []byte {
	var buf bytes.Buffer
	if err := sealPlaintext(&buf, plain, []age.Recipient{clearRecipient{}}); err != nil {
		t.Fatalf("sealPlaintext: %v", err)
	}
	return buf.Bytes()
}

func checkFuzzOpen(t *testing.T, file []byte, opts OpenOptions) *Contents {
	c, err := Open(bytes.NewReader(file), opts)
	if err != nil {
		if n := len(matchedSentinels(err)); n != 1 {
			t.Fatalf("Open error %q matches %d sentinels, want 1", err, n)
		}
		return nil
	}
	if c.FormatVersion != FormatVersion || c.BundleID == "" || c.ClientSecret.IsZero() {
		t.Fatalf("Open accepted contents without version, id or secret")
	}
	if !testNow.Before(c.ExpiresAt) {
		t.Fatalf("Open accepted a bundle that expired at %v", c.ExpiresAt)
	}
	return &c
}
