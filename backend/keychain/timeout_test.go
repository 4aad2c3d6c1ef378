package keychain

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/secret"
)

func hangingKeychain(t *testing.T) (*Keychain, *fakeBackend) {
	t.Helper()
	b := &fakeBackend{release: make(chan struct{})}
	t.Cleanup(func() { close(b.release) })
	k := fakeKeychain("linux", b)
	k.Timeout = 50 * time.Millisecond
	return k, b
}

func TestKeychainTimeout(t *testing.T) {
	k, _ := hangingKeychain(t)
	ops := map[string]func() error{
		"save": func() error {
			return k.Save(context.Background(), "acme", secret.New(testSecret))
		},
		"load": func() error {
			_, err := k.Load(context.Background(), "acme")
			return err
		},
		"delete": func() error { return k.Delete(context.Background(), "acme") },
	}
	for name, op := range ops {
		start := time.Now()
		err := op()
		elapsed := time.Since(start)

		if !errors.Is(err, ErrTimeout) {
			t.Errorf("%s: error = %v, want ErrTimeout", name, err)
		}
		if !Retryable(err) {
			t.Errorf("%s: Retryable = false, want true", name)
		}
		if elapsed > 2*time.Second {
			t.Errorf("%s: returned after %v, want about 50ms", name, elapsed)
		}
		checkNoSecret(t, err)
	}
}

func TestKeychainOneCallAtATime(t *testing.T) {
	k, b := hangingKeychain(t)
	for range 3 {
		if _, err := k.Load(context.Background(), "acme"); !errors.Is(err, ErrTimeout) {
			t.Errorf("Load error = %v, want ErrTimeout", err)
		}
	}
	if b.callCount() != 1 {
		t.Errorf("backend called %d times while the first call hangs, want 1", b.callCount())
	}
}

func TestKeychainContextCancel(t *testing.T) {
	k, _ := hangingKeychain(t)
	k.Timeout = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)

	_, err := k.Load(ctx, "acme")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Load error = %v, want context.Canceled", err)
	}
	if errors.Is(err, ErrTimeout) {
		t.Errorf("Load error = %v, a cancel is not a time-out", err)
	}
}

func TestKeychainDefaultTimeout(t *testing.T) {
	k := New()
	if k.Timeout != 10*time.Second {
		t.Errorf("New().Timeout = %v, want 10s", k.Timeout)
	}
}

func TestKeychainRecoversAfterTimeout(t *testing.T) {
	b := &fakeBackend{release: make(chan struct{})}
	k := fakeKeychain("linux", b)
	k.Timeout = 50 * time.Millisecond
	if err := k.Save(context.Background(), "acme", secret.New(testSecret)); !errors.Is(err, ErrTimeout) {
		t.Fatalf("Save error = %v, want ErrTimeout", err)
	}

	close(b.release)
	b.mu.Lock()
	b.release = nil
	b.mu.Unlock()
	k.Timeout = time.Second

	got, err := k.Load(context.Background(), "acme")
	if err != nil {
		t.Fatalf("Load after the hang ended: %v", err)
	}
	if got.Reveal() != testSecret {
		t.Error("Load returned another value than the late Save stored")
	}
}
