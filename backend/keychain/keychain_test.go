package keychain

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/ukglink/ukglink/backend/secret"
)

// testSecret is a value that must never appear in an error or log.
const testSecret = "ab/cd+ef$gh%20=="

// mockInstalled records that a test replaced the go-keyring provider, which
// cannot be undone within one test binary. The real keychain tests check it.
var mockInstalled bool

func mockKeychain(t *testing.T, err error) *Keychain {
	t.Helper()
	mockInstalled = true
	if err == nil {
		keyring.MockInit()
	} else {
		keyring.MockInitWithError(err)
	}
	k := New()
	k.Timeout = time.Second
	return k
}

// fakeBackend records calls and returns err, or blocks until release is
// closed when release is not nil.
type fakeBackend struct {
	mu      sync.Mutex
	calls   int
	values  map[string]string
	err     error
	release chan struct{}
}

func (f *fakeBackend) wait() error {
	f.mu.Lock()
	f.calls++
	release := f.release
	f.mu.Unlock()
	if release != nil {
		<-release
	}
	return f.err
}

func (f *fakeBackend) Set(service, user, password string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.values == nil {
		f.values = map[string]string{}
	}
	f.values[service+"/"+user] = password
	return nil
}

func (f *fakeBackend) Get(service, user string) (string, error) {
	if err := f.wait(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.values[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (f *fakeBackend) Delete(service, user string) error {
	return f.wait()
}

func (f *fakeBackend) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

func fakeKeychain(goos string, b *fakeBackend) *Keychain {
	return &Keychain{Timeout: time.Second, backend: b, goos: goos}
}

// checkNoSecret fails if any printed form of err contains testSecret.
func checkNoSecret(t *testing.T, err error) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if out := fmt.Sprintf(verb, err); strings.Contains(out, testSecret) {
			t.Errorf("error printed with %s contains the secret: %s", verb, out)
		}
	}
	var e *Error
	if errors.As(err, &e) && strings.Contains(e.Hint, testSecret) {
		t.Errorf("hint contains the secret: %s", e.Hint)
	}
}

func TestKeychainSaveLoadDelete(t *testing.T) {
	k := mockKeychain(t, nil)
	ctx := context.Background()

	if err := k.Save(ctx, "acme", secret.New(testSecret)); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if err := k.Save(ctx, "other", secret.New("other-value")); err != nil {
		t.Fatalf("Save other: %v", err)
	}
	got, err := k.Load(ctx, "acme")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got.Reveal() != testSecret {
		t.Errorf("Load = %q, want the saved secret", got.Reveal())
	}

	stored, err := keyring.Get(Service, "acme")
	if err != nil || stored != testSecret {
		t.Errorf("keyring entry (%s, acme) = %q, %v, want the secret", Service, stored, err)
	}

	if err := k.Delete(ctx, "acme"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Load(ctx, "acme"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete: error = %v, want ErrNotFound", err)
	}
	if got, err := k.Load(ctx, "other"); err != nil || got.Reveal() != "other-value" {
		t.Errorf("Load other = %v, %v, want other-value", got.Reveal(), err)
	}
}

func TestKeychainOverwrite(t *testing.T) {
	k := mockKeychain(t, nil)
	ctx := context.Background()
	for _, v := range []string{"first", testSecret} {
		if err := k.Save(ctx, "acme", secret.New(v)); err != nil {
			t.Fatalf("Save(%d bytes): %v", len(v), err)
		}
	}
	got, err := k.Load(ctx, "acme")
	if err != nil || got.Reveal() != testSecret {
		t.Errorf("Load = %q, %v, want the second value", got.Reveal(), err)
	}
}

func TestKeychainNotFound(t *testing.T) {
	k := mockKeychain(t, nil)
	_, err := k.Load(context.Background(), "missing")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load error = %v, want ErrNotFound", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Op != "load" || e.Profile != "missing" {
		t.Errorf("error = %#v, want *Error with Op load and Profile missing", err)
	}
	if err := k.Delete(context.Background(), "missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete error = %v, want ErrNotFound", err)
	}
}

func TestKeychainRejectsEmpty(t *testing.T) {
	b := &fakeBackend{}
	k := fakeKeychain("linux", b)
	err := k.Save(context.Background(), "acme", secret.New(""))
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("Save error = %v, want ErrEmpty", err)
	}
	if b.callCount() != 0 {
		t.Errorf("backend called %d times, want 0", b.callCount())
	}
}

func TestKeychainRejectsInvalidName(t *testing.T) {
	b := &fakeBackend{}
	k := fakeKeychain("linux", b)
	ctx := context.Background()
	for _, name := range []string{"", ".hidden", "a b", strings.Repeat("x", 65)} {
		if err := k.Save(ctx, name, secret.New(testSecret)); err == nil {
			t.Errorf("Save(%q) succeeded, want an error", name)
		}
		if _, err := k.Load(ctx, name); err == nil {
			t.Errorf("Load(%q) succeeded, want an error", name)
		}
		if err := k.Delete(ctx, name); err == nil {
			t.Errorf("Delete(%q) succeeded, want an error", name)
		}
	}
	if b.callCount() != 0 {
		t.Errorf("backend called %d times, want 0", b.callCount())
	}
}

func TestKeychainErrorHidesSecret(t *testing.T) {
	echo := fmt.Errorf("org.freedesktop.DBus.Error.Failed: invalid value %s", testSecret)
	k := mockKeychain(t, echo)
	err := k.Save(context.Background(), "acme", secret.New(testSecret))
	if err == nil {
		t.Fatal("Save succeeded, want an error")
	}
	checkNoSecret(t, err)
	if !strings.Contains(err.Error(), "invalid value [redacted]") {
		t.Errorf("error %q lost the rest of the cause", err)
	}
}

func TestKeychainHexErrorHidesSecret(t *testing.T) {
	b := &fakeBackend{err: fmt.Errorf("decode: %w", hex.InvalidByteError('s'))}
	k := fakeKeychain("darwin", b)
	_, err := k.Load(context.Background(), "acme")
	if err == nil {
		t.Fatal("Load succeeded, want an error")
	}
	if strings.Contains(err.Error(), "'s'") {
		t.Errorf("error %q quotes a byte of the stored value", err)
	}
}

func TestErrorUnwrap(t *testing.T) {
	cause := errors.New("exit status 51")
	e := &Error{Op: "load", Profile: "acme", Err: ErrDenied, Cause: cause}
	if !errors.Is(e, ErrDenied) || !errors.Is(e, cause) {
		t.Errorf("errors.Is does not reach both the sentinel and the cause")
	}
	want := `keychain load for profile "acme": access to the keychain was denied: exit status 51`
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

func TestRetryable(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{&Error{Err: ErrDenied}, true},
		{&Error{Err: ErrLocked}, true},
		{&Error{Err: ErrTimeout}, true},
		{&Error{Err: ErrUnavailable}, false},
		{&Error{Err: ErrNotFound}, false},
		{&Error{Err: ErrTooBig}, false},
		{errors.New("other"), false},
	}
	for _, tc := range cases {
		if got := Retryable(tc.err); got != tc.want {
			t.Errorf("Retryable(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
