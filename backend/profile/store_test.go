package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
)

func testStore(t *testing.T) *Store {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	xdg.Reload()
	t.Cleanup(xdg.Reload)

	s, err := OpenStore()
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	return s
}

func testDraft(name string) Draft {
	return Draft{
		Profile: Profile{
			Name:        name,
			Subdomain:   "servicet",
			AccountType: "production-us",
			Tenant:      "USG1008IT124S",
			ClientID:    "client-" + name,
		},
		Step:         "verify",
		SecretStored: true,
		LastReport:   json.RawMessage(`{"status":"verified"}`),
	}
}

func TestOpenStoreUsesXDGConfigHome(t *testing.T) {
	s := testStore(t)
	want := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "ukglink", "profiles")
	if s.Dir != want {
		t.Errorf("Dir = %s, want %s", s.Dir, want)
	}
	info, err := os.Stat(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", info.Mode().Perm())
	}
}

func TestStoreSaveLoad(t *testing.T) {
	s := testStore(t)
	saved := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	timeNow = func() time.Time { return saved }
	t.Cleanup(func() { timeNow = time.Now })

	want := testDraft("acme-prod")
	if err := s.Save(want); err != nil {
		t.Fatalf("Save: %v", err)
	}
	got, err := s.Load("acme-prod")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}

	if got.SchemaVersion != SchemaVersion {
		t.Errorf("SchemaVersion = %d, want %d", got.SchemaVersion, SchemaVersion)
	}
	if got.Profile != want.Profile {
		t.Errorf("Profile = %+v, want %+v", got.Profile, want.Profile)
	}
	if got.Step != want.Step || got.SecretStored != want.SecretStored {
		t.Errorf("Step, SecretStored = %q, %v, want %q, %v", got.Step, got.SecretStored, want.Step, want.SecretStored)
	}
	var report bytes.Buffer
	if err := json.Compact(&report, got.LastReport); err != nil {
		t.Fatal(err)
	}
	if report.String() != string(want.LastReport) {
		t.Errorf("LastReport = %s, want %s", got.LastReport, want.LastReport)
	}
	if !got.UpdatedAt.Equal(saved) {
		t.Errorf("UpdatedAt = %v, want %v", got.UpdatedAt, saved)
	}
}

func TestStoreFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	s := testStore(t)
	if err := s.Save(testDraft("acme")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(s.Path("acme"))
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("file mode = %v, want 0600", got)
	}
}

