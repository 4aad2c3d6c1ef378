package keychain

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/secret"
)

// TestSecretServiceLocked runs against gnome-keyring with its login
// collection locked and no display, so that no unlock prompt can open.
func TestSecretServiceLocked(t *testing.T) {
	requireRealKeychain(t, "UKGLINK_LOCKED_SECRET_SERVICE")
	k := realKeychain()
	ctx := context.Background()

	err := k.Save(ctx, "acme", secret.New(testSecret))
	checkLocked(t, err)
	checkNoSecret(t, err)

	_, err = k.Load(ctx, "acme")
	checkLocked(t, err)
}

func checkLocked(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("error = %v, want ErrLocked", err)
	}
	if !Retryable(err) {
		t.Error("a locked keychain is not reported as retryable")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T is not *Error", err)
	}
	if !strings.Contains(e.Hint, "Unlock") {
		t.Errorf("hint %q does not say to unlock the keyring", e.Hint)
	}
}

// TestSecretServiceLockedPromptTimesOut runs against gnome-keyring with its
// login collection locked on a display, where the unlock prompt waits for a
// password that is never typed. Every call must end at its timeout.
func TestSecretServiceLockedPromptTimesOut(t *testing.T) {
	requireRealKeychain(t, "UKGLINK_PROMPTING_SECRET_SERVICE")
	const timeout = 2 * time.Second
	const slack = 3 * time.Second
	k := realKeychain()
	k.Timeout = timeout
	ctx := context.Background()

	started := time.Now()
	_, err := k.Load(ctx, "acme")
	elapsed := time.Since(started)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("Load error = %v after %v, want ErrTimeout", err, elapsed)
	}
	if elapsed > timeout+slack {
		t.Errorf("Load returned after %v, want about %v", elapsed, timeout)
	}

	// The first call still waits on the prompt; a second one must not queue
	// behind it past its own timeout.
	started = time.Now()
	err = k.Save(ctx, "acme", secret.New(testSecret))
	elapsed = time.Since(started)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("Save error = %v after %v, want ErrTimeout", err, elapsed)
	}
	if elapsed > timeout+slack {
		t.Errorf("Save returned after %v, want about %v", elapsed, timeout)
	}
	checkNoSecret(t, err)
	if !Retryable(err) {
		t.Error("a keychain time-out is not reported as retryable")
	}
}
