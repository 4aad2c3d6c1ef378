package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/verify"
)

// profileFlags are the flags that name a linked account: a saved profile,
// individual values, or both (values override the saved profile).
type profileFlags struct {
	name         string
	subdomain    string
	accountType  string
	tenant       string
	clientID     string
	identityHost string
	secretFile   string
	endpoint     string

	// secretStored is the saved profile's record that its client secret is
	// in the keychain, set by resolveProfile.
	secretStored bool
}

func addProfileFlags(fs *flag.FlagSet) *profileFlags {
	f := &profileFlags{}
	fs.StringVar(&f.name, "profile", "", "saved profile `NAME` to use (values below override it)")
	fs.StringVar(&f.subdomain, "subdomain", "", "web-service subdomain, host or URL, e.g. servicet")
	fs.StringVar(&f.accountType, "account-type", "", "account type `ID` (default \"production\"; see: ukglink check account-type --list)")
	fs.StringVar(&f.tenant, "tenant", "", "tenant alias or Recruiting URL, e.g. USG1008IT124S")
	fs.StringVar(&f.clientID, "client-id", "", "OAuth client ID issued by UKG")
	fs.StringVar(&f.identityHost, "identity-host", "", "identity host override, e.g. signin.ukg.net")
	fs.StringVar(&f.secretFile, "client-secret-file", "", "read the client secret from `FILE` (\"-\" for standard input)")
	fs.StringVar(&f.endpoint, "ukg-endpoint", "", "loopback `URL` of a UKG simulator to use instead of UKG (also "+verify.EndpointEnv+")")
	return f
}

// resolveProfile builds the normalized profile from the saved profile and the
// flags, printing what the parsers noted to standard error.
func (f *profileFlags) resolveProfile(e *env) (profile.Profile, error) {
	var p profile.Profile
	if f.name != "" {
		store, err := profile.OpenStore()
		if err != nil {
			return p, failure(err)
		}
		draft, err := store.Load(f.name)
		if err != nil {
			return p, usageError(err, "list the saved profiles: ukglink profiles list")
		}
		p = draft.Profile
		f.secretStored = draft.SecretStored
		e.log = e.log.With("profile", f.name)
	}
	if err := f.applyValues(e, &p, flagNames); err != nil {
		return p, err
	}
	if p.AccountType == "" {
		p.AccountType = ukg.DefaultAccountTypeID
	}
	if p.Name == "" && profile.ValidateName(strings.ToLower(p.Tenant)) == nil {
		// A bundle sealed from flags alone is named after its tenant.
		p.Name = strings.ToLower(p.Tenant)
	}
	if missing := missingValues(p, flagNames); len(missing) > 0 {
		return p, usageError(fmt.Errorf("missing %s", strings.Join(missing, ", ")),
			"give them as flags, or name a saved profile with --profile")
	}
	return p, nil
}

// valueNames are the names of the profile values in messages: the flags of
// a command, or the columns of a seal-batch CSV.
type valueNames struct {
	subdomain, accountType, tenant, clientID, identityHost string
}

var (
	flagNames   = valueNames{"--subdomain", "--account-type", "--tenant", "--client-id", "--identity-host"}
	columnNames = valueNames{"subdomain", "account_type", "tenant", "client_id", "identity_host"}
)

// applyValues parses the values given in f into p. A subdomain pasted as a
// host or URL also decides the account type when none is given, and must
// match the one given.
func (f *profileFlags) applyValues(e *env, p *profile.Profile, names valueNames) error {
	var pasted ukg.Subdomain
	if f.subdomain != "" {
		sub, err := ukg.ParseSubdomain(f.subdomain)
		if err != nil {
			return fieldError(err)
		}
		printNotes(e.Err, sub.Notes, sub.Warnings)
		p.Subdomain = sub.Value.Value
		pasted = sub
	}
	if f.accountType != "" {
		account, err := ukg.ParseAccountType(f.accountType)
		if err != nil {
			return fieldError(err)
		}
		p.AccountType = account.ID
	}
	if pasted.Domain != "" {
		if err := matchAccountType(e, p, pasted, f.accountType != "", names); err != nil {
			return err
		}
	}

	values := []struct {
		input string
		parse func(string) (ukg.Value, error)
		dest  *string
	}{
		{f.tenant, ukg.ParseTenant, &p.Tenant},
		{f.clientID, ukg.ParseClientID, &p.ClientID},
		{f.identityHost, ukg.ParseIdentityHost, &p.IdentityHost},
	}
	for _, v := range values {
		if v.input == "" {
			continue
		}
		parsed, err := v.parse(v.input)
		if err != nil {
			return fieldError(err)
		}
		printNotes(e.Err, parsed.Notes, parsed.Warnings)
		*v.dest = parsed.Value
	}
	return nil
}

