package keychain

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/ukglink/ukglink/backend/secret"
)

func TestSessionLoadsOnce(t *testing.T) {
	b := &fakeBackend{values: map[string]string{Service + "/acme": testSecret}}
	s := NewSession(fakeKeychain("darwin", b))
	ctx := context.Background()

	for range 3 {
		got, err := s.Load(ctx, "acme")
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		if got.Reveal() != testSecret {
			t.Errorf("Load = %q, want the stored secret", got.Reveal())
		}
	}
	if b.callCount() != 1 {
		t.Errorf("keychain read %d times, want 1", b.callCount())
	}

	s.Forget("acme")
	if _, err := s.Load(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if b.callCount() != 2 {
		t.Errorf("keychain read %d times after Forget, want 2", b.callCount())
	}
}

func TestSessionConcurrentLoadsShareRead(t *testing.T) {
	b := &fakeBackend{
		values:  map[string]string{Service + "/acme": testSecret},
		release: make(chan struct{}),
	}
	s := NewSession(fakeKeychain("darwin", b))

	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Load(context.Background(), "acme")
			errs <- err
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(b.release)
	wg.Wait()
	close(errs)

	for err := range errs {
		if err != nil {
			t.Errorf("Load: %v", err)
		}
	}
	if b.callCount() != 1 {
		t.Errorf("keychain read %d times, want 1", b.callCount())
	}
}

func TestSessionDoesNotCacheErrors(t *testing.T) {
	b := &fakeBackend{err: errors.New("User interaction is not allowed.")}
	s := NewSession(fakeKeychain("darwin", b))
	ctx := context.Background()

	if _, err := s.Load(ctx, "acme"); !errors.Is(err, ErrDenied) {
		t.Fatalf("Load error = %v, want ErrDenied", err)
	}
	b.mu.Lock()
	b.err = nil
	b.values = map[string]string{Service + "/acme": testSecret}
	b.mu.Unlock()

	got, err := s.Load(ctx, "acme")
	if err != nil || got.Reveal() != testSecret {
		t.Errorf("Load after Allow = %q, %v, want the secret", got.Reveal(), err)
	}
}

func TestSessionSaveAndDelete(t *testing.T) {
	mockKeychain(t, nil)
	k := New()
	s := NewSession(k)
	ctx := context.Background()

	if err := s.Save(ctx, "acme", secret.New(testSecret)); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if err := keyring.Delete(Service, "acme"); err != nil {
		t.Fatalf("remove the entry behind the session's back: %v", err)
	}
	got, err := s.Load(ctx, "acme")
	if err != nil || got.Reveal() != testSecret {
		t.Errorf("Load after Save = %q, %v, want the cached secret", got.Reveal(), err)
	}

	if err := s.Save(ctx, "acme", secret.New("second")); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "acme"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := s.Load(ctx, "acme"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete: error = %v, want ErrNotFound", err)
	}
}

func TestSessionSaveFailureNotCached(t *testing.T) {
	b := &fakeBackend{err: errors.New("failed to unlock correct collection '/'")}
	s := NewSession(fakeKeychain("linux", b))
	if err := s.Save(context.Background(), "acme", secret.New(testSecret)); !errors.Is(err, ErrLocked) {
		t.Fatalf("Save error = %v, want ErrLocked", err)
	}
	if _, err := s.Load(context.Background(), "acme"); !errors.Is(err, ErrLocked) {
		t.Errorf("Load error = %v, want ErrLocked from the keychain, not a cached value", err)
	}
}

func TestSessionRemember(t *testing.T) {
	b := &fakeBackend{}
	s := NewSession(fakeKeychain("linux", b))
	if s.Cached("acme") {
		t.Error("Cached before Remember = true, want false")
	}
	s.Remember("acme", secret.New(testSecret))
	if !s.Cached("acme") {
		t.Error("Cached after Remember = false, want true")
	}

	got, err := s.Load(context.Background(), "acme")
	if err != nil || got.Reveal() != testSecret {
		t.Errorf("Load = %q, %v, want the remembered secret", got.Reveal(), err)
	}
	if b.callCount() != 0 {
		t.Errorf("keychain called %d times, want 0", b.callCount())
	}

	s.ForgetAll()
	if s.Cached("acme") {
		t.Error("Cached after ForgetAll = true, want false")
	}
	if _, err := s.Load(context.Background(), "acme"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after ForgetAll: error = %v, want ErrNotFound", err)
	}
}

func TestSessionForgetDuringLoad(t *testing.T) {
	b := &fakeBackend{
		values:  map[string]string{Service + "/acme": "old"},
		release: make(chan struct{}),
	}
	s := NewSession(fakeKeychain("linux", b))

	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Load(context.Background(), "acme")
	}()
	time.Sleep(20 * time.Millisecond)
	s.Forget("acme")
	close(b.release)
	<-done

	b.mu.Lock()
	b.values[Service+"/acme"] = "new"
	b.mu.Unlock()
	got, err := s.Load(context.Background(), "acme")
	if err != nil || got.Reveal() != "new" {
		t.Errorf("Load = %q, %v, want new: a read overtaken by Forget must not be cached", got.Reveal(), err)
	}
}
