package bundle

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// TestStockAgeDecrypts checks that the stock age tool opens a bundle and
// finds the documented JSON inside.
func TestStockAgeDecrypts(t *testing.T) {
	ageTool := requireAgeTool(t)
	path := filepath.Join(t.TempDir(), "link.age")
	if err := WriteFile(path, testContents(), testSealOptions(t)); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(ageTool, "-d", "-i", testIdentityPath, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("age -d: %v: %s", err, stderr.String())
	}

	var doc payloadV1
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("age -d output is not the bundle JSON: %v", err)
	}
	want := testContents()
	if doc.FormatVersion != FormatVersion {
		t.Errorf("format_version = %d, want %d", doc.FormatVersion, FormatVersion)
	}
	if doc.ClientSecret != testSecret {
		t.Errorf("client_secret differs from the sealed secret (%d bytes)", len(doc.ClientSecret))
	}
	if doc.Profile != want.Profile {
		t.Errorf("profile = %+v, want %+v", doc.Profile, want.Profile)
	}
	if !doc.CreatedAt.Equal(testNow) {
		t.Errorf("created_at = %v, want %v", doc.CreatedAt, testNow)
	}
	if !doc.Verification.Run || !json.Valid(doc.Verification.Report) {
		t.Errorf("verification = run %v, report %q, want a run with a JSON report",
			doc.Verification.Run, doc.Verification.Report)
	}
}

// TestOpenStockAgeFile checks the other direction: a payload encrypted by the
// stock age tool, which writes no size stanza, opens.
func TestOpenStockAgeFile(t *testing.T) {
	ageTool := requireAgeTool(t)
	plain, err := decryptTest(t, sealTest(t, testContents()))
	if err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(ageTool, "-r", testIdentity(t).Recipient().String())
	cmd.Stdin = bytes.NewReader(plain)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	file, err := cmd.Output()
	if err != nil {
		t.Fatalf("age -r: %v: %s", err, stderr.String())
	}
	if bytes.Contains(file, []byte(sizeStanzaType)) {
		t.Fatalf("the stock age tool wrote a %s stanza", sizeStanzaType)
	}

	got, err := openTest(t, file, testNow)
	if err != nil {
		t.Fatalf("Open of the age tool's file: %v", err)
	}
	if !got.ClientSecret.Equal(testContents().ClientSecret) {
		t.Errorf("ClientSecret differs from the encrypted secret")
	}

	// Without the size stanza, Open cannot distinguish a cut payload from a
	// changed one.
	_, err = openTest(t, file[:len(file)-3], testNow)
	checkOpenError(t, err, ErrTampered)
}

func TestStockAgeRejectsOtherKey(t *testing.T) {
	ageTool := requireAgeTool(t)
	path := filepath.Join(t.TempDir(), "link.age")
	if err := WriteFile(path, testContents(), testSealOptions(t)); err != nil {
		t.Fatal(err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.txt")
	if err := os.WriteFile(other, identityFile(id, testNow), 0o600); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(ageTool, "-d", "-i", other, path).CombinedOutput()
	if err == nil {
		t.Fatal("age -d with another key succeeded")
	}
	if !strings.Contains(string(out), "no identity matched") {
		t.Errorf("age -d output %q does not report a key mismatch", out)
	}
	if strings.Contains(string(out), testSecret) {
		t.Errorf("age output contains the client secret")
	}
}
