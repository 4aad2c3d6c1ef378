package verify

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	"github.com/ukglink/ukglink/backend/ukg"
)

// EndpointEnv names the environment variable that has the meaning of the
// --ukg-endpoint flag. The caller reads it and sets Options.Endpoint.
const EndpointEnv = "UKGLINK_UKG_ENDPOINT"

// errHostNotAllowed marks a request to a host outside the allow-list.
var errHostNotAllowed = errors.New("host not allowed")

// dnsLabel is one lower-case DNS label of letters, digits and inner hyphens.
var dnsLabel = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// tenantPattern is the character set of a tenant alias. The tenant becomes a
// path segment, so anything else could change the path.
var tenantPattern = regexp.MustCompile(`^[A-Za-z0-9]{1,64}$`)

// CheckEndpoint parses raw as a test or demo endpoint. It must be an http or
// https URL without user information, path, query or fragment, whose host is
// "localhost" in any case or a loopback IP literal (127.0.0.0/8, ::1). The
// result has only the scheme and host set, with "localhost" in lower case.
// The verifier dials "localhost" as 127.0.0.1 or ::1 without a name lookup
// (see resolveLocalhost).
func CheckEndpoint(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("endpoint %q is not a URL: %w", raw, errHostNotAllowed)
	}
	if u.User != nil {
		return nil, fmt.Errorf("endpoint must not contain a user name or password: %w", errHostNotAllowed)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("endpoint %q must start with http:// or https://: %w", raw, errHostNotAllowed)
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("endpoint %q must have no path, query or fragment: %w", raw, errHostNotAllowed)
	}
	if !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("endpoint host %q is not localhost or a loopback address: %w", u.Hostname(), errHostNotAllowed)
	}
	host := u.Host
	if isLocalhost(u.Hostname()) {
		host = strings.ToLower(host)
	}
	return &url.URL{Scheme: u.Scheme, Host: host}, nil
}

// isLocalhost reports whether host is "localhost", ignoring case as host
// names do.
func isLocalhost(host string) bool {
	return strings.EqualFold(host, "localhost")
}

