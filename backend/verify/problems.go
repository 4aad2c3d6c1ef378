package verify

import (
	"strings"

	"github.com/ukglink/ukglink/backend/ukg"
)

// Problem codes. They are stable: the UI, saved reports and support scripts
// match on them.
const (
	CodeInvalidClient      = "invalid_client"
	CodeInvalidRequest     = "invalid_request"
	CodeMissingScopes      = "missing_scopes"
	CodeWrongTenantOrHost  = "wrong_tenant_or_host"
	CodeTokenNotAccepted   = "token_not_accepted"
	CodePermissionDenied   = "permission_denied"
	CodeNotFound           = "not_found"
	CodeUKGUnavailable     = "ukg_unavailable"
	CodeRateLimited        = "rate_limited"
	CodeTimeout            = "timeout"
	CodeUnreachable        = "unreachable"
	CodeDNSFailure         = "dns_failure"
	CodeTLSFailure         = "tls_failure"
	CodeHostNotAllowed     = "host_not_allowed"
	CodeBadTokenResponse   = "bad_token_response"
	CodeCancelled          = "cancelled"
	CodeInvalidInput       = "invalid_input"
	CodeUnexpectedResponse = "unexpected_response"
)

// ProblemInfo is one catalogue entry: the field to point at, a short title
// and the admin-facing message template.
//
// Message placeholders are written {name} and filled by the verifier:
// {host} the host tried, {token_url}, {tenant}, {client_id}, {scope},
// {probe}, {scopes} (a comma-separated list), {fields}, {status},
// {seconds}, and {hint}, one or more sentences from the hints table.
type ProblemInfo struct {
	Field   string `json:"field"`
	Title   string `json:"title"`
	Message string `json:"message"`
}

// problemCatalogue maps every problem code to its entry.
var problemCatalogue = map[string]ProblemInfo{
	CodeInvalidClient: {
		Field: ukg.FieldClientSecret,
		Title: "Client ID or secret rejected",
		Message: "UKG rejected the client ID or client secret. Copy both again from the UKG support case, " +
			"or ask UKG whether the secret was rotated. UKG Web Services API keys (Customer or User API key) " +
			"and service-account passwords are not the Recruiting OAuth client ID and secret. " +
			"If that is what you have, send UKG this request: {hint}",
	},
	CodeInvalidRequest: {
		Field: ukg.FieldClientID,
		Title: "Token request rejected",
		Message: "UKG rejected the token request as invalid. Check the client ID for stray characters, " +
			"then send the technical details to UKG support if it happens again.",
	},
	CodeMissingScopes: {
		Field: ukg.FieldClientID,
		Title: "Scopes not enabled",
		Message: "UKG knows the client {client_id} but has not enabled every scope the recruiting product needs. " +
			"Send UKG support this list and ask them to enable it for the client: {scopes}.",
	},
	CodeWrongTenantOrHost: {
		Field: ukg.FieldTenant,
		Title: "Tenant or identity host wrong",
		Message: "{host} has no token endpoint for tenant {tenant}. The request went to {token_url}. " +
			"The tenant name or the identity host is wrong, not the client secret. " +
			"Check the tenant name in your UKG Pro Recruiting address and the account type.{hint}",
	},
	CodeTokenNotAccepted: {
		Field: ukg.FieldSubdomain,
		Title: "Token not accepted",
		Message: "UKG issued a token, but {host} did not accept it (401). The web-service host or tenant probably " +
			"belongs to another environment than the credentials, such as a test tenant with production credentials. " +
			"Check the web-service subdomain and the account type.",
	},
	CodePermissionDenied: {
		Field: ukg.FieldClientID,
		Title: "Permission missing",
		Message: "Connected, but permission {scope} is missing: UKG refused to read {probe} (403). " +
			"Ask UKG support to enable {scope} for the client {client_id}.",
	},
	CodeNotFound: {
		Field: ukg.FieldSubdomain,
		Title: "Recruiting API not found",
		Message: "{host} has no Recruiting API for tenant {tenant} (404). Check the web-service subdomain " +
			"and the tenant name.{hint}",
	},
	CodeUKGUnavailable: {
		Field: "",
		Title: "UKG temporarily unavailable",
		Message: "UKG at {host} is temporarily unavailable, for maintenance or an outage. " +
			"This is not a problem with your credentials: verify again later.",
	},
	CodeRateLimited: {
		Field:   "",
		Title:   "UKG rate limit reached",
		Message: "UKG at {host} is limiting requests (429). Wait a minute, then verify again.",
	},
	CodeTimeout: {
		Field: ukg.FieldNetwork,
		Title: "UKG not reachable",
		Message: "Could not reach UKG at {host}, check network or proxy. No response came within {seconds} seconds. " +
			"If your network needs a proxy, set HTTPS_PROXY, or ask IT whether a firewall blocks {host}.",
	},
	CodeUnreachable: {
		Field: ukg.FieldNetwork,
		Title: "Connection failed",
		Message: "The connection to {host} failed. Check the network and proxy settings, " +
			"then verify again.",
	},
	CodeDNSFailure: {
		Field: ukg.FieldAccountType,
		Title: "Host name not found",
		Message: "The host name {host} could not be found. The account type or identity host is probably wrong, " +
			"or this computer is offline.{hint}",
	},
	CodeTLSFailure: {
		Field: ukg.FieldAccountType,
		Title: "Secure connection failed",
		Message: "The secure connection to {host} failed because its certificate or TLS handshake was not accepted. " +
			"The account type or identity host may be wrong, or a proxy is intercepting HTTPS.{hint}",
	},
	CodeHostNotAllowed: {
		Field:   ukg.FieldIdentityHost,
		Title:   "Host not allowed",
		Message: "{host} is not an allowed UKG host, so nothing was sent to it.{hint}",
	},
	CodeBadTokenResponse: {
		Field: "",
		Title: "Token response unreadable",
		Message: "UKG responded to the token request without an access token. Fields received: {fields}. " +
			"Send the technical details to UKG support.",
	},
	CodeCancelled: {
		Field:   "",
		Title:   "Verification cancelled",
		Message: "The verification was cancelled before it finished. Nothing was changed: start it again when ready.",
	},
	CodeInvalidInput: {
		Field:   "",
		Title:   "Value invalid",
		Message: "{hint}",
	},
	CodeUnexpectedResponse: {
		Field: "",
		Title: "Unexpected response from UKG",
		Message: "UKG at {host} sent an unexpected response (HTTP {status}). " +
			"Send the technical details to UKG support.",
	},
}

