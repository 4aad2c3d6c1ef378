// Package ukg holds what the app knows about UKG Pro Recruiting: its domains,
// identity hosts, account types, scopes and API paths, and the parsers that
// turn what an admin pastes into those values.
//
// Every UKG-specific literal lives in the tables of this file, so a fact that
// turns out wrong changes in one place. Facts marked "unconfirmed" have no
// public source yet.
package ukg

import (
	"fmt"
	"regexp"
	"strings"
)

// Domains are the UKG DNS domains that web-service and identity hosts may
// belong to. No other domain is accepted.
var Domains = []string{"ultipro.com", "ultipro.ca", "ukgpro.com", "ukg.net"}

// IdentityHost is a host that issues OAuth tokens, with the path template of
// its token endpoint. "{tenant}" in TokenPath is replaced by the tenant alias.
type IdentityHost struct {
	Host      string
	TokenPath string
}

const (
	currentTokenPath = "/signin/oauth2/t/{tenant}/access_token"
	legacyTokenPath  = "/t/{tenant}/token"
)

// IdentityHosts is the allow-list of hosts that may receive the client
// secret. The signin.* hosts are seen in current public clients and the
// login.* hosts in older ones.
//
// NOTE: signin.ultipro.ca and signin.ukgpro.com are inferred from the domain
// list, not seen in a public client; regional (EU) identity hosts are unknown.
var IdentityHosts = []IdentityHost{
	{Host: "signin.ultipro.com", TokenPath: currentTokenPath},
	{Host: "signin.ukg.net", TokenPath: currentTokenPath},
	{Host: "signin.ultipro.ca", TokenPath: currentTokenPath},
	{Host: "signin.ukgpro.com", TokenPath: currentTokenPath},
	{Host: "login.ultipro.com", TokenPath: legacyTokenPath},
	{Host: "login.ultipro.ca", TokenPath: legacyTokenPath},
}

// LookupIdentityHost returns the allow-listed identity host named host, which
// must already be normalized (lower case, no port, no trailing dot).
func LookupIdentityHost(host string) (IdentityHost, bool) {
	for _, h := range IdentityHosts {
		if h.Host == host {
			return h, true
		}
	}
	return IdentityHost{}, false
}

// Environment is the UKG environment a set of credentials belongs to.
type Environment string

const (
	Production Environment = "production"
	Test       Environment = "test"
)

// AccountType is one choice of the linking flow's "account type" step: it
// decides the web-service domain and the default identity host.
type AccountType struct {
	ID           string      `json:"id"`
	Label        string      `json:"label"`
	Description  string      `json:"description"`
	Environment  Environment `json:"environment"`
	Domain       string      `json:"domain"`
	IdentityHost string      `json:"identity_host"`
}

// DefaultAccountTypeID is the most common account type, used when none is given.
const DefaultAccountTypeID = "production"

// AccountTypes are the account-type options.
//
// NOTE: UKG has not published the options of this step. The table follows the
// best evidence: the choice selects the environment and the UKG domain, which
// decide the identity host. The identity host can always be overridden.
var AccountTypes = []AccountType{
	{
		ID:           "production",
		Label:        "Production (ultipro.com)",
		Description:  "The live UKG Pro tenant your employees use, with web-service hosts such as service2.ultipro.com.",
		Environment:  Production,
		Domain:       "ultipro.com",
		IdentityHost: "signin.ultipro.com",
	},
	{
		ID:           "test",
		Label:        "Test or sandbox (ultipro.com)",
		Description:  "A UKG test tenant on ultipro.com, usually with the web-service host servicet.ultipro.com.",
		Environment:  Test,
		Domain:       "ultipro.com",
		IdentityHost: "signin.ultipro.com",
	},
	{
		ID:           "canada",
		Label:        "Production, Canada (ultipro.ca)",
		Description:  "A tenant hosted in Canada, with web-service hosts such as service3.ultipro.ca.",
		Environment:  Production,
		Domain:       "ultipro.ca",
		IdentityHost: "signin.ultipro.ca",
	},
	{
		ID:           "ukgpro",
		Label:        "Production (ukgpro.com)",
		Description:  "A tenant on the newer ukgpro.com domain, with web-service hosts such as service101.ukgpro.com.",
		Environment:  Production,
		Domain:       "ukgpro.com",
		IdentityHost: "signin.ukg.net",
	},
	{
		ID:           "ukgnet",
		Label:        "Production (ukg.net)",
		Description:  "A tenant whose UKG addresses end in ukg.net.",
		Environment:  Production,
		Domain:       "ukg.net",
		IdentityHost: "signin.ukg.net",
	},
}

// LookupAccountType returns the account type with the given ID. The match
// ignores case and surrounding spaces.
func LookupAccountType(id string) (AccountType, bool) {
	id = strings.ToLower(strings.TrimSpace(id))
	for _, a := range AccountTypes {
		if a.ID == id {
			return a, true
		}
	}
	return AccountType{}, false
}

// AccountTypeIDs returns the IDs of all account types, in table order.
func AccountTypeIDs() []string {
	ids := make([]string, len(AccountTypes))
	for i, a := range AccountTypes {
		ids[i] = a.ID
	}
	return ids
}