func isLoopbackHost(host string) bool {
	if isLocalhost(host) {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkIdentityHost accepts only an exact, normalized entry of the
// identity-host allow-list, so look-alikes and host:port forms fail.
func checkIdentityHost(host string) error {
	if _, ok := ukg.LookupIdentityHost(host); !ok {
		return fmt.Errorf("identity host %q is not on the UKG allow-list: %w", host, errHostNotAllowed)
	}
	return nil
}

// checkServiceHost accepts one DNS label followed by one UKG domain.
func checkServiceHost(host string) error {
	label, domain, found := strings.Cut(host, ".")
	if found && dnsLabel.MatchString(label) {
		for _, d := range ukg.Domains {
			if domain == d {
				return nil
			}
		}
	}
	return fmt.Errorf("web-service host %q is not one label on a UKG domain: %w", host, errHostNotAllowed)
}

// targets are the checked addresses of one verification.
type targets struct {
	endpoints ukg.Endpoints
	tokenURL  *url.URL
	apiBase   *url.URL
}

// resolveTargets checks the request and builds its addresses before any
// connection is made. It returns a host_not_allowed or invalid_input problem
// when a value is unsafe to use.
func resolveTargets(req Request, endpoint string) (targets, *Problem) {
	if p := checkInputs(req); p != nil {
		return targets{}, p
	}
	pf := req.Profile
	account, _ := ukg.LookupAccountType(accountTypeID(pf.AccountType))
	identity := account.IdentityHost
	if pf.IdentityHost != "" {
		identity = pf.IdentityHost
	}
	if err := checkIdentityHost(identity); err != nil {
		return targets{}, hostProblem(identity, ukg.FieldIdentityHost, hintIdentity, err)
	}
	service := pf.Subdomain + "." + account.Domain
	if err := checkServiceHost(service); err != nil {
		return targets{}, hostProblem(pf.Subdomain, ukg.FieldSubdomain, hintService, err)
	}
	ends, err := ukg.ResolveEndpoints(pf.Subdomain, account.ID, pf.IdentityHost, pf.Tenant)
	if err != nil {
		return targets{}, hostProblem(identity, ukg.FieldIdentityHost, hintIdentity, err)
	}
	return buildTargets(ends, identity, pf.Tenant, endpoint)
}

func accountTypeID(id string) string {
	if id == "" {
		return ukg.DefaultAccountTypeID
	}
	return id
}

// buildTargets turns resolved endpoints into URLs. With a test endpoint both
// URLs move to it and keep the UKG paths.
func buildTargets(ends ukg.Endpoints, identity, tenant, endpoint string) (targets, *Problem) {
	host, _ := ukg.LookupIdentityHost(identity)
	tokenURL := &url.URL{Scheme: "https", Host: ends.IdentityHost, Path: ukg.TokenPathFor(host, tenant)}
	apiBase := &url.URL{Scheme: "https", Host: ends.ServiceHost, Path: ukg.APIPathFor(tenant)}
	if endpoint != "" {
		base, err := CheckEndpoint(endpoint)
		if err != nil {
			return targets{}, hostProblem(redactURL(endpoint), ukg.FieldNetwork, hintEndpoint, err)
		}
		tokenURL.Scheme, tokenURL.Host = base.Scheme, base.Host
		apiBase.Scheme, apiBase.Host = base.Scheme, base.Host
	}
	ends.TokenURL = tokenURL.String()
	ends.APIBaseURL = apiBase.String()
	return targets{endpoints: ends, tokenURL: tokenURL, apiBase: apiBase}, nil
}

// checkInputs rejects empty or malformed values that the allow-list checks
// do not cover.
func checkInputs(req Request) *Problem {
	pf := req.Profile
	if _, ok := ukg.LookupAccountType(accountTypeID(pf.AccountType)); !ok {
		msg := fmt.Sprintf("The account type %q is unknown. Choose one of: %s.",
			pf.AccountType, strings.Join(ukg.AccountTypeIDs(), ", "))
		return inputProblem(ukg.FieldAccountType, msg)
	}
	if !tenantPattern.MatchString(pf.Tenant) {
		msg := fmt.Sprintf("The tenant name %q must be letters and digits only, such as USG1008IT124S.", pf.Tenant)
		return inputProblem(ukg.FieldTenant, msg)
	}
	if pf.ClientID == "" || strings.ContainsFunc(pf.ClientID, isSpaceOrControl) {
		return inputProblem(ukg.FieldClientID, "The client ID is empty or contains spaces or control characters. Paste it again from the UKG support case.")
	}
	if req.Secret.IsZero() {
		return inputProblem(ukg.FieldClientSecret, "The client secret is empty. Paste it from the UKG support case.")
	}
	for _, s := range req.Scopes {
		if s == "" || strings.ContainsFunc(s, isSpaceOrControl) {
			return inputProblem("", fmt.Sprintf("The scope %q is empty or contains spaces.", s))
		}
	}
	return nil
}

func isSpaceOrControl(r rune) bool {
	return r <= ' ' || r == 0x7f
}

func inputProblem(field, message string) *Problem {
	p := newProblem(CodeInvalidInput, map[string]string{"hint": message}, "")
	p.Field = field
	return &p
}

func hostProblem(host, field, hint string, err error) *Problem {
	vars := map[string]string{
		"host":          fmt.Sprintf("%q", host),
		"hint":          hint,
		"allowed_hosts": allowedIdentityHosts(),
	}
	p := newProblem(CodeHostNotAllowed, vars, err.Error())
	p.Field = field
	return &p
}

// redactURL hides a password in raw, which the admin may have pasted into
// the endpoint by mistake.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}
