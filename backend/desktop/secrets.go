package desktop

import (
	"context"
	"errors"
	"time"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/ukg"
)

// SecretResult is the response to the client-secret calls. It never contains the value.
type SecretResult struct {
	Result    Result     `json:"result"`
	Stored    bool       `json:"stored"`
	InSession bool       `json:"in_session"`
	Length    int        `json:"length"`
	Notes     []ukg.Note `json:"notes"`
	Warnings  []ukg.Note `json:"warnings"`
}

// StoreSecret keeps the client secret of the named draft: in the OS
// keychain when remember is true, else in memory for this session only. A
// keychain failure is reported and nothing is written anywhere else.
func (s *Service) StoreSecret(name, value string, remember bool) SecretResult {
	draft, err := s.store.Load(name)
	if err != nil {
		return SecretResult{Result: errorResult(err)}
	}
	parsed, err := ukg.ParseClientSecret(value)
	if err != nil {
		return SecretResult{Result: errorResult(err)}
	}
	result := SecretResult{
		Result:   ok(),
		Length:   len([]rune(parsed.Secret.Reveal())),
		Notes:    nonNil(parsed.Notes),
		Warnings: nonNil(append(parsed.Warnings, ukg.CredentialWarnings(draft.Profile.ClientID, parsed.Secret)...)),
	}

	ctx, cancel := context.WithTimeout(context.Background(), keychain.DefaultTimeout+2*time.Second)
	defer cancel()
	if remember {
		if err := s.secrets.Save(ctx, name, parsed.Secret); err != nil {
			s.log.Warn("keychain save failed", "profile", name, "error", err)
			result.Result = errorResult(err)
			return result
		}
	} else {
		s.secrets.Remember(name, parsed.Secret)
		if draft.SecretStored {
			err := s.secrets.Delete(ctx, name)
			if err != nil && !errors.Is(err, keychain.ErrNotFound) {
				s.log.Warn("keychain delete failed", "profile", name, "error", err)
			}
			s.secrets.Remember(name, parsed.Secret)
		}
	}
	draft.SecretStored = remember
	draft.AskEachTime = !remember
	if err := s.store.Save(draft); err != nil {
		result.Result = errorResult(err)
		return result
	}
	result.Stored = remember
	result.InSession = true
	s.log.Info("client secret kept", "profile", name, "in_keychain", remember)
	return result
}

// SecretStatus reports where the named draft's secret is kept, without reading the
// keychain (which may show a permission prompt).
func (s *Service) SecretStatus(name string) SecretResult {
	draft, err := s.store.Load(name)
	if err != nil {
		return SecretResult{Result: errorResult(err)}
	}
	return SecretResult{
		Result:    ok(),
		Stored:    draft.SecretStored,
		InSession: s.secrets.Cached(name),
		Notes:     []ukg.Note{},
		Warnings:  []ukg.Note{},
	}
}

func nonNil(notes []ukg.Note) []ukg.Note {
	if notes == nil {
		return []ukg.Note{}
	}
	return notes
}
