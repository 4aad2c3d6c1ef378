package keychain

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/ukglink/ukglink/backend/secret"
)

func TestClassifyMessages(t *testing.T) {
	cases := []struct {
		name     string
		goos     string
		err      error
		sentinel error
		hint     string // part of the hint
	}{
		{"not found", "linux", keyring.ErrNotFound, ErrNotFound, "Enter the client secret again"},
		{"no secret service", "linux",
			errors.New("The name org.freedesktop.secrets was not provided by any .service files"),
			ErrUnavailable, "Install and start gnome-keyring"},
		{"service unknown name", "linux",
			errors.New("org.freedesktop.DBus.Error.ServiceUnknown"),
			ErrUnavailable, "KWallet"},
		{"no dbus-launch", "linux",
			&exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound},
			ErrUnavailable, "session bus could not be reached"},
		{"no bus address", "linux",
			errors.New("dbus: couldn't determine address of session bus"),
			ErrUnavailable, "DBUS_SESSION_BUS_ADDRESS"},
		{"locked", "linux",
			errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"),
			ErrLocked, "Unlock it"},
		{"mac wrong passphrase", "darwin",
			errors.New("security: SecKeychainSearchCopyNext: The user name or passphrase you entered is not correct."),
			ErrDenied, "click Allow"},
		{"mac no interaction", "darwin",
			errors.New("User interaction is not allowed."),
			ErrDenied, `"security"`},
		{"unsupported", "plan9", keyring.ErrUnsupportedPlatform, ErrUnavailable, "Don't save, ask me next time"},
		{"too big", "darwin", keyring.ErrSetDataTooBig, ErrTooBig, "longer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := fakeKeychain(tc.goos, &fakeBackend{err: tc.err})
			_, err := k.Load(context.Background(), "acme")

			if !errors.Is(err, tc.sentinel) {
				t.Fatalf("Load error = %v, want %v", err, tc.sentinel)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			if !strings.Contains(e.Hint, tc.hint) {
				t.Errorf("hint %q does not contain %q", e.Hint, tc.hint)
			}
			if !errors.Is(err, tc.err) {
				t.Errorf("error %v does not wrap the cause %v", err, tc.err)
			}
		})
	}
}

func TestClassifyWithMockInitWithError(t *testing.T) {
	cause := errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	k := mockKeychain(t, cause)
	err := k.Save(context.Background(), "acme", secret.New(testSecret))
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Save error = %v, want ErrUnavailable", err)
	}
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Hint, "org.freedesktop.secrets") {
		t.Errorf("hint of %v does not name org.freedesktop.secrets", err)
	}
	checkNoSecret(t, err)
}

func TestClassifyUnknownError(t *testing.T) {
	cause := errors.New("ERROR_NO_SUCH_LOGON_SESSION")
	k := fakeKeychain("windows", &fakeBackend{err: cause})
	err := k.Delete(context.Background(), "acme")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *Error", err)
	}
	if e.Err != cause || e.Cause != nil {
		t.Errorf("Err, Cause = %v, %v, want the unclassified cause as Err", e.Err, e.Cause)
	}
	if e.Hint == "" {
		t.Error("hint is empty")
	}
}

// exitError runs a shell that exits with code, as the macOS "security" tool
// does on a denied prompt.
func exitError(t *testing.T, code string) error {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	err := exec.Command("sh", "-c", "exit "+code).Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("sh -c 'exit %s': %v, want *exec.ExitError", code, err)
	}
	return err
}

func TestClassifyMacExitCodes(t *testing.T) {
	cases := []struct {
		code string
		goos string
		want error
	}{
		{"51", "darwin", ErrDenied},
		{"36", "darwin", ErrDenied},
		{"128", "darwin", ErrDenied},
		{"1", "darwin", nil},
		{"51", "linux", nil},
	}
	for _, tc := range cases {
		t.Run(tc.goos+" exit "+tc.code, func(t *testing.T) {
			cause := exitError(t, tc.code)
			k := fakeKeychain(tc.goos, &fakeBackend{err: cause})
			_, err := k.Load(context.Background(), "acme")
			if tc.want == nil {
				if errors.Is(err, ErrDenied) {
					t.Errorf("Load error = %v, want it unclassified", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("Load error = %v, want %v", err, tc.want)
			}
			if !Retryable(err) {
				t.Errorf("Retryable(%v) = false, want true", err)
			}
		})
	}
}

func TestClassifyUnreachableSessionBus(t *testing.T) {
	dialErr := &net.OpError{Op: "dial", Net: "unix", Err: syscall.ENOENT}
	sentinel, hint := classify("linux", fmt.Errorf("dbus: %w", dialErr))
	if sentinel != ErrUnavailable {
		t.Errorf("sentinel = %v, want ErrUnavailable", sentinel)
	}
	if !strings.Contains(hint, "session bus") {
		t.Errorf("hint = %q, want it to name the session bus", hint)
	}
}
