package keychain

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/ukglink/ukglink/backend/secret"
)

// These tests use the real OS keychain through go-keyring. Run them with
// scripts/test-secret-service.sh, which starts a private D-Bus session for
// each, instead of against the desktop's own keyring.

func requireRealKeychain(t *testing.T, env string) {
	t.Helper()
	if os.Getenv(env) != "1" {
		t.Skipf("set %s=1 to run against the real keychain (see scripts/test-secret-service.sh)", env)
	}
	if runtime.GOOS != "linux" {
		t.Skip("the Secret Service exists only on Linux and other Unix desktops")
	}
	if mockInstalled {
		t.Fatal("a mock replaced go-keyring in this test binary, run only these tests with -run SecretService")
	}
}

func realKeychain() *Keychain {
	return New()
}

// lookupWithSecretTool reads the entry with libsecret's secret-tool, to show
// that the value is in the Secret Service and not only in this process.
func lookupWithSecretTool(t *testing.T, user string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("secret-tool"); err != nil {
		if os.Getenv("UKGLINK_REQUIRE_COMPONENTS") == "1" {
			t.Fatal("secret-tool not found, install libsecret-tools")
		}
		t.Log("secret-tool not found, not checking the entry from outside")
		return "", false
	}
	out, err := exec.Command("secret-tool", "lookup", "service", Service, "username", user).Output()
	if err != nil {
		return "", true
	}
	return string(out), true
}

func TestSecretServiceRoundTrip(t *testing.T) {
	requireRealKeychain(t, "UKGLINK_SECRET_SERVICE")
	k := realKeychain()
	ctx := context.Background()
	name := "ukglink-test-" + strconv.Itoa(os.Getpid())
	t.Cleanup(func() { k.Delete(context.Background(), name) })

	if err := k.Save(ctx, name, secret.New("first-value")); err != nil {
		t.Fatalf("Save: %v", err)
	}
	got, err := k.Load(ctx, name)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got.Reveal() != "first-value" {
		t.Errorf("Load = %q, want first-value", got.Reveal())
	}

	if err := k.Save(ctx, name, secret.New(testSecret)); err != nil {
		t.Fatalf("Save over the first value: %v", err)
	}
	got, err = k.Load(ctx, name)
	if err != nil {
		t.Fatalf("Load after overwrite: %v", err)
	}
	if got.Reveal() != testSecret {
		t.Error("Load after overwrite did not return the second value")
	}
	if out, ok := lookupWithSecretTool(t, name); ok && out != testSecret {
		t.Errorf("secret-tool lookup returned %d bytes, want the %d-byte second value", len(out), len(testSecret))
	}

	if err := k.Delete(ctx, name); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Load(ctx, name); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete: error = %v, want ErrNotFound", err)
	}
	if err := k.Delete(ctx, name); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: error = %v, want ErrNotFound", err)
	}
	if out, ok := lookupWithSecretTool(t, name); ok && out != "" {
		t.Errorf("secret-tool still finds %d bytes after Delete", len(out))
	}
}

func TestSecretServiceSessionReadsOnce(t *testing.T) {
	requireRealKeychain(t, "UKGLINK_SECRET_SERVICE")
	k := realKeychain()
	ctx := context.Background()
	name := "ukglink-session-" + strconv.Itoa(os.Getpid())
	t.Cleanup(func() { k.Delete(context.Background(), name) })

	if err := k.Save(ctx, name, secret.New(testSecret)); err != nil {
		t.Fatalf("Save: %v", err)
	}
	s := NewSession(k)
	if _, err := s.Load(ctx, name); err != nil {
		t.Fatalf("first Load: %v", err)
	}
	if err := k.Delete(ctx, name); err != nil {
		t.Fatalf("Delete from the keychain: %v", err)
	}
	got, err := s.Load(ctx, name)
	if err != nil || got.Reveal() != testSecret {
		t.Errorf("second Load = %v, want the cached secret without a keychain read", err)
	}
}

// TestSecretServiceUnavailable runs on a session bus where nothing provides
// org.freedesktop.secrets, like a KDE or XFCE desktop without gnome-keyring.
func TestSecretServiceUnavailable(t *testing.T) {
	requireRealKeychain(t, "UKGLINK_NO_SECRET_SERVICE")
	k := realKeychain()
	ctx := context.Background()

	err := k.Save(ctx, "acme", secret.New(testSecret))
	checkUnavailable(t, err, "org.freedesktop.secrets", "gnome-keyring", "KWallet", "KeePassXC")
	checkNoSecret(t, err)
	var e *Error
	if errors.As(err, &e) {
		const option = `choose "Don't save, ask me next time"`
		if hint := e.HintWith(option); !strings.HasSuffix(hint, ` Or choose "Don't save, ask me next time".`) {
			t.Errorf("HintWith(%q) = %q, want the option offered at the end", option, hint)
		}
	}

	_, err = k.Load(ctx, "acme")
	checkUnavailable(t, err, "org.freedesktop.secrets")
}

// TestSecretServiceNoSessionBus runs with no session bus address and no
// dbus-launch on PATH, like a login over SSH.
func TestSecretServiceNoSessionBus(t *testing.T) {
	requireRealKeychain(t, "UKGLINK_NO_SESSION_BUS")
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	t.Setenv("PATH", t.TempDir())

	_, err := realKeychain().Load(context.Background(), "acme")
	checkUnavailable(t, err, "D-Bus session bus", "dbus-launch")
}

func checkUnavailable(t *testing.T, err error, hintParts ...string) {
	t.Helper()
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("error = %v, want ErrUnavailable", err)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *Error", err)
	}
	for _, part := range hintParts {
		if !strings.Contains(e.Hint, part) {
			t.Errorf("hint %q does not name %q", e.Hint, part)
		}
	}
}
