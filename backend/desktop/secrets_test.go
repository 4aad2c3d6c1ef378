package desktop

import (
	"errors"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestKeychainErrorMessageIsNextStep(t *testing.T) {
	cases := []struct {
		name, cause, code string
	}{
		{"no secret service", "The name org.freedesktop.secrets was not provided by any .service files", "keychain_unavailable"},
		{"denied", "User canceled the operation.", "keychain_denied"},
		{"locked", "failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'", "keychain_locked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestService(t, "ok")
			s.NewDraft("prod")
			keyring.MockInitWithError(errors.New(c.cause))
			r := s.StoreSecret("prod", "value-123456789012345", true).Result
			if r.Code != c.code {
				t.Errorf("code = %q, want %s", r.Code, c.code)
			}
			if !strings.HasPrefix(r.Message, "The client secret could not be saved in the keychain. ") {
				t.Errorf("message = %q, want it to say what failed first", r.Message)
			}
			if strings.Contains(r.Message, c.cause) || strings.Contains(r.Message, `profile "prod"`) {
				t.Errorf("message = %q, want no raw keychain error in it", r.Message)
			}
			if !strings.Contains(r.Detail, c.cause) {
				t.Errorf("detail = %q, want the raw keychain error", r.Detail)
			}
		})
	}
}

func TestKeychainDeniedHasOwnMessage(t *testing.T) {
	s, _ := newTestService(t, "ok")
	s.NewDraft("prod")
	keyring.MockInitWithError(errors.New("User canceled the operation."))
	denied := s.StoreSecret("prod", "value-123456789012345", true).Result
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	missing := s.StoreSecret("prod", "value-123456789012345", true).Result
	if denied.Message == missing.Message {
		t.Errorf("a denied prompt and a missing keychain read the same: %q", denied.Message)
	}
	if !strings.Contains(denied.Message, "Try again") {
		t.Errorf("denied message = %q, want it to offer trying again", denied.Message)
	}
}
