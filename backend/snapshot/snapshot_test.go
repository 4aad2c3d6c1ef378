package snapshot

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukgsim"
	"github.com/ukglink/ukglink/backend/verify"
)

const testSecret = "Snap/Shot+Secret=99%x"

func demoProfile() profile.Profile {
	return profile.Profile{Name: "acme", Subdomain: "servicet", AccountType: "production",
		Tenant: ukgsim.DemoTenant, ClientID: ukgsim.DemoClientID}
}

// verifyAgainst runs a real verification against a simulator with cfg.
func verifyAgainst(t *testing.T, cfg ukgsim.Config, s secret.Secret) *verify.Report {
	t.Helper()
	server, err := ukgsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	httpServer := httptest.NewServer(server)
	defer httpServer.Close()
	defer server.Close()
	opts := verify.Options{Endpoint: httpServer.URL, ConnectTimeout: 500 * time.Millisecond, Timeout: 10 * time.Second}
	return verify.Verify(context.Background(), verify.Request{Profile: demoProfile(), Secret: s}, opts)
}

func problemCodes(r *verify.Report) []string {
	codes := []string{}
	for _, p := range r.Problems {
		codes = append(codes, p.Code)
	}
	return codes
}

func draftWith(t *testing.T, r *verify.Report) profile.Draft {
	t.Helper()
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return profile.Draft{SchemaVersion: profile.SchemaVersion, Profile: demoProfile(), Step: "verify", LastReport: raw}
}

func TestReplayGivesSameProblems(t *testing.T) {
	scenarios := []string{"ok", "missing-scopes", "invalid-client", "unknown-tenant", "maintenance-html",
		"unavailable", "jwt-scopes", "no-scopes", "comma-scopes", "probe-unauthorized", "probe-forbidden",
		"probe-not-found", "drop"}
	for _, scenario := range scenarios {
		t.Run(scenario, func(t *testing.T) {
			original := verifyAgainst(t, ukgsim.Config{Scenario: scenario}, secret.New(ukgsim.DemoClientSecret))

			snap, err := New(draftWith(t, original), nil, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			data, err := Marshal(snap)
			if err != nil {
				t.Fatal(err)
			}
			read, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := ReplayConfig(read)
			if err != nil {
				t.Fatal(err)
			}
			// Support has no client secret: the replay takes any.
			replayed := verifyAgainst(t, cfg, secret.New("support-has-no-secret"))

			if replayed.Status != original.Status {
				t.Errorf("status = %q, want %q", replayed.Status, original.Status)
			}
			if got, want := problemCodes(replayed), problemCodes(original); !slices.Equal(got, want) {
				t.Errorf("problems = %v, want %v", got, want)
			}
			if !slices.Equal(replayed.MissingScopes, original.MissingScopes) {
				t.Errorf("missing scopes = %v, want %v", replayed.MissingScopes, original.MissingScopes)
			}
		})
	}
}

func TestSnapshotHasNoSecret(t *testing.T) {
	s := secret.New(testSecret)
	report := verifyAgainst(t, ukgsim.Config{Scenario: "ok", ClientSecret: testSecret}, s)
	lines := []string{`{"msg":"token request","client_secret":"` + testSecret + `"}`}
	snap, err := New(draftWith(t, report), lines, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "support.json")
	if err := Write(path, snap, s); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(testSecret)) || bytes.Contains(raw, []byte("Snap/Shot")) {
		t.Error("snapshot bytes contain the secret")
	}
	// Decoded: every string in the JSON, escapes resolved.
	var decoded any
	if err := json.Unmarshal(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	walkStrings(decoded, func(v string) {
		if strings.Contains(v, "Snap/Shot") {
			t.Errorf("decoded snapshot string contains the secret: %q", v)
		}
	})
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", info.Mode().Perm())
	}
}

