package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"filippo.io/age"
)

var update = flag.Bool("update", false, "rewrite the fixture bundles and fuzz seeds under testdata/")

// fixture is one committed bundle under testdata/. Each fixture is sealed to
// testdata/test-identity.txt, which is never regenerated, so that these tests
// keep proving that bundles written by earlier versions still open.
type fixture struct {
	file     string
	sealedAt time.Time
	lifetime time.Duration
	contents Contents
	// payload, when set, replaces the payload Seal would write.
	payload map[string]any
	wantErr error
}

func fixtures() []fixture {
	verified := testContents()
	verified.BundleID = "00000000000000000000000000000001"

	notVerified := testContents()
	notVerified.BundleID = "00000000000000000000000000000002"
	notVerified.Verification = Verification{NotRunReason: "the admin chose to export without verifying"}

	expired := testContents()
	expired.BundleID = "00000000000000000000000000000003"

	sealedAt := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	return []fixture{
		{file: "v1-verified.age", sealedAt: sealedAt, contents: verified},
		{file: "v1-not-verified.age", sealedAt: sealedAt, lifetime: MaxLifetime, contents: notVerified},
		{
			file:     "v1-expired.age",
			sealedAt: time.Date(2025, 10, 1, 9, 30, 0, 0, time.UTC),
			contents: expired,
			wantErr:  ErrExpired,
		},
		{
			file:     "v99-unknown-format.age",
			sealedAt: sealedAt,
			payload: map[string]any{
				"format_version": 99,
				"bundle_id":      "00000000000000000000000000000099",
				"created_at":     sealedAt,
				"sealed_for":     "a future reader",
			},
			wantErr: ErrUnknownFormat,
		},
	}
}

// TestGenerateFixtures rewrites the fixtures when run with
// go test -run TestGenerateFixtures -args -update. Rewrite them only when
// the format changes on purpose: add a fixture for a new format_version and
// keep the old ones.
func TestGenerateFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -args -update to rewrite the fixtures")
	}
	for _, fx := range fixtures() {
		writeFixture(t, fx)
	}
	writeFuzzSeeds(t)
}