// matchAccountType checks p's account type against the UKG domain of a
// pasted web-service host. An account type that was given must be on that
// domain. Otherwise an account type already on the domain stays, and any
// other is replaced by the production account type of the domain.
func matchAccountType(e *env, p *profile.Profile, pasted ukg.Subdomain, accountTypeGiven bool, names valueNames) error {
	host := pasted.Value.Value + "." + pasted.Domain
	current, known := ukg.LookupAccountType(p.AccountType)
	if known && current.Domain == pasted.Domain {
		return nil
	}
	fitting := accountTypesOn(pasted.Domain)
	if accountTypeGiven {
		hints := []string{fmt.Sprintf("give only the subdomain, %s %s, to keep %s %s",
			names.subdomain, pasted.Value.Value, names.accountType, current.ID)}
		if len(fitting) > 0 {
			hints = append([]string{fmt.Sprintf("account types on %s: %s", pasted.Domain,
				strings.Join(fitting, ", "))}, hints...)
		}
		return usageError(fmt.Errorf("%s %s is on %s, but %s %s is on %s",
			names.accountType, current.ID, current.Domain, names.subdomain, host, pasted.Domain), hints...)
	}

	production, found := productionAccountType(pasted.Domain)
	if !found {
		return usageError(fmt.Errorf("no production account type is on %s, the domain of %s %s",
			pasted.Domain, names.subdomain, host),
			fmt.Sprintf("choose one with %s: %s", names.accountType, strings.Join(fitting, ", ")))
	}
	if known {
		fmt.Fprintf(e.Err, "note: changed the account type from %s to %s, because %s is on %s\n",
			current.ID, production.ID, host, pasted.Domain)
	} else if production.ID != ukg.DefaultAccountTypeID {
		fmt.Fprintf(e.Err, "note: using account type %s, because %s is on %s\n", production.ID, host, pasted.Domain)
	}
	p.AccountType = production.ID
	return nil
}

// accountTypesOn returns the IDs of the account types on domain.
func accountTypesOn(domain string) []string {
	var ids []string
	for _, a := range ukg.AccountTypes {
		if a.Domain == domain {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

// productionAccountType returns the production account type on domain.
func productionAccountType(domain string) (ukg.AccountType, bool) {
	for _, a := range ukg.AccountTypes {
		if a.Domain == domain && a.Environment == ukg.Production {
			return a, true
		}
	}
	return ukg.AccountType{}, false
}

func missingValues(p profile.Profile, names valueNames) []string {
	var missing []string
	if p.Subdomain == "" {
		missing = append(missing, names.subdomain)
	}
	if p.Tenant == "" {
		missing = append(missing, names.tenant)
	}
	if p.ClientID == "" {
		missing = append(missing, names.clientID)
	}
	return missing
}

// keychainAlternative is the command line's way forward without a keychain.
const keychainAlternative = "pass the client secret with --client-secret-file FILE " +
	"or pipe it to standard input, which needs no keychain"

// keychainError returns a failure with the keychain's hint, then hints. The
// way around the keychain is offered for saving and loading a secret only.
func keychainError(err error, hints ...string) error {
	var kerr *keychain.Error
	if !errors.As(err, &kerr) || kerr.Hint == "" {
		return failure(err, hints...)
	}
	hint := kerr.Hint
	if kerr.Op != "delete" {
		hint = kerr.HintWith(keychainAlternative)
	}
	return failure(err, append([]string{hint}, hints...)...)
}

// endpoint returns the simulator endpoint from --ukg-endpoint or the
// environment, checked to be loopback.
func (f *profileFlags) resolveEndpoint(e *env) (string, error) {
	raw := f.endpoint
	if raw == "" {
		raw = e.getenv(verify.EndpointEnv)
	}
	if raw == "" {
		return "", nil
	}
	if _, err := verify.CheckEndpoint(raw); err != nil {
		return "", usageError(err, "--ukg-endpoint only takes a loopback address such as http://127.0.0.1:8443, for the simulator")
	}
	return raw, nil
}
