package desktop

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/verify"
)

// VerifyResult is the response to Verify.
type VerifyResult struct {
	Result Result         `json:"result"`
	Report *verify.Report `json:"report"`
}

// Verify runs the verification of the named draft, sending progress events
// to the window, and saves the report in the draft. One verification runs
// at a time; CancelVerify stops it.
func (s *Service) Verify(name string) VerifyResult {
	draft, err := s.store.Load(name)
	if err != nil {
		return VerifyResult{Result: errorResult(err)}
	}
	ctx, cancel := context.WithCancel(context.Background())
	if !s.beginVerify(cancel) {
		cancel()
		return VerifyResult{Result: failed("busy", "", "A verification is already running. Wait for it or cancel it.", "")}
	}
	defer s.endVerify()

	secretValue, err := s.secrets.Load(ctx, name)
	if err != nil {
		return VerifyResult{Result: secretLoadResult(err)}
	}
	request := verify.Request{Profile: draft.Profile, Secret: secretValue}
	options := verify.Options{
		Endpoint:       s.endpoint(name),
		ConnectTimeout: s.config.ConnectTimeout,
		// The profile attribute ties every line of this verification to
		// the link, so that its support snapshot carries them.
		Logger:   s.log.With("profile", name),
		Progress: func(e verify.Event) { s.emit(EventVerifyProgress, e) },
	}
	report := verify.Verify(ctx, request, options)

	if raw, err := json.Marshal(report); err == nil {
		draft.LastReport = raw
		draft.Step = "verify"
		if err := s.store.Save(draft); err != nil {
			s.log.Error("saving the verification report failed", "profile", name, "error", err)
		}
	}
	return VerifyResult{Result: reportResult(report), Report: report}
}

// secretLoadResult explains a secret that could not be read for verifying.
func secretLoadResult(err error) Result {
	if errors.Is(err, keychain.ErrNotFound) {
		return failed("secret_missing", ukg.FieldClientSecret,
			"The client secret is not saved. Enter it again on the Client ID and secret step.", "")
	}
	return errorResult(err)
}

func (s *Service) beginVerify(cancel context.CancelFunc) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancelVerify != nil {
		return false
	}
	s.cancelVerify = cancel
	return true
}

func (s *Service) endVerify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancelVerify != nil {
		s.cancelVerify()
		s.cancelVerify = nil
	}
}

// CancelVerify stops the running verification, if any.
func (s *Service) CancelVerify() Result {
	s.mu.Lock()
	cancel := s.cancelVerify
	s.mu.Unlock()
	if cancel == nil {
		return failed("not_running", "", "No verification is running.", "")
	}
	cancel()
	s.log.Info("verification cancelled by the admin")
	return Result{Status: StatusCancelled, Code: "cancelled", Message: "Verification cancelled."}
}

// reportResult summarizes a report: its status and its first problem.
func reportResult(r *verify.Report) Result {
	switch r.Status {
	case "verified":
		return ok()
	case "cancelled":
		return Result{Status: StatusCancelled, Code: "cancelled", Message: "Verification cancelled."}
	}
	if len(r.Problems) == 0 {
		return failed("unexpected_response", "", "Verification failed.", "")
	}
	first := r.Problems[0]
	result := failed(first.Code, first.Field, first.Message, first.Detail)
	if first.Code == "timeout" {
		result.Status = StatusTimedOut
	}
	return result
}
