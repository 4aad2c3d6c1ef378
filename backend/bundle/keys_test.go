package bundle

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"
	"github.com/adrg/xdg"
)

// The expected fingerprints were computed with
// printf %s RECIPIENT | sha256sum | cut -c1-16.
const (
	testRecipient            = "age19t4n5vsj0rfcn2dczeqe7pgruqex9f6lz8gmk9l4twanr3eg0qwq9rpkqm"
	testRecipientFingerprint = "52ea-2d95-f33c-d711"
)

func TestFingerprint(t *testing.T) {
	tests := []struct {
		name      string
		recipient string
		want      string
	}{
		{"test recipient", testRecipient, testRecipientFingerprint},
		{"upper case", strings.ToUpper(testRecipient), testRecipientFingerprint},
		{"surrounding space", " " + testRecipient + "\n", testRecipientFingerprint},
		{"default product recipient", "age1rtnl02n5dla0cads5c80vmmpy2eh0srlndc2qeynmv4a7snqv9wqcuhjsr", "53d3-62d7-1684-f350"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Fingerprint(tt.recipient)
			if err != nil {
				t.Fatalf("Fingerprint: %v", err)
			}
			if got != tt.want {
				t.Errorf("Fingerprint = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFingerprintShapeAndSpread(t *testing.T) {
	shape := regexp.MustCompile(`^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$`)
	seen := map[string]bool{}
	for range 20 {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			t.Fatal(err)
		}
		fp, err := Fingerprint(id.Recipient().String())
		if err != nil {
			t.Fatal(err)
		}
		if !shape.MatchString(fp) {
			t.Fatalf("Fingerprint = %q, want four groups of four hex digits", fp)
		}
		if seen[fp] {
			t.Fatalf("two random recipients share the fingerprint %q", fp)
		}
		seen[fp] = true
	}
}

func TestFingerprintRejectsInvalid(t *testing.T) {
	if _, err := Fingerprint("age1notakey"); err == nil {
		t.Error("Fingerprint accepted an invalid recipient")
	}
}

func TestProductRecipientValid(t *testing.T) {
	if _, err := ParseRecipients(ProductRecipient); err != nil {
		t.Fatalf("ProductRecipient %q does not parse: %v", ProductRecipient, err)
	}
}

func TestParseRecipients(t *testing.T) {
	other, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseRecipients(testRecipient, " "+other.Recipient().String()+"\r\n")
	if err != nil {
		t.Fatalf("ParseRecipients: %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("ParseRecipients returned %d recipients, want 2", len(got))
	}
	if s := got[1].(*age.X25519Recipient).String(); s != other.Recipient().String() {
		t.Errorf("second recipient = %s, want %s", s, other.Recipient())
	}
}

func TestParseRecipientsErrors(t *testing.T) {
	secretKey := testIdentity(t).String()
	tests := []struct {
		name      string
		values    []string
		want      string
		mustNotBe string
	}{
		{name: "none", values: nil, want: "no recipients"},
		{name: "bad checksum", values: []string{testRecipient[:len(testRecipient)-1] + "x"}, want: `"age19t4n5`},
		{name: "ssh key", values: []string{"ssh-ed25519 AAAAC3Nza"}, want: `"ssh-ed25519 AAAAC3Nza"`},
		{name: "second bad", values: []string{testRecipient, "bob"}, want: `invalid recipient "bob"`},
		{name: "long value", values: []string{strings.Repeat("x", 500)}, want: "…"},
		{name: "secret key", values: []string{secretKey}, want: "secret key", mustNotBe: secretKey},
		{name: "secret key lower", values: []string{strings.ToLower(secretKey)}, want: "secret key",
			mustNotBe: strings.ToLower(secretKey)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRecipients(tt.values...)
			if err == nil {
				t.Fatal("ParseRecipients succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if tt.mustNotBe != "" && strings.Contains(err.Error(), tt.mustNotBe[15:]) {
				t.Errorf("error shows the secret key")
			}
		})
	}
}

func TestLoadIdentitiesErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, []byte("# only a comment\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	for name, path := range map[string]string{"missing": filepath.Join(dir, "missing.txt"), "no keys": empty} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadIdentities(path)
			if err == nil {
				t.Fatal("LoadIdentities succeeded")
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func setDataHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	return dir
}

func TestDemoIdentityCreatedOnce(t *testing.T) {
	dataHome := setDataHome(t)
	id, path, err := DemoIdentity()
	if err != nil {
		t.Fatalf("DemoIdentity: %v", err)
	}
	if want := filepath.Join(dataHome, "ukglink", "demo-identity.txt"); path != want {
		t.Errorf("path = %s, want %s", path, want)
	}
	checkDemoIdentityFile(t, path, id)

	again, againPath, err := DemoIdentity()
	if err != nil {
		t.Fatalf("second DemoIdentity: %v", err)
	}
	if again.String() != id.String() || againPath != path {
		t.Errorf("second DemoIdentity returned another identity or path")
	}
	if names := dirNames(t, filepath.Dir(path)); len(names) != 1 {
		t.Errorf("folder contains %q, want only the identity file", names)
	}
}

func checkDemoIdentityFile(t *testing.T, path string, id *age.X25519Identity) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode = %o, want 600", perm)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("identity file has %d lines, want 3", len(lines))
	}
	if !regexp.MustCompile(`^# created: \d{4}-\d\d-\d\dT`).MatchString(lines[0]) {
		t.Errorf("line 1 = %q, want # created: TIME", lines[0])
	}
	if want := "# public key: " + id.Recipient().String(); lines[1] != want {
		t.Errorf("line 2 = %q, want %q", lines[1], want)
	}
	if !strings.HasPrefix(lines[2], "AGE-SECRET-KEY-1") {
		t.Errorf("line 3 is not an AGE-SECRET-KEY-1 line")
	}
}

func TestDemoIdentityOpensDemoBundle(t *testing.T) {
	setDataHome(t)
	id, path, err := DemoIdentity()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	opts := SealOptions{Recipients: []age.Recipient{id.Recipient()}, Now: fixedClock(testNow)}
	if err := Seal(&buf, testContents(), opts); err != nil {
		t.Fatal(err)
	}

	ids, err := LoadIdentities(path)
	if err != nil {
		t.Fatalf("LoadIdentities(%s): %v", path, err)
	}
	open := OpenOptions{Identities: ids, Now: fixedClock(testNow)}
	if _, err := Open(bytes.NewReader(buf.Bytes()), open); err != nil {
		t.Fatalf("Open with the demo identity file: %v", err)
	}
}

func TestDemoIdentityConcurrent(t *testing.T) {
	setDataHome(t)
	const callers = 8
	keys := make([]string, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			id, _, err := DemoIdentity()
			errs[i] = err
			if err == nil {
				keys[i] = id.String()
			}
		})
	}
	wg.Wait()

	for i := range callers {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if keys[i] != keys[0] {
			t.Fatalf("caller %d got another identity than caller 0", i)
		}
	}
}

func TestDemoIdentityKeepsDamagedFile(t *testing.T) {
	setDataHome(t)
	path := DemoIdentityPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	damaged := []byte("AGE-SECRET-KEY-1NOTVALID\n")
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}

	_, _, err := DemoIdentity()
	if err == nil {
		t.Fatal("DemoIdentity accepted a damaged identity file")
	}
	if !strings.Contains(err.Error(), "delete the file") {
		t.Errorf("error %q does not say how to recover", err)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Equal(data, damaged) {
		t.Errorf("DemoIdentity changed the damaged file")
	}
}
