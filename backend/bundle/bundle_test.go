package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/secret"
)

func TestSealOpenRoundTrip(t *testing.T) {
	c := testContents()
	got, err := openTest(t, sealTest(t, c), testNow)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}

	if got.FormatVersion != FormatVersion {
		t.Errorf("FormatVersion = %d, want %d", got.FormatVersion, FormatVersion)
	}
	if !bundleIDPattern.MatchString(got.BundleID) {
		t.Errorf("BundleID = %q, want 32 lower-case hex digits", got.BundleID)
	}
	if !got.CreatedAt.Equal(testNow) {
		t.Errorf("CreatedAt = %v, want %v", got.CreatedAt, testNow)
	}
	if !got.ExpiresAt.Equal(testNow.Add(DefaultLifetime)) {
		t.Errorf("ExpiresAt = %v, want %v", got.ExpiresAt, testNow.Add(DefaultLifetime))
	}
	checkFixtureContents(t, fixture{sealedAt: testNow, contents: withID(c, got.BundleID)}, got)
}

func withID(c Contents, id string) Contents {
	c.BundleID = id
	return c
}

func TestSealRandomBundleIDs(t *testing.T) {
	first, err := openTest(t, sealTest(t, testContents()), testNow)
	if err != nil {
		t.Fatal(err)
	}
	second, err := openTest(t, sealTest(t, testContents()), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if first.BundleID == second.BundleID {
		t.Errorf("two bundles got the same id %q", first.BundleID)
	}
}

func TestSealMultipleRecipients(t *testing.T) {
	other, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	opts := SealOptions{
		Recipients: []age.Recipient{other.Recipient(), testIdentity(t).Recipient()},
		Now:        fixedClock(testNow),
	}
	if err := Seal(&buf, testContents(), opts); err != nil {
		t.Fatalf("Seal: %v", err)
	}

	for name, id := range map[string]age.Identity{"first": other, "second": testIdentity(t)} {
		open := OpenOptions{Identities: []age.Identity{id}, Now: fixedClock(testNow)}
		if _, err := Open(bytes.NewReader(buf.Bytes()), open); err != nil {
			t.Errorf("Open with the %s recipient's identity: %v", name, err)
		}
	}
}

func TestSealTimesUTCWholeSeconds(t *testing.T) {
	local := time.Date(2026, 1, 20, 7, 0, 0, 999_000_000, time.FixedZone("EST", -5*3600))
	var buf bytes.Buffer
	opts := SealOptions{Recipients: []age.Recipient{testIdentity(t).Recipient()}, Now: fixedClock(local)}
	if err := Seal(&buf, testContents(), opts); err != nil {
		t.Fatal(err)
	}

	got, err := openTest(t, buf.Bytes(), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt location = %v, want UTC", got.CreatedAt.Location())
	}
	if !got.CreatedAt.Equal(testNow) {
		t.Errorf("CreatedAt = %v, want %v", got.CreatedAt, testNow)
	}
}

func TestSealLifetime(t *testing.T) {
	tests := []struct {
		name     string
		lifetime time.Duration
		want     time.Duration
		wantErr  string
	}{
		{name: "default", lifetime: 0, want: DefaultLifetime},
		{name: "one day", lifetime: 24 * time.Hour, want: 24 * time.Hour},
		{name: "maximum", lifetime: MaxLifetime, want: MaxLifetime},
		{name: "over maximum", lifetime: MaxLifetime + time.Second, wantErr: "longer than the maximum"},
		{name: "negative", lifetime: -time.Hour, wantErr: "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			opts := SealOptions{
				Recipients: []age.Recipient{testIdentity(t).Recipient()},
				Now:        fixedClock(testNow),
				Lifetime:   tt.lifetime,
			}
			err := Seal(&buf, testContents(), opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Seal: got error %v, want one containing %q", err, tt.wantErr)
				}
				if buf.Len() != 0 {
					t.Errorf("Seal wrote %d bytes before rejecting the lifetime", buf.Len())
				}
				return
			}
			if err != nil {
				t.Fatalf("Seal: %v", err)
			}
			got, err := openTest(t, buf.Bytes(), testNow)
			if err != nil {
				t.Fatal(err)
			}
			if d := got.ExpiresAt.Sub(got.CreatedAt); d != tt.want {
				t.Errorf("lifetime = %v, want %v", d, tt.want)
			}
		})
	}
}

