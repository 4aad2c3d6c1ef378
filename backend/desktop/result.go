package desktop

import (
	"context"
	"errors"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/ukg"
)

// Result statuses. The window shows each differently.
const (
	StatusOK        = "ok"
	StatusFailed    = "failed"
	StatusCancelled = "cancelled"
	StatusTimedOut  = "timed_out"
)

// Result is the outcome part of every answer to the window.
type Result struct {
	Status  string `json:"status"`
	Code    string `json:"code,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message,omitempty"`
	Detail  string `json:"detail,omitempty"`
}

func ok() Result { return Result{Status: StatusOK} }

func failed(code, field, message, detail string) Result {
	return Result{Status: StatusFailed, Code: code, Field: field, Message: message, Detail: detail}
}

// askEachTimeOption is the window's way forward without a keychain: the
// credentials step's choice to keep the secret for this session only.
const askEachTimeOption = `choose "Don't save, ask me next time"`

// errorResult maps an error from a backend package to a Result with a
// message for the admin and the raw error as detail.
func errorResult(err error) Result {
	var fieldErr *ukg.FieldError
	if errors.As(err, &fieldErr) {
		return failed(fieldErr.Code, fieldErr.Field, fieldErr.Message, "")
	}
	if errors.Is(err, context.Canceled) {
		return Result{Status: StatusCancelled, Code: "cancelled", Message: "Cancelled."}
	}
	var keyErr *keychain.Error
	if errors.As(err, &keyErr) {
		return keychainResult(keyErr)
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return Result{Status: StatusTimedOut, Code: "timeout", Message: "This took too long and was stopped. Try again."}
	}
	return failed("error", "", capitalize(err.Error())+".", "")
}

// keychainResult puts what failed and the keychain package's next step
// in the message, and the raw error in the detail.
func keychainResult(err *keychain.Error) Result {
	summary := map[string]string{
		"save":   "The client secret could not be saved in the keychain.",
		"load":   "The client secret could not be read from the keychain.",
		"delete": "The saved client secret could not be removed from the keychain.",
	}[err.Op]
	if summary == "" {
		summary = "The keychain reported an error."
	}
	hint := err.HintWith(askEachTimeOption)
	if hint == "" {
		hint = "Try again, or choose \"Don't save, ask me next time\"."
	}
	r := failed(keychainCode(err), ukg.FieldClientSecret, summary+" "+hint, capitalize(err.Error())+".")
	if errors.Is(err, keychain.ErrTimeout) {
		r.Status = StatusTimedOut
	}
	return r
}

func keychainCode(err error) string {
	codes := []struct {
		sentinel error
		code     string
	}{
		{keychain.ErrNotFound, "keychain_not_found"},
		{keychain.ErrTimeout, "keychain_timeout"},
		{keychain.ErrUnavailable, "keychain_unavailable"},
		{keychain.ErrDenied, "keychain_denied"},
		{keychain.ErrLocked, "keychain_locked"},
		{keychain.ErrTooBig, "secret_too_big"},
		{keychain.ErrEmpty, "empty"},
	}
	for _, c := range codes {
		if errors.Is(err, c.sentinel) {
			return c.code
		}
	}
	return "keychain_error"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