func TestMarshalScrubsEncodedForms(t *testing.T) {
	const special = `Qz8/Mi$take+"Secret"=<&>%41\ü`
	forms := testForms(t, special)
	lines := make([]string, 0, len(forms))
	for _, form := range forms {
		lines = append(lines, "logged "+form+" here")
	}
	// A JSON log line as log/slog writes it, which Marshal escapes again.
	logLine := new(bytes.Buffer)
	slog.New(slog.NewJSONHandler(logLine, nil)).Info("read failed", "error", "open "+special+": not found")
	lines = append(lines, strings.TrimSpace(logLine.String()))

	data, err := Marshal(Snapshot{Kind: Kind, FormatVersion: FormatVersion, LogLines: lines}, secret.New(special))
	if err != nil {
		t.Fatal(err)
	}
	for name, form := range forms {
		if bytes.Contains(data, []byte(form)) {
			t.Errorf("snapshot contains the %s form of the secret", name)
		}
	}
	if bytes.Contains(data, []byte("Mi$take")) {
		t.Errorf("snapshot contains part of the secret:\n%s", data)
	}
	// Decoded twice: the log line inside the snapshot, then its own JSON.
	var decoded Snapshot
	if err := json.Unmarshal(data, &decoded); err != nil {
		t.Fatal(err)
	}
	var record map[string]any
	if err := json.Unmarshal([]byte(decoded.LogLines[len(decoded.LogLines)-1]), &record); err != nil {
		t.Fatal(err)
	}
	if got := record["error"]; got != "open "+secret.Redacted+": not found" {
		t.Errorf("decoded log line error = %q", got)
	}
}

// testForms returns value as it could appear in a file: raw, JSON-escaped
// with and without HTML escaping, URL-encoded and base64.
func testForms(t *testing.T, value string) map[string]string {
	t.Helper()
	escaped, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(value); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"raw":               value,
		"JSON-escaped":      string(escaped[1 : len(escaped)-1]),
		"JSON-escaped text": strings.TrimSpace(plain.String())[1 : len(strings.TrimSpace(plain.String()))-1],
		"query-escaped":     url.QueryEscape(value),
		"path-escaped":      url.PathEscape(value),
		"base64":            base64.StdEncoding.EncodeToString([]byte(value)),
		"base64 URL":        base64.URLEncoding.EncodeToString([]byte(value)),
		"base64 raw":        base64.RawStdEncoding.EncodeToString([]byte(value)),
		"base64 raw URL":    base64.RawURLEncoding.EncodeToString([]byte(value)),
	}
}

func walkStrings(v any, visit func(string)) {
	switch x := v.(type) {
	case string:
		visit(x)
	case []any:
		for _, item := range x {
			walkStrings(item, visit)
		}
	case map[string]any:
		for key, item := range x {
			visit(key)
			walkStrings(item, visit)
		}
	}
}

func TestReadBareReport(t *testing.T) {
	report := verifyAgainst(t, ukgsim.Config{Scenario: "invalid-client"}, secret.New("x"))
	data, err := json.Marshal(report)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if snap.Report == nil || snap.Report.Status != "failed" {
		t.Fatalf("report = %+v, want the failed report", snap.Report)
	}
	cfg, err := ReplayConfig(snap)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Tenant != ukgsim.DemoTenant {
		t.Errorf("tenant = %q, want it taken from the API address", cfg.Tenant)
	}
}

func TestReadRejects(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  error
	}{
		{"not json", "PK\x03\x04", ErrNotSnapshot},
		{"other json", `{"hello":"world"}`, ErrNotSnapshot},
		{"newer format", `{"kind":"ukglink-support-snapshot","format_version":9}`, ErrNewerFormat},
		{"zero format", `{"kind":"ukglink-support-snapshot","format_version":0}`, ErrNotSnapshot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.input))
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"kind":"ukglink-support-snapshot","format_version":1,"report":{"status":"failed","checks":[]}}`))
	f.Add([]byte(`{"status":"verified","checks":[{"name":"token","http_status":200}]}`))
	f.Add([]byte(`{"kind":"ukglink-support-snapshot","format_version":1,"log_lines":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := Read(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrNotSnapshot) && !errors.Is(err, ErrNewerFormat) {
				t.Fatalf("error %v is neither ErrNotSnapshot nor ErrNewerFormat", err)
			}
			return
		}
		if snap.LogLines == nil {
			t.Fatal("log lines are nil")
		}
		_, _ = ReplayConfig(snap)
	})
}
