package snapshot

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/ukgsim"
	"github.com/ukglink/ukglink/backend/verify"
)

// oauthErrors are the problem codes that are also RFC 6749 error codes of
// the token endpoint, or map to one.
var oauthErrors = map[string]string{
	verify.CodeInvalidClient:  "invalid_client",
	verify.CodeInvalidRequest: "invalid_request",
	verify.CodeMissingScopes:  "invalid_scope",
}

// ErrNothingToReplay is returned for a report whose token request never
// reached UKG, so no response was recorded.
var ErrNothingToReplay = errors.New("the recorded verification never reached UKG, so there is no response to replay")

// ReplayConfig returns a simulator configuration that responds like the
// UKG of s's report.
//
// NOTE: a DNS or TLS failure cannot be replayed by a loopback simulator,
// so such reports return ErrNothingToReplay.
func ReplayConfig(s Snapshot) (ukgsim.Config, error) {
	report := s.Report
	if report == nil {
		return ukgsim.Config{}, errors.New("the snapshot has no verification report to replay")
	}
	token, found := findCheck(report, "token")
	if !found {
		return ukgsim.Config{}, ErrNothingToReplay
	}
	replay := &ukgsim.Replay{
		Granted:     report.GrantedScopes,
		ScopeSource: report.ScopeSource,
		Probes:      map[string]ukgsim.Response{},
	}
	switch {
	case token.HTTPStatus != 0:
		replay.Token = recordedResponse(token)
	case token.Problem == verify.CodeTimeout:
		replay.Silent = true
	default:
		return ukgsim.Config{}, fmt.Errorf("%w (%s)", ErrNothingToReplay, token.Problem)
	}
	for _, c := range report.Checks {
		if name, isProbe := strings.CutPrefix(c.Name, "probe:"); isProbe && c.HTTPStatus != 0 {
			replay.Probes[name] = recordedResponse(c)
		}
	}
	// A token that listed no scopes still carried some, since the recorded
	// reads show what it could do: the replayed token grants every required
	// scope without listing them, and the recorded read failures stay.
	if report.ScopeSource == verify.ScopeSourceNone {
		replay.Granted = ukg.RequiredScopeNames()
	}
	tenant := s.Profile.Tenant
	if tenant == "" {
		tenant = tenantFromURL(report.Endpoints.APIBaseURL)
	}
	return ukgsim.Config{Replay: replay, Tenant: tenant}, nil
}

func findCheck(r *verify.Report, name string) (verify.Check, bool) {
	for _, c := range r.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return verify.Check{}, false
}

func recordedResponse(c verify.Check) ukgsim.Response {
	response := ukgsim.Response{Status: c.HTTPStatus, ContentType: c.ContentType}
	if c.HTTPStatus != http.StatusOK {
		response.Error = oauthErrors[c.Problem]
	}
	return response
}

// tenantFromURL returns the tenant segment of an API base URL such as
// https://servicet.ultipro.com/talent/recruiting/v2/USG1008IT124S/api.
func tenantFromURL(apiBase string) string {
	parts := strings.Split(strings.TrimSuffix(apiBase, "/"), "/")
	if len(parts) >= 2 && parts[len(parts)-1] == "api" {
		return parts[len(parts)-2]
	}
	return ""
}