// Scope is one OAuth scope the recruiting product needs.
type Scope struct {
	Name string `json:"name"`
	// Area and Access group scopes for display: what may be read or written.
	Area   string `json:"area"`
	Access string `json:"access"`
	// Summary says in plain words what the scope allows.
	Summary string `json:"summary"`
}

// RequiredScopes are the 14 scopes UKG must enable for the client. Older
// guides list only the ten without "import"; the import scopes are required.
var RequiredScopes = []Scope{
	{"recruiting.domain.application-import.create", "Application import", "create", "Import applications into UKG Pro Recruiting."},
	{"recruiting.domain.application-import.read", "Application import", "read", "Read the status of application imports."},
	{"recruiting.domain.applications.read", "Applications", "read", "Read job applications."},
	{"recruiting.domain.applications.write", "Applications", "write", "Update job applications."},
	{"recruiting.domain.candidate-import.create", "Candidate import", "create", "Import candidates into UKG Pro Recruiting."},
	{"recruiting.domain.candidate-import.read", "Candidate import", "read", "Read the status of candidate imports."},
	{"recruiting.domain.candidates.read", "Candidates", "read", "Read candidate profiles."},
	{"recruiting.domain.candidates.write", "Candidates", "write", "Update candidate profiles."},
	{"recruiting.domain.configuration.read", "Configuration", "read", "Read recruiting settings such as applicant sources."},
	{"recruiting.domain.configuration.write", "Configuration", "write", "Change recruiting settings such as applicant sources."},
	{"recruiting.domain.offers.read", "Offers", "read", "Read job offers."},
	{"recruiting.domain.offers.write", "Offers", "write", "Create and update job offers."},
	{"recruiting.domain.opportunities.read", "Opportunities", "read", "Read job opportunities (requisitions)."},
	{"recruiting.domain.opportunities.write", "Opportunities", "write", "Create and update job opportunities."},
}

// RequiredScopeNames returns the names of RequiredScopes, in table order.
func RequiredScopeNames() []string {
	names := make([]string, len(RequiredScopes))
	for i, s := range RequiredScopes {
		names[i] = s.Name
	}
	return names
}

// APIPath is the path template of the Recruiting API base on a web-service host.
const APIPath = "/talent/recruiting/v2/{tenant}/api"

// Probe is a cheap read-only call that shows host, tenant and token work
// together. Any one of several scopes admits a call, so a successful probe
// does not prove a particular scope.
type Probe struct {
	Name string `json:"name"`
	// Path is relative to the API base, with its query.
	Path string `json:"path"`
	// Scope is the scope the probe is meant to exercise, for the report.
	Scope string `json:"scope"`
	// Inferred marks a path that is not documented for GET.
	Inferred bool `json:"inferred,omitempty"`
}

// Probes are the read calls of a verification. Verification never writes.
//
// NOTE: GET /applicant-sources is inferred from the documented POST. There is
// no confirmed read endpoint for offers and none for candidate import.
var Probes = []Probe{
	{Name: "applications", Path: "/applications?page=1&per_page=1", Scope: "recruiting.domain.applications.read"},
	{Name: "candidates", Path: "/candidates?page=1&per_page=1", Scope: "recruiting.domain.candidates.read"},
	{Name: "opportunities", Path: "/opportunities?page=1&per_page=1", Scope: "recruiting.domain.opportunities.read"},
	{Name: "applicant-sources", Path: "/applicant-sources?page=1&per_page=1", Scope: "recruiting.domain.configuration.read", Inferred: true},
}

// Endpoints are the resolved addresses of one linked account.
type Endpoints struct {
	ServiceHost  string `json:"service_host"`
	IdentityHost string `json:"identity_host"`
	TokenURL     string `json:"token_url"`
	APIBaseURL   string `json:"api_base_url"`
}

// ResolveEndpoints builds the HTTPS addresses for a normalized subdomain,
// account type ID, tenant and optional identity host override. The override
// must be on the IdentityHosts allow-list.
func ResolveEndpoints(subdomain, accountTypeID, identityOverride, tenant string) (Endpoints, error) {
	if accountTypeID == "" {
		accountTypeID = DefaultAccountTypeID
	}
	account, ok := LookupAccountType(accountTypeID)
	if !ok {
		return Endpoints{}, fmt.Errorf("unknown account type %q: use one of %s", accountTypeID, strings.Join(AccountTypeIDs(), ", "))
	}
	identityName := account.IdentityHost
	if identityOverride != "" {
		identityName = identityOverride
	}
	identity, ok := LookupIdentityHost(identityName)
	if !ok {
		return Endpoints{}, fmt.Errorf("identity host %q is not a known UKG identity host", identityName)
	}
	serviceHost := subdomain + "." + account.Domain
	return Endpoints{
		ServiceHost:  serviceHost,
		IdentityHost: identity.Host,
		TokenURL:     "https://" + identity.Host + TokenPathFor(identity, tenant),
		APIBaseURL:   "https://" + serviceHost + APIPathFor(tenant),
	}, nil
}

