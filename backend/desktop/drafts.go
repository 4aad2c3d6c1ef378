package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/verify"
)

// DraftInput is what the window sends on every step change. Values may be
// raw pastes: each is saved normalized when it parses, else as typed, so
// nothing the admin entered is lost.
type DraftInput struct {
	Name         string `json:"name"`
	Step         string `json:"step"`
	Subdomain    string `json:"subdomain"`
	AccountType  string `json:"account_type"`
	IdentityHost string `json:"identity_host"`
	Tenant       string `json:"tenant"`
	ClientID     string `json:"client_id"`
	AskEachTime  bool   `json:"ask_each_time"`
	// SkipVerify is the choice "continue without verifying", and
	// SkipReason the reason given for it.
	SkipVerify bool   `json:"skip_verify"`
	SkipReason string `json:"skip_reason"`
}

// DraftView is a saved draft as the window shows it.
type DraftView struct {
	DraftInput
	SecretStored bool           `json:"secret_stored"`
	LastReport   *verify.Report `json:"last_report"`
}

// DraftResult is the response to the draft calls.
type DraftResult struct {
	Result Result    `json:"result"`
	Draft  DraftView `json:"draft"`
}

// NewDraft creates an empty draft named name.
func (s *Service) NewDraft(name string) DraftResult {
	name = strings.TrimSpace(name)
	if err := profile.ValidateName(name); err != nil {
		return DraftResult{Result: failed("invalid_name", "name", nameProblem(name), err.Error())}
	}
	if _, err := s.store.Load(name); err == nil {
		return DraftResult{Result: failed("name_taken", "name",
			fmt.Sprintf("A profile named %q exists already. Resume it from the Start screen or choose another name.", name), "")}
	}
	draft := profile.Draft{
		SchemaVersion: profile.SchemaVersion,
		Profile:       profile.Profile{Name: name, AccountType: ukg.DefaultAccountTypeID},
		Step:          "admin",
	}
	if err := s.store.Save(draft); err != nil {
		return DraftResult{Result: errorResult(err)}
	}
	s.log.Info("draft created", "profile", name)
	return DraftResult{Result: ok(), Draft: viewOf(draft)}
}

// LoadDraft returns the saved draft named name.
func (s *Service) LoadDraft(name string) DraftResult {
	draft, err := s.store.Load(name)
	if err != nil {
		return DraftResult{Result: errorResult(err)}
	}
	return DraftResult{Result: ok(), Draft: viewOf(draft)}
}

// SaveDraft stores the wizard's values and step.
func (s *Service) SaveDraft(in DraftInput) DraftResult {
	draft, err := s.store.Load(in.Name)
	if err != nil {
		return DraftResult{Result: errorResult(err)}
	}
	draft.Step = in.Step
	draft.AskEachTime = in.AskEachTime
	draft.SkipVerify = in.SkipVerify
	draft.SkipReason = strings.TrimSpace(in.SkipReason)
	p := &draft.Profile
	p.Subdomain = normalizedOr(in.Subdomain, func(v string) (string, error) {
		sub, err := ukg.ParseSubdomain(v)
		return sub.Value.Value, err
	})
	p.AccountType = normalizedOr(in.AccountType, func(v string) (string, error) {
		account, err := ukg.ParseAccountType(v)
		return account.ID, err
	})
	p.IdentityHost = normalizedOr(in.IdentityHost, parsedValue(ukg.ParseIdentityHost))
	p.Tenant = normalizedOr(in.Tenant, parsedValue(ukg.ParseTenant))
	p.ClientID = normalizedOr(in.ClientID, parsedValue(ukg.ParseClientID))
	if err := s.store.Save(draft); err != nil {
		return DraftResult{Result: errorResult(err)}
	}
	return DraftResult{Result: ok(), Draft: viewOf(draft)}
}

func parsedValue(parse func(string) (ukg.Value, error)) func(string) (string, error) {
	return func(v string) (string, error) {
		parsed, err := parse(v)
		return parsed.Value, err
	}
}

// normalizedOr returns the parsed form of input, or input itself when it
// does not parse. An empty input stays empty.
func normalizedOr(input string, parse func(string) (string, error)) string {
	if strings.TrimSpace(input) == "" {
		return ""
	}
	value, err := parse(input)
	if err != nil {
		return input
	}
	return value
}

// DeleteDraft removes the draft and its keychain entry.
func (s *Service) DeleteDraft(name string) Result {
	if err := s.store.Delete(name); err != nil {
		return errorResult(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), keychain.DefaultTimeout)
	defer cancel()
	err := s.secrets.Delete(ctx, name)
	if err != nil && !errors.Is(err, keychain.ErrNotFound) {
		return errorResult(err)
	}
	s.log.Info("draft deleted", "profile", name)
	return ok()
}

func viewOf(d profile.Draft) DraftView {
	p := d.Profile
	return DraftView{
		DraftInput: DraftInput{
			Name: p.Name, Step: d.Step, Subdomain: p.Subdomain, AccountType: p.AccountType,
			IdentityHost: p.IdentityHost, Tenant: p.Tenant, ClientID: p.ClientID, AskEachTime: d.AskEachTime,
			SkipVerify: d.SkipVerify, SkipReason: d.SkipReason,
		},
		SecretStored: d.SecretStored,
		LastReport:   decodeReport(d.LastReport),
	}
}

func decodeReport(raw json.RawMessage) *verify.Report {
	if len(raw) == 0 {
		return nil
	}
	var report verify.Report
	if err := json.Unmarshal(raw, &report); err != nil {
		return nil
	}
	return &report
}

func reportVerified(raw json.RawMessage) bool {
	report := decodeReport(raw)
	return report != nil && report.Status == "verified"
}

// nameProblem explains in plain words why name cannot name a link. The
// rules are those of profile.ValidateName, which has the technical message.
func nameProblem(name string) string {
	const allowed = "Use only letters, digits, dashes (-), underscores (_) and dots, for example acme-recruiting."
	switch {
	case name == "":
		return "Enter a name for this link."
	case len(name) > profile.MaxNameLength:
		return fmt.Sprintf("The name is too long: use at most %d characters.", profile.MaxNameLength)
	case name[0] == '.':
		return "The name cannot start with a dot. " + allowed
	}
	for _, r := range name {
		if !isNameRune(r) {
			return fmt.Sprintf("The name cannot contain %s. %s", describeNameRune(r), allowed)
		}
	}
	return allowed
}

func isNameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '-' || r == '_' || r == '.'
}

// describeNameRune names a character for the admin. Blank and invisible
// characters get words, others are quoted.
func describeNameRune(r rune) string {
	switch {
	case r == ' ':
		return "spaces"
	case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
		return "tabs, line breaks or other blank characters"
	case !unicode.IsPrint(r):
		return "invisible characters"
	}
	return fmt.Sprintf("“%c”", r)
}