func TestSealRejectsInvalidContents(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*Contents)
		wantErr string
	}{
		{"empty secret", func(c *Contents) { c.ClientSecret = secret.Secret{} }, "client secret is empty"},
		{"bad bundle id", func(c *Contents) { c.BundleID = "ABC" }, `bundle id "ABC"`},
		{"run without report", func(c *Contents) { c.Verification.Report = nil }, "report is missing"},
		{"not run without reason", func(c *Contents) { c.Verification = Verification{} }, "reason is missing"},
		{
			"report not JSON",
			func(c *Contents) { c.Verification.Report = json.RawMessage("{oops") },
			"report is not valid JSON",
		},
		{
			"too large",
			func(c *Contents) {
				c.Verification.Report = json.RawMessage(`"` + strings.Repeat("a", MaxFileSize) + `"`)
			},
			"more than the maximum",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := testContents()
			tt.change(&c)
			var buf bytes.Buffer
			opts := SealOptions{Recipients: []age.Recipient{testIdentity(t).Recipient()}}
			err := Seal(&buf, c, opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Seal: got error %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("Seal error contains the client secret: %v", err)
			}
		})
	}
}

func TestSealRejectsMissingRecipients(t *testing.T) {
	tests := map[string][]age.Recipient{"none": nil, "nil entry": {nil}}
	for name, recipients := range tests {
		t.Run(name, func(t *testing.T) {
			err := Seal(&bytes.Buffer{}, testContents(), SealOptions{Recipients: recipients})
			if err == nil {
				t.Fatal("Seal accepted bundle without a usable recipient")
			}
		})
	}
}

func TestSealBundleIDKept(t *testing.T) {
	c := testContents()
	c.BundleID = "0123456789abcdef0123456789abcdef"
	got, err := openTest(t, sealTest(t, c), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if got.BundleID != c.BundleID {
		t.Errorf("BundleID = %q, want %q", got.BundleID, c.BundleID)
	}
}

func TestSealNilScopesAsEmptyList(t *testing.T) {
	c := testContents()
	c.RequestedScopes = nil
	plain, err := decryptTest(t, sealTest(t, c))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(plain, []byte(`"requested_scopes":[]`)) {
		t.Errorf("payload does not encode nil scopes as []: requested_scopes missing or null")
	}
}

// decryptTest returns the plaintext JSON of a bundle sealed to the test
// identity.
func decryptTest(t *testing.T, file []byte) ([]byte, error) {
	t.Helper()
	plain, oerr := decrypt(file, []age.Identity{testIdentity(t)})
	if oerr != nil {
		return nil, oerr
	}
	return plain, nil
}

func TestPayloadJSONFields(t *testing.T) {
	plain, err := decryptTest(t, sealTest(t, testContents()))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(plain, &doc); err != nil {
		t.Fatal(err)
	}

	want := []string{"format_version", "bundle_id", "created_at", "expires_at", "app_version",
		"profile", "client_secret", "requested_scopes", "verification"}
	for _, key := range want {
		if _, ok := doc[key]; !ok {
			t.Errorf("payload lacks %q", key)
		}
	}
	if len(doc) != len(want) {
		t.Errorf("payload has %d fields, want %d", len(doc), len(want))
	}
	if got := string(doc["client_secret"]); got != strconvQuote(testSecret) {
		t.Errorf("client_secret is not the plain secret (%d bytes)", len(got))
	}
	if got := string(doc["created_at"]); got != `"2026-01-20T12:00:00Z"` {
		t.Errorf("created_at = %s, want \"2026-01-20T12:00:00Z\"", got)
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestContentsFormatRedactsSecret(t *testing.T) {
	c, err := openTest(t, sealTest(t, testContents()), testNow)
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		out := fmt.Sprintf(verb, c)
		if strings.Contains(out, testSecret) {
			t.Errorf("fmt %s of Contents shows the client secret", verb)
		}
	}
	out, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte(testSecret)) {
		t.Errorf("JSON of Contents shows the client secret")
	}
	if !c.ClientSecret.Equal(secret.New(testSecret)) {
		t.Errorf("opened ClientSecret differs from the sealed one")
	}
}
