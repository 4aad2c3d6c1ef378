package desktop

import (
	"fmt"

	"github.com/ukglink/ukglink/backend/ukg"
)

// FieldResult is the live check of one wizard field.
type FieldResult struct {
	Result   Result     `json:"result"`
	Value    string     `json:"value"`
	Display  string     `json:"display,omitempty"`
	Notes    []ukg.Note `json:"notes"`
	Warnings []ukg.Note `json:"warnings"`
	Position int        `json:"position,omitempty"`
	// SuggestedAccountType is set when a pasted host belongs to another
	// account type's domain.
	SuggestedAccountType string `json:"suggested_account_type,omitempty"`
}

// CheckField parses one pasted value. The client secret's value is never
// returned, only its length.
func (s *Service) CheckField(field, value string) FieldResult {
	r := s.checkField(field, value)
	if r.Notes == nil {
		r.Notes = []ukg.Note{}
	}
	if r.Warnings == nil {
		r.Warnings = []ukg.Note{}
	}
	return r
}

func (s *Service) checkField(field, value string) FieldResult {
	switch field {
	case ukg.FieldSubdomain:
		return checkSubdomain(value)
	case ukg.FieldTenant:
		return valueResult(ukg.ParseTenant(value))
	case ukg.FieldClientID:
		return valueResult(ukg.ParseClientID(value))
	case ukg.FieldIdentityHost:
		return valueResult(ukg.ParseIdentityHost(value))
	case ukg.FieldAccountType:
		account, err := ukg.ParseAccountType(value)
		if err != nil {
			return fieldFailure(err)
		}
		return FieldResult{Result: ok(), Value: account.ID, Display: account.Label}
	case ukg.FieldClientSecret:
		parsed, err := ukg.ParseClientSecret(value)
		if err != nil {
			return fieldFailure(err)
		}
		length := len([]rune(parsed.Secret.Reveal()))
		return FieldResult{Result: ok(), Display: fmt.Sprintf("%d characters", length), Notes: parsed.Notes, Warnings: parsed.Warnings}
	}
	return FieldResult{Result: failed("unknown_field", field, fmt.Sprintf("There is no field %q.", field), "")}
}

func checkSubdomain(value string) FieldResult {
	sub, err := ukg.ParseSubdomain(value)
	if err != nil {
		return fieldFailure(err)
	}
	r := FieldResult{Result: ok(), Value: sub.Value.Value, Notes: sub.Notes, Warnings: sub.Warnings}
	accountType := ukg.DefaultAccountTypeID
	if sub.Domain != "" {
		if match := accountTypeOnDomain(sub.Domain); match != "" {
			accountType = match
			if match != ukg.DefaultAccountTypeID {
				r.SuggestedAccountType = match
			}
		}
	}
	if url, err := ukg.ServiceHostURL(sub.Value.Value, accountType); err == nil {
		r.Display = url + " will be used"
	}
	return r
}

func accountTypeOnDomain(domain string) string {
	for _, a := range ukg.AccountTypes {
		if a.Domain == domain {
			return a.ID
		}
	}
	return ""
}

func valueResult(v ukg.Value, err error) FieldResult {
	if err != nil {
		return fieldFailure(err)
	}
	return FieldResult{Result: ok(), Value: v.Value, Notes: v.Notes, Warnings: v.Warnings}
}

func fieldFailure(err error) FieldResult {
	r := FieldResult{Result: errorResult(err)}
	if fe, isField := err.(*ukg.FieldError); isField {
		r.Position = fe.Position
	}
	return r
}