func writeFixture(t *testing.T, fx fixture) {
	recipients := []age.Recipient{testIdentity(t).Recipient()}
	var buf bytes.Buffer
	if fx.payload != nil {
		plain, err := json.Marshal(fx.payload)
		if err != nil {
			t.Fatalf("%s: encode payload: %v", fx.file, err)
		}
		if err := sealPlaintext(&buf, plain, recipients); err != nil {
			t.Fatalf("%s: seal: %v", fx.file, err)
		}
	} else {
		opts := SealOptions{Recipients: recipients, Now: fixedClock(fx.sealedAt), Lifetime: fx.lifetime}
		if err := Seal(&buf, fx.contents, opts); err != nil {
			t.Fatalf("%s: seal: %v", fx.file, err)
		}
	}
	if err := os.WriteFile(filepath.Join("testdata", fx.file), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeFuzzSeeds writes damaged bundles as seeds for FuzzOpen in the format
// of the Go fuzzing corpus.
func writeFuzzSeeds(t *testing.T) {
	good := sealTest(t, testContents())
	header, _ := headerBytes(good)

	tamperedMAC := bytes.Clone(good)
	tamperedMAC[len(header)-5] ^= 0x01
	tamperedPayload := bytes.Clone(good)
	tamperedPayload[len(good)-1] ^= 0x80

	seeds := map[string][]byte{
		"truncated-header":  good[:len(header)/2],
		"truncated-payload": good[:len(good)-10],
		"tampered-mac":      tamperedMAC,
		"tampered-payload":  tamperedPayload,
		"not-json":          sealRaw(t, []byte("not json")),
		"version-zero":      sealRaw(t, []byte(`{"format_version":0}`)),
		"plain-text":        []byte("hello\n"),
	}

	dir := filepath.Join("testdata", "fuzz", "FuzzOpen")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds {
		text := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v (regenerate with go test -run TestGenerateFixtures -args -update)", err)
	}
	return data
}

func TestFixturesOpen(t *testing.T) {
	for _, fx := range fixtures() {
		t.Run(fx.file, func(t *testing.T) {
			got, err := openTest(t, readFixture(t, fx.file), testNow)
			if fx.wantErr != nil {
				if !errors.Is(err, fx.wantErr) {
					t.Fatalf("Open: got error %v, want %v", err, fx.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			checkFixtureContents(t, fx, got)
		})
	}
}

func checkFixtureContents(t *testing.T, fx fixture, got Contents) {
	t.Helper()
	want := fx.contents
	lifetime := fx.lifetime
	if lifetime == 0 {
		lifetime = DefaultLifetime
	}

	if got.FormatVersion != 1 {
		t.Errorf("FormatVersion = %d, want 1", got.FormatVersion)
	}
	if got.BundleID != want.BundleID {
		t.Errorf("BundleID = %q, want %q", got.BundleID, want.BundleID)
	}
	if !got.CreatedAt.Equal(fx.sealedAt) {
		t.Errorf("CreatedAt = %v, want %v", got.CreatedAt, fx.sealedAt)
	}
	if !got.ExpiresAt.Equal(fx.sealedAt.Add(lifetime)) {
		t.Errorf("ExpiresAt = %v, want %v", got.ExpiresAt, fx.sealedAt.Add(lifetime))
	}
	if got.AppVersion != want.AppVersion {
		t.Errorf("AppVersion = %q, want %q", got.AppVersion, want.AppVersion)
	}
	if got.Profile != want.Profile {
		t.Errorf("Profile = %+v, want %+v", got.Profile, want.Profile)
	}
	if !got.ClientSecret.Equal(want.ClientSecret) {
		t.Errorf("ClientSecret differs from the sealed secret")
	}
	if !reflect.DeepEqual(got.RequestedScopes, want.RequestedScopes) {
		t.Errorf("RequestedScopes = %q, want %q", got.RequestedScopes, want.RequestedScopes)
	}
	checkVerification(t, got.Verification, want.Verification)
}

func checkVerification(t *testing.T, got, want Verification) {
	t.Helper()
	if got.Run != want.Run {
		t.Errorf("Verification.Run = %v, want %v", got.Run, want.Run)
	}
	if got.NotRunReason != want.NotRunReason {
		t.Errorf("Verification.NotRunReason = %q, want %q", got.NotRunReason, want.NotRunReason)
	}
	if len(want.Report) == 0 {
		if len(got.Report) != 0 {
			t.Errorf("Verification.Report = %s, want none", got.Report)
		}
		return
	}
	var gotReport, wantReport any
	if err := json.Unmarshal(got.Report, &gotReport); err != nil {
		t.Fatalf("Verification.Report is not JSON: %v", err)
	}
	if err := json.Unmarshal(want.Report, &wantReport); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotReport, wantReport) {
		t.Errorf("Verification.Report = %s, want %s", got.Report, want.Report)
	}
}

func TestFixtureExpiredAllowExpired(t *testing.T) {
	opts := OpenOptions{
		Identities:   []age.Identity{testIdentity(t)},
		Now:          fixedClock(testNow),
		AllowExpired: true,
	}
	got, err := Open(bytes.NewReader(readFixture(t, "v1-expired.age")), opts)
	if err != nil {
		t.Fatalf("Open with AllowExpired: %v", err)
	}
	if got.BundleID != "00000000000000000000000000000003" {
		t.Errorf("BundleID = %q, want the expired fixture's id", got.BundleID)
	}
	if !got.ExpiresAt.Before(testNow) {
		t.Errorf("ExpiresAt = %v, want before %v", got.ExpiresAt, testNow)
	}
}

// TestFixturesHideSecret checks every committed file: the secret exists only
// inside the encrypted payloads.
func TestFixturesHideSecret(t *testing.T) {
	err := filepath.WalkDir("testdata", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(testSecret)) {
			t.Errorf("%s contains the test secret as cleartext", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTestIdentityMarkedTestOnly(t *testing.T) {
	data := readFixture(t, "test-identity.txt")
	if !bytes.Contains(data, []byte("# TEST-ONLY KEY")) {
		t.Errorf("%s lacks its TEST-ONLY comment", testIdentityPath)
	}
	if bytes.Contains(data, []byte(ProductRecipient)) {
		t.Errorf("%s contains the product recipient", testIdentityPath)
	}
}
