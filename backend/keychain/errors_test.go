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
		{"unsupported", "plan9", keyring.ErrUnsupportedPlatform, ErrUnavailable, "no keychain that ukglink supports"},
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

func TestHintsNameNoInterfaceOption(t *testing.T) {
	hints := []string{hintNotFound, hintNoSecretService, hintNoSessionBus, hintLocked,
		hintDenied, hintUnsupported, hintTimeout, hintEmpty, hintFailed, hintCorrupt}
	for _, hint := range hints {
		if strings.Contains(hint, "Don't save") || strings.Contains(hint, "--client-secret-file") {
			t.Errorf("hint names an option of one interface: %q", hint)
		}
	}
}

// askEachTime is the alternative the desktop window offers. The expected
// texts below are the window's messages, which must not change.
const askEachTime = `choose "Don't save, ask me next time"`

func TestHintWithDesktopAlternative(t *testing.T) {
	cases := []struct {
		hint string
		want string
	}{
		{hintNoSecretService, "No Secret Service is running in this desktop session " +
			"(nothing owns the D-Bus name org.freedesktop.secrets). Install and start " +
			"gnome-keyring (package gnome-keyring), or enable the Secret Service " +
			"bridge in KWallet, or enable Secret Service integration in KeePassXC, " +
			"then try again. Or choose \"Don't save, ask me next time\"."},
		{hintNoSessionBus, "The D-Bus session bus could not be reached (DBUS_SESSION_BUS_ADDRESS " +
			"is unset and dbus-launch is not installed, or it names a socket that does " +
			"not answer), so the Secret Service cannot be reached. Start ukglink from a " +
			"desktop session that runs a Secret Service such as gnome-keyring. Or choose " +
			"\"Don't save, ask me next time\"."},
		{hintLocked, "The keyring is locked and was not unlocked. Unlock it (for " +
			"gnome-keyring: open Passwords and Keys and unlock the Login keyring, or " +
			"answer the unlock prompt), then try again. Or choose \"Don't save, ask " +
			"me next time\"."},
		{hintDenied, "macOS did not allow ukglink to use the keychain: the prompt " +
			"was denied or could not be shown. Try again and, when macOS asks " +
			"whether \"security\" may use the item \"ukglink\", enter your Mac login " +
			"password and click Allow. Or choose \"Don't save, ask me next time\"."},
		{hintUnsupported, "This operating system has no keychain that ukglink " +
			"supports. Choose \"Don't save, ask me next time\"."},
		{hintTimeout, "The keychain did not respond. It may be waiting for you to " +
			"unlock it or to answer a prompt: look for a keychain window, then try " +
			"again. Or choose \"Don't save, ask me next time\"."},
		{hintFailed, "The keychain reported an error. Try again, or choose \"Don't save, ask me next time\"."},
		{hintNotFound, hintNotFound},
		{hintEmpty, hintEmpty},
		{hintCorrupt, hintCorrupt},
	}
	for _, tc := range cases {
		e := &Error{Hint: tc.hint}
		if got := e.HintWith(askEachTime); got != tc.want {
			t.Errorf("HintWith(%q)\n got %q\nwant %q", tc.hint, got, tc.want)
		}
		if got := e.HintWith(""); got != tc.hint {
			t.Errorf("HintWith(\"\") = %q, want the hint alone", got)
		}
	}
}

func TestHintWithFromClassify(t *testing.T) {
	k := fakeKeychain("plan9", &fakeBackend{err: keyring.ErrUnsupportedPlatform})
	_, err := k.Load(context.Background(), "acme")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *Error", err)
	}
	want := "This operating system has no keychain that ukglink supports. " +
		"Pass the secret with --client-secret-file FILE."
	if got := e.HintWith("pass the secret with --client-secret-file FILE"); got != want {
		t.Errorf("HintWith = %q, want %q", got, want)
	}
}