// TokenPathFor returns the token endpoint path of host for tenant.
func TokenPathFor(host IdentityHost, tenant string) string {
	return strings.ReplaceAll(host.TokenPath, "{tenant}", tenant)
}

// APIPathFor returns the API base path for tenant.
func APIPathFor(tenant string) string {
	return strings.ReplaceAll(APIPath, "{tenant}", tenant)
}

// Field names used by parsers, problems and the UI to point at one input.
const (
	FieldSubdomain    = "subdomain"
	FieldAccountType  = "account_type"
	FieldIdentityHost = "identity_host"
	FieldTenant       = "tenant"
	FieldClientID     = "client_id"
	FieldClientSecret = "client_secret"
	FieldNetwork      = "network"
)

// HostKind is the kind of a host that is not a web-service host.
type HostKind string

const (
	RecruitingSiteHost HostKind = "recruiting_site"
	SignInPageHost     HostKind = "sign_in_page"
)

// HostPattern is a host that admins paste in place of a web-service host.
type HostPattern struct {
	// Pattern follows path.Match. Its "*" also matches dots.
	Pattern string
	Kind    HostKind
	// Description is a noun phrase that completes "<host> is the address of …".
	Description string
}

// NotServiceHosts are the hosts that look like UKG addresses but do not
// serve the web services: the Recruiting website and the sign-in pages.
var NotServiceHosts = []HostPattern{
	{Pattern: "recruiting.ultipro.com", Kind: RecruitingSiteHost, Description: "the UKG Pro Recruiting website"},
	{Pattern: "recruiting2.ultipro.com", Kind: RecruitingSiteHost, Description: "the UKG Pro Recruiting website (second cluster)"},
	{Pattern: "recruiting.ultipro.ca", Kind: RecruitingSiteHost, Description: "the UKG Pro Recruiting website in Canada"},
	{Pattern: "rec-demo-*.ultipro.com", Kind: RecruitingSiteHost, Description: "a UKG Pro Recruiting demo website"},
	{Pattern: "*.rec.pro.ukg.net", Kind: RecruitingSiteHost, Description: "your organization's UKG Pro Recruiting website"},
	{Pattern: "login.*", Kind: SignInPageHost, Description: "a sign-in page"},
	{Pattern: "signin.*", Kind: SignInPageHost, Description: "a sign-in page"},
}

// ServiceLabelPrefix starts every web-service subdomain seen in public
// sources: servicet, service2, service5, service3 (ultipro.ca), service101.
//
// NOTE: the prefix is observed, not documented, so a subdomain without it
// gets a warning and is still accepted.
const ServiceLabelPrefix = "service"

// Examples shown in help text and messages.
const (
	ExampleTenant       = "USG1008IT124S"
	ExampleServiceHost  = "servicet.ultipro.com"
	ExampleServiceLabel = "servicet"
	ExampleIdentityHost = "signin.ultipro.com"
)

// TenantShape matches the tenant aliases of every public example: three
// letters, four digits, then 2 to 6 letters or digits (9 to 13 in all).
// It ignores case because case is checked on its own.
//
// NOTE: UKG does not document the shape, so it only raises a warning.
var TenantShape = regexp.MustCompile(`^[A-Za-z]{3}[0-9]{4}[A-Za-z0-9]{2,6}$`)

// CredentialShape is the shape of a UKG Web Services (SOAP) credential that
// admins paste in place of the OAuth client ID.
type CredentialShape struct {
	// Code is the stable code of the warning.
	Code string
	// Looks completes "The client ID looks like …".
	Looks   string
	Pattern *regexp.Regexp
}

// WebServicesClientIDShapes are checked in order and the first match wins.
//
// NOTE: these are heuristics, so a match only raises a warning. The
// 5-character Customer API key is seen in public guides. The User API key
// and user-name shapes are estimates.
var WebServicesClientIDShapes = []CredentialShape{
	{
		Code:    "looks_like_api_key",
		Looks:   "a UKG Web Services Customer API key, which has 5 letters or digits",
		Pattern: regexp.MustCompile(`^[A-Za-z0-9]{5}$`),
	},
	{
		Code:    "looks_like_api_key",
		Looks:   "a UKG Web Services User API key, which has only upper-case letters and digits",
		Pattern: regexp.MustCompile(`^[A-Z0-9]{10,16}$`),
	},
	{
		Code:    "looks_like_user_name",
		Looks:   "a service-account user name or e-mail address",
		Pattern: regexp.MustCompile(`^[^@]+@[^@]+$`),
	},
	{
		Code:    "looks_like_user_name",
		Looks:   `a Windows login name such as DOMAIN\user`,
		Pattern: regexp.MustCompile(`^[^\\]+\\[^\\]+$`),
	},
	{
		Code:    "looks_like_user_name",
		Looks:   "a service-account user name such as first.last or svc_recruiting",
		Pattern: regexp.MustCompile(`^[A-Za-z]+(?:[._][A-Za-z0-9]+)+$`),
	},
}

// MinClientSecretLength is the length below which a client secret looks
// like a password instead of an OAuth client secret.
//
// NOTE: an estimate, because UKG does not publish the length of its client
// secrets.
const MinClientSecretLength = 20