func TestStoreFileHasSchemaVersion(t *testing.T) {
	s := testStore(t)
	if err := s.Save(testDraft("acme")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(s.Path("acme"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if raw["schema_version"] != float64(SchemaVersion) {
		t.Errorf("schema_version = %v, want %d", raw["schema_version"], SchemaVersion)
	}
}

func TestStoreSeveralProfiles(t *testing.T) {
	s := testStore(t)
	names := []string{"zeta", "acme-prod", "acme.test_2"}
	for _, n := range names {
		if err := s.Save(testDraft(n)); err != nil {
			t.Fatalf("Save(%s): %v", n, err)
		}
	}
	if err := s.Save(testDraft("acme-prod")); err != nil {
		t.Fatalf("Save again: %v", err)
	}

	drafts, err := s.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	var got []string
	for _, d := range drafts {
		got = append(got, d.Profile.Name)
	}
	want := "acme-prod,acme.test_2,zeta"
	if strings.Join(got, ",") != want {
		t.Errorf("List names = %v, want %s", got, want)
	}

	d, err := s.Load("zeta")
	if err != nil {
		t.Fatal(err)
	}
	if d.Profile.ClientID != "client-zeta" {
		t.Errorf("zeta ClientID = %q, want client-zeta", d.Profile.ClientID)
	}
}

func TestStoreLoadMissing(t *testing.T) {
	s := testStore(t)
	_, err := s.Load("nobody")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("Load error = %v, want ErrNotFound", err)
	}
}

func TestStoreLoadNewerSchema(t *testing.T) {
	s := testStore(t)
	body := `{"schema_version": 7, "profile": {"name": "acme"}, "future_field": [1, 2]}`
	if err := os.WriteFile(s.Path("acme"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}

	_, err := s.Load("acme")
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("Load error = %v, want ErrNewerSchema", err)
	}
	for _, want := range []string{s.Path("acme"), "version 7", "update ukglink"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func TestStoreLoadCorrupt(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"truncated", `{"schema_version": 1, "profile": {"na`, "corrupt"},
		{"empty", ``, "corrupt"},
		{"binary", "\x00\xff\xfe garbage", "corrupt"},
		{"array", `[1, 2, 3]`, "corrupt"},
		{"no version", `{"profile": {"name": "acme"}}`, "schema_version is missing"},
		{"zero version", `{"schema_version": 0, "profile": {"name": "acme"}}`, "invalid schema version 0"},
		{"wrong type", `{"schema_version": 1, "profile": {"name": 42}}`, "corrupt"},
		{"other name", `{"schema_version": 1, "profile": {"name": "other"}}`, `contains profile "other"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := testStore(t)
			path := s.Path("acme")
			if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}

			_, err := s.Load("acme")
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file %s", err, path)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestStoreListSkipsCorrupt(t *testing.T) {
	s := testStore(t)
	if err := s.Save(testDraft("good")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.Path("bad"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "notes.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}

	drafts, err := s.List()
	if err == nil || !strings.Contains(err.Error(), s.Path("bad")) {
		t.Errorf("List error = %v, want one naming %s", err, s.Path("bad"))
	}
	if len(drafts) != 1 || drafts[0].Profile.Name != "good" {
		t.Errorf("List drafts = %+v, want only profile good", drafts)
	}
}

func TestStoreListMissingFolder(t *testing.T) {
	s := &Store{Dir: filepath.Join(t.TempDir(), "missing")}
	drafts, err := s.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if drafts == nil || len(drafts) != 0 {
		t.Errorf("List = %#v, want an empty, non-nil list", drafts)
	}
}

func TestStoreDelete(t *testing.T) {
	s := testStore(t)
	if err := s.Save(testDraft("acme")); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("acme"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := s.Load("acme"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete: error = %v, want ErrNotFound", err)
	}
	if err := s.Delete("acme"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: error = %v, want ErrNotFound", err)
	}
}

func TestStoreRejectsCaseClash(t *testing.T) {
	s := testStore(t)
	if err := s.Save(testDraft("Acme")); err != nil {
		t.Fatal(err)
	}
	err := s.Save(testDraft("acme"))
	if err == nil || !strings.Contains(err.Error(), `"Acme" already exists`) {
		t.Errorf("Save error = %v, want a case clash with Acme", err)
	}
}

func TestStoreRejectsInvalidName(t *testing.T) {
	s := testStore(t)
	for _, name := range []string{"", "../escape", ".hidden", "a/b"} {
		if err := s.Save(testDraft(name)); err == nil {
			t.Errorf("Save(%q) succeeded, want an error", name)
		}
		if _, err := s.Load(name); err == nil {
			t.Errorf("Load(%q) succeeded, want an error", name)
		}
		if err := s.Delete(name); err == nil {
			t.Errorf("Delete(%q) succeeded, want an error", name)
		}
	}
	entries, err := os.ReadDir(filepath.Dir(s.Dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("config folder contains %d entries, want only profiles", len(entries))
	}
}

func TestStoreKeepsSkipReason(t *testing.T) {
	s := testStore(t)
	want := testDraft("offline")
	want.SkipVerify = true
	want.SkipReason = "credentials not active yet"
	if err := s.Save(want); err != nil {
		t.Fatalf("Save: %v", err)
	}
	got, err := s.Load("offline")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !got.SkipVerify {
		t.Error("SkipVerify was not kept")
	}
	if got.SkipReason != want.SkipReason {
		t.Errorf("SkipReason = %q, want %q", got.SkipReason, want.SkipReason)
	}
}

func TestStoreLoadsDraftWithoutSkipFields(t *testing.T) {
	s := testStore(t)
	old := `{"schema_version":1,"profile":{"name":"old"},"step":"export","secret_stored":true}`
	if err := os.WriteFile(s.Path("old"), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load("old")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got.SkipVerify || got.SkipReason != "" {
		t.Errorf("skip = %v %q, want none in a file without the fields", got.SkipVerify, got.SkipReason)
	}
}
