// Package keychain keeps each profile's client secret in the OS keychain
// (macOS Keychain, Windows Credential Manager, or the Secret Service on
// Linux) through github.com/zalando/go-keyring.
//
// The secret is stored under service "ukglink" with the profile name as the
// user name. There is no fallback to a file: when no keychain is available
// the error names what is missing, and the app offers "don't save, ask me
// next time" instead.
package keychain

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
)

// Service is the keychain service name of every ukglink entry.
const Service = "ukglink"

// DefaultTimeout bounds a keychain call when Keychain.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// backend is the part of go-keyring that Keychain calls. Tests replace it.
type backend interface {
	Set(service, user, password string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// goKeyring calls the package-level go-keyring functions, so that
// keyring.MockInit also replaces it.
type goKeyring struct{}

func (goKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}

func (goKeyring) Get(service, user string) (string, error) {
	return keyring.Get(service, user)
}

func (goKeyring) Delete(service, user string) error {
	return keyring.Delete(service, user)
}

// Keychain saves, loads and deletes client secrets. It is safe for
// concurrent use and runs at most one OS keychain call at a time, so a
// hanging call makes later calls time out instead of stacking prompts.
type Keychain struct {
	// Timeout bounds each call. Zero means DefaultTimeout.
	Timeout time.Duration

	backend backend
	goos    string
	once    sync.Once
	busy    chan struct{}
}

// New returns a Keychain on the real OS keychain.
func New() *Keychain {
	return &Keychain{Timeout: DefaultTimeout, backend: goKeyring{}, goos: runtime.GOOS}
}

func (k *Keychain) init() {
	k.once.Do(func() {
		k.busy = make(chan struct{}, 1)
		if k.backend == nil {
			k.backend = goKeyring{}
		}
		if k.goos == "" {
			k.goos = runtime.GOOS
		}
	})
}

// Save stores s as the client secret of the named profile, replacing any
// previous one. It rejects an empty secret and one longer than the OS
// keychain stores.
func (k *Keychain) Save(ctx context.Context, profileName string, s secret.Secret) error {
	k.init()
	if err := profile.ValidateName(profileName); err != nil {
		return fmt.Errorf("keychain save: %w", err)
	}
	if s.IsZero() {
		return &Error{Op: "save", Profile: profileName, Err: ErrEmpty, Hint: hintEmpty}
	}
	if err := checkSize(k.goos, profileName, s.Len()); err != nil {
		return err
	}

	_, err := call(ctx, k, func() (struct{}, error) {
		return struct{}{}, k.backend.Set(Service, profileName, s.Reveal())
	})
	if err != nil {
		return newError(k.goos, "save", profileName, err, s.Reveal())
	}
	return nil
}

// Load returns the client secret of the named profile. It returns an error
// matching ErrNotFound when none is saved.
func (k *Keychain) Load(ctx context.Context, profileName string) (secret.Secret, error) {
	k.init()
	if err := profile.ValidateName(profileName); err != nil {
		return secret.Secret{}, fmt.Errorf("keychain load: %w", err)
	}

	value, err := call(ctx, k, func() (string, error) {
		return k.backend.Get(Service, profileName)
	})
	if err != nil {
		return secret.Secret{}, newError(k.goos, "load", profileName, err, "")
	}
	if value == "" {
		return secret.Secret{}, &Error{Op: "load", Profile: profileName, Err: ErrEmpty, Hint: hintCorrupt}
	}
	return secret.New(value), nil
}

// Delete removes the client secret of the named profile. It returns an error
// matching ErrNotFound when none is saved.
func (k *Keychain) Delete(ctx context.Context, profileName string) error {
	k.init()
	if err := profile.ValidateName(profileName); err != nil {
		return fmt.Errorf("keychain delete: %w", err)
	}

	_, err := call(ctx, k, func() (struct{}, error) {
		return struct{}{}, k.backend.Delete(Service, profileName)
	})
	if err != nil {
		return newError(k.goos, "delete", profileName, err, "")
	}
	return nil
}

// call runs op in a goroutine and waits at most k.Timeout, or until ctx ends,
// for it and for any earlier call still running. On a time-out it returns
// context.DeadlineExceeded.
//
// NOTE: go-keyring calls cannot be cancelled, so a timed-out op keeps running
// in its goroutine. A Save that times out may still store the secret later.
func call[T any](ctx context.Context, k *Keychain, op func() (T, error)) (T, error) {
	timeout := k.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	var zero T
	select {
	case k.busy <- struct{}{}:
	case <-ctx.Done():
		return zero, ctx.Err()
	}

	type result struct {
		value T
		err   error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-k.busy }()
		v, err := op()
		done <- result{v, err}
	}()

	select {
	case r := <-done:
		return r.value, r.err
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}
