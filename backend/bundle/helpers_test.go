package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukg"
)

// testSecret contains the characters that break naive form or URL encoding.
const testSecret = "test-secret-ab/cd+ef$gh%20=="

const testIdentityPath = "testdata/test-identity.txt"

// testNow is the fixed clock of the tests: after the fixtures were sealed and
// before the unexpired ones expire.
var testNow = time.Date(2026, 1, 20, 12, 0, 0, 0, time.UTC)

func fixedClock(t time.Time) func() time.Time {
	return func() time.Time { return t }
}

var sentinels = []error{ErrWrongKey, ErrTruncated, ErrTampered, ErrUnknownFormat, ErrExpired, ErrNotBundle}

// matchedSentinels returns the sentinels err matches.
func matchedSentinels(err error) []error {
	var matched []error
	for _, s := range sentinels {
		if errors.Is(err, s) {
			matched = append(matched, s)
		}
	}
	return matched
}

// testIdentity returns the committed test-only identity.
func testIdentity(t testing.TB) *age.X25519Identity {
	t.Helper()
	ids, err := LoadIdentities(testIdentityPath)
	if err != nil {
		t.Fatalf("LoadIdentities(%s): %v", testIdentityPath, err)
	}
	id, ok := ids[0].(*age.X25519Identity)
	if len(ids) != 1 || !ok {
		t.Fatalf("%s: want one X25519 identity, got %d identities", testIdentityPath, len(ids))
	}
	return id
}

const testReport = `{"status":"verified","simulated":true,"granted_scopes":["recruiting.domain.applications.read"],` +
	`"missing_scopes":[],"problems":[]}`

func testContents() Contents {
	return Contents{
		AppVersion: "0.1.0",
		Profile: profile.Profile{
			Name:        "demo",
			Subdomain:   "servicet",
			AccountType: ukg.DefaultAccountTypeID,
			Tenant:      "USG1008IT124S",
			ClientID:    "test-client-id",
		},
		ClientSecret:    secret.New(testSecret),
		RequestedScopes: ukg.RequiredScopeNames(),
		Verification:    Verification{Run: true, Report: json.RawMessage(testReport)},
	}
}

// sealTest seals c to the test identity at testNow with the default lifetime.
func sealTest(t testing.TB, c Contents) []byte {
	t.Helper()
	id := testIdentity(t)
	var buf bytes.Buffer
	opts := SealOptions{Recipients: []age.Recipient{id.Recipient()}, Now: fixedClock(testNow)}
	if err := Seal(&buf, c, opts); err != nil {
		t.Fatalf("Seal: %v", err)
	}
	return buf.Bytes()
}

// sealRaw encrypts plain as a bundle payload, for payloads Seal never writes.
func sealRaw(t testing.TB, plain []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := sealPlaintext(&buf, plain, []age.Recipient{testIdentity(t).Recipient()}); err != nil {
		t.Fatalf("sealPlaintext: %v", err)
	}
	return buf.Bytes()
}

func openTest(t testing.TB, file []byte, now time.Time) (Contents, error) {
	t.Helper()
	opts := OpenOptions{Identities: []age.Identity{testIdentity(t)}, Now: fixedClock(now)}
	return Open(bytes.NewReader(file), opts)
}

// requireAgeTool returns the path of the stock age command-line tool. It
// skips the test when age is missing, unless UKGLINK_REQUIRE_COMPONENTS=1.
func requireAgeTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("age")
	if err == nil {
		return path
	}
	if os.Getenv("UKGLINK_REQUIRE_COMPONENTS") == "1" {
		t.Fatalf("the age command-line tool is required but not found: %v", err)
	}
	t.Skipf("the age command-line tool is not installed: %v", err)
	return ""
}

// fileExists reports whether path can be stat'ed.
func fileExists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Stat(path)
	return err == nil
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read dir %s: %v", dir, err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, filepath.Base(e.Name()))
	}
	return names
}
