package keychain

import (
	"context"
	"sync"

	"github.com/ukglink/ukglink/backend/secret"
)

// Session caches client secrets in memory so that each is read from the
// keychain once per app session, until Forget drops it. On macOS this means
// one prompt per profile. Concurrent Loads of one profile share a single
// keychain read. Nothing in a Session is written to disk.
type Session struct {
	keychain *Keychain

	mu      sync.Mutex
	cache   map[string]secret.Secret
	loading map[string]*pendingLoad
	// epoch counts changes to the cache, so that a read that finishes after a
	// Save, Delete or Forget does not cache a stale value.
	epoch uint64
}

type pendingLoad struct {
	done  chan struct{}
	value secret.Secret
	err   error
}

// NewSession returns an empty Session on k.
func NewSession(k *Keychain) *Session {
	return &Session{
		keychain: k,
		cache:    map[string]secret.Secret{},
		loading:  map[string]*pendingLoad{},
	}
}

// Load returns the cached secret of the named profile, or reads it from the
// keychain and caches it. Errors are not cached, so a Load after a denied
// prompt reads the keychain again.
func (s *Session) Load(ctx context.Context, profileName string) (secret.Secret, error) {
	s.mu.Lock()
	if v, ok := s.cache[profileName]; ok {
		s.mu.Unlock()
		return v, nil
	}
	if p, ok := s.loading[profileName]; ok {
		s.mu.Unlock()
		return s.wait(ctx, profileName, p)
	}
	p := &pendingLoad{done: make(chan struct{})}
	s.loading[profileName] = p
	epoch := s.epoch
	s.mu.Unlock()

	p.value, p.err = s.keychain.Load(ctx, profileName)

	s.mu.Lock()
	delete(s.loading, profileName)
	if p.err == nil && s.epoch == epoch {
		s.cache[profileName] = p.value
	}
	s.mu.Unlock()
	close(p.done)
	return p.value, p.err
}

// wait returns the result of a Load that another caller started.
func (s *Session) wait(ctx context.Context, profileName string, p *pendingLoad) (secret.Secret, error) {
	select {
	case <-p.done:
		return p.value, p.err
	case <-ctx.Done():
		return secret.Secret{}, newError(s.keychain.goos, "load", profileName, ctx.Err(), "")
	}
}

// Save stores the secret in the keychain and, when that succeeds, caches it.
func (s *Session) Save(ctx context.Context, profileName string, value secret.Secret) error {
	if err := s.keychain.Save(ctx, profileName, value); err != nil {
		return err
	}
	s.Remember(profileName, value)
	return nil
}

// Delete removes the secret from the keychain and from the cache. The cache
// entry is dropped even when the keychain call fails.
func (s *Session) Delete(ctx context.Context, profileName string) error {
	s.Forget(profileName)
	return s.keychain.Delete(ctx, profileName)
}

// Remember caches a secret without saving it to the keychain, for a profile
// whose admin chose "don't save, ask me next time".
func (s *Session) Remember(profileName string, value secret.Secret) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.epoch++
	s.cache[profileName] = value
}

// Cached reports whether the session has the named profile's secret in
// memory, so that Load returns it without reading the keychain.
func (s *Session) Cached(profileName string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.cache[profileName]
	return ok
}

// Peek returns the cached secret of the named profile without reading the
// keychain.
func (s *Session) Peek(profileName string) (secret.Secret, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.cache[profileName]
	return v, ok
}

// Forget drops the cached secret of the named profile, so the next Load
// reads the keychain again.
func (s *Session) Forget(profileName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.epoch++
	delete(s.cache, profileName)
}

// ForgetAll drops every cached secret.
func (s *Session) ForgetAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.epoch++
	clear(s.cache)
}