// Hints are the optional sentences that fill {hint}. Each starts with a
// space so that an empty hint leaves the message intact.
const (
	hintUpperTenant = " Tenant names are usually upper case: try {tenant_upper}."
	hintOtherHosts  = " Other account types use these identity hosts: {other_hosts}."
	hintSubdomain   = " Check the web-service subdomain."
	hintIdentity    = " Identity hosts must be one of: {allowed_hosts}."
	hintService     = " The web-service subdomain must be one label, such as servicet, on a UKG domain."
	hintEndpoint    = " A test endpoint must be an http or https address on this computer, such as http://127.0.0.1:8443."
)

// requestTextTemplate is the text an admin sends UKG to obtain Recruiting
// OAuth credentials.
const requestTextTemplate = "\"Please register an OAuth 2.0 client-credentials integration for UKG Pro Recruiting " +
	"on tenant {tenant} and send us its client ID and client secret, the identity host, and whether they are " +
	"for production or test. Please enable these scopes: {required_scopes}.\""

// ProblemFor returns the catalogue entry of code. An unknown code returns
// the entry of unexpected_response.
func ProblemFor(code string) ProblemInfo {
	if info, ok := problemCatalogue[code]; ok {
		return info
	}
	return problemCatalogue[CodeUnexpectedResponse]
}

// newProblem fills the template of code with vars. The hint is rendered
// first because it may contain placeholders itself.
func newProblem(code string, vars map[string]string, detail string) Problem {
	info := ProblemFor(code)
	pairs := make([]string, 0, 2*len(vars)+2)
	for name, value := range vars {
		if name != "hint" {
			pairs = append(pairs, "{"+name+"}", value)
		}
	}
	hint := strings.NewReplacer(pairs...).Replace(vars["hint"])
	pairs = append(pairs, "{hint}", hint)
	return Problem{
		Code:    code,
		Field:   info.Field,
		Title:   info.Title,
		Message: strings.NewReplacer(pairs...).Replace(info.Message),
		Detail:  detail,
	}
}

// otherIdentityHosts lists the account types whose identity host is not
// host, for the hint after a DNS or TLS failure or a missing token endpoint.
func otherIdentityHosts(host string) string {
	var parts []string
	for _, account := range ukg.AccountTypes {
		if account.IdentityHost != host {
			parts = append(parts, account.Label+": "+account.IdentityHost)
		}
	}
	return strings.Join(parts, "; ")
}

// allowedIdentityHosts lists the identity-host allow-list.
func allowedIdentityHosts() string {
	names := make([]string, len(ukg.IdentityHosts))
	for i, h := range ukg.IdentityHosts {
		names[i] = h.Host
	}
	return strings.Join(names, ", ")
}
